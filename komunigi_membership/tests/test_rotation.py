# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import format_date

from .common import KomunigiCase, new_portal_user


@tagged("post_install", "-at_install")
class TestRotation(KomunigiCase):
    """Seats counted by date, successors elected in advance, caps per
    organisation and per person, consecutive mandates and cooling-off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule_users.write(
            {
                "seats_per_organisation": 1,
                "seats_per_person": 1,
                "max_consecutive_mandates": 1,
                "cooling_off_months": 12,
            }
        )
        cls.Mandate = cls.env["komunigi.mandate"].with_user(cls.coordinator)

    def setUp(self):
        super().setUp()
        # Every rule is checked from "today" on: fix it.
        self.frozen = freeze_time("2026-06-01")
        self.frozen.start()
        self.addCleanup(self.frozen.stop)

    def _second_delegate(self, organisation, name="Second delegate"):
        return self.env["res.partner"].create(
            {"name": name, "parent_id": organisation.id}
        )

    def test_seats_are_counted_by_date(self):
        for shop in (self.shop_a, self.shop_b, self.shop_c):
            self.Mandate.create(
                self._mandate_values(shop, "2025-01-01", "2026-12-31")
            ).action_activate()
        # Elected in advance for the day after the three seats are freed.
        fourth = self.Mandate.create(
            self._mandate_values(self.shop_d, "2027-01-01", "2028-12-31")
        )
        fourth.action_elect()
        self.assertEqual(fourth.state, "elected")
        # One day earlier, four seats would be held on 2026-12-31.
        early = self.Mandate.create(
            self._mandate_values(
                self.shop_d,
                "2026-12-31",
                "2027-06-30",
                partner_id=self._second_delegate(self.shop_d).id,
            )
        )
        with self.assertRaisesRegex(
            ValidationError, "at most 3 core team seats and they are all taken on"
        ), self.env.cr.savepoint():
            early.action_elect()
        early.invalidate_recordset()
        self.assertEqual(early.state, "draft")

    def test_successor_elected_in_advance_activates_the_day_after(self):
        predecessor = self.Mandate.create(
            self._mandate_values(self.shop_a, "2024-07-01", "2026-06-30")
        )
        predecessor.action_activate()
        successor = self.Mandate.create(
            self._mandate_values(
                self.shop_b, "2026-07-01", "2028-06-30", predecessor_id=predecessor.id
            )
        )
        successor.action_elect()
        cron = self.env["komunigi.mandate"]._cron_komunigi_mandates
        with freeze_time("2026-06-30"):
            cron()
        self.assertEqual(predecessor.state, "active", "The last day is still in.")
        self.assertEqual(successor.state, "elected")
        with freeze_time("2026-07-01"):
            cron()
        self.assertEqual(predecessor.state, "ended")
        self.assertEqual(str(predecessor.date_end), "2026-06-30")
        self.assertEqual(successor.state, "active")

    def test_successor_starts_the_day_after_the_predecessor(self):
        predecessor = self.Mandate.create(
            self._mandate_values(self.shop_a, "2024-07-01", "2026-06-30")
        )
        predecessor.action_activate()
        with self.assertRaisesRegex(ValidationError, "starts the day after"):
            self.Mandate.create(
                self._mandate_values(
                    self.shop_b,
                    "2026-07-15",
                    "2028-06-30",
                    predecessor_id=predecessor.id,
                )
            )

    def test_an_organisation_holds_one_supermarket_seat(self):
        self.Mandate.create(
            self._mandate_values(self.shop_a, "2026-01-01", "2027-12-31")
        ).action_activate()
        second = self.Mandate.create(
            self._mandate_values(
                self.shop_a,
                "2026-06-01",
                "2027-06-30",
                partner_id=self._second_delegate(self.shop_a).id,
            )
        )
        with self.assertRaisesRegex(
            ValidationError, "Test Supermarket A may hold at most 1 core team seat"
        ), self.env.cr.savepoint():
            second.action_activate()
        # After the first seat's end, the organisation may hold a seat again.
        second.write({"date_start": "2028-01-01", "date_end": "2029-06-30"})
        second.action_elect()
        self.assertEqual(second.state, "elected")

    def test_a_person_holds_one_seat(self):
        person = self._delegate(self.developer_org)
        self.Mandate.create(
            self._mandate_values(self.developer_org, "2026-01-01", "2027-12-31")
        ).action_activate()
        with self.assertRaisesRegex(
            ValidationError, "%s may hold at most 1 core team seat" % person.name
        ), self.env.cr.savepoint():
            self.Mandate.create(
                self._mandate_values(
                    self.developer_org, "2026-03-01", "2026-12-31", state="active"
                )
            )
        # The developers may hold two seats: another person of the same
        # organisation takes the second one.
        other = self.Mandate.create(
            self._mandate_values(
                self.developer_org,
                "2026-03-01",
                "2026-12-31",
                partner_id=self._second_delegate(self.developer_org).id,
            )
        )
        other.action_activate()
        self.assertEqual(other.state, "active")

    def test_consecutive_mandates_wait_for_the_cooling_off(self):
        first = self.Mandate.create(
            self._mandate_values(self.shop_a, "2024-06-01", "2026-05-31")
        )
        first.action_activate()
        first.action_end()
        self.assertEqual(first.state, "ended")
        too_early = self._mandate_values(self.shop_a, "2027-05-31", "2029-05-30")
        with self.assertRaisesRegex(
            ValidationError, "would serve 2 consecutive core team mandates"
        ), self.env.cr.savepoint():
            self.Mandate.create(dict(too_early, state="elected"))
        # A draft is not a mandate yet, electing it is refused.
        draft = self.Mandate.create(dict(too_early, state="draft"))
        with self.assertRaisesRegex(
            ValidationError, format_date(self.env, date(2027, 6, 1))
        ), self.env.cr.savepoint():
            draft.action_elect()
        draft.write({"date_start": "2027-06-01", "date_end": "2029-05-31"})
        draft.action_elect()
        self.assertEqual(draft.state, "elected")

    def test_early_vacancy_schedules_a_by_election(self):
        assembly = (
            self.env["calendar.event"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "name": "Assembly of July",
                    "is_komunigi_assembly": True,
                    "start": "2026-07-07 12:00:00",
                    "stop": "2026-07-07 14:00:00",
                }
            )
        )
        mandate = self.Mandate.create(
            self._mandate_values(
                self.shop_a, "2025-01-01", "2026-12-31", user_id=self.coordinator.id
            )
        )
        mandate.action_activate()
        mandate.action_end()
        self.assertEqual(str(mandate.date_end), "2026-06-01")
        self.assertTrue(mandate.vacated_early)
        activity_type = self.env.ref(
            "komunigi_membership.mail_activity_type_by_election"
        )
        activity = mandate.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        self.assertIn(self.coordinator, activity.user_id)
        by_election = self.env["komunigi.proposal"].search(
            [("mandate_id", "=", mandate.id)]
        )
        self.assertEqual(by_election.assembly_id, assembly)
        self.assertEqual((by_election.kind, by_election.state), ("election", "ready"))
        # A mandate ending on its term leaves no vacancy.
        on_term = self.Mandate.create(
            self._mandate_values(self.shop_b, "2024-07-01", "2026-05-31")
        )
        on_term.action_activate()
        on_term.action_end()
        self.assertFalse(on_term.vacated_early)
        self.assertFalse(on_term.activity_ids)

    def test_candidature_from_the_portal_then_elected(self):
        seat = self.Mandate.create(
            self._mandate_values(self.shop_a, "2024-07-01", "2026-06-20")
        )
        seat.action_activate()
        portal = new_portal_user(self.env, "rotation_portal", "Pia", self.shop_b)
        Candidature = self.env["komunigi.candidature"].with_user(portal)
        with self.assertRaises(AccessError):
            Candidature.create({"seat_id": seat.id, "partner_id": portal.partner_id.id})
        candidature = Candidature._komunigi_submit(
            seat, portal.partner_id, "  I know the shop floor.  "
        )
        self.assertEqual(candidature.organisation_id, self.shop_b)
        self.assertEqual(candidature.motivation, "I know the shop floor.")
        with self.assertRaisesRegex(UserError, "already stands for the seat"):
            Candidature._komunigi_submit(seat, portal.partner_id, "Again")
        with self.assertRaisesRegex(UserError, "in a few words"):
            Candidature._komunigi_submit(seat, self._delegate(self.shop_c), " ")
        with self.assertRaisesRegex(UserError, "too long"):
            Candidature._komunigi_submit(seat, self._delegate(self.shop_c), "x" * 2001)
        with self.assertRaisesRegex(UserError, "member organisations"):
            Candidature._komunigi_submit(seat, self.outsider_person, "Let me in")
        later = self.Mandate.create(
            self._mandate_values(self.shop_c, "2026-01-01", "2027-12-31")
        )
        with self.assertRaisesRegex(UserError, "not open to candidatures"):
            Candidature._komunigi_submit(later, portal.partner_id, "This one")
        # Only a coordinator elects.
        with self.assertRaises(AccessError):
            candidature.with_user(portal).action_elect()
        candidature.with_user(self.coordinator).action_elect()
        mandate = candidature.mandate_id
        self.assertEqual(candidature.state, "elected")
        self.assertEqual(mandate.predecessor_id, seat)
        self.assertEqual(str(mandate.date_start), "2026-06-21")
        self.assertEqual(mandate.state, "elected")
        self.assertEqual(mandate.partner_id, portal.partner_id)
        self.assertNotIn(seat, self.env["komunigi.candidature"]._komunigi_open_seats())


@tagged("post_install", "-at_install")
class TestDemoSuccession(TransactionCase):
    def test_the_demo_successor_of_spp_takes_the_seat_the_day_after(self):
        camille = self.env.ref("komunigi_membership.mandate_spp_camille")
        sam = self.env.ref("komunigi_membership.mandate_spp_sam")
        self.assertEqual(sam.predecessor_id, camille)
        self.assertEqual((camille.state, sam.state), ("active", "elected"))
        cron = self.env["komunigi.mandate"]._cron_komunigi_mandates
        with freeze_time(camille.date_end):
            cron()
        self.assertEqual((camille.state, sam.state), ("active", "elected"))
        with freeze_time(camille.date_end + timedelta(days=1)):
            cron()
        self.assertEqual((camille.state, sam.state), ("ended", "active"))
        self.assertFalse(camille.vacated_early)
