# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# The states of an order whose wallet movements count (see sql.PENDING_QUERY).
RECORDED_STATES = ("paid", "done", "invoiced")


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_customer_wallet_pending(self):
        """A partner with point of sale wallet orders not booked yet, or whose
        wallet a till keeps money of, is archived, not deleted.

        The pending orders become wallet items of the partner when their
        session's entry is posted: like the posted items that the partner
        guard of ``account_customer_wallet`` keeps, they keep the partner
        (deleting it would take the order's customer and its money away).
        """
        pending = (
            self.env["pos.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("state", "in", RECORDED_STATES),
                    "|",
                    ("session_id.move_id", "=", False),
                    ("session_id.move_id.state", "!=", "posted"),
                ],
                order="id",
            )
            .filtered(lambda order: order._customer_wallet_touched())
        )
        if pending:
            order = pending[0]
            raise UserError(
                _(
                    "%(partner)s cannot be deleted: its wallet orders of the point "
                    "of sale session %(session)s are not booked yet; archive it "
                    "instead.",
                    partner=order.partner_id.name,
                    session=order.session_id.name,
                )
            )
        hold = (
            self.env["customer.wallet.hold"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("expiry", ">", fields.Datetime.now()),
                ],
                order="id",
                limit=1,
            )
        )
        if hold:
            raise UserError(
                _(
                    "%(partner)s cannot be deleted: the point of sale session "
                    "%(session)s keeps money of its wallet for an order; archive "
                    "it instead, or release the hold first.",
                    partner=hold.partner_id.name,
                    session=hold.session_id.name,
                )
            )
