# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestMandate(KomunigiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mandate = cls.env["komunigi.mandate"].with_user(cls.coordinator)

    def test_supermarket_mandate_of_exactly_24_months_is_allowed(self):
        mandate = self.Mandate.create(
            self._mandate_values(self.shop_a, "2026-03-01", "2028-02-29")
        )
        self.assertEqual(mandate.community, "users")

    def test_supermarket_mandate_one_day_longer_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "at most 24 months"):
            self.Mandate.create(
                self._mandate_values(self.shop_a, "2026-03-01", "2028-03-01")
            )

    def test_extending_a_mandate_beyond_24_months_is_refused(self):
        mandate = self.Mandate.create(
            self._mandate_values(self.shop_a, "2026-01-15", "2027-01-14")
        )
        mandate.date_end = "2028-01-14"
        with self.assertRaisesRegex(ValidationError, "2028-01-14"):
            mandate.date_end = "2028-01-15"

    def test_longest_mandate_follows_the_setting(self):
        self.rule_users.with_user(self.coordinator).mandate_max_months = 12
        with self.assertRaisesRegex(ValidationError, "at most 12 months"):
            self.Mandate.create(
                self._mandate_values(self.shop_a, "2026-03-01", "2027-03-01")
            )
        self.Mandate.create(
            self._mandate_values(self.shop_a, "2026-03-01", "2027-02-28")
        )

    def test_developers_mandate_has_no_length_limit(self):
        mandate = self.Mandate.create(
            self._mandate_values(self.developer_org, "2026-01-01", "2031-12-31")
        )
        self.assertEqual(mandate.community, "developers")

    def test_end_before_start_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.Mandate.create(
                self._mandate_values(self.shop_a, "2026-03-01", "2026-02-28")
            )

    def test_users_seats_maximum_is_enforced(self):
        for shop in (self.shop_a, self.shop_b, self.shop_c):
            self.Mandate.create(
                self._mandate_values(shop, "2026-01-01", "2027-12-31")
            ).action_activate()
        fourth = self.Mandate.create(
            self._mandate_values(self.shop_d, "2026-01-01", "2027-12-31")
        )
        with self.assertRaisesRegex(
            ValidationError, "at most 3 core team seats"
        ), self.env.cr.savepoint():
            fourth.action_activate()
        fourth.invalidate_recordset()
        self.assertEqual(fourth.state, "draft")

    def test_a_seat_freed_by_an_ended_mandate_can_be_taken(self):
        mandates = self.Mandate.browse()
        for shop in (self.shop_a, self.shop_b, self.shop_c):
            mandates |= self.Mandate.create(
                self._mandate_values(shop, "2026-01-01", "2027-12-31", state="active")
            )
        mandates[0].action_end()
        fourth = self.Mandate.create(
            self._mandate_values(self.shop_d, "2026-01-01", "2027-12-31")
        )
        fourth.action_activate()
        self.assertEqual(fourth.state, "active")

    def test_developers_seats_maximum_is_enforced(self):
        colleague = self.env["res.partner"].create(
            {"name": "Second Developer", "parent_id": self.developer_org.id}
        )
        third = self.env["res.partner"].create(
            {"name": "Third Developer", "parent_id": self.developer_org.id}
        )
        values = self._mandate_values(self.developer_org, "2026-01-01", "2027-12-31")
        self.Mandate.create(dict(values, state="active"))
        self.Mandate.create(dict(values, partner_id=colleague.id, state="active"))
        with self.assertRaisesRegex(ValidationError, "at most 2 core team seats"):
            self.Mandate.create(dict(values, partner_id=third.id, state="active"))

    def test_seats_under_the_minimum_show_a_warning(self):
        first = self.Mandate.create(
            self._mandate_values(
                self.shop_a, "2026-01-01", "2027-12-31", state="active"
            )
        )
        self.assertIn("fewer than the minimum of 2", first.seat_warning)
        self.assertIn("fewer than the minimum of 2", self.rule_users.seat_warning)
        self.Mandate.create(
            self._mandate_values(
                self.shop_b, "2026-01-01", "2027-12-31", state="active"
            )
        )
        first.invalidate_recordset(["seat_warning"])
        self.rule_users.invalidate_recordset(["seat_warning", "active_seats"])
        self.assertFalse(first.seat_warning)
        self.assertFalse(self.rule_users.seat_warning)
        self.assertEqual(self.rule_users.active_seats, 2)

    def test_non_member_organisation_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a komunigi member"):
            self.Mandate.create(
                {
                    "organisation_id": self.outsider.id,
                    "partner_id": self.outsider_person.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                }
            )

    def test_candidate_organisation_is_refused(self):
        self.candidate.with_user(self.coordinator).action_komunigi_make_candidate()
        person = self.env["res.partner"].create(
            {"name": "Candidate Delegate", "parent_id": self.candidate.id}
        )
        with self.assertRaisesRegex(ValidationError, "not a komunigi member"):
            self.Mandate.create(
                {
                    "organisation_id": self.candidate.id,
                    "partner_id": person.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                }
            )

    def test_person_from_another_organisation_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "does not belong to"):
            self.Mandate.create(
                self._mandate_values(
                    self.shop_a,
                    "2026-01-01",
                    "2026-12-31",
                    partner_id=self._delegate(self.shop_b).id,
                )
            )

    def test_inconsistent_rules_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "inconsistent"):
            self.rule_users.with_user(self.coordinator).seats_max = 1
