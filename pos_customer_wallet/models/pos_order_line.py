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
AMOUNT_FIELDS = ("price_subtotal", "price_subtotal_incl")


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def _customer_wallet_frozen_error(self, order):
        return UserError(
            _(
                "The wallet top-ups of the point of sale order %(order)s are "
                "recorded: only a wallet manager may add, change or delete them.",
                order=order.display_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if guard.in_order_sync(self.env):
            return super().create(vals_list)
        Order = self.env["pos.order"]
        Product = self.env["product.product"]
        frozen = Order
        for vals in vals_list:
            order = Order.browse(guard.record_id(vals.get("order_id")) or [])
            product = Product.browse(guard.record_id(vals.get("product_id")) or [])
            if (
                order
                and order.state != "draft"
                and product.sudo().is_customer_wallet_product
            ):
                frozen |= order
        if not frozen:
            return super().create(vals_list)
        return frozen._customer_wallet_guard(
            lambda: super(PosOrderLine, self).create(vals_list),
            self._customer_wallet_frozen_error(frozen[:1]),
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
            self._customer_wallet_frozen_error(frozen[:1].order_id),
        )

    def _customer_wallet_frozen_by(self, vals):
        """The top-up lines of ``self`` whose frozen fields ``vals`` changes."""
        names = [name for name in FROZEN_LINE_FIELDS if name in vals]
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
            if not top_up or not recorded:
                return False
            for name in names:
                value = vals[name]
                if name == "tax_ids":
                    if guard.command_ids(value, line.tax_ids.ids) != sorted(
                        line.tax_ids.ids
                    ):
                        return True
                elif name in AMOUNT_FIELDS:
                    if line.currency_id.compare_amounts(line[name], value or 0.0):
                        return True
                elif name in ("product_id", "order_id"):
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
                lambda line: line.product_id.sudo().is_customer_wallet_product
                and line.order_id.state != "draft"
            )
        if not frozen:
            return super().unlink()
        return frozen.order_id._customer_wallet_guard(
            lambda: super(PosOrderLine, self).unlink(),
            self._customer_wallet_frozen_error(frozen[:1].order_id),
        )
