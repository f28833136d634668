# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    """The demo's journeys in a real browser, as the demo logins that
    ``make run`` prints: the coordinator admits the demo candidate, a core
    team delegate (in Dutch) reads the assemblies and the booklet."""

    def _booklet_message(self, partner):
        subtype = self.env.ref("komunigi_membership.mt_komunigi_booklet")
        return partner.message_ids.filtered(lambda m: m.subtype_id == subtype)

    def test_coordinator_admits_the_demo_candidate(self):
        candidate = self.env.ref("komunigi_membership.partner_oufticoop")
        coordinator = self.env.ref("komunigi_membership.user_coordinator")
        unmet = self.env.ref("komunigi_membership.check_oufticoop_odoo")
        self.assertEqual(candidate.komunigi_state, "candidate")
        self.assertFalse(unmet.is_met)
        self.start_tour(
            "/web#model=res.partner&id=%d&view_type=form" % candidate.id,
            "komunigi_membership_admission",
            login=coordinator.login,
        )
        self.assertEqual(candidate.komunigi_state, "member")
        self.assertEqual(
            candidate.komunigi_admission_date, fields.Date.context_today(candidate)
        )
        self.assertTrue(unmet.is_met)
        self.assertEqual(unmet.checked_by_id, coordinator)
        self.assertEqual(len(candidate.komunigi_check_ids), 3)
        message = self._booklet_message(candidate)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, coordinator.partner_id)
        self.assertIn(candidate, message.partner_ids)
        # The booklet report, attached (rendered as HTML in test mode, where
        # Odoo does not call wkhtmltopdf), named in the candidate's language.
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn("Oufticoop", message.attachment_ids.name)
        self.assertIn(b"komunigi_booklet_section", message.attachment_ids.raw)
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertEqual(mail.attachment_ids, message.attachment_ids)
        # Outside tests the mail leaves after the commit; deliver it here.
        mail.filtered(lambda m: m.state == "outgoing").send()
        self.assertEqual(mail.state, "sent")
        self.assertEqual(
            candidate.komunigi_booklet_sent_date, fields.Date.context_today(candidate)
        )
        self.assertFalse(candidate.activity_ids)

    def test_core_team_delegate_reads_assemblies_and_booklet_in_dutch(self):
        delegate = self.env.ref("komunigi_membership.user_coreteam")
        self.assertEqual(delegate.lang, "nl_BE")
        self.assertTrue(delegate.share, "The delegate is a portal user.")
        draft = self.env.ref("komunigi_membership.proposal_evaluation")
        self.assertEqual(draft.state, "draft")
        self.start_tour(
            "/my/komunigi/assemblies",
            "komunigi_membership_portal",
            login=delegate.login,
        )
        # Reading changed nothing: the draft is still the core team's.
        self.assertEqual(draft.state, "draft")
        self.assertFalse(
            delegate.has_group("komunigi_membership.group_komunigi_user"),
            "The delegate reads komunigi on the portal only.",
        )
