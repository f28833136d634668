# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""A recorded order consumes its hold, stores its balance, flags an overdraft."""

from odoo import _, models


class PosOrder(models.Model):
    _inherit = "pos.order"

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
