# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import ValidationError


class AccountPaymentMethodLine(models.Model):
    _inherit = "account.payment.method.line"

    @api.model_create_multi
    def create(self, vals_list):
        """Payment methods added to a wallet journal pay from the wallet."""
        journal_ids = {vals.get("journal_id") for vals in vals_list} - {False, None}
        wallet_journals = (
            self.env["account.journal"]
            .browse(journal_ids)
            .filtered("is_customer_wallet_journal")
        )
        journals_by_id = {journal.id: journal for journal in wallet_journals}
        for vals in vals_list:
            journal = journals_by_id.get(vals.get("journal_id"))
            if journal and not vals.get("payment_account_id"):
                vals["payment_account_id"] = (
                    journal.company_id.customer_wallet_account_id.id
                )
        return super().create(vals_list)

    @api.constrains("payment_account_id", "journal_id")
    def _check_customer_wallet_payment_account(self):
        for line in self.filtered("journal_id.is_customer_wallet_journal"):
            account = line.journal_id.company_id.customer_wallet_account_id
            if line.payment_account_id and line.payment_account_id != account:
                raise ValidationError(
                    _(
                        "The wallet journal %(journal)s and its payment methods must "
                        "use the wallet account %(account)s.",
                        journal=line.journal_id.display_name,
                        account=account.display_name,
                    )
                )
