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

    @api.model
    def _customer_wallet_demo_shop(self):
        """Demo: the "BEES coop shop" till with cash, wallet and a top-up product.

        Called by the demo data once account_customer_wallet's demo gave the
        main company its wallet account and journal; reuses them.
        """
        company = self.env.ref("base.main_company")
        account = company.customer_wallet_account_id
        if not account or self.env.ref(
            "pos_customer_wallet.pos_config_bees_coop_shop", raise_if_not_found=False
        ):
            return
        self = self.with_company(company)
        Journal = self.env["account.journal"]
        wallet_journal = Journal.search(
            [
                ("company_id", "=", company.id),
                ("is_customer_wallet_journal", "=", True),
                ("type", "=", "bank"),
            ],
            limit=1,
        ) or Journal.create(
            {
                "name": "Customer Wallet",
                "code": "WALT",
                "type": "bank",
                "is_customer_wallet_journal": True,
                "company_id": company.id,
            }
        )
        cash_journal = Journal.search(
            [("company_id", "=", company.id), ("type", "=", "cash")], limit=1
        )
        Method = self.env["pos.payment.method"]
        cash_method = Method.create(
            {
                "name": "Cash (BEES coop shop)",
                "journal_id": cash_journal.id,
                "company_id": company.id,
            }
        )
        wallet_method = Method.create(
            {
                "name": "Wallet",
                "journal_id": wallet_journal.id,
                "split_transactions": True,
                "company_id": company.id,
            }
        )
        top_up = self.env["product.template"].create(
            {
                "name": "Wallet top-up",
                "type": "service",
                "list_price": 1.0,
                "available_in_pos": True,
                "is_customer_wallet_product": True,
            }
        )
        config = self.create(
            {
                "name": "BEES coop shop",
                "company_id": company.id,
                "payment_method_ids": [(6, 0, (cash_method | wallet_method).ids)],
                "customer_wallet_offline_policy": "last_known",
            }
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": "pos_customer_wallet.%s" % name,
                    "record": record,
                    "noupdate": True,
                }
                for name, record in (
                    ("pos_payment_method_cash_demo", cash_method),
                    ("pos_payment_method_wallet_demo", wallet_method),
                    ("product_template_wallet_top_up_demo", top_up),
                    ("pos_config_bees_coop_shop", config),
                )
            ]
        )
