# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from collections import defaultdict

from odoo import _, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    def _customer_wallet_check_required(self):
        """Hook: whether the wallet debits of this entry respect the limits.

        Other addons may exempt entries that only book debits checked earlier
        (for example when a point of sale session is closed).
        """
        self.ensure_one()
        return True

    def _customer_wallet_debits(self, sign=1):
        """Wallets debited by posting self (sign=-1: by resetting self to draft).

        :return: {(company, journal, commercial partner): debited amount > 0}
        """
        debits = defaultdict(float)
        for move in self:
            account = move.company_id.customer_wallet_account_id
            if not account or not move._customer_wallet_check_required():
                continue
            for line in move.line_ids:
                if line.account_id != account:
                    continue
                if not line.partner_id:
                    raise UserError(
                        _(
                            "The journal item %(label)s of %(move)s is on the wallet "
                            "account: it needs the customer whose wallet it moves.",
                            label=line.name or line.account_id.display_name,
                            move=move.display_name,
                        )
                    )
                key = (
                    move.company_id,
                    move.journal_id,
                    line.partner_id.commercial_partner_id,
                )
                debits[key] += sign * line.balance
        return {
            key: amount
            for key, amount in debits.items()
            if key[0].currency_id.compare_amounts(amount, 0.0) > 0
        }

    def _customer_wallet_lock_debits(self, debits):
        partners = self.env["res.partner"]
        for _company, _journal, partner in debits:
            partners |= partner
        self.env["customer.wallet.ledger"]._lock(partners)

    def _customer_wallet_check_limits(self, debits):
        """Refuse the debits leaving a wallet below the minimum of their journal.

        Called once the entries are posted (or reset), with the wallets locked.
        """
        self.env["customer.wallet.ledger"]._check_balances(debits)

    def _post(self, soft=True):
        # Lock before posting, check after: the balance then includes these
        # entries and no other debit of the same wallets can slip in between.
        candidates = self._customer_wallet_debits()
        if candidates:
            self._customer_wallet_lock_debits(candidates)
        posted = super()._post(soft=soft)
        debits = posted._customer_wallet_debits()
        if debits:
            posted._customer_wallet_check_limits(debits)
        return posted

    def button_draft(self):
        # Resetting a credit of a wallet to draft debits the wallet.
        debits = self.filtered(lambda m: m.state == "posted")._customer_wallet_debits(
            sign=-1
        )
        if debits:
            self._customer_wallet_lock_debits(debits)
        res = super().button_draft()
        if debits:
            self._customer_wallet_check_limits(debits)
        return res
