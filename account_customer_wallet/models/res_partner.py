# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_wallet_balance = fields.Monetary(
        string="Wallet Balance",
        compute="_compute_customer_wallet_balance",
        search="_search_customer_wallet_balance",
        currency_field="customer_wallet_currency_id",
        groups="account_customer_wallet.group_customer_wallet_user",
        help="Money the company owes to this customer (and its contacts): minus "
        "the posted journal items on the wallet account, in company currency.",
    )
    customer_wallet_currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_customer_wallet_currency_id",
    )

    @api.depends_context("company")
    def _compute_customer_wallet_currency_id(self):
        self.customer_wallet_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_customer_wallet_balance(self):
        real = self.filtered("id")
        balances = self.env["customer.wallet.ledger"]._partner_balances(
            real, self.env.company
        )
        for partner in real:
            partner.customer_wallet_balance = balances.get(partner.id, 0.0)
        (self - real).customer_wallet_balance = 0.0

    def _search_customer_wallet_balance(self, operator, value):
        # A search tells balances as well as a read does: the same rights.
        # Core checks the fields a user reads, not the fields a domain names.
        self.check_field_access_rights("read", ["customer_wallet_balance"])
        return self.env["customer.wallet.ledger"]._search_domain(
            operator, value, self.env.company
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_customer_wallet_statement(self):
        self.ensure_one()
        return (
            self.env["customer.wallet.statement"]
            .create({"partner_id": self.commercial_partner_id.id})
            .action_show()
        )

    def action_customer_wallet_top_up(self):
        self.ensure_one()
        self.env["customer.wallet.top.up"].check_access_rights("create")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "account_customer_wallet.customer_wallet_top_up_action"
        )
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
