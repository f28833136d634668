# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _customer_wallet_open_sessions(self):
        names = super()._customer_wallet_open_sessions()
        sessions = (
            self.env["pos.session"]
            .sudo()
            .search(
                [("company_id", "=", self.id), ("state", "!=", "closed")],
                order="id",
            )
        )
        return names + sessions.mapped("name")
