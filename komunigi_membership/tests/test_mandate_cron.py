# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from freezegun import freeze_time

from odoo.tests import tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestMandateCron(KomunigiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Mandate = cls.env["komunigi.mandate"]
        cls.activity_type = cls.env.ref(
            "komunigi_membership.mail_activity_type_prepare_election"
        )
        cls.ending = Mandate.create(
            cls._values(
                cls.shop_a, "2024-07-01", "2026-06-30", user_id=cls.coordinator.id
            )
        )
        cls.expired = Mandate.create(
            cls._values(cls.shop_b, "2024-06-01", "2026-05-31")
        )
        cls.later = Mandate.create(cls._values(cls.shop_c, "2025-06-01", "2027-05-31"))
        (cls.ending | cls.expired | cls.later).write({"state": "active"})

    @classmethod
    def _values(cls, organisation, start, end, **values):
        return dict(
            organisation_id=organisation.id,
            partner_id=cls._delegate(organisation).id,
            date_start=start,
            date_end=end,
            **values
        )

    def _election_activities(self, mandates):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "komunigi.mandate"),
                ("res_id", "in", mandates.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _run_cron(self, day):
        with freeze_time(day):
            self.env["komunigi.mandate"]._cron_komunigi_mandates()

    def test_expired_mandates_end_on_the_day_after_their_last_day(self):
        self._run_cron("2026-05-31")
        self.assertEqual(self.expired.state, "active", "The last day is still in.")
        self._run_cron("2026-06-01")
        self.assertEqual(self.expired.state, "ended")
        self.assertEqual(str(self.expired.date_end), "2026-05-31")
        self.assertEqual(self.ending.state, "active")
        self.assertEqual(self.later.state, "active")

    def test_election_activity_scheduled_once_before_the_end(self):
        # 30 days of notice before 2026-06-30: from 2026-05-31 on.
        self._run_cron("2026-05-30")
        self.assertFalse(self._election_activities(self.ending))
        self._run_cron("2026-05-31")
        activity = self._election_activities(self.ending)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.coordinator)
        self.assertEqual(str(activity.date_deadline), "2026-06-30")
        self.assertEqual(str(self.ending.election_activity_date), "2026-05-31")
        # Marked done, it does not come back the next days.
        activity.action_feedback(feedback="Election on the agenda")
        self._run_cron("2026-06-01")
        self._run_cron("2026-06-10")
        self.assertFalse(self._election_activities(self.ending))
        self.assertEqual(
            len(
                self.ending.message_ids.filtered(
                    lambda m: m.mail_activity_type_id == self.activity_type
                )
            ),
            1,
        )
        self.assertFalse(self._election_activities(self.later))

    def test_notice_follows_the_setting(self):
        self.rule_users.election_notice_days = 60
        self._run_cron("2026-05-01")
        self.assertEqual(len(self._election_activities(self.ending)), 1)
        self.assertFalse(self._election_activities(self.later))

    def test_extended_mandate_gets_a_new_election_preparation(self):
        self._run_cron("2026-06-05")
        self.assertEqual(len(self._election_activities(self.ending)), 1)
        self._election_activities(self.ending).action_feedback(feedback="Postponed")
        self.rule_users.mandate_max_months = 36
        self.ending.date_end = "2026-09-30"
        self._run_cron("2026-06-06")
        self.assertFalse(self._election_activities(self.ending))
        self._run_cron("2026-09-01")
        activity = self._election_activities(self.ending)
        self.assertEqual(str(activity.date_deadline), "2026-09-30")
