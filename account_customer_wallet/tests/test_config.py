# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletConfig(CustomerWalletCommon):
    def test_wallet_journal_books_payments_on_the_wallet_account(self):
        journal = self.wallet_journal
        self.assertEqual(journal.default_account_id, self.wallet_account)
        methods = (
            journal.inbound_payment_method_line_ids
            | journal.outbound_payment_method_line_ids
        )
        self.assertTrue(journal.inbound_payment_method_line_ids)
        self.assertTrue(journal.outbound_payment_method_line_ids)
        self.assertEqual(methods.payment_account_id, self.wallet_account)

    def test_flagging_an_existing_bank_journal(self):
        journal = self.env["account.journal"].create(
            {"name": "Second wallet", "code": "WAL2", "type": "bank"}
        )
        journal.write({"is_customer_wallet_journal": True, "minimum_wallet_amount": -5})
        self.assertEqual(journal.default_account_id, self.wallet_account)
        self.assertEqual(
            journal.inbound_payment_method_line_ids.payment_account_id,
            self.wallet_account,
        )
        self.assertEqual(journal._customer_wallet_minimum(), -5)
        self.assertEqual(self.bank_journal._customer_wallet_minimum(), 0.0)

    def test_wallet_journal_must_be_bank_or_cash(self):
        with self.assertRefused(ValidationError, "bank or cash journal"):
            self.env["account.journal"].create(
                {
                    "name": "Bad wallet",
                    "code": "BADW",
                    "type": "general",
                    "is_customer_wallet_journal": True,
                }
            )

    def test_wallet_journal_needs_the_company_wallet_account(self):
        self.company.customer_wallet_enabled = False
        self.company.customer_wallet_account_id = False
        with self.assertRefused(ValidationError, "Choose the wallet account"):
            self.env["account.journal"].create(
                {
                    "name": "Wallet",
                    "code": "WAL3",
                    "type": "bank",
                    "is_customer_wallet_journal": True,
                }
            )

    def test_enabling_needs_a_liability_account(self):
        with self.assertRefused(ValidationError, "Choose the wallet account"):
            self.company.write(
                {"customer_wallet_enabled": True, "customer_wallet_account_id": False}
            )
        with self.assertRefused(ValidationError, "liability account"):
            self.company.customer_wallet_account_id = self.company_data[
                "default_account_revenue"
            ]

    def test_wallet_payment_method_cannot_point_elsewhere(self):
        with self.assertRefused(ValidationError, "must use the wallet account"):
            self.wallet_journal.inbound_payment_method_line_ids[
                0
            ].payment_account_id = self.company_data["default_account_assets"]

    def test_wallet_product_is_configured_automatically(self):
        product = self.env["product.product"].create(
            {
                "name": "Wallet top-up",
                "type": "service",
                "is_customer_wallet_product": True,
            }
        )
        self.assertFalse(product.taxes_id)
        self.assertEqual(product.property_account_income_id, self.wallet_account)
        self.assertTrue(product.is_customer_wallet_product)

    def test_wallet_product_refuses_taxes_or_another_account(self):
        tax = self.company_data["default_tax_sale"]
        product = self.env["product.template"].create(
            {
                "name": "Top-up",
                "is_customer_wallet_product": True,
                "taxes_id": [Command.set(tax.ids)],
            }
        )
        self.assertFalse(product.taxes_id)
        with self.assertRefused(ValidationError, "must have no customer taxes"):
            product.taxes_id = tax
        with self.assertRefused(ValidationError, "income account"):
            product.property_account_income_id = self.company_data[
                "default_account_revenue"
            ]
        normal = self.env["product.template"].create(
            {"name": "Bread", "taxes_id": [Command.set(tax.ids)]}
        )
        with self.assertRefused(ValidationError, "must have no customer taxes"):
            normal.is_customer_wallet_product = True

    def test_settings_choose_account_and_journals(self):
        journal = self.env["account.journal"].create(
            {"name": "Wallet bis", "code": "WALB", "type": "cash"}
        )
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.customer_wallet_enabled)
        self.assertEqual(settings.customer_wallet_account_id, self.wallet_account)
        self.assertEqual(settings.customer_wallet_journal_ids, self.wallet_journal)
        settings.customer_wallet_journal_ids = journal
        settings.execute()
        self.assertTrue(journal.is_customer_wallet_journal)
        self.assertFalse(self.wallet_journal.is_customer_wallet_journal)
        self.assertEqual(journal.default_account_id, self.wallet_account)
