# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestClosingRefusesTopUpsItCannotBook(PosCustomerWalletCommon):
    """A top-up line the closing cannot move to the wallet stops the closing.

    Left among the sales, the money paid for it would be booked as revenue
    and the member's wallet would lose the top-up when the session's entry
    replaces the pending amounts.
    """

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.cashier = new_test_user(
            cls.env,
            login="holes_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def setUp(self):
        super().setUp()
        self.start_wallet_session()
        self.sync(
            [(self.top_up_product, 50)],
            customer=self.member_1,
            payments=[(self.cash_pm1, 50)],
            uid="00100-020-0001",
        )
        self.top_up_line = self.pos_session.order_ids.lines
        # the top-up counts from the sale on
        self.assertEqual(self.balances(self.member_1, self.member_2), [150.0, 20.0])

    def assertClosingRefused(self, regex):
        session = self.pos_session
        cash = sum(session.order_ids.payment_ids.mapped("amount"))
        session.post_closing_cash_details(cash)
        with self.assertRaisesRegex(UserError, regex):
            session.with_user(self.cashier).close_session_from_ui()
        self.assertNotEqual(session.state, "closed")
        self.assertFalse(
            self.env["account.move.line"].search(
                [
                    ("move_id", "=", session.move_id.id),
                    ("parent_state", "=", "posted"),
                ]
            )
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [150.0, 20.0])

    def test_a_taxed_top_up_line(self):
        self.top_up_line.write(
            {"tax_ids": [Command.set(self.company_data["default_tax_sale"].ids)]}
        )
        self.assertClosingRefused("is taxed")

    def test_a_fiscal_position_mapping_the_wallet_account(self):
        revenue = self.company_data["default_account_revenue"]
        position = self.env["account.fiscal.position"].create(
            {
                "name": "Elsewhere",
                "company_id": self.company.id,
                "account_ids": [
                    Command.create(
                        {
                            "account_src_id": self.wallet_account.id,
                            "account_dest_id": revenue.id,
                        }
                    )
                ],
            }
        )
        self.pos_session.order_ids.fiscal_position_id = position
        self.assertClosingRefused("instead of the wallet account")

    def test_a_product_booked_on_another_account_in_this_company(self):
        # the top-up product's income account changed behind its constraint
        self.env.cr.execute(
            "UPDATE ir_property SET value_reference = %s "
            "WHERE name = 'property_account_income_id' AND res_id = %s",
            [
                "account.account,%s" % self.company_data["default_account_revenue"].id,
                "product.template,%s" % self.top_up_product.product_tmpl_id.id,
            ],
        )
        self.env.invalidate_all()
        self.assertClosingRefused("instead of the wallet account")

    def test_a_bookable_top_up_closes(self):
        self.close_session()
        wallet_lines = self.pos_session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.wallet_account
        )
        self.assertRecordValues(
            wallet_lines, [{"partner_id": self.member_1.id, "credit": 50.0}]
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [150.0, 20.0])


@tagged("post_install", "-at_install")
class TestWalletConfigurationWhileSessionsAreOpen(PosCustomerWalletCommon):
    """An open session books its wallet movements at closing, with the
    configuration of that time: the configuration waits for the closing."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        company_ids = [Command.set(cls.company.ids)]
        cls.pos_manager = new_test_user(
            cls.env,
            login="holes_pos_manager",
            groups="base.group_user,point_of_sale.group_pos_manager",
            company_id=cls.company.id,
            company_ids=company_ids,
        )
        cls.accountant = new_test_user(
            cls.env,
            login="holes_accountant",
            groups="base.group_user,account.group_account_manager",
            company_id=cls.company.id,
            company_ids=company_ids,
        )
        cls.admin = new_test_user(
            cls.env,
            login="holes_admin",
            groups="base.group_user,base.group_system,account.group_account_manager",
            company_id=cls.company.id,
            company_ids=company_ids,
        )

    def setUp(self):
        super().setUp()
        self.start_wallet_session()
        self.sync(
            [(self.apples, 3)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 30)],
            uid="00100-030-0001",
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def _refusals(self, new_account):
        # core refuses any change of a payment method of an open session
        return {
            "company account": lambda: self.company.with_user(self.admin).write(
                {"customer_wallet_account_id": new_account.id}
            ),
            "journal flag": lambda: self.wallet_journal.with_user(
                self.accountant
            ).write({"is_customer_wallet_journal": False}),
            "method flag": lambda: self.wallet_pm.with_user(self.pos_manager).write(
                {"is_customer_wallet_method": False}
            ),
            "method journal": lambda: self.wallet_pm.with_user(self.pos_manager).write(
                {"journal_id": self.bank_pm1.journal_id.id}
            ),
        }

    def test_changes_wait_for_the_closing(self):
        new_account = self.env["account.account"].create(
            {
                "name": "Customer Wallets (new)",
                "code": "440901",
                "account_type": "liability_current",
                "company_id": self.company.id,
            }
        )
        for name, change in self._refusals(new_account).items():
            with self.subTest(change=name):
                with self.assertRaisesRegex(UserError, self.pos_session.name):
                    change()
                self.assertEqual(
                    self.company.customer_wallet_account_id, self.wallet_account
                )
                self.assertTrue(self.wallet_journal.is_customer_wallet_journal)
                self.assertTrue(self.wallet_pm.is_customer_wallet_method)
                self.assertEqual(
                    self.balances(self.member_1, self.member_2), [70.0, 20.0]
                )
        self.close_session()
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        self.company.with_user(self.admin).customer_wallet_account_id = new_account
        self.assertEqual(self.wallet_journal.default_account_id, new_account)
        self.assertEqual(
            self.top_up_product.with_company(self.company).property_account_income_id,
            new_account,
        )
