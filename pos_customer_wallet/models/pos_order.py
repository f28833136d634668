# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models


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
        # them next anyway): no search over all of them.
        wallet_method_ids = set(
            self.env["pos.payment.method"]
            .sudo()
            .browse(sorted(method_ids))
            .filtered(lambda method: method.active and method.is_customer_wallet_method)
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
        results = super(
            PosOrder, self.with_context(customer_wallet_sync=sync)
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
        order_id = super()._process_order(order, draft, existing_order)
        if not draft:
            printed = order["data"].get("customer_wallet_balance_after")
            self.browse(order_id)._customer_wallet_record(
                keep_printed_balance=printed is not None
            )
        return order_id

    def _customer_wallet_record(self, keep_printed_balance=False):
        """Store the balance after the order and flag an overdraft.

        The order is already paid at the till: an overdraft never rejects it.

        :param keep_printed_balance: the till sent the balance it printed on
            the receipt; keep it rather than the balance computed here.
        """
        self.ensure_one()
        if not self.partner_id or not self._customer_wallet_touched():
            return
        company = self.company_id
        ledger = self.env["customer.wallet.ledger"]
        sync = self.env.context.get("customer_wallet_sync")
        wallet_id = sync and sync["wallets"].get(self.partner_id.id)
        if not wallet_id:
            wallet_id = ledger._lock(self.partner_id)[self.partner_id.id]
            if sync is not None:
                sync["wallets"][self.partner_id.id] = wallet_id
        # the order consumes the hold its till's ask recorded (if any)
        debit = -self._customer_wallet_amount()
        held = bool(self.pos_reference) and self.env[
            "customer.wallet.hold"
        ]._customer_wallet_consume(self, wallet_id, debit)
        balance = ledger._commercial_balances({wallet_id}, company)[wallet_id]
        if sync is not None:
            # the balance after the last recorded order of the wallet: the
            # balance the till shows once the orders are synchronised
            sync["balances"][(company.id, wallet_id)] = balance
        values = {}
        if not keep_printed_balance:
            values["customer_wallet_balance_after"] = balance
        journal = self._customer_wallet_journal()
        currency = company.currency_id
        # An order the server allowed under the lock is never flagged. One
        # without a hold was taken offline (or kept past its hold): kept, and
        # flagged when it left the wallet below its limit, the offline
        # allowance of every point of sale (with the "refuse" policy the till
        # takes no wallet payment offline: only an order whose hold expired
        # before it reached the server, or an outdated till, gets here).
        if (
            journal
            and not held
            and currency.compare_amounts(debit, 0.0) > 0
            and currency.compare_amounts(balance, journal._customer_wallet_minimum())
            < 0
        ):
            values["customer_wallet_overdraft"] = True
        if values:
            self.write(values)
        if values.get("customer_wallet_overdraft"):
            self._customer_wallet_notify_overdraft(balance, journal)

    def _customer_wallet_journal(self):
        self.ensure_one()
        methods = self.payment_ids.payment_method_id.filtered(
            "is_customer_wallet_method"
        )
        return methods[:1].journal_id or self.config_id._customer_wallet_journal()

    def _customer_wallet_notify_overdraft(self, balance, journal):
        """Give the wallet managers of the company an activity on the member."""
        self.ensure_one()
        group = self.env.ref(
            "account_customer_wallet.group_customer_wallet_manager",
            raise_if_not_found=False,
        )
        managers = (group.sudo().users if group else self.env["res.users"]).filtered(
            lambda user: self.company_id in user.company_ids
        )
        if not managers:
            return
        partner = self.partner_id.commercial_partner_id
        currency = self.company_id.currency_id
        note = _(
            "The point of sale order %(order)s reached the server after an offline "
            "period and left the wallet of %(partner)s at %(balance)s, below its "
            "limit of %(limit)s.",
            order=self.pos_reference or self.name,
            partner=partner.display_name,
            balance=currency.format(balance),
            limit=currency.format(journal._customer_wallet_minimum()),
        )
        for manager in managers.sorted("id"):
            partner.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Wallet overdraft"),
                note=note,
                user_id=manager.id,
            )

    def _export_for_ui(self, order):
        result = super()._export_for_ui(order)
        result.update(
            customer_wallet_balance_after=order.customer_wallet_balance_after,
            customer_wallet_balance_is_estimate=order.customer_wallet_balance_estimated,
        )
        return result
