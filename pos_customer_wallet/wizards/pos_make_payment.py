# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import models
from odoo.tools import float_is_zero

from .. import guard


class PosMakePayment(models.TransientModel):
    _inherit = "pos.make.payment"

    def check(self):
        """Pay a point of sale order from the backend, wallet included.

        A wallet order goes through the checks of a synced order (customer,
        no change out of the wallet, refunds only of orders paid from it and
        of what is left to refund, top-ups and their refunds), then through
        the wallet's lock and limit: the wallet is locked before the payment,
        and the order, once paid, must leave the wallet above the limit of its
        wallet journal. Unlike an order of the
        till, nothing was paid yet: an overdraft is refused, not flagged.
        """
        self.ensure_one()
        order = self.env["pos.order"].browse(self.env.context.get("active_id", False))
        method = self.payment_method_id
        if not order or not (
            method.is_customer_wallet_method or order._customer_wallet_touched()
        ):
            return super().check()
        currency = order.currency_id
        amount = 0.0
        if not float_is_zero(self.amount, precision_rounding=currency.rounding):
            amount = order._get_rounded_amount(self.amount)
        wallet_amount = sum(
            order.payment_ids.filtered(
                lambda payment: payment.payment_method_id.is_customer_wallet_method
            ).mapped("amount")
        ) + (amount if method.is_customer_wallet_method else 0.0)
        # the checks of the order sync, refunds included (what is left to
        # refund of each line, negative top-ups only of the wallet's top-ups)
        order._customer_wallet_check_order(
            order.display_name,
            order.company_id,
            currency,
            order.partner_id,
            order.fiscal_position_id,
            order._customer_wallet_order_lines(),
            currency.round(wallet_amount),
            order.amount_total,
        )
        ledger = self.env["customer.wallet.ledger"]
        wallet = order.partner_id.browse(
            ledger._lock(order.partner_id)[order.partner_id.id]
        )
        was_draft = order.state == "draft"
        result = super(
            PosMakePayment,
            self.with_context(**{guard.CONTEXT_KEY: guard.PaymentWizard(order.id)}),
        ).check()
        debit = -order._customer_wallet_amount()
        if (
            was_draft
            and order.state != "draft"
            and currency.compare_amounts(debit, 0.0) > 0
        ):
            company = order.company_id
            journal = order._customer_wallet_limit_journal(company)
            minimum = journal._customer_wallet_minimum() if journal else 0.0
            balance = ledger._commercial_balances(wallet.ids, company)[wallet.id]
            if company.currency_id.compare_amounts(balance, minimum) < 0:
                raise ledger._limit_error(
                    wallet, company, balance + debit, debit, minimum
                )
        return result
