# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..flow import CONTEXT_KEY, TopUpPayment, marker

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

    customer_wallet_top_up_invoice_id = fields.Many2one(
        comodel_name="account.move",
        string="Wallet Top-Up Invoice",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The invoice whose payment (or its undoing) this entry moves between "
        "the top-ups awaiting payment and the customer's wallet.",
    )
    customer_wallet_settlement_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="customer_wallet_top_up_invoice_id",
        string="Wallet Top-Up Entries",
        readonly=True,
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
    # Top-ups sold by invoice: credited once paid
    # ------------------------------------------------------------------

    def _post(self, soft=True):
        self._customer_wallet_check_top_up_invoices()
        return super()._post(soft=soft)

    def _customer_wallet_check_top_up_invoices(self):
        ledger = self.env["customer.wallet.ledger"]
        for move in self.filtered(
            lambda move: move.is_sale_document(include_receipts=True)
        ):
            lines = move.invoice_line_ids.filtered(
                lambda line: line.product_id.is_customer_wallet_product
            )
            if not lines:
                continue
            company = move.company_id
            account = company.customer_wallet_top_up_account_id
            if not account:
                raise UserError(
                    _(
                        "Choose the account of the top-ups awaiting payment of "
                        "%(company)s in the wallet settings before invoicing the "
                        "wallet top-ups of %(move)s.",
                        company=company.display_name,
                        move=move.display_name,
                    )
                )
            if lines.account_id != account:
                raise UserError(
                    _(
                        "The wallet top-ups of %(move)s must be booked on %(account)s: "
                        "they reach the wallet once the invoice is paid.",
                        move=move.display_name,
                        account=account.display_name,
                    )
                )
            if move.is_inbound(include_receipts=True) and not ledger._may_credit(move):
                raise AccessError(
                    _(
                        "Only wallet managers may invoice a wallet top-up (%(move)s).",
                        move=move.display_name,
                    )
                )

    def _invoice_paid_hook(self):
        res = super()._invoice_paid_hook()
        self._customer_wallet_settle_top_ups()
        return res

    def _customer_wallet_top_up_due(self):
        """What the wallet is owed for the top-ups of this invoice or credit
        note (negative for a credit note): its top-ups once it is paid or in
        payment, in the share settled by money (payments, bank statements, a
        till) rather than by credit notes; nothing otherwise."""
        self.ensure_one()
        currency = self.company_id.currency_id
        lines = self.line_ids._customer_wallet_top_up_lines()
        if (
            self.state != "posted"
            or not lines
            or self.payment_state not in ("paid", "in_payment")
        ):
            return 0.0
        top_up = -sum(lines.mapped("balance"))
        total = abs(self.amount_total_signed)
        if currency.is_zero(total):
            return currency.round(top_up)
        settled = 0.0
        receivables = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        for partial in receivables.matched_debit_ids:
            if not partial.debit_move_id.move_id.is_invoice(include_receipts=True):
                settled += partial.amount
        for partial in receivables.matched_credit_ids:
            if not partial.credit_move_id.move_id.is_invoice(include_receipts=True):
                settled += partial.amount
        return currency.round(top_up * min(settled / total, 1.0))

    def _customer_wallet_top_up_settled(self):
        """What the entries of this invoice already moved into the wallet."""
        self.ensure_one()
        entries = self.customer_wallet_settlement_ids.filtered(
            lambda move: move.state == "posted"
        )
        return -sum(
            entries.line_ids.filtered(
                lambda line: line.account_id
                == line.company_id.customer_wallet_account_id
            ).mapped("balance")
        )

    def _customer_wallet_settlement_journal(self):
        """The miscellaneous journal of the entries crediting paid top-ups (the
        sales journal keeps its numbering to invoices)."""
        self.ensure_one()
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company_id.id), ("type", "=", "general")],
            order="sequence, id",
            limit=1,
        )
        if not journal:
            raise UserError(
                _(
                    "%(company)s needs a miscellaneous journal to credit the paid "
                    "wallet top-ups of %(move)s.",
                    company=self.company_id.display_name,
                    move=self.display_name,
                )
            )
        return journal

    def _customer_wallet_settle_top_ups(self):
        """Bring the wallets in line with what their top-up invoices are owed.

        Called when invoices become paid and when a reconciliation of them is
        undone: each difference is a posted entry of its own between the
        account of the top-ups awaiting payment and the wallet (a credit, or a
        debit checked against the limit like any other).
        """
        moves = self.sudo().with_context(**{CONTEXT_KEY: TopUpPayment()})
        for move in moves.filtered(
            lambda move: move.is_sale_document(include_receipts=True)
        ):
            lines = move.line_ids._customer_wallet_top_up_lines()
            if not lines and not move.customer_wallet_settlement_ids:
                continue
            currency = move.company_id.currency_id
            delta = move._customer_wallet_top_up_due() - (
                move._customer_wallet_top_up_settled()
            )
            if currency.is_zero(delta):
                continue
            account = (
                lines.account_id[:1]
                or move.company_id.customer_wallet_top_up_account_id
            )
            name = _("Wallet top-up of %(invoice)s", invoice=move.name)
            entry = move.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": move._customer_wallet_settlement_journal().id,
                    "date": fields.Date.context_today(move),
                    "ref": name,
                    "customer_wallet_top_up_invoice_id": move.id,
                    "line_ids": [
                        Command.create(
                            {
                                "name": name,
                                "account_id": account.id,
                                "partner_id": move.partner_id.id,
                                "debit": delta if delta > 0 else 0.0,
                                "credit": -delta if delta < 0 else 0.0,
                            }
                        ),
                        Command.create(
                            {
                                "name": name,
                                "account_id": (
                                    move.company_id.customer_wallet_account_id.id
                                ),
                                "partner_id": move.partner_id.id,
                                "debit": -delta if delta < 0 else 0.0,
                                "credit": delta if delta > 0 else 0.0,
                            }
                        ),
                    ],
                }
            )
            entry.action_post()

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
