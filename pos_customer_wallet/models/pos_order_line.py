# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .. import guard

# Fields of a top-up line, frozen once its order reached the server.
FROZEN_LINE_FIELDS = (
    "product_id",
    "qty",
    "price_unit",
    "discount",
    "tax_ids",
    "price_subtotal",
    "price_subtotal_incl",
    "order_id",
)
# Fields of any line of an order that moved a wallet or refunds such an order,
# frozen once its order reached the server: what was sold and refunded, and
# so what is left to refund to the wallet.
FROZEN_REFUND_FIELDS = (
    "refunded_orderline_id",
    "order_id",
    "qty",
    "price_unit",
    "price_subtotal",
    "price_subtotal_incl",
)
AMOUNT_FIELDS = ("price_subtotal", "price_subtotal_incl")


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def _customer_wallet_frozen_error(self, order, top_up=True):
        if not top_up:
            return UserError(
                _(
                    "The point of sale order %(order)s moved a customer wallet or "
                    "refunds an order that did: only a wallet manager may add, "
                    "change or delete its lines.",
                    order=order.display_name,
                )
            )
        return UserError(
            _(
                "The wallet top-ups of the point of sale order %(order)s are "
                "recorded: only a wallet manager may add, change or delete them.",
                order=order.display_name,
            )
        )

    def _customer_wallet_recorded(self):
        """Whether the line is of a recorded order that moved a wallet or
        refunds one (its quantities tell what is left to refund)."""
        self.ensure_one()
        order = self.order_id
        if order.state == "draft":
            return False
        return (
            order._customer_wallet_touched()
            or self.refunded_orderline_id.order_id._customer_wallet_touched()
        )

    @api.model_create_multi
    def create(self, vals_list):
        if guard.in_order_sync(self.env):
            return super().create(vals_list)
        Order = self.env["pos.order"]
        Product = self.env["product.product"]
        frozen = Order
        top_up = False
        for vals in vals_list:
            order = Order.browse(guard.record_id(vals.get("order_id")) or [])
            product = Product.browse(guard.record_id(vals.get("product_id")) or [])
            refunded = self.browse(
                guard.record_id(vals.get("refunded_orderline_id")) or []
            )
            if (
                order
                and order.state != "draft"
                and (
                    product.sudo().is_customer_wallet_product
                    or order._customer_wallet_touched()
                    or refunded.order_id._customer_wallet_touched()
                )
            ):
                frozen |= order
                top_up = top_up or product.sudo().is_customer_wallet_product
        if not frozen:
            return super().create(vals_list)
        return frozen._customer_wallet_guard(
            lambda: super(PosOrderLine, self).create(vals_list),
            self._customer_wallet_frozen_error(frozen[:1], top_up=top_up),
        )

    def write(self, vals):
        frozen = self._customer_wallet_frozen_by(vals)
        if not frozen:
            return super().write(vals)
        new_order = self.env["pos.order"].browse(
            guard.record_id(vals.get("order_id")) or []
        )
        return (frozen.order_id | new_order)._customer_wallet_guard(
            lambda: super(PosOrderLine, self).write(vals),
            self._customer_wallet_frozen_error(
                frozen[:1].order_id, top_up=frozen._customer_wallet_has_top_up()
            ),
        )

    def _customer_wallet_has_top_up(self):
        return any(self.product_id.sudo().mapped("is_customer_wallet_product"))

    def _customer_wallet_frozen_by(self, vals):
        """The top-up lines of ``self`` whose frozen fields ``vals`` changes."""
        names = [
            name for name in FROZEN_LINE_FIELDS + FROZEN_REFUND_FIELDS if name in vals
        ]
        if not names or guard.in_order_sync(self.env):
            return self.browse()
        new_product = self.env["product.product"].browse(
            guard.record_id(vals.get("product_id")) or []
        )
        new_order = self.env["pos.order"].browse(
            guard.record_id(vals.get("order_id")) or []
        )

        def changes(line):
            top_up = line.product_id.sudo().is_customer_wallet_product or (
                "product_id" in vals and new_product.sudo().is_customer_wallet_product
            )
            recorded = line.order_id.state != "draft" or (
                new_order and new_order.state != "draft"
            )
            if not recorded:
                return False
            if top_up:
                checked = [name for name in names if name in FROZEN_LINE_FIELDS]
            elif line._customer_wallet_recorded() or (
                new_order
                and new_order.state != "draft"
                and new_order._customer_wallet_touched()
            ):
                checked = [name for name in names if name in FROZEN_REFUND_FIELDS]
            else:
                return False
            for name in checked:
                value = vals[name]
                if name == "tax_ids":
                    if guard.command_ids(value, line.tax_ids.ids) != sorted(
                        line.tax_ids.ids
                    ):
                        return True
                elif name in AMOUNT_FIELDS:
                    if line.currency_id.compare_amounts(line[name], value or 0.0):
                        return True
                elif name in ("product_id", "order_id", "refunded_orderline_id"):
                    if line[name].id != (guard.record_id(value) or False):
                        return True
                elif float_compare(line[name], value or 0.0, precision_digits=6):
                    return True
            return False

        return self.filtered(changes)

    def unlink(self):
        frozen = self.browse()
        if not guard.in_order_sync(self.env):
            frozen = self.filtered(
                lambda line: line.order_id.state != "draft"
                and (
                    line.product_id.sudo().is_customer_wallet_product
                    or line._customer_wallet_recorded()
                )
            )
        if not frozen:
            return super().unlink()
        return frozen.order_id._customer_wallet_guard(
            lambda: super(PosOrderLine, self).unlink(),
            self._customer_wallet_frozen_error(
                frozen[:1].order_id, top_up=frozen._customer_wallet_has_top_up()
            ),
        )
