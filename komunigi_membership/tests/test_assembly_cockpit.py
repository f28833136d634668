# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import re
from datetime import timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .common import KomunigiCase, new_portal_user


class CockpitCase(KomunigiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the organisations of the test are members.
        ours = cls.developer_org | cls.shop_a | cls.shop_b | cls.shop_c | cls.shop_d
        cls.env["res.partner"].search(
            [("komunigi_state", "=", "member"), ("id", "not in", ours.ids)]
        ).write({"komunigi_state": "none"})
        cls.env["ir.config_parameter"].set_param(
            "komunigi_membership.convocation_days", 7
        )
        cls.env["ir.config_parameter"].set_param(
            "komunigi_membership.quorum_percent", 50
        )
        cls.env["calendar.event"].search([("is_komunigi_assembly", "=", True)]).write(
            {"is_komunigi_assembly": False}
        )
        cls.Event = (
            cls.env["calendar.event"]
            .with_user(cls.core_member)
            .with_context(no_mail_to_attendees=True)
        )
        cls.assembly = cls.Event.create(
            {
                "name": "Assembly of July",
                "is_komunigi_assembly": True,
                "start": "2026-07-07 12:00:00",
                "stop": "2026-07-07 14:00:00",
                "partner_ids": [(6, 0, [cls._delegate(cls.shop_a).id])],
            }
        )
        cls.past = cls.Event.create(
            {
                "name": "Assembly of May",
                "is_komunigi_assembly": True,
                "start": "2026-05-05 12:00:00",
                "stop": "2026-05-05 14:00:00",
                "partner_ids": [(6, 0, [cls._delegate(cls.shop_a).id])],
            }
        )

    def _mails(self, attendees):
        return self.env["mail.mail"].search(
            [("model", "=", "calendar.attendee"), ("res_id", "in", attendees.ids)]
        )


@tagged("post_install", "-at_install")
class TestAssemblyCockpit(CockpitCase):
    def test_agenda_built_and_convocation_queued_at_the_set_day(self):
        Proposal = self.env["komunigi.proposal"].with_user(self.core_member)
        ready = Proposal.create({"name": "Share the hosting costs", "state": "ready"})
        draft = Proposal.create({"name": "Secret draft", "assembly_id": False})
        ending = self.env["komunigi.mandate"].create(
            self._mandate_values(self.shop_b, "2024-09-01", "2026-08-31")
        )
        ending.action_activate()
        later = self.env["komunigi.mandate"].create(
            self._mandate_values(self.shop_c, "2025-01-01", "2026-12-31")
        )
        later.action_activate()
        self.candidate.with_user(self.coordinator).action_komunigi_make_candidate()
        cron = self.env["calendar.event"]._cron_komunigi_assemblies
        with freeze_time("2026-06-30 11:00:00"):
            cron()
        self.assertFalse(self.assembly.komunigi_convened_date)
        self.assertFalse(self._mails(self.assembly.attendee_ids))
        with freeze_time("2026-06-30 12:30:00"):
            cron()
        self.assertEqual(str(self.assembly.komunigi_convened_date), "2026-06-30")
        self.assertEqual(ready.assembly_id, self.assembly)
        agenda = str(self.assembly.komunigi_agenda)
        self.assertIn("Share the hosting costs", agenda)
        self.assertNotIn("Secret draft", agenda)
        self.assertNotEqual(draft.assembly_id, self.assembly)
        self.assertIn(ending.name, agenda)
        self.assertNotIn(later.name, agenda, "It ends more than 60 days after.")
        self.assertIn("Test Candidate Shop", agenda)
        self.assertIn(
            self.env.ref("komunigi_membership.alarm_komunigi_assembly"),
            self.assembly.alarm_ids,
        )
        # Every member organisation's delegate is invited and convened.
        delegates = self.env["res.partner"].browse(
            [self._delegate(org).id for org in self.delegates]
        )
        self.assertEqual(
            self.assembly.partner_ids,
            delegates,
            self.assembly.partner_ids.mapped("display_name"),
        )
        mails = self._mails(self.assembly.attendee_ids)
        self.assertEqual(mails.recipient_ids, delegates)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertIn("Share the hosting costs", mails[0].body_html)
        # Once: the next days change nothing.
        with freeze_time("2026-07-01 08:00:00"):
            cron()
        self.assertEqual(len(self._mails(self.assembly.attendee_ids)), len(delegates))
        self.assertEqual(len(mails), len(delegates), "One convocation each.")

    def test_convocation_in_the_language_of_each_delegate(self):
        template = self.env.ref(
            "komunigi_membership.mail_template_komunigi_convocation"
        )
        self.env["res.lang"]._activate_lang("fr_BE")
        template.with_context(lang="fr_BE").subject = (
            "Convocation : {{ object.event_id.name }}"
        )
        french = self._delegate(self.shop_a)
        french.lang = "fr_BE"
        self._delegate(self.shop_b).lang = "en_US"
        with freeze_time("2026-07-01 08:00:00"):
            self.assembly.with_user(self.core_member).action_komunigi_convene()
        mails = self._mails(self.assembly.attendee_ids)
        by_partner = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(by_partner[french].subject, "Convocation : Assembly of July")
        self.assertTrue(
            by_partner[self._delegate(self.shop_b)].subject.startswith(
                "Convocation: Assembly of July, "
            )
        )

    def test_only_the_core_team_convenes(self):
        with self.assertRaises(AccessError):
            self.assembly.with_user(self.komunigi_user).action_komunigi_convene()
        self.assertFalse(self.assembly.komunigi_convened_date)

    def test_only_the_core_team_dates_the_convocation(self):
        """An employee cannot have the daily job convene again, nor stop it."""
        for value in (False, "2026-06-30"):
            with self.assertRaises(AccessError):
                self.assembly.with_user(self.komunigi_user).write(
                    {"komunigi_convened_date": value}
                )
        self.assertFalse(self.assembly.komunigi_convened_date)

    def test_the_cockpit_acts_on_assemblies_only(self):
        private = self.env["calendar.event"].create(
            {
                "name": "Dentist",
                "start": "2026-07-01 08:00:00",
                "stop": "2026-07-01 09:00:00",
            }
        )
        before = private.partner_ids
        private.with_user(self.core_member).action_komunigi_convene()
        private.with_user(self.core_member).action_komunigi_invite_members()
        self.assertEqual(private.partner_ids, before)
        self.assertFalse(private.komunigi_convened_date)

    def test_admitted_members_are_invited_withdrawn_ones_removed(self):
        with freeze_time("2026-06-01 08:00:00"):
            candidate = self.candidate.with_user(self.coordinator)
            candidate.action_komunigi_make_candidate()
            candidate.komunigi_check_ids.write({"is_met": True})
            person = self.env["res.partner"].create(
                {
                    "name": "Nina Newcomer",
                    "email": "nina@example.com",
                    "parent_id": candidate.id,
                }
            )
            self.assembly.with_user(self.core_member).action_komunigi_convene()
            candidate.action_komunigi_admit()
            self.assertIn(person, self.assembly.partner_ids)
            self.assertNotIn(person, self.past.partner_ids, "The past stays.")
            # The assembly was convened: the newcomer gets the convocation.
            attendee = self.assembly.attendee_ids.filtered(
                lambda a: a.partner_id == person
            )
            self.assertEqual(len(self._mails(attendee)), 1)
            self.shop_a.with_user(self.coordinator).action_komunigi_withdraw()
        delegate = self._delegate(self.shop_a)
        self.assertNotIn(delegate, self.assembly.partner_ids)
        self.assertIn(delegate, self.past.partner_ids, "The past stays.")

    def test_minutes_are_mailed_to_the_attendees(self):
        event = self.past.with_user(self.core_member)
        with self.assertRaisesRegex(UserError, "Write the minutes"):
            event.action_komunigi_send_minutes()
        event.komunigi_minutes = "<p>The hosting costs are shared.</p>"
        with self.assertRaises(AccessError):
            self.past.with_user(self.komunigi_user).action_komunigi_send_minutes()
        event.action_komunigi_send_minutes()
        mails = self._mails(self.past.attendee_ids)
        self.assertEqual(mails.recipient_ids, self._delegate(self.shop_a))
        self.assertIn("The hosting costs are shared.", mails.body_html)
        self.assertTrue(self.past.komunigi_minutes_sent_date)


@tagged("post_install", "-at_install")
class TestDecisions(CockpitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proposal = (
            cls.env["komunigi.proposal"]
            .with_user(cls.core_member)
            .create(
                {
                    "name": "Share the hosting costs",
                    "assembly_id": cls.assembly.id,
                    "state": "ready",
                    "user_id": cls.coordinator.id,
                }
            )
        )
        cls.Vote = cls.env["komunigi.vote"].with_user(cls.core_member)

    def _vote(self, organisation, choice):
        return self.Vote.create(
            {
                "proposal_id": self.proposal.id,
                "organisation_id": organisation.id,
                "choice": choice,
            }
        )

    def test_one_vote_per_organisation(self):
        self._vote(self.shop_a, "yes")
        with mute_logger("odoo.sql_db"), self.assertRaises(
            IntegrityError
        ), self.env.cr.savepoint():
            self._vote(self.shop_a, "no")
        with self.assertRaisesRegex(
            ValidationError, "Only member organisations vote"
        ), self.env.cr.savepoint():
            self._vote(self.outsider, "yes")
        self.assertEqual(self.proposal.vote_yes, 1)
        self.assertEqual(self.proposal.vote_no, 0)
        with self.assertRaises(AccessError):
            self.env["komunigi.vote"].with_user(self.komunigi_user).create(
                {
                    "proposal_id": self.proposal.id,
                    "organisation_id": self.shop_b.id,
                    "choice": "no",
                }
            )

    def test_quorum_then_accepted_with_follow_up(self):
        # 5 member organisations, 50 %: 3 must vote.
        self._vote(self.shop_a, "yes")
        self._vote(self.shop_b, "no")
        proposal = self.proposal.with_user(self.core_member)
        with self.assertRaisesRegex(
            UserError, "2 member organisation\\(s\\) voted, 3 are needed"
        ):
            proposal.action_decide()
        self.assertEqual(proposal.state, "ready")
        self._vote(self.shop_c, "yes")
        with freeze_time("2026-07-07 15:00:00"):
            proposal.action_decide()
        self.assertEqual(proposal.state, "accepted")
        self.assertEqual(str(proposal.decision_date), "2026-07-07")
        self.assertIn("2 yes, 1 no, 0 abstention(s) of 3", proposal.decision)
        follow_up = proposal.follow_up_ids
        self.assertEqual(len(follow_up), 1)
        self.assertEqual(follow_up.owner_id, self.coordinator.partner_id)
        self.assertEqual(str(follow_up.date_deadline), "2026-08-06")
        self.assertEqual(follow_up.state, "todo")
        # The vote is closed.
        with self.assertRaisesRegex(ValidationError, "is closed"):
            self._vote(self.shop_d, "no")

    def test_quorum_follows_the_setting(self):
        self.env["ir.config_parameter"].set_param(
            "komunigi_membership.quorum_percent", 20
        )
        self._vote(self.shop_a, "no")
        self.proposal.with_user(self.core_member).action_decide()
        self.assertEqual(self.proposal.state, "rejected")
        self.assertFalse(self.proposal.follow_up_ids)

    def test_tie_rejects(self):
        self._vote(self.shop_a, "yes")
        self._vote(self.shop_b, "no")
        self._vote(self.shop_c, "abstain")
        self.proposal.with_user(self.core_member).action_decide()
        self.assertEqual(self.proposal.state, "rejected")


@tagged("post_install", "-at_install")
class TestCockpitPortal(CockpitCase, HttpCase):
    """Through the HTTP server, whose clock cannot be frozen: the dates are
    relative to today."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.portal_a = new_portal_user(
            cls.env, "cockpit_portal_a", "Anna of Shop A", cls.shop_a
        )
        cls.portal_a.partner_id.email = "anna@example.com"
        cls.portal_b = new_portal_user(
            cls.env, "cockpit_portal_b", "Bert of Shop B", cls.shop_b
        )
        start = fields.Datetime.now() + timedelta(days=10)
        cls.next_assembly = cls.Event.create(
            {
                "name": "Next assembly",
                "is_komunigi_assembly": True,
                "start": start,
                "stop": start + timedelta(hours=2),
                "partner_ids": [
                    (6, 0, (cls.portal_a.partner_id | cls.portal_b.partner_id).ids)
                ],
            }
        )

    def _attendee(self, user):
        return self.next_assembly.attendee_ids.filtered(
            lambda a: a.partner_id == user.partner_id
        )

    def _csrf(self, url):
        # The first page of a run compiles the assets: give it time.
        html = self.url_open(url, timeout=60).text
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def test_rsvp_of_the_own_invitation_only(self):
        url = "/my/komunigi/assemblies/%d" % self.next_assembly.id
        self.authenticate("cockpit_portal_a", "cockpit_portal_a")
        token = self._csrf(url)
        # Without the CSRF token, nothing changes.
        with mute_logger("odoo.http"):
            response = self.url_open(url + "/rsvp", data={"answer": "accepted"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._attendee(self.portal_a).state, "needsAction")
        self.url_open(url + "/rsvp", data={"answer": "accepted", "csrf_token": token})
        self.assertEqual(self._attendee(self.portal_a).state, "accepted")
        self.assertEqual(self._attendee(self.portal_b).state, "needsAction")
        self.url_open(url + "/rsvp", data={"answer": "declined", "csrf_token": token})
        self.assertEqual(self._attendee(self.portal_a).state, "declined")
        # Not invited to that assembly: no answer there.
        response = self.url_open(
            "/my/komunigi/assemblies/%d/rsvp" % self.assembly.id,
            data={"answer": "accepted", "csrf_token": token},
        )
        self.assertEqual(response.status_code, 404)

    def test_public_core_team_page_shows_the_seats_only(self):
        self.env["komunigi.mandate"].create(
            self._mandate_values(
                self.shop_a,
                self.today - timedelta(days=30),
                self.today + timedelta(days=300),
            )
        ).action_activate()
        html = self.url_open("/komunigi/core-team", timeout=60).text
        self.assertIn("Delegate of Test Supermarket A", html)
        self.assertIn("Test Supermarket A", html)
        self.assertNotIn(self._delegate(self.shop_a).email, html)
        self.assertNotIn("Delegate of Test Supermarket B", html)

    def test_candidature_form_needs_its_csrf_token(self):
        seat = self.env["komunigi.mandate"].create(
            self._mandate_values(
                self.shop_c,
                self.today - timedelta(days=300),
                self.today + timedelta(days=10),
            )
        )
        seat.action_activate()
        self.authenticate("cockpit_portal_b", "cockpit_portal_b")
        token = self._csrf("/my/komunigi")
        url = "/my/komunigi/seats/%d/candidature" % seat.id
        with mute_logger("odoo.http"):
            response = self.url_open(url, data={"motivation": "Me"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(seat.candidature_ids)
        response = self.url_open(url, data={"motivation": " ", "csrf_token": token})
        self.assertIn("in a few words", response.text)
        self.assertFalse(seat.candidature_ids)
        self.url_open(url, data={"motivation": "I know", "csrf_token": token})
        self.assertEqual(seat.candidature_ids.partner_id, self.portal_b.partner_id)
        self.assertEqual(seat.candidature_ids.motivation, "I know")


@tagged("post_install", "-at_install")
class TestDemoAssembly(TransactionCase):
    def test_the_demo_next_assembly_is_convened(self):
        assembly = self.env.ref("komunigi_membership.assembly_next")
        self.assertTrue(assembly.komunigi_convened_date)
        agenda = str(assembly.komunigi_agenda)
        self.assertIn("o_komunigi_built_agenda", agenda)
        self.assertIn(self.env.ref("komunigi_membership.proposal_wallet").name, agenda)
        self.assertIn(
            self.env.ref("komunigi_membership.partner_oufticoop").name, agenda
        )
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "calendar.attendee"),
                ("res_id", "in", assembly.attendee_ids.ids),
            ]
        )
        bram = self.env.ref("komunigi_membership.partner_bees_coop_bram")
        self.assertIn(bram, mails.recipient_ids)
