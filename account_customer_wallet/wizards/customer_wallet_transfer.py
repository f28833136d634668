# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_amount

from .customer_wallet_wizard import PARTNER_DOMAIN


class CustomerWalletTransfer(models.TransientModel):
    _name = "customer.wallet.transfer"
    _inherit = "customer.wallet.top.up"
    _description = "Move money between two customer wallets"

    partner_id = fields.Many2one(string="From Wallet")
    destination_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="To Wallet",
        required=True,
        domain=PARTNER_DOMAIN,
        check_company=True,
    )
    journal_id = fields.Many2one(
        string="Wallet Journal",
        domain="[('company_id', '=', company_id), "
        "('is_customer_wallet_journal', '=', True)]",
        default=lambda self: self._default_journal_id(),
        help="Wallet journal of the entry: its minimum balance applies to the "
        "debited wallet.",
    )

    @api.model
    def _default_journal_id(self):
        return self.env["account.journal"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("is_customer_wallet_journal", "=", True),
            ],
            limit=1,
        )

    def _amount_error(self):
        return UserError(
            _(
                "The amount to move must be positive, not %(amount)s.",
                amount=format_amount(self.env, self.amount, self.currency_id),
            )
        )

    def _check_journal(self):
        if not self.journal_id.is_customer_wallet_journal:
            raise UserError(
                _(
                    "Money moves between wallets in a wallet journal, not in "
                    "%(journal)s.",
                    journal=self.journal_id.display_name,
                )
            )

    def _check_top_up(self):
        res = super()._check_top_up()
        source = self.partner_id.commercial_partner_id
        if source == self.destination_partner_id.commercial_partner_id:
            raise UserError(
                _(
                    "%(partner)s cannot move money to its own wallet.",
                    partner=source.display_name,
                )
            )
        return res

    def _prepare_move_values(self):
        self.ensure_one()
        source = self.partner_id.commercial_partner_id
        destination = self.destination_partner_id.commercial_partner_id
        label = self.memo or _(
            "Wallet transfer from %(from_wallet)s to %(to_wallet)s",
            from_wallet=source.name,
            to_wallet=destination.name,
        )
        account = self.company_id.customer_wallet_account_id
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "company_id": self.company_id.id,
            "date": self.date,
            "ref": label,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": source.id,
                        "debit": self.amount,
                    }
                ),
                Command.create(
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": destination.id,
                        "credit": self.amount,
                    }
                ),
            ],
        }

    def _done_message(self):
        source = self.partner_id.commercial_partner_id
        destination = self.destination_partner_id.commercial_partner_id
        balances = self._done_balances(source | destination)
        return _(
            "%(amount)s moved from %(from_wallet)s (new balance "
            "%(from_balance)s) to %(to_wallet)s (new balance %(to_balance)s).",
            amount=format_amount(self.env, self.amount, self.currency_id),
            from_wallet=source.display_name,
            from_balance=balances[source.id],
            to_wallet=destination.display_name,
            to_balance=balances[destination.id],
        )
