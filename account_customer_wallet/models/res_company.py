# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_wallet_enabled = fields.Boolean(
        string="Customer Wallets",
        help="Members of this company can keep money in a prepaid wallet.",
    )
    customer_wallet_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Customer Wallet Account",
        check_company=True,
        domain="[('company_id', '=', id), ('deprecated', '=', False), "
        "('account_type', 'in', ('liability_current', 'liability_non_current'))]",
        help="Liability account holding the money the company owes to its members. "
        "The balance of a wallet is minus the sum of the posted journal items on "
        "this account for the member.",
    )
    customer_wallet_top_up_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Top-Ups Awaiting Payment",
        check_company=True,
        domain="[('company_id', '=', id), ('deprecated', '=', False), "
        "('account_type', 'in', ('liability_current', 'liability_non_current'))]",
        help="Liability account of the wallet top-ups sold by invoice and not paid "
        "yet. An invoice books its top-ups here; once it is paid, an entry moves "
        "them to the member's wallet.",
    )
    # The name Coop IT Easy's module gives it, for the addons reading it.
    is_enabled_customer_wallet = fields.Boolean(
        string="Customer Wallets Enabled",
        compute="_compute_is_enabled_customer_wallet",
        store=True,
        help="Customer wallets are enabled and the wallet account is set.",
    )

    @api.depends("customer_wallet_enabled", "customer_wallet_account_id")
    def _compute_is_enabled_customer_wallet(self):
        for company in self:
            company.is_enabled_customer_wallet = bool(
                company.customer_wallet_enabled and company.customer_wallet_account_id
            )

    def _customer_wallet_open_sessions(self):
        """Hook: names of the open sessions that move wallets of the company.

        The point of sale returns its sessions not closed yet: their wallet
        movements are booked at closing, with the configuration of that time.
        """
        self.ensure_one()
        return []

    def _customer_wallet_check_no_open_session(self, message):
        """Refuse a change of the wallet configuration while sessions of the
        company are open.

        :param message: function of the sessions' names returning the sentence
        """
        for company in self:
            sessions = company._customer_wallet_open_sessions()
            if sessions:
                raise UserError(message(", ".join(sessions)))

    @api.constrains(
        "customer_wallet_enabled",
        "customer_wallet_account_id",
        "customer_wallet_top_up_account_id",
    )
    def _check_customer_wallet_account(self):
        for company in self:
            account = company.customer_wallet_account_id
            top_up_account = company.customer_wallet_top_up_account_id
            if top_up_account and (
                top_up_account == account
                or not top_up_account.account_type.startswith("liability")
            ):
                raise ValidationError(
                    _(
                        "The account of the top-ups awaiting payment %(account)s "
                        "must be a liability account other than the wallet account.",
                        account=top_up_account.display_name,
                    )
                )
            if company.customer_wallet_enabled and not account:
                raise ValidationError(
                    _(
                        "Choose the wallet account of %(company)s before enabling "
                        "customer wallets.",
                        company=company.display_name,
                    )
                )
            if account and not account.account_type.startswith("liability"):
                raise ValidationError(
                    _(
                        "The wallet account %(account)s must be a liability account.",
                        account=account.display_name,
                    )
                )

    def write(self, vals):
        changed = self.browse()
        if "customer_wallet_account_id" in vals:
            changed = self.filtered(
                lambda company: company.customer_wallet_account_id.id
                != (vals["customer_wallet_account_id"] or False)
            )
        for company in changed:
            company._customer_wallet_check_no_open_session(
                lambda sessions, company=company: _(
                    "The wallet account of %(company)s cannot change while its "
                    "sessions %(sessions)s are open: close them first.",
                    company=company.display_name,
                    sessions=sessions,
                )
            )
        res = super().write(vals)
        if changed:
            # the balances are read on the new account at once
            changed._customer_wallet_carry_over_account()
        return res

    def _customer_wallet_carry_over_account(self):
        """The wallet journals and top-up products follow a new wallet account.

        The journal items already posted stay on the account they were
        posted on: the balances are read on the new account. Without a new
        account, journals and products keep theirs.
        """
        for company in self.filtered("customer_wallet_account_id"):
            journals = self.env["account.journal"].search(
                [
                    ("company_id", "=", company.id),
                    ("is_customer_wallet_journal", "=", True),
                ]
            )
            for journal in journals:
                journal.write(journal._customer_wallet_account_values())
            products = (
                self.env["product.template"]
                .with_company(company)
                .search(
                    [
                        ("is_customer_wallet_product", "=", True),
                        ("company_id", "in", (False, company.id)),
                    ]
                )
            )
            products.write(
                {"property_account_income_id": company.customer_wallet_account_id.id}
            )
