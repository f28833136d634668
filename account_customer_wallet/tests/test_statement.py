# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletStatement(CustomerWalletCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls._top_up(cls.alice, 50.0, date=date(2024, 1, 10), memo="January top-up")
        cls._wallet_entry(
            cls.alice, -20.0, journal=cls.wallet_journal, date=date(2024, 2, 5)
        )
        cls._top_up(cls.alice, 5.0, date=date(2024, 3, 1), memo="March top-up")
        cls._top_up(cls.bob, 99.0, date=date(2024, 2, 1))

    def _statement(self, user=None, **values):
        env = self.env(user=user) if user else self.env
        return env["customer.wallet.statement"].create(
            dict({"partner_id": self.alice.id}, **values)
        )

    def test_running_balance_of_all_movements(self):
        statement = self._statement()
        statement.action_show()
        self.assertEqual(statement.opening_balance, 0.0)
        self.assertEqual(statement.closing_balance, 35.0)
        self.assertEqual(
            [(ln.date, ln.amount, ln.balance) for ln in statement.line_ids],
            [
                (date(2024, 1, 10), 50.0, 50.0),
                (date(2024, 2, 5), -20.0, 30.0),
                (date(2024, 3, 1), 5.0, 35.0),
            ],
        )
        self.assertEqual(statement.line_ids[0].label, "January top-up")

    def test_statement_filtered_by_dates(self):
        statement = self._statement(
            user=self.wallet_user, date_from=date(2024, 2, 1), date_to=date(2024, 2, 28)
        )
        statement.action_show()
        self.assertEqual(statement.opening_balance, 50.0)
        self.assertEqual(
            [(ln.amount, ln.balance) for ln in statement.line_ids], [(-20.0, 30.0)]
        )
        self.assertEqual(statement.closing_balance, 30.0)
        empty = self._statement(date_from=date(2025, 1, 1))
        empty.action_show()
        self.assertFalse(empty.line_ids)
        self.assertEqual(empty.opening_balance, 35.0)
        self.assertEqual(empty.closing_balance, 35.0)
        with self.assertRefused(UserError, "cannot end"):
            self._statement(date_from=date(2024, 3, 1), date_to=date(2024, 2, 1))

    def test_smart_button_opens_the_statement_of_the_family(self):
        self._top_up(self.claire, 3.0)
        action = self.claire.with_user(
            self.wallet_user
        ).action_customer_wallet_statement()
        statement = self.env["customer.wallet.statement"].browse(action["res_id"])
        self.assertEqual(statement.partner_id, self.household)
        self.assertEqual(statement.closing_balance, 3.0)

    def test_statement_pdf_and_email(self):
        statement = self._statement(user=self.wallet_user)
        statement.action_show()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "account_customer_wallet.report_customer_wallet_statement",
                statement.ids,
            )[0]
            .decode()
        )
        self.assertIn("Alice Martin", html)
        self.assertIn("January top-up", html)
        self.assertIn("35.00", html)
        messages = self.alice.message_ids
        action = statement.action_send_email()
        self.assertEqual(action["params"]["type"], "success")
        sent = self.alice.message_ids - messages
        self.assertEqual(sent.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(sent.partner_ids, self.alice)

    def test_employee_without_wallet_rights_has_no_statement(self):
        employee = self.env["res.users"].create(
            {
                "name": "Employee",
                "login": "statement_employee",
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        with self.assertRaises(AccessError):
            self._statement(user=employee)
