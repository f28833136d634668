# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    is_customer_wallet_method = fields.Boolean(
        string="Customer Wallet",
        compute="_compute_is_customer_wallet_method",
        store=True,
        readonly=False,
        help="Payments with this method are taken from the customer's wallet. "
        "It follows the journal: a wallet journal makes a wallet payment method.",
    )

    @api.depends("journal_id")
    def _compute_is_customer_wallet_method(self):
        for method in self:
            method.is_customer_wallet_method = (
                method.journal_id.is_customer_wallet_journal
            )

    @api.onchange("is_customer_wallet_method")
    def _onchange_is_customer_wallet_method(self):
        if self.is_customer_wallet_method:
            self.split_transactions = True

    @api.constrains("is_customer_wallet_method", "split_transactions", "journal_id")
    def _check_customer_wallet_method(self):
        for method in self.filtered("is_customer_wallet_method"):
            if method.journal_id.type != "bank":
                raise ValidationError(
                    _(
                        "The wallet payment method %(method)s needs a wallet journal "
                        "of type Bank: a cash journal would count wallet payments "
                        "in the cash drawer.",
                        method=method.name,
                    )
                )
            if not method.split_transactions:
                raise ValidationError(
                    _(
                        "The wallet payment method %(method)s must identify the "
                        "customer: enable Identify Customer.",
                        method=method.name,
                    )
                )
        self.config_ids._check_customer_wallet_payment_methods()
