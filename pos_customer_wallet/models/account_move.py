# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    def write(self, vals):
        # The orders of a session whose entry is not posted count as pending
        # in the balances: resetting the entry would count them again, and
        # posting it again would not be the closing (whose posting alone is
        # exempt from the limit, see guard.SessionClosing). A session's
        # wallet movements are corrected by reversing its entry.
        if vals.get("state", "posted") != "posted":
            posted = self.filtered(lambda move: move.state == "posted")
            sessions = (
                self.env["pos.session"].sudo().search([("move_id", "in", posted.ids)])
                if posted
                else ()
            )
            for session in sessions:
                if session.move_id._customer_wallet_lines():
                    raise UserError(
                        _(
                            "The entry of the point of sale session %(session)s "
                            "books the wallet movements of its orders: reverse it "
                            "instead of resetting or cancelling it.",
                            session=session.name,
                        )
                    )
        return super().write(vals)
