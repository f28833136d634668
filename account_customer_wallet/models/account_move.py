# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models

from ..flow import marker

# Fields of an entry whose change changes its posted wallet items: posting,
# resetting and cancelling write the state (whatever method does it).
WALLET_MOVE_FIELDS = frozenset({"state", "date", "currency_id", "company_id"})


class AccountMove(models.Model):
    _inherit = "account.move"

    customer_wallet_overdraft = fields.Boolean(
        string="Wallet Overdraft",
        readonly=True,
        copy=False,
        index=True,
        help="An account manager confirmed this correction although it left a "
        "customer's wallet below its limit; the wallet managers have an activity "
        "to follow it up.",
    )

    def _customer_wallet_check_required(self):
        """Hook: whether the wallet debits of this entry respect the limits.

        The flow posting the entry may exempt it when its debits were checked
        earlier (a point of sale session's closing posting its own entry).
        """
        self.ensure_one()
        flow = marker(self.env)
        return flow is None or not flow.exempts_limit(self)

    def _customer_wallet_lines(self):
        """The journal items of the entries on the wallet account of their company."""
        return self.line_ids.filtered(
            lambda line: line.account_id
            and line.account_id == line.company_id.customer_wallet_account_id
        )

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        posted = moves.filtered(lambda move: move.state == "posted")
        lines = posted._customer_wallet_lines()
        if lines:
            # created posted (without _post): checked as if posted now
            ledger = self.env["customer.wallet.ledger"]
            ledger._lock(lines.partner_id)
            ledger._check_items({}, ledger._posted_items(lines, strict=True))
        return moves

    def write(self, vals):
        if not WALLET_MOVE_FIELDS.intersection(vals):
            return super().write(vals)
        lines = self._customer_wallet_lines()
        if not lines:
            return super().write(vals)
        # Lock before the change, check after: the balances then include it
        # and no other debit of the same wallets can slip in between.
        ledger = self.env["customer.wallet.ledger"]
        before = ledger._posted_items(lines)
        # the limit does not apply to exempt entries: their wallets need no
        # lock (a session's closing does not wait for the tills)
        checked = self.filtered(lambda move: move._customer_wallet_check_required())
        ledger._lock(checked._customer_wallet_lines().partner_id)
        res = super().write(vals)
        ledger._check_items(
            before, ledger._posted_items(self._customer_wallet_lines(), strict=True)
        )
        return res

    # ------------------------------------------------------------------
    # Corrections below the limit
    # ------------------------------------------------------------------

    def _customer_wallet_correction_targets(self):
        """Ids of the entries a correction of these refused entries confirms.

        A reversal posted by the refused request itself (a reversal wizard
        cancelling the entry) is rolled back with the refusal: the entry it
        reverses is offered too, and the correction wizard keeps what exists.
        """
        return self.ids + self.reversed_entry_id.ids

    def _customer_wallet_flag_overdraft(self):
        """Flag the entries and give the wallet managers an activity on each."""
        self.sudo().write({"customer_wallet_overdraft": True})
        group = self.env.ref("account_customer_wallet.group_customer_wallet_manager")
        for move in self.sudo():
            managers = group.users.filtered(
                lambda user, move=move: move.company_id in user.company_ids
            )
            for manager in managers.sorted("id"):
                move.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=_("Wallet overdraft"),
                    note=_(
                        "%(user)s confirmed the correction %(move)s although it "
                        "leaves a customer's wallet below its limit.",
                        user=self.env.user.display_name,
                        move=move.display_name,
                    ),
                    user_id=manager.id,
                )
