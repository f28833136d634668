# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""The stored totals per wallet (customer.wallet.total) are gone: the
balances read the posted journal items through their covering index. Their
triggers, functions and table are dropped here; Odoo removes the records of
the model (ir.model, its fields, access and constraint) at the end of the
update, but not its table, which it no longer knows."""

from odoo.addons.account_customer_wallet.sql import DROP_STORED_TOTALS


def migrate(cr, version):
    for query in DROP_STORED_TOTALS:
        cr.execute(query)
