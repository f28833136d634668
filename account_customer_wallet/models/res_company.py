# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("customer_wallet_enabled", "customer_wallet_account_id")
    def _check_customer_wallet_account(self):
        for company in self:
            account = company.customer_wallet_account_id
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

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        if any(vals.get("customer_wallet_account_id") for vals in vals_list):
            self.env["customer.wallet.total"].sudo()._customer_wallet_rebuild()
        return companies

    def write(self, vals):
        changed = "customer_wallet_account_id" in vals and any(
            company.customer_wallet_account_id.id != vals["customer_wallet_account_id"]
            for company in self
        )
        res = super().write(vals)
        if changed:
            # the triggers keep the totals of the wallet accounts only: the
            # items of a new wallet account were never added up
            self.env["customer.wallet.total"].sudo()._customer_wallet_rebuild()
        return res
