from . import (
    customer_wallet_hold,
    customer_wallet_ledger,
    pos_config,
    pos_order,
    pos_order_line,
    pos_payment,
    pos_payment_method,
    pos_session,
    pos_session_closing,
    pos_session_wallet_flow,
    res_company,
    res_config_settings,
)
