# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def init(self):
        res = super().init()
        # The wallet balances sum the posted items of a few thousand partners
        # at a time (the point of sale loads them all): an index-only scan of
        # this index reads each partner's items without visiting the table.
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
