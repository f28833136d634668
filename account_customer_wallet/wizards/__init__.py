from . import customer_wallet_top_up
from . import customer_wallet_transfer
from . import customer_wallet_statement
