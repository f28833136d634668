# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""What a refund order may give back: quantities, top-ups, wallet money."""

from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import float_compare
from odoo.tools.misc import formatLang


class PosOrder(models.Model):
    _inherit = "pos.order"

    @api.model
    def _customer_wallet_check_top_up_refund(
        self, name, wallet, currency, product, refunded, amount
    ):
        """Refuse a negative top-up line unless it refunds a recorded top-up
        of the wallet, up to what is left of it.

        :param refunded: the line it refunds (maybe empty)
        :param amount: what the order's lines take back of that line
        """
        original = refunded.order_id
        if not (
            refunded
            and refunded.product_id.sudo().is_customer_wallet_product
            and original.state not in ("draft", "cancel")
            and original.partner_id.commercial_partner_id == wallet
        ):
            raise self._customer_wallet_refusal(
                _(
                    "The order %(order)s takes %(amount)s out of the wallet of "
                    "%(partner)s with a negative %(product)s that refunds no "
                    "top-up of that wallet."
                ),
                name,
                wallet,
                currency,
                {"amount": amount},
                product=product.display_name,
            )
        earlier = (
            self.env["pos.order.line"]
            .sudo()
            .search(
                [
                    ("refunded_orderline_id", "=", refunded.id),
                    ("order_id.state", "not in", ("draft", "cancel")),
                ]
            )
        )
        left = refunded.price_subtotal + sum(earlier.mapped("price_subtotal"))
        if currency.compare_amounts(amount, left) > 0:
            raise self._customer_wallet_refusal(
                _(
                    "The order %(order)s takes %(amount)s back of the wallet top-up "
                    "of the order %(refunded)s, more than the %(left)s left of it."
                ),
                name,
                wallet,
                currency,
                {"amount": amount, "left": max(left, 0.0)},
                refunded=original.display_name,
            )

    @api.model
    def _customer_wallet_check_refunded_qty(self, name, lines):
        """Refuse a refund of more than is left to refund of a sold line.

        Every recorded refund counts, whatever it was paid back with: what was
        refunded in cash cannot be refunded again to the wallet.

        :param lines: the order's lines, as dicts with their ``qty`` and the
            line they refund (``refunded``, maybe empty)
        """
        refunding = defaultdict(float)
        for line in lines:
            if line["refunded"]:
                refunding[line["refunded"].id] -= line["qty"]
        if not refunding:
            return
        Line = self.env["pos.order.line"].sudo()
        originals = Line.browse(sorted(refunding)).exists()
        refunded = defaultdict(float)
        for group in Line.read_group(
            [
                ("refunded_orderline_id", "in", originals.ids),
                ("order_id.state", "not in", ("draft", "cancel")),
            ],
            ["refunded_orderline_id", "qty:sum"],
            ["refunded_orderline_id"],
        ):
            refunded[group["refunded_orderline_id"][0]] -= group["qty"]
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        for original in originals:
            left = original.qty - refunded[original.id]
            if float_compare(refunding[original.id], left, precision_digits=digits) > 0:
                raise UserError(
                    _(
                        "The order %(order)s refunds %(qty)s %(product)s of the "
                        "order %(refunded)s, more than the %(left)s left to refund "
                        "of the %(sold)s sold.",
                        order=name,
                        qty=formatLang(self.env, refunding[original.id], digits=digits),
                        product=original.product_id.display_name,
                        refunded=original.order_id.display_name,
                        left=formatLang(self.env, max(left, 0.0), digits=digits),
                        sold=formatLang(self.env, original.qty, digits=digits),
                    )
                )

    @api.model
    def _customer_wallet_refundable(self, wallet, refunded_lines, currency):
        """What the orders of the refunded lines paid from the wallet and was
        not refunded to it yet, or None unless each of them is an order of the
        wallet paid from it.
        """
        if not refunded_lines:
            return None
        originals = refunded_lines.order_id
        if any(
            order.state in ("draft", "cancel")
            or order.partner_id.commercial_partner_id != wallet
            for order in originals
        ):
            return None
        Payment = self.env["pos.payment"]
        wallet_method = ("payment_method_id.is_customer_wallet_method", "=", True)
        paid = {order: 0.0 for order in originals}
        for payment in Payment.search(
            [("pos_order_id", "in", originals.ids), wallet_method]
        ):
            paid[payment.pos_order_id] += payment.amount
        if any(currency.compare_amounts(amount, 0.0) <= 0 for amount in paid.values()):
            return None
        # the refunds recorded so far of these orders (the order being
        # checked is not recorded yet, or still a draft)
        refunds = Payment.search(
            [
                (
                    "pos_order_id.lines.refunded_orderline_id.order_id",
                    "in",
                    originals.ids,
                ),
                ("pos_order_id.state", "not in", ("draft", "cancel")),
                wallet_method,
            ]
        )
        # nor more than is left of the orders, whatever refunded them: a line
        # claiming a price for no quantity refunds nothing
        refund_orders = self.env["pos.order"].search(
            [
                ("lines.refunded_orderline_id.order_id", "in", originals.ids),
                ("state", "not in", ("draft", "cancel")),
            ]
        )
        left = sum(originals.mapped("amount_total")) + sum(
            refund_orders.mapped("amount_total")
        )
        return min(sum(paid.values()) + sum(refunds.mapped("amount")), left)
