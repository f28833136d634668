# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from freezegun import freeze_time

from odoo.tests import tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestBooklet(KomunigiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.section = cls.env["komunigi.booklet.section"].create(
            {
                "name": "What are the test conditions?",
                "content": "<p>Sign the test charter.</p>",
                "automatic_content": "conditions",
                "sequence": 1,
            }
        )

    def _booklet_messages(self, partner):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("subject", "ilike", "Welcome to komunigi"),
            ]
        )

    def test_booklet_mailed_on_admission_and_date_recorded(self):
        candidate = self.candidate.with_user(self.coordinator)
        candidate.action_komunigi_make_candidate()
        candidate.komunigi_check_ids.filtered("required").write({"is_met": True})
        with freeze_time("2026-04-07"):
            candidate.action_komunigi_admit()
        self.assertEqual(str(candidate.komunigi_booklet_sent_date), "2026-04-07")
        message = self._booklet_messages(candidate)
        self.assertEqual(len(message), 1)
        self.assertIn(candidate, message.partner_ids)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn("welcome booklet", message.attachment_ids.name)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.recipient_ids, candidate)

    def test_booklet_sent_on_demand(self):
        with freeze_time("2026-05-12"):
            self.shop_a.with_user(self.coordinator).action_komunigi_send_booklet()
        self.assertEqual(str(self.shop_a.komunigi_booklet_sent_date), "2026-05-12")
        self.assertEqual(len(self._booklet_messages(self.shop_a)), 1)

    def _render_booklet(self, partners):
        """The booklet of ``partners`` as a komunigi user prints it (HTML)."""
        report = self.env["ir.actions.report"].with_user(self.komunigi_user)
        return report._render_qweb_html(
            "komunigi_membership.action_report_komunigi_booklet", partners.ids
        )[0].decode()

    def test_booklet_prints_the_sections_the_conditions_and_the_members(self):
        html = self._render_booklet(self.candidate)
        self.assertIn("What are the test conditions?", html)
        self.assertIn("Sign the test charter.", html)
        self.assertIn("Signs the intercooperation charter", html)
        self.assertIn("Welcome booklet for", html)
        self.assertIn("Test Candidate Shop", html)

    def test_members_section_lists_the_member_organisations(self):
        self.section.automatic_content = "members"
        html = self._render_booklet(self.candidate)
        self.assertIn("Test Supermarket B", html)
        self.assertIn("Test Developers Coop", html)
        self.assertNotIn("Test Outsider", html)
