# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from freezegun import freeze_time

from odoo.tests import tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestDisplay(KomunigiCase):
    """What the coordinator reads: assemblies told apart by their time in
    pickers, mandates that end soon flagged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator.write({"tz": "Europe/Brussels", "lang": "en_US"})
        Event = cls.env["calendar.event"]
        cls.march, cls.april = Event.create(
            [
                {
                    "name": "Test intercoop assembly",
                    "start": "2026-03-03 11:00:00",
                    "stop": "2026-03-03 13:00:00",
                    "is_komunigi_assembly": True,
                },
                {
                    "name": "Test intercoop assembly",
                    "start": "2026-04-07 10:00:00",
                    "stop": "2026-04-07 12:00:00",
                    "is_komunigi_assembly": True,
                },
            ]
        )

    def test_assemblies_named_with_their_local_time(self):
        # the reader's language, as the web client passes it (the demo
        # company's partner speaks French)
        march = self.march.with_user(self.coordinator).with_context(lang="en_US")
        april = self.april.with_user(self.coordinator).with_context(lang="en_US")
        # Brussels is UTC+1 in March and UTC+2 in April (summer time).
        self.assertEqual(
            march.display_name, "Test intercoop assembly, 03/03/2026 12:00 PM"
        )
        self.assertEqual(
            april.display_name, "Test intercoop assembly, 04/07/2026 12:00 PM"
        )
        names = dict(
            self.env["calendar.event"]
            .with_user(self.coordinator)
            .name_search("Test intercoop assembly")
        )
        self.assertEqual(len(set(names.values())), 2, "Two different names.")

    def test_other_events_keep_their_name(self):
        meeting = self.env["calendar.event"].create(
            {
                "name": "Test team lunch",
                "start": "2026-03-03 11:00:00",
                "stop": "2026-03-03 12:00:00",
            }
        )
        self.assertEqual(
            meeting.with_user(self.coordinator).display_name, "Test team lunch"
        )

    def _mandates(self):
        Mandate = self.env["komunigi.mandate"]
        return Mandate.create(
            [
                self._mandate_values(
                    self.shop_a, "2024-07-01", "2026-06-20", state="active"
                ),
                self._mandate_values(
                    self.shop_b, "2026-01-01", "2027-12-31", state="active"
                ),
                self._mandate_values(self.shop_c, "2026-01-01", "2026-06-20"),
            ]
        )

    @freeze_time("2026-06-01")
    def test_mandate_ending_within_the_notice_is_flagged(self):
        ending, later, draft = self._mandates().with_user(self.komunigi_user)
        self.assertEqual(
            (ending.is_ending_soon, later.is_ending_soon, draft.is_ending_soon),
            (True, False, False),
        )
        Mandate = self.env["komunigi.mandate"].with_user(self.komunigi_user)
        mine = ending | later | draft
        self.assertEqual(
            Mandate.search([("is_ending_soon", "=", True), ("id", "in", mine.ids)]),
            ending,
        )
        self.assertEqual(
            Mandate.search([("is_ending_soon", "!=", True), ("id", "in", mine.ids)]),
            later | draft,
        )

    @freeze_time("2026-05-01")
    def test_mandate_before_the_notice_is_not_flagged(self):
        ending = self._mandates()[0].with_user(self.komunigi_user)
        self.assertFalse(ending.is_ending_soon)
