# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def init(self):
        res = super().init()
        # The posted wallet items of one partner: what a partner joining
        # another wallet takes along (see customer.wallet.total), and the
        # statement's movements; an index-only scan reads them without
        # visiting the table.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS account_move_line_customer_wallet_idx
                ON account_move_line (partner_id, account_id, company_id)
                   INCLUDE (balance)
             WHERE parent_state = 'posted'
            """
        )
        return res

    def _get_computed_taxes(self):
        # A wallet top-up is a prepayment, not a sale: never fall back on the
        # company's default sales tax.
        if (
            self.product_id.is_customer_wallet_product
            and self.move_id.is_sale_document(include_receipts=True)
        ):
            return self.env["account.tax"]
        return super()._get_computed_taxes()
