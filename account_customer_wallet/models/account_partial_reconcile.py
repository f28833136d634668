# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def unlink(self):
        # An invoice no longer paid takes back the top-ups its payment moved
        # into the wallet (and a credit note no longer paid gives them back).
        moves = (self.debit_move_id | self.credit_move_id).move_id.filtered(
            lambda move: move.customer_wallet_settlement_ids
            or move.line_ids._customer_wallet_top_up_lines()
        )
        res = super().unlink()
        moves._customer_wallet_settle_top_ups()
        return res
