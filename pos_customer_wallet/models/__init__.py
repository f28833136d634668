from . import account_bank_statement_line
from . import account_move
from . import pos_config
from . import pos_order
from . import pos_payment_method
from . import pos_session
from . import res_config_settings
from . import res_partner
