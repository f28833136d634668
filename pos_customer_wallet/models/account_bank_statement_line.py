# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import AccessError


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    @api.model_create_multi
    def create(self, vals_list):
        # Point of sale users may create statement lines (cash in and out). In a
        # wallet journal a statement line would credit or debit a wallet: only
        # wallet managers may do that.
        if not self.env.su and not self.env.user.has_group(
            "account_customer_wallet.group_customer_wallet_manager"
        ):
            default_journal = self.default_get(["journal_id"]).get("journal_id")
            journals = self.env["account.journal"].browse(
                {vals.get("journal_id") or default_journal for vals in vals_list}
                - {False, None}
            )
            if any(journals.sudo().mapped("is_customer_wallet_journal")):
                raise AccessError(
                    _(
                        "Only wallet managers may record a statement line in a "
                        "wallet journal."
                    )
                )
        return super().create(vals_list)
