# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.base.models.ir_mail_server import IrMailServer

from .common import KomunigiCase

NO_WKHTMLTOPDF = "Unable to find Wkhtmltopdf on this system."


@tagged("post_install", "-at_install")
class TestDelivery(KomunigiCase):
    """Admission and the welcome booklet: a failure to render or to mail the
    booklet never undoes the admission, is told on the chatter with an
    activity for the coordinator, and the booklet is not marked as sent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(
            "komunigi_membership.mail_activity_type_send_booklet"
        )
        candidate = cls.candidate.with_user(cls.coordinator)
        candidate.action_komunigi_make_candidate()
        candidate.komunigi_check_ids.filtered("required").write(
            {"is_met": True, "note": "Seen by the coordinator"}
        )

    def _pdf_fails(self):
        return patch.object(
            IrActionsReport, "_render_qweb_pdf", side_effect=UserError(NO_WKHTMLTOPDF)
        )

    def _smtp_fails(self):
        return patch.object(
            IrMailServer, "send_email", side_effect=OSError("Connection refused")
        )

    def _booklet_messages(self, partner):
        subtype = self.env.ref("komunigi_membership.mt_komunigi_booklet")
        return partner.message_ids.filtered(lambda m: m.subtype_id == subtype)

    def _failure_notes(self, partner):
        return partner.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_note")
            and "could not be sent" in m.body
        )

    def _assert_admitted_and_failure_told(self, reason):
        candidate = self.candidate
        self.assertEqual(candidate.komunigi_state, "member")
        self.assertEqual(str(candidate.komunigi_admission_date), "2026-04-07")
        checks = candidate.komunigi_check_ids
        self.assertEqual(
            checks.condition_id,
            self.condition_charter | self.condition_visit | self.condition_odoo,
        )
        self.assertEqual(
            checks.filtered("is_met").condition_id,
            self.condition_charter | self.condition_odoo,
        )
        self.assertEqual(
            set(checks.filtered("is_met").mapped("note")), {"Seen by the coordinator"}
        )
        self.assertFalse(candidate.komunigi_booklet_sent_date)
        note = self._failure_notes(candidate)
        self.assertEqual(len(note), 1)
        self.assertIn(reason, note.body)
        activity = candidate.activity_ids
        self.assertEqual(activity.activity_type_id, self.activity_type)
        self.assertEqual(activity.user_id, self.coordinator)

    def test_admission_saved_when_the_pdf_cannot_be_rendered(self):
        with self._pdf_fails(), freeze_time("2026-04-07"):
            result = self.candidate.with_user(self.coordinator).action_komunigi_admit()
        self.assertTrue(result)
        self._assert_admitted_and_failure_told(NO_WKHTMLTOPDF)
        self.assertFalse(self._booklet_messages(self.candidate))

    def test_admission_saved_when_the_mail_server_refuses(self):
        with self._smtp_fails(), freeze_time("2026-04-07"):
            self.candidate.with_user(self.coordinator).action_komunigi_admit()
        self._assert_admitted_and_failure_told("Connection refused")
        # The booklet with its PDF waits in the outgoing mails, to be resent.
        message = self._booklet_messages(self.candidate)
        self.assertEqual(len(message.attachment_ids), 1)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.state, "exception")

    def test_booklet_sent_again_closes_the_activity(self):
        with self._pdf_fails(), freeze_time("2026-04-07"):
            self.candidate.with_user(self.coordinator).action_komunigi_admit()
        self.assertTrue(self.candidate.activity_ids)
        with freeze_time("2026-04-09"):
            action = self.candidate.with_user(
                self.coordinator
            ).action_komunigi_send_booklet()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(str(self.candidate.komunigi_booklet_sent_date), "2026-04-09")
        self.assertFalse(self.candidate.activity_ids)
        message = self._booklet_messages(self.candidate)
        self.assertEqual(len(message), 1)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn(self.candidate, message.partner_ids)

    def test_send_booklet_failure_is_told(self):
        with self._pdf_fails(), freeze_time("2026-04-09"):
            action = self.shop_a.with_user(
                self.coordinator
            ).action_komunigi_send_booklet()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertFalse(self.shop_a.komunigi_booklet_sent_date)
        self.assertEqual(len(self._failure_notes(self.shop_a)), 1)
        self.assertEqual(self.shop_a.activity_ids.activity_type_id, self.activity_type)

    def test_only_the_coordinator_sends_the_booklet(self):
        with self.assertRaisesRegex(Exception, "Only a komunigi coordinator"):
            self.shop_a.with_user(self.core_member).action_komunigi_send_booklet()
        self.assertFalse(self._booklet_messages(self.shop_a))
