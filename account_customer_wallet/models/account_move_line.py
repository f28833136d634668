# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _get_computed_taxes(self):
        # A wallet top-up is a prepayment, not a sale: never fall back on the
        # company's default sales tax.
        if (
            self.product_id.is_customer_wallet_product
            and self.move_id.is_sale_document(include_receipts=True)
        ):
            return self.env["account.tax"]
        return super()._get_computed_taxes()
