from . import (
    customer_wallet_statement,
    customer_wallet_top_up,
    customer_wallet_transfer,
)
