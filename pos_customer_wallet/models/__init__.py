from . import (
    account_bank_statement_line,
    account_move,
    customer_wallet_hold,
    customer_wallet_ledger,
    pos_config,
    pos_order,
    pos_payment,
    pos_payment_method,
    pos_session,
    res_config_settings,
)
