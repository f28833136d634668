from . import (
    account_bank_statement_line,
    account_move,
    pos_config,
    pos_order,
    pos_payment,
    pos_payment_method,
    pos_session,
    res_config_settings,
    res_partner,
)
