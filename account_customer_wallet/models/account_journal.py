# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError


class AccountJournal(models.Model):
    """A wallet journal is a bank or cash journal whose account is the wallet account.

    Its payment methods use the wallet account as outstanding account, so a customer
    payment registered on it debits the wallet of the customer (the liquidity line
    carries the partner) and a refund on it credits the wallet. As the journal's
    own account is the wallet account, such payments need no bank reconciliation.
    """

    _inherit = "account.journal"

    is_customer_wallet_journal = fields.Boolean(
        string="Customer Wallet Journal",
        help="Payments registered on this journal are paid from (or refunded to) "
        "the customer's wallet.",
    )
    minimum_wallet_amount = fields.Monetary(
        string="Minimum Wallet Balance",
        currency_field="customer_wallet_currency_id",
        help="Lowest balance a wallet may reach through this journal. Zero forbids "
        "any overdraft; a negative amount allows an overdraft down to it.",
    )

    customer_wallet_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )

    def _customer_wallet_minimum(self):
        """Lowest wallet balance allowed by a debit in this journal."""
        self.ensure_one()
        return self.minimum_wallet_amount if self.is_customer_wallet_journal else 0.0

    def _customer_wallet_journal_values(self, vals):
        """Account values making a new or edited journal a wallet journal."""
        company = (
            self.env["res.company"].browse(vals["company_id"])
            if vals.get("company_id")
            else self.company_id or self.env.company
        )
        account = company.customer_wallet_account_id
        if not account:
            raise ValidationError(
                _(
                    "Choose the wallet account of %(company)s before creating a "
                    "wallet journal.",
                    company=company.display_name,
                )
            )
        return {"default_account_id": account.id}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_customer_wallet_journal"):
                vals.update(self._customer_wallet_journal_values(vals))
        journals = super().create(vals_list)
        journals.filtered("is_customer_wallet_journal")._customer_wallet_set_accounts()
        return journals

    def write(self, vals):
        if "is_customer_wallet_journal" in vals:
            flipped = self.filtered(
                lambda journal: journal.is_customer_wallet_journal
                != bool(vals["is_customer_wallet_journal"])
            )
            for journal in flipped:
                journal.company_id._customer_wallet_check_no_open_session(
                    lambda sessions, journal=journal: _(
                        "The journal %(journal)s cannot become or stop being a "
                        "wallet journal while the sessions %(sessions)s are open: "
                        "close them first.",
                        journal=journal.display_name,
                        sessions=sessions,
                    )
                )
        if vals.get("is_customer_wallet_journal"):
            for journal in self:
                super(AccountJournal, journal).write(
                    journal._customer_wallet_journal_values(vals)
                )
        res = super().write(vals)
        if vals.get("is_customer_wallet_journal"):
            self._customer_wallet_set_accounts()
        return res

    def _customer_wallet_account_values(self):
        """Values moving a wallet journal and its payment methods to the
        current wallet account of its company."""
        self.ensure_one()
        account = self.company_id.customer_wallet_account_id
        values = {"default_account_id": account.id}
        for field in (
            "inbound_payment_method_line_ids",
            "outbound_payment_method_line_ids",
        ):
            values[field] = [
                Command.update(line.id, {"payment_account_id": account.id})
                for line in self[field]
            ]
        return values

    def _customer_wallet_set_accounts(self):
        for journal in self:
            lines = (
                journal.inbound_payment_method_line_ids
                | journal.outbound_payment_method_line_ids
            )
            lines.write(
                {"payment_account_id": journal.company_id.customer_wallet_account_id.id}
            )

    @api.constrains("is_customer_wallet_journal", "minimum_wallet_amount")
    def _check_customer_wallet_minimum(self):
        for journal in self.filtered("is_customer_wallet_journal"):
            currency = journal.company_id.currency_id
            if currency.compare_amounts(journal.minimum_wallet_amount, 0.0) > 0:
                raise ValidationError(
                    _(
                        "The minimum wallet balance of %(journal)s cannot be "
                        "positive: zero forbids any overdraft, a negative amount "
                        "allows one down to it.",
                        journal=journal.display_name,
                    )
                )

    @api.constrains("is_customer_wallet_journal", "currency_id", "company_id")
    def _check_customer_wallet_currency(self):
        for journal in self.filtered("is_customer_wallet_journal"):
            company_currency = journal.company_id.currency_id
            if journal.currency_id and journal.currency_id != company_currency:
                raise ValidationError(
                    _(
                        "The wallet journal %(journal)s must be in %(currency)s, "
                        "the currency of its company: wallet balances are in that "
                        "currency.",
                        journal=journal.display_name,
                        currency=company_currency.name,
                    )
                )

    @api.constrains(
        "is_customer_wallet_journal",
        "type",
        "default_account_id",
        "inbound_payment_method_line_ids",
        "outbound_payment_method_line_ids",
    )
    def _check_customer_wallet_journal(self):
        for journal in self.filtered("is_customer_wallet_journal"):
            account = journal.company_id.customer_wallet_account_id
            if journal.type not in ("bank", "cash"):
                raise ValidationError(
                    _(
                        "The wallet journal %(journal)s must be a bank or cash journal "
                        "so that payments can be registered on it.",
                        journal=journal.display_name,
                    )
                )
            method_accounts = (
                journal.inbound_payment_method_line_ids
                | journal.outbound_payment_method_line_ids
            ).payment_account_id
            if journal.default_account_id != account or method_accounts - account:
                raise ValidationError(
                    _(
                        "The wallet journal %(journal)s and its payment methods must "
                        "use the wallet account %(account)s.",
                        journal=journal.display_name,
                        account=account.display_name or _("(not set)"),
                    )
                )
