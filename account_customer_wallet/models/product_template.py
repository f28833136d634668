# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_customer_wallet_product = fields.Boolean(
        string="Customer Wallet Top-Up",
        help="Selling this product credits the customer's wallet: it is untaxed and "
        "its income account is the wallet account.",
    )

    def _customer_wallet_company(self):
        self.ensure_one()
        return self.company_id or self.env.company

    def _customer_wallet_product_values(self, company):
        account = company.customer_wallet_account_id
        if not account:
            raise ValidationError(
                _(
                    "Choose the wallet account of %(company)s before creating a "
                    "wallet top-up product.",
                    company=company.display_name,
                )
            )
        return {
            "taxes_id": [Command.clear()],
            "property_account_income_id": account.id,
        }

    @api.onchange("is_customer_wallet_product")
    def _onchange_is_customer_wallet_product(self):
        if self.is_customer_wallet_product:
            company = self._customer_wallet_company()
            if company.customer_wallet_account_id:
                self.taxes_id = False
                self.property_account_income_id = company.customer_wallet_account_id

    @api.model_create_multi
    def create(self, vals_list):
        # A new top-up product is configured automatically (defaults included).
        # The income account is a company-dependent field, set after the record:
        # flag the products once it is, so that the constraint sees it.
        flagged = []
        for index, vals in enumerate(vals_list):
            if vals.get("is_customer_wallet_product"):
                company = (
                    self.env["res.company"].browse(vals["company_id"])
                    if vals.get("company_id")
                    else self.env.company
                )
                values = self._customer_wallet_product_values(company)
                vals["taxes_id"] = values["taxes_id"]
                if not vals.get("property_account_income_id"):
                    vals["property_account_income_id"] = values[
                        "property_account_income_id"
                    ]
                vals.pop("is_customer_wallet_product")
                flagged.append(index)
        templates = super().create(vals_list)
        if flagged:
            # a new product was sold in no session: no open session to wait for
            new = self.browse([templates[index].id for index in flagged])
            super(ProductTemplate, new).write({"is_customer_wallet_product": True})
        return templates

    def write(self, vals):
        if "is_customer_wallet_product" in vals:
            self._customer_wallet_check_no_open_session(
                self.filtered(
                    lambda product: product.is_customer_wallet_product
                    != bool(vals["is_customer_wallet_product"])
                )
            )
        return super().write(vals)

    @api.model
    def _customer_wallet_check_no_open_session(self, products):
        """A product becoming or ceasing to be a top-up changes the pending
        amounts of the open sessions selling it: refuse it while they are open."""
        for product in products:
            companies = product.company_id or (
                self.env["res.company"]
                .sudo()
                .search([("customer_wallet_account_id", "!=", False)])
            )
            companies._customer_wallet_check_no_open_session(
                lambda sessions, product=product: _(
                    "The product %(product)s cannot become or stop being a wallet "
                    "top-up while the sessions %(sessions)s are open: close them "
                    "first.",
                    product=product.display_name,
                    sessions=sessions,
                )
            )

    @api.constrains(
        "is_customer_wallet_product", "taxes_id", "property_account_income_id"
    )
    def _check_customer_wallet_product(self):
        for product in self.filtered("is_customer_wallet_product"):
            company = product._customer_wallet_company()
            product = product.with_company(company)
            account = company.customer_wallet_account_id
            taxes = product.taxes_id.filtered_domain([("company_id", "=", company.id)])
            if taxes or product.property_account_income_id != account:
                raise ValidationError(
                    _(
                        "The wallet top-up product %(product)s must have no customer "
                        "taxes and the wallet account %(account)s as income account.",
                        product=product.display_name,
                        account=account.display_name or _("(not set)"),
                    )
                )
