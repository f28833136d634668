# res_company first: the customer.wallet SQL view reads the column it adds.
from . import res_company  # isort:skip
from . import (
    account_bank_statement_line,
    account_journal,
    account_move,
    account_move_line,
    account_partial_reconcile,
    account_payment,
    account_payment_method_line,
    customer_wallet,
    customer_wallet_ledger,
    customer_wallet_lock,
    product_template,
    res_config_settings,
    res_partner,
)
