# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _customer_wallet_check_required(self):
        # A session's entry only books the wallet movements of its orders, each
        # checked under the wallet lock when it reached the server: posting it
        # changes no balance, so it must not be refused (an offline overdraft
        # is already flagged on its order).
        if (
            self.env["pos.session"]
            .sudo()
            .search_count([("move_id", "=", self.id)], limit=1)
        ):
            return False
        return super()._customer_wallet_check_required()
