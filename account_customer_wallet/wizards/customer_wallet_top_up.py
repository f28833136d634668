# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_amount


class CustomerWalletTopUp(models.TransientModel):
    _name = "customer.wallet.top.up"
    _inherit = "customer.wallet.wizard"
    _description = "Top up a customer wallet"

    amount = fields.Monetary(required=True)
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Paid In",
        required=True,
        check_company=True,
        domain="[('company_id', '=', company_id), ('type', 'in', ('bank', 'cash')), "
        "('is_customer_wallet_journal', '=', False)]",
        help="Cash or bank journal receiving the money.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    memo = fields.Char()

    def _check_wallet_manager(self):
        if not self.env.user.has_group(
            "account_customer_wallet.group_customer_wallet_manager"
        ):
            raise AccessError(_("Only wallet managers can top up or move wallets."))

    @api.model
    def _check_wallet_company(self, company):
        if (
            not company.customer_wallet_enabled
            or not company.customer_wallet_account_id
        ):
            raise UserError(
                _(
                    "Customer wallets are not enabled for %(company)s: choose the "
                    "wallet account in the Invoicing settings first.",
                    company=company.display_name,
                )
            )

    def _check_top_up(self):
        self.ensure_one()
        self._check_wallet_manager()
        self._check_wallet_company(self.company_id)
        if self.currency_id.compare_amounts(self.amount, 0.0) <= 0:
            raise self._amount_error()
        self._check_journal()

    def _amount_error(self):
        return UserError(
            _(
                "The top-up amount must be positive, not %(amount)s.",
                amount=format_amount(self.env, self.amount, self.currency_id),
            )
        )

    def _check_journal(self):
        if (
            self.journal_id.type not in ("bank", "cash")
            or self.journal_id.is_customer_wallet_journal
        ):
            raise UserError(
                _(
                    "A wallet is topped up from a cash or bank journal, not from "
                    "%(journal)s.",
                    journal=self.journal_id.display_name,
                )
            )

    def _top_up_debit_account(self):
        """Account receiving the money, as a customer payment on the journal would."""
        journal = self.journal_id
        return (
            journal.inbound_payment_method_line_ids[:1].payment_account_id
            or journal.company_id.account_journal_payment_debit_account_id
            or journal.default_account_id
        )

    def _prepare_move_values(self):
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        label = self.memo or _("Wallet top-up of %(partner)s", partner=partner.name)
        common = {"name": label, "partner_id": partner.id}
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "company_id": self.company_id.id,
            "date": self.date,
            "ref": label,
            "partner_id": partner.id,
            "line_ids": [
                Command.create(
                    dict(
                        common,
                        account_id=self._top_up_debit_account().id,
                        debit=self.amount,
                    )
                ),
                Command.create(
                    dict(
                        common,
                        account_id=self.company_id.customer_wallet_account_id.id,
                        credit=self.amount,
                    )
                ),
            ],
        }

    def _create_move(self):
        """Post the entry (wallet managers need no accounting rights for it)."""
        self.ensure_one()
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(self._prepare_move_values())
        )
        move.action_post()
        return move

    def action_confirm(self):
        self.ensure_one()
        self._check_top_up()
        move = self._create_move()
        return self._action_done(move)

    def _action_done(self, move):
        """Confirm the new balance and show the member: back to the partner
        form the wizard was opened from (it reloads), or to the member's."""
        self.ensure_one()
        partner = self._done_partner()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self._done_message(),
                "next": self._done_next_action(partner),
            },
        }

    def _done_partner(self):
        """The wallet whose partner form the shop admin sees afterwards."""
        return self.partner_id.commercial_partner_id

    def _done_balances(self, partners):
        """{commercial partner id: formatted balance} after the movement."""
        balances = self.env["customer.wallet.ledger"]._balances(
            partners, self.company_id
        )
        return {
            pid: format_amount(self.env, amount, self.currency_id)
            for pid, amount in balances.items()
        }

    def _done_message(self):
        partner = self.partner_id.commercial_partner_id
        return _(
            "%(partner)s: wallet topped up by %(amount)s, new balance %(balance)s.",
            partner=partner.display_name,
            amount=format_amount(self.env, self.amount, self.currency_id),
            balance=self._done_balances(partner)[partner.id],
        )

    def _done_next_action(self, partner):
        context = self.env.context
        active_id = context.get("active_id")
        if (
            context.get("active_model") == "res.partner"
            and isinstance(active_id, int)
            and self.env["res.partner"].browse(active_id).commercial_partner_id
            == partner
        ):
            # the partner form under the dialog reloads when it closes
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "views": [(False, "form")],
            "target": "current",
        }
