# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Checks of an order the till sends, before core records it."""

from odoo import Command, _, api, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_amount

from .. import guard


class PosOrder(models.Model):
    _inherit = "pos.order"

    @api.model
    def _customer_wallet_check_ui_order(self, data):
        """Refuse an order from the till whose wallet movements no till makes.

        :param data: the order as the till sends it (``create_from_ui``)
        :raise UserError: with the reason the till shows
        """
        name = data.get("name") or ""
        lines = data.get("lines") or []
        for line in lines:
            # core would write an existing line (of any order) with the others
            if not (
                isinstance(line, (list, tuple))
                and len(line) == 3
                and line[0] == Command.CREATE
                and isinstance(line[2], dict)
            ):
                raise UserError(
                    _(
                        "The order %(order)s changes recorded order lines: a point "
                        "of sale only sends new lines.",
                        order=name,
                    )
                )
        payments = [payment[2] for payment in data.get("statement_ids") or []]
        methods = (
            self.env["pos.payment.method"]
            .sudo()
            .browse(
                sorted(
                    {payment.get("payment_method_id") for payment in payments}
                    - {None, False}
                )
            )
        )
        wallet_method_ids = set(methods.filtered("is_customer_wallet_method").ids)
        wallet_payments = [
            payment
            for payment in payments
            if payment.get("payment_method_id") in wallet_method_ids
        ]
        Product = self.env["product.product"].sudo()
        top_ups = [
            line[2]
            for line in lines
            if Product.browse(
                line[2].get("product_id") or []
            ).is_customer_wallet_product
        ]
        if not wallet_payments and not top_ups:
            return
        if (
            top_ups
            and data.get("to_invoice")
            and not self._customer_wallet_is_manager()
        ):
            # core posts the invoice inside the sync, as the cashier: only
            # wallet managers credit a wallet with an invoice
            raise UserError(
                _(
                    "A wallet top-up cannot be invoiced at the till: validate the "
                    "order %(order)s without an invoice, or have a wallet manager "
                    "invoice the top-up in the backend.",
                    order=name,
                )
            )
        session = self.env["pos.session"].browse(data.get("pos_session_id"))
        foreign = methods.filtered("is_customer_wallet_method") - (
            session.sudo().config_id.payment_method_ids
        )
        if foreign:
            raise UserError(
                _(
                    "The order %(order)s is paid with %(method)s, a wallet payment "
                    "method that is not one of the point of sale %(config)s.",
                    order=name,
                    method=foreign[:1].display_name,
                    config=session.sudo().config_id.display_name,
                )
            )
        currency = session.currency_id
        self._customer_wallet_check_order(
            name,
            session.company_id,
            currency,
            self.env["res.partner"].browse(data.get("partner_id") or []).exists(),
            self.env["account.fiscal.position"].browse(
                data.get("fiscal_position_id") or []
            ),
            self._customer_wallet_ui_lines([line[2] for line in lines]),
            currency.round(
                sum(payment.get("amount") or 0.0 for payment in wallet_payments)
            ),
            data.get("amount_total") or 0.0,
        )

    @api.model
    def _customer_wallet_ui_lines(self, lines):
        """The lines the till sends, as ``_customer_wallet_check_order`` reads
        them."""
        Product = self.env["product.product"].sudo()
        Tax = self.env["account.tax"]
        refunded = {
            line.id: line
            for line in self.env["pos.order.line"]
            .browse(
                sorted(
                    {line.get("refunded_orderline_id") for line in lines}
                    - {None, False}
                )
            )
            .exists()
        }
        values = []
        for line in lines:
            product = Product.browse(line.get("product_id") or [])
            values.append(
                {
                    "product": product,
                    "qty": line.get("qty") or 0.0,
                    "price_unit": line.get("price_unit") or 0.0,
                    "discount": line.get("discount") or 0.0,
                    # core gives a line sent without taxes those of its product
                    "taxes": (
                        Tax.browse(guard.command_ids(line["tax_ids"]))
                        if "tax_ids" in line
                        else product.taxes_id
                    ),
                    "price_subtotal": line.get("price_subtotal") or 0.0,
                    "price_subtotal_incl": line.get("price_subtotal_incl") or 0.0,
                    "refunded": refunded.get(
                        line.get("refunded_orderline_id"), self.env["pos.order.line"]
                    ),
                }
            )
        return values

    def _customer_wallet_order_lines(self):
        """The recorded lines of the order, as ``_customer_wallet_check_order``
        reads them."""
        self.ensure_one()
        return [
            {
                "product": line.product_id,
                "qty": line.qty,
                "price_unit": line.price_unit,
                "discount": line.discount,
                "taxes": line.tax_ids,
                "price_subtotal": line.price_subtotal,
                "price_subtotal_incl": line.price_subtotal_incl,
                "refunded": line.refunded_orderline_id,
            }
            for line in self.lines
        ]

    @api.model
    def _customer_wallet_check_order(
        self,
        name,
        company,
        currency,
        partner,
        fiscal_position,
        lines,
        wallet_amount,
        total,
    ):
        """Refuse an order whose wallet movements no till makes: the checks of
        an order the till sends (``_customer_wallet_check_ui_order``) and of an
        order paid in the backend (``pos.make.payment``).

        :param lines: the order's lines, as dicts: product, qty, price_unit,
            discount, taxes, price_subtotal, price_subtotal_incl and refunded
            (the line it refunds, maybe empty)
        :param wallet_amount: the total of the wallet payments
        :param total: the total of the order
        :raise UserError: with the reason the till or the backend shows
        """
        self._customer_wallet_check_refunded_qty(name, lines)
        top_ups = [
            line for line in lines if line["product"].sudo().is_customer_wallet_product
        ]
        refunded = [line["refunded"] for line in lines]
        # the lines the order refunds, or None when some line is not a refund
        refunded_lines = (
            self.env["pos.order.line"].browse(sorted({line.id for line in refunded}))
            if all(refunded)
            else None
        )
        if not partner:
            raise UserError(
                _(
                    "The order %(order)s moves a customer wallet but has no "
                    "customer: choose the customer, then validate it again.",
                    order=name,
                )
            )
        account = company.customer_wallet_account_id
        # {refunded top-up line: what the order's lines take back of it}
        taken_back = {}
        for line in top_ups:
            product = line["product"]
            income = fiscal_position.map_account(
                product.sudo().with_company(company)._get_product_accounts()["income"]
            )
            if line["taxes"]:
                raise UserError(
                    _(
                        "The wallet top-up %(product)s of the order %(order)s is "
                        "taxed: a top-up is untaxed.",
                        product=product.display_name,
                        order=name,
                    )
                )
            if not account or income != account:
                raise UserError(
                    _(
                        "The wallet top-up %(product)s of the order %(order)s is not "
                        "booked on the wallet account of %(company)s: make that "
                        "account the income account of the product.",
                        product=product.display_name,
                        order=name,
                        company=company.display_name,
                    )
                )
            expected = currency.round(
                line["price_unit"] * line["qty"] * (1 - line["discount"] / 100.0)
            )
            for amount in (line["price_subtotal"], line["price_subtotal_incl"]):
                if currency.compare_amounts(amount, expected):
                    raise UserError(
                        _(
                            "The wallet top-up %(product)s of the order %(order)s "
                            "amounts to %(amount)s where its price, quantity and "
                            "discount make %(expected)s.",
                            product=product.display_name,
                            order=name,
                            amount=format_amount(self.env, amount, currency),
                            expected=format_amount(self.env, expected, currency),
                        )
                    )
            if currency.compare_amounts(expected, 0.0) < 0:
                refunded = line["refunded"]
                taken_back[refunded] = taken_back.get(refunded, 0.0) - expected
                self._customer_wallet_check_top_up_refund(
                    name,
                    partner.commercial_partner_id,
                    currency,
                    product,
                    refunded,
                    taken_back[refunded],
                )
        wallet = partner.commercial_partner_id
        if currency.compare_amounts(wallet_amount, 0.0) > 0:
            if currency.compare_amounts(wallet_amount, total) > 0:
                raise self._customer_wallet_refusal(
                    _(
                        "The order %(order)s takes %(amount)s from the wallet of "
                        "%(partner)s, more than its total of %(total)s: a wallet "
                        "pays out no change."
                    ),
                    name,
                    wallet,
                    currency,
                    {"amount": wallet_amount, "total": total},
                )
            return
        if currency.compare_amounts(wallet_amount, 0.0) == 0:
            return
        refund = -wallet_amount
        refundable = self._customer_wallet_refundable(wallet, refunded_lines, currency)
        if refundable is None:
            raise self._customer_wallet_refusal(
                _(
                    "The order %(order)s puts %(amount)s back into the wallet of "
                    "%(partner)s but does not only refund orders paid from that "
                    "wallet."
                ),
                name,
                wallet,
                currency,
                {"amount": refund},
            )
        if currency.compare_amounts(wallet_amount, total) < 0:
            raise self._customer_wallet_refusal(
                _(
                    "The order %(order)s puts %(amount)s back into the wallet of "
                    "%(partner)s, more than the %(total)s it refunds."
                ),
                name,
                wallet,
                currency,
                {"amount": refund, "total": -total},
            )
        if currency.compare_amounts(refund, refundable) > 0:
            raise self._customer_wallet_refusal(
                _(
                    "The order %(order)s puts %(amount)s back into the wallet of "
                    "%(partner)s, more than the %(refundable)s that the refunded "
                    "orders paid from it and that was not refunded yet."
                ),
                name,
                wallet,
                currency,
                {"amount": refund, "refundable": refundable},
            )

    @api.model
    def _customer_wallet_refusal(
        self, message, name, wallet, currency, amounts, **values
    ):
        """The error refusing a wallet movement of the order ``name``.

        :param message: the translated sentence, naming the order
            (``%(order)s``), the wallet (``%(partner)s``), the amounts and the
            values
        :param amounts: {placeholder: amount}, formatted in the currency
        """
        values.update(
            {
                key: format_amount(self.env, amount, currency)
                for key, amount in amounts.items()
            },
            order=name,
            partner=wallet.display_name,
        )
        return UserError(message % values)
