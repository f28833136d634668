# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from odoo.addons.base.models.ir_actions_report import IrActionsReport

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletStatementTour(CustomerWalletCommon, HttpCase):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.alice.email = "alice.martin@example.com"
        cls._top_up(cls.alice, 50.0, date=date(2024, 1, 10), memo="January top-up")
        cls._wallet_entry(
            cls.alice, -20.0, journal=cls.wallet_journal, date=date(2024, 2, 5)
        )
        # the shop admin: billing and wallet manager, as in the demo
        cls.shop_admin = new_test_user(
            cls.env,
            login="wallet_shop_admin",
            groups="base.group_user,account.group_account_invoice,"
            "account_customer_wallet.group_customer_wallet_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _statement_messages(self):
        return self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.alice.id)]
        )

    def test_shop_admin_prints_and_emails_a_statement(self):
        before = self._statement_messages()
        action = self.env.ref("account_customer_wallet.customer_wallet_action")
        # (within the tour's requests, the report renders as HTML, as in
        # every test: wkhtmltopdf could not read the assets from the test's
        # server; test_statement_is_a_real_pdf renders it with wkhtmltopdf)
        self.start_tour(
            "/web#action=%d" % action.id,
            "account_customer_wallet_statement",
            login="wallet_shop_admin",
        )
        sent = self._statement_messages() - before
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent.author_id, self.shop_admin.partner_id)
        self.assertIn(self.alice, sent.partner_ids)
        self.assertIn("30.00", sent.body)
        self.assertEqual(len(sent.attachment_ids), 1)
        self.assertEqual(sent.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(sent.attachment_ids.name, "Wallet statement Alice Martin.pdf")
        self.assertIn(b"January top-up", sent.attachment_ids.raw)
        self.assertIn(self.alice, sent.mail_ids.recipient_ids)
        self.assertEqual(self._balance(self.alice), 30.0)

    def test_statement_title_and_refresh(self):
        statement = (
            self.env["customer.wallet.statement"]
            .with_user(self.wallet_user)
            .create(
                {
                    "partner_id": self.alice.id,
                    "date_from": date(2024, 1, 1),
                    "date_to": date(2024, 1, 31),
                }
            )
        )
        action = statement.action_show()
        self.assertEqual(
            action["name"],
            "Wallet statement of Alice Martin from 01/01/2024 to 01/31/2024",
        )
        self.assertEqual(statement.line_ids.mapped("amount"), [50.0])
        statement.date_to = False
        # Refresh stays on the screen: no new action, the lines read again
        self.assertIs(statement.action_refresh(), True)
        self.assertEqual(statement.line_ids.mapped("amount"), [50.0, -20.0])
        self.assertEqual(
            statement.display_name, "Wallet statement of Alice Martin from 01/01/2024"
        )

    def test_a_failing_pdf_does_not_block_the_email(self):
        """Without wkhtmltopdf, the email opens without the PDF and the
        failure is noted on the member's chatter."""
        statement = (
            self.env["customer.wallet.statement"]
            .with_user(self.wallet_user)
            .create({"partner_id": self.alice.id})
        )
        before = self._statement_messages()

        def fail(*args, **kwargs):
            raise FileNotFoundError("No such file or directory: 'wkhtmltopdf'")

        with patch.object(IrActionsReport, "_render_qweb_pdf", fail):
            action = statement.action_send_email()
        self.assertEqual(action["params"]["type"], "warning")
        messages = self._statement_messages() - before
        noted = messages.filtered(
            lambda message: "could not be printed" in message.body
        )
        self.assertEqual(len(noted), 1)
        self.assertIn("wkhtmltopdf", noted.body)
        sent = messages - noted
        self.assertEqual(len(sent), 1)
        self.assertFalse(sent.attachment_ids)
        self.assertEqual(sent.partner_ids, self.alice)
        self.assertEqual(sent.author_id, self.wallet_user.partner_id)


@tagged("post_install", "-at_install")
class TestCustomerWalletStatementPdf(CustomerWalletCommon):
    def test_statement_is_a_real_pdf(self):
        """wkhtmltopdf prints the statement attached to the email."""
        self._top_up(self.alice, 50.0, memo="January top-up")
        statement = (
            self.env["customer.wallet.statement"]
            .with_user(self.wallet_manager)
            .with_context(force_report_rendering=True)
            .create({"partner_id": self.alice.id})
        )
        before = self.alice.message_ids
        statement.action_send_email()
        attachment = (self.alice.message_ids - before).attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertTrue(attachment.raw.startswith(b"%PDF"))
