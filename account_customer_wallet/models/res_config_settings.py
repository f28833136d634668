# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_wallet_enabled = fields.Boolean(
        related="company_id.customer_wallet_enabled", readonly=False
    )
    customer_wallet_account_id = fields.Many2one(
        related="company_id.customer_wallet_account_id", readonly=False
    )
    customer_wallet_top_up_account_id = fields.Many2one(
        related="company_id.customer_wallet_top_up_account_id", readonly=False
    )
    customer_wallet_journal_ids = fields.Many2many(
        comodel_name="account.journal",
        string="Customer Wallet Journals",
        compute="_compute_customer_wallet_journal_ids",
        readonly=False,
        domain="[('company_id', '=', company_id), ('type', 'in', ('bank', 'cash'))]",
        help="Journals on which payments are paid from, or refunded to, wallets.",
    )

    @api.depends("company_id")
    def _compute_customer_wallet_journal_ids(self):
        for settings in self:
            settings.customer_wallet_journal_ids = self.env["account.journal"].search(
                [
                    ("company_id", "=", settings.company_id.id),
                    ("is_customer_wallet_journal", "=", True),
                ]
            )

    def set_values(self):
        res = super().set_values()
        current = self.env["account.journal"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("is_customer_wallet_journal", "=", True),
            ]
        )
        wanted = (
            self.customer_wallet_journal_ids
            if self.customer_wallet_enabled
            else self.env["account.journal"]
        )
        (current - wanted).write({"is_customer_wallet_journal": False})
        (wanted - current).write({"is_customer_wallet_journal": True})
        return res
