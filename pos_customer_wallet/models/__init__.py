from . import (
    account_move,
    customer_wallet_hold,
    customer_wallet_ledger,
    pos_config,
    pos_order,
    pos_order_line,
    pos_payment,
    pos_payment_method,
    pos_session,
    res_company,
    res_config_settings,
)
