# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PosConfig(models.Model):
    _inherit = "pos.config"

    customer_wallet_offline_policy = fields.Selection(
        selection=[
            ("refuse", "Refuse wallet payments while offline"),
            ("last_known", "Allow up to the last known balance"),
        ],
        string="Wallet Payments Offline",
        default="refuse",
        required=True,
        help="What the till does with a wallet payment when it cannot reach the "
        "server. With the last known balance, the till subtracts what it has "
        "already spent offline; an order that still overdraws is kept and "
        "flagged for the wallet managers when it reaches the server.",
    )

    @api.constrains("payment_method_ids", "company_id", "journal_id")
    def _check_customer_wallet_payment_methods(self):
        for config in self:
            company = config.company_id
            for method in config.payment_method_ids.filtered(
                "is_customer_wallet_method"
            ):
                journal = method.journal_id
                if not (
                    journal.is_customer_wallet_journal and journal.company_id == company
                ):
                    raise ValidationError(
                        _(
                            "The point of sale %(config)s cannot use the wallet "
                            "payment method %(method)s: its journal %(journal)s is "
                            "not a wallet journal of %(company)s.",
                            config=config.name,
                            method=method.name,
                            journal=journal.display_name or _("(none)"),
                            company=company.name,
                        )
                    )
                if not company.customer_wallet_account_id:
                    raise ValidationError(
                        _(
                            "The point of sale %(config)s cannot use the wallet "
                            "payment method %(method)s: %(company)s has no wallet "
                            "account.",
                            config=config.name,
                            method=method.name,
                            company=company.name,
                        )
                    )
                if config.currency_id != company.currency_id:
                    raise ValidationError(
                        _(
                            "The point of sale %(config)s cannot use the wallet "
                            "payment method %(method)s: wallets are kept in "
                            "%(currency)s, the currency of %(company)s.",
                            config=config.name,
                            method=method.name,
                            currency=company.currency_id.name,
                            company=company.name,
                        )
                    )

    def _customer_wallet_journal(self):
        """The wallet journal whose limit applies to this point of sale."""
        self.ensure_one()
        return self.payment_method_ids.filtered("is_customer_wallet_method")[
            :1
        ].journal_id
