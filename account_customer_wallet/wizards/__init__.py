# the wizard mixin first: the others inherit it
from . import customer_wallet_wizard  # isort:skip
from . import (
    base_partner_merge_automatic_wizard,
    customer_wallet_correction,
    customer_wallet_statement,
    customer_wallet_top_up,
    customer_wallet_transfer,
)
