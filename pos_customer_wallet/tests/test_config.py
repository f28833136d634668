# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestConfig(PosCustomerWalletCommon):
    def test_wallet_method_follows_its_journal(self):
        self.assertTrue(self.wallet_pm.is_customer_wallet_method)
        self.assertFalse(self.bank_pm1.is_customer_wallet_method)

    def test_wallet_method_identifies_the_customer(self):
        with self.assertRaisesRegex(ValidationError, "Identify Customer"):
            self.wallet_pm.split_transactions = False

    def test_config_refuses_wallet_method_on_other_journal(self):
        fake_wallet = self.env["pos.payment.method"].create(
            {
                "name": "Not a wallet",
                "journal_id": self.company_data["default_journal_bank"].id,
                "is_customer_wallet_method": True,
                "split_transactions": True,
                "company_id": self.company.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "is not a wallet journal of"):
            self.basic_config.payment_method_ids = [Command.link(fake_wallet.id)]

    def test_config_refuses_wallet_journal_of_other_company(self):
        other_company = self.company_data_2["company"]
        other_company.customer_wallet_account_id = self.env["account.account"].create(
            {
                "name": "Other Wallets",
                "code": "440901",
                "account_type": "liability_current",
                "company_id": other_company.id,
            }
        )
        other_journal = self.env["account.journal"].create(
            {
                "name": "Other Wallet",
                "code": "OWAL",
                "type": "bank",
                "is_customer_wallet_journal": True,
                "company_id": other_company.id,
            }
        )
        method = self.env["pos.payment.method"].create(
            {
                "name": "Other wallet",
                "journal_id": other_journal.id,
                "split_transactions": True,
                "company_id": self.company.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "is not a wallet journal of"):
            self.basic_config.payment_method_ids = [Command.link(method.id)]

    def test_offline_policy_defaults_to_refuse(self):
        self.assertEqual(self.basic_config.customer_wallet_offline_policy, "refuse")

    def test_pos_data_carries_wallet_fields(self):
        self.basic_config.payment_method_ids = [Command.link(self.wallet_pm.id)]
        self.config = self.basic_config
        session = self.open_new_session()
        params = session._loader_params_pos_payment_method()
        methods = {
            method["id"]: method
            for method in session._get_pos_ui_pos_payment_method(params)
        }
        self.assertTrue(methods[self.wallet_pm.id]["is_customer_wallet_method"])
        self.assertEqual(
            methods[self.wallet_pm.id]["customer_wallet_minimum_amount"], 0.0
        )
        partners = session.get_pos_ui_res_partner_by_params(
            {"domain": [("id", "in", (self.member_1 | self.member_2).ids)]}
        )
        self.assertEqual(
            {p["id"]: p["customer_wallet_balance"] for p in partners},
            {self.member_1.id: 100.0, self.member_2.id: 20.0},
        )
