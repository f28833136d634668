# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Point of sale orders that move a wallet: their fields and the order sync.

The rules live next to this module, by concern: ``pos_order_frozen`` (recorded
orders are frozen), ``pos_order_checks`` (a synced order is checked before
core records it), ``pos_order_refund`` (what a refund may give back) and
``pos_order_record`` (a recorded order consumes its hold, flags an overdraft).
"""

from odoo import api, fields, models

from .. import guard


class PosOrder(models.Model):
    _inherit = "pos.order"

    customer_wallet_balance_after = fields.Monetary(
        string="Wallet Balance After",
        readonly=True,
        copy=False,
        help="Wallet balance of the customer once this order was recorded, as "
        "printed on the receipt.",
    )
    customer_wallet_balance_estimated = fields.Boolean(
        string="Wallet Balance Estimated",
        readonly=True,
        copy=False,
        help="The till was offline when the order was validated: the balance "
        "after the order printed on the receipt is an estimate.",
    )
    customer_wallet_overdraft = fields.Boolean(
        string="Wallet Overdraft",
        readonly=True,
        copy=False,
        index=True,
        help="The order reached the server after an offline period and left the "
        "customer's wallet below its limit. It was kept; a wallet manager has "
        "an activity to follow it up.",
    )

    def _customer_wallet_amount(self):
        """Net wallet movement of the order: top-ups minus wallet payments."""
        self.ensure_one()
        paid = sum(
            self.payment_ids.filtered(
                lambda payment: payment.payment_method_id.is_customer_wallet_method
            ).mapped("amount")
        )
        topped_up = sum(
            self.lines.filtered(
                lambda line: line.product_id.is_customer_wallet_product
            ).mapped("price_subtotal")
        )
        return topped_up - paid

    def _customer_wallet_touched(self):
        self.ensure_one()
        return any(
            self.payment_ids.payment_method_id.mapped("is_customer_wallet_method")
        ) or any(self.lines.product_id.mapped("is_customer_wallet_product"))

    @api.model
    def _customer_wallet_ui_partners(self, orders):
        """Customers of the UI orders that move a wallet."""
        candidates = []
        method_ids, product_ids = set(), set()
        for order in orders:
            data = order["data"]
            if not data.get("partner_id"):
                continue
            payments = {
                line[2].get("payment_method_id")
                for line in data.get("statement_ids") or []
            } - {None, False}
            products = {
                line[2].get("product_id") for line in data.get("lines") or []
            } - {None, False}
            candidates.append((data["partner_id"], payments, products))
            method_ids |= payments
            product_ids |= products
        if not candidates:
            return self.env["res.partner"]
        # Only the methods and products of these orders are read (core reads
        # them next anyway): no search over all of them. An archived wallet
        # method still moves the wallet (the pending amounts count it).
        wallet_method_ids = set(
            self.env["pos.payment.method"]
            .sudo()
            .browse(sorted(method_ids))
            .filtered("is_customer_wallet_method")
            .ids
        )
        wallet_product_ids = set(
            self.env["product.product"]
            .sudo()
            .browse(sorted(product_ids))
            .filtered("is_customer_wallet_product")
            .ids
        )
        partner_ids = {
            partner_id
            for partner_id, payments, products in candidates
            if payments & wallet_method_ids or products & wallet_product_ids
        }
        return self.env["res.partner"].browse(sorted(partner_ids))

    @api.model
    def create_from_ui(self, orders, draft=False):
        # Serialise with every other debit of these wallets (backend payments,
        # other tills, the same order sent twice) before core looks for an
        # already recorded copy of the order.
        partners = self._customer_wallet_ui_partners(orders)
        # What the recording of each order learns, kept for the results:
        # {customer: its wallet} of the wallets already locked, balances after
        # the last order of each wallet.
        sync = {"wallets": {}, "balances": {}}
        if partners and not draft:
            sync["wallets"] = self.env["customer.wallet.ledger"]._lock(partners)
        # Core rewrites and marks paid the orders it records: the marker lets
        # its writes through the frozen wallet orders (each order is checked
        # first, see _process_order). A client cannot set it: JSON has no such
        # value.
        results = super(
            PosOrder,
            self.with_context(
                customer_wallet_sync=sync, **{guard.CONTEXT_KEY: guard.ORDER_SYNC}
            ),
        ).create_from_ui(orders, draft=draft)
        recorded = self.browse([result["id"] for result in results])
        touched = recorded.filtered(
            lambda order: order.partner_id and order._customer_wallet_touched()
        )
        wallets = sync["wallets"]
        unknown = touched.partner_id.filtered(lambda partner: partner.id not in wallets)
        if unknown:
            wallets.update(self.env["customer.wallet.ledger"]._commercial_ids(unknown))
        balances = {}
        for company in touched.company_id:
            wallet_ids = {
                wallets[order.partner_id.id]
                for order in touched
                if order.company_id == company
            }
            known = {
                cid: balance
                for (company_id, cid), balance in sync["balances"].items()
                if company_id == company.id and cid in wallet_ids
            }
            missing = wallet_ids - set(known)
            balances[company.id] = dict(known)
            if missing:
                balances[company.id].update(
                    self.env["customer.wallet.ledger"]._commercial_balances(
                        missing, company
                    )
                )
        for result in results:
            order = recorded.browse(result["id"])
            if order in touched:
                partner = order.partner_id
                result.update(
                    customer_wallet_partner_id=partner.id,
                    customer_wallet_balance=balances[order.company_id.id].get(
                        wallets[partner.id], 0.0
                    ),
                    customer_wallet_balance_after=order.customer_wallet_balance_after,
                    customer_wallet_balance_estimated=(
                        order.customer_wallet_balance_estimated
                    ),
                )
        return results

    @api.model
    def _order_fields(self, ui_order):
        values = super()._order_fields(ui_order)
        # The balance printed on the receipt, computed by the till when the
        # order was validated: stored as printed, so that a reprint matches.
        if ui_order.get("customer_wallet_balance_after") is not None:
            values.update(
                customer_wallet_balance_after=ui_order["customer_wallet_balance_after"],
                customer_wallet_balance_estimated=bool(
                    ui_order.get("customer_wallet_balance_is_estimate")
                ),
            )
        return values

    def _process_order(self, order, draft, existing_order):
        # core calls it only for the orders it records (not for a copy of an
        # order already recorded): refuse a crafted order before any write
        self._customer_wallet_check_ui_order(order["data"])
        order_id = super()._process_order(order, draft, existing_order)
        if not draft:
            printed = order["data"].get("customer_wallet_balance_after")
            self.browse(order_id)._customer_wallet_record(
                keep_printed_balance=printed is not None
            )
        return order_id

    def _export_for_ui(self, order):
        result = super()._export_for_ui(order)
        result.update(
            customer_wallet_balance_after=order.customer_wallet_balance_after,
            customer_wallet_balance_is_estimate=order.customer_wallet_balance_estimated,
        )
        return result
