# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import guard

# Fields of a wallet payment, frozen once its order reached the server.
FROZEN_PAYMENT_FIELDS = ("amount", "payment_method_id", "pos_order_id", "partner_id")


class PosPayment(models.Model):
    _inherit = "pos.payment"

    # The wallet payments of an order are read for each wallet order synced
    # (the balance after it) and core reads the payments of each order it
    # records: without an index both scan every payment ever made.
    pos_order_id = fields.Many2one(index=True)

    def _customer_wallet_frozen_error(self, order):
        return UserError(
            _(
                "The wallet payments of the point of sale order %(order)s are "
                "recorded: only a wallet manager may add, change or delete them.",
                order=order.display_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if guard.in_order_sync(self.env):
            return super().create(vals_list)
        Order = self.env["pos.order"]
        Method = self.env["pos.payment.method"]
        frozen = Order
        for vals in vals_list:
            order = Order.browse(guard.record_id(vals.get("pos_order_id")) or [])
            method = Method.browse(guard.record_id(vals.get("payment_method_id")) or [])
            if (
                order
                and order.state != "draft"
                and (
                    method.is_customer_wallet_method or order._customer_wallet_touched()
                )
            ):
                frozen |= order
        if not frozen:
            return super().create(vals_list)
        return frozen._customer_wallet_guard(
            lambda: super(PosPayment, self).create(vals_list),
            self._customer_wallet_frozen_error(frozen[:1]),
        )

    def write(self, vals):
        frozen = self._customer_wallet_frozen_by(vals)
        if not frozen:
            return super().write(vals)
        new_order = self.env["pos.order"].browse(
            guard.record_id(vals.get("pos_order_id")) or []
        )
        return (frozen.pos_order_id | new_order)._customer_wallet_guard(
            lambda: super(PosPayment, self).write(vals),
            self._customer_wallet_frozen_error(frozen[:1].pos_order_id),
            partners=self.env["res.partner"].browse(
                guard.record_id(vals.get("partner_id")) or []
            ),
        )

    def _customer_wallet_frozen_by(self, vals):
        """The wallet payments of ``self`` whose frozen fields ``vals`` changes."""
        names = [name for name in FROZEN_PAYMENT_FIELDS if name in vals]
        if not names or guard.in_order_sync(self.env):
            return self.browse()
        new_method = self.env["pos.payment.method"].browse(
            guard.record_id(vals.get("payment_method_id")) or []
        )
        new_order = self.env["pos.order"].browse(
            guard.record_id(vals.get("pos_order_id")) or []
        )
        new_partner = self.env["res.partner"].browse(
            guard.record_id(vals.get("partner_id")) or []
        )

        def changes(payment):
            wallet = payment.payment_method_id.is_customer_wallet_method or (
                "payment_method_id" in vals and new_method.is_customer_wallet_method
            )
            recorded = payment.pos_order_id.state != "draft" or (
                new_order and new_order.state != "draft"
            )
            if not wallet or not recorded:
                return False
            for name in names:
                if name == "amount":
                    if payment.currency_id.compare_amounts(
                        payment.amount, vals["amount"] or 0.0
                    ):
                        return True
                elif name == "partner_id":
                    if (
                        payment.partner_id.commercial_partner_id
                        != new_partner.commercial_partner_id
                    ):
                        return True
                elif payment[name].id != (guard.record_id(vals[name]) or False):
                    return True
            return False

        return self.filtered(changes)

    def unlink(self):
        frozen = self.browse()
        if not guard.in_order_sync(self.env):
            frozen = self.filtered(
                lambda payment: payment.payment_method_id.is_customer_wallet_method
                and payment.pos_order_id.state != "draft"
            )
        if not frozen:
            return super().unlink()
        return frozen.pos_order_id._customer_wallet_guard(
            lambda: super(PosPayment, self).unlink(),
            self._customer_wallet_frozen_error(frozen[:1].pos_order_id),
        )
