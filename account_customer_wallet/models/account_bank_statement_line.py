# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# Fields of a statement line that core writes onto its posted journal items.
WALLET_STATEMENT_LINE_FIELDS = frozenset(
    {
        "amount",
        "amount_currency",
        "foreign_currency_id",
        "partner_id",
        "journal_id",
        "currency_id",
    }
)


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    @api.model_create_multi
    def create(self, vals_list):
        # In a wallet journal a statement line credits or debits a wallet:
        # only wallet managers record one (point of sale users may create
        # statement lines, for their cash in and out).
        if not self.env.user.has_group(
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

    def write(self, vals):
        # Core rewrites the journal items of a posted statement line in place:
        # a wallet movement is reversed instead.
        Move = self.env["account.move"]
        fields_written = WALLET_STATEMENT_LINE_FIELDS.intersection(vals)
        if fields_written:
            for st_line in self.filtered(lambda line: line.state == "posted"):
                changed = any(
                    Move._field_will_change(st_line, vals, fname)
                    for fname in fields_written
                )
                if changed and st_line.move_id._customer_wallet_lines():
                    raise UserError(
                        _(
                            "The statement line %(line)s moves a customer's "
                            "wallet: reverse its entry instead of changing its "
                            "amount, customer or journal.",
                            line=st_line.display_name,
                        )
                    )
        return super().write(vals)
