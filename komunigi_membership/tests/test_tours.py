# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    """The demo's journeys in a real browser, as the demo logins that
    ``make run`` prints: the coordinator admits the demo candidate, a core
    team delegate (in Dutch) reads the assemblies and the booklet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo reads the translations of every module's code from the .po
        # files on the first page of a language in the process: outside the
        # tours' timeouts
        modules = cls.env["ir.module.module"].search([("state", "=", "installed")])
        for lang in ("fr_BE", "nl_BE"):
            cls.env["ir.http"].get_web_translations_hash(modules.mapped("name"), lang)

    def start_tour(self, url_path, tour_name, **kwargs):
        # The first page of a process (routing map, menus, the web client's
        # translations) can outlast the browser's 20 s navigation timeout on
        # a loaded machine: opened once first, without that timeout.
        login = kwargs.get("login")
        if login:
            self.authenticate(login, login)
        self.url_open(url_path.split("#")[0], timeout=300)
        return super().start_tour(url_path, tour_name, **kwargs)

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

    def test_delegate_answers_the_convocation_in_dutch(self):
        delegate = self.env.ref("komunigi_membership.user_coreteam")
        self.assertEqual(delegate.lang, "nl_BE")
        assembly = self.env.ref("komunigi_membership.assembly_next")
        self.assertTrue(assembly.komunigi_convened_date, "The demo convened it.")
        attendee = assembly.attendee_ids.filtered(
            lambda a: a.partner_id == delegate.partner_id
        )
        attendee.state = "needsAction"
        self.start_tour(
            "/my/komunigi/assemblies/%d" % assembly.id,
            "komunigi_membership_rsvp",
            login=delegate.login,
        )
        # The backend shows the answer on the delegate's own invitation only.
        self.assertEqual(attendee.state, "accepted")
        self.assertIn(
            delegate.partner_id,
            assembly.message_ids.filtered(
                lambda m: m.subtype_id == self.env.ref("calendar.subtype_invitation")
            ).author_id,
        )

    def test_delegate_stands_for_a_seat_in_french(self):
        delegate = self.env.ref("komunigi_membership.user_bees_portal")
        self.assertEqual(delegate.lang, "fr_BE")
        seat = self.env.ref("komunigi_membership.mandate_spp_camille")
        # The seat is open: it ends soon and its successor stepped back.
        self.env.ref("komunigi_membership.mandate_spp_sam").action_cancel()
        seat.date_end = fields.Date.context_today(seat) + timedelta(days=10)
        self.assertIn(seat, self.env["komunigi.candidature"]._komunigi_open_seats())
        self.start_tour(
            "/my/komunigi", "komunigi_membership_candidature", login=delegate.login
        )
        candidature = seat.candidature_ids.filtered(
            lambda c: c.partner_id == delegate.partner_id
        )
        self.assertEqual(candidature.state, "submitted")
        self.assertEqual(
            candidature.organisation_id,
            self.env.ref("komunigi_membership.partner_bees_coop"),
        )
        self.assertEqual(
            candidature.motivation, "La caisse de BEES a besoin d'une voix au noyau."
        )
