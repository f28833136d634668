# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestAdmission(KomunigiCase):
    def test_candidate_gets_the_checklist_of_its_community(self):
        candidate = self.candidate.with_user(self.coordinator)
        candidate.action_komunigi_make_candidate()
        self.assertEqual(candidate.komunigi_state, "candidate")
        self.assertEqual(
            candidate.komunigi_check_ids.condition_id,
            self.condition_charter | self.condition_visit | self.condition_odoo,
            "The developers' condition does not apply to a users' candidate.",
        )
        self.assertFalse(candidate.komunigi_checklist_complete)

    def test_admission_blocked_then_allowed_by_the_checklist(self):
        candidate = self.candidate.with_user(self.coordinator)
        candidate.action_komunigi_make_candidate()
        checks = {c.condition_id: c for c in candidate.komunigi_check_ids}
        checks[self.condition_charter].is_met = True
        with self.assertRaisesRegex(UserError, "Runs Odoo hosted by Coop IT Easy"):
            candidate.action_komunigi_admit()
        self.assertEqual(candidate.komunigi_state, "candidate")
        checks[self.condition_odoo].is_met = True
        self.assertTrue(candidate.komunigi_checklist_complete)
        self.assertEqual(checks[self.condition_odoo].checked_by_id, self.coordinator)
        # The optional condition stays unmet: admission is allowed.
        with freeze_time("2026-03-02"):
            candidate.action_komunigi_admit()
        self.assertEqual(candidate.komunigi_state, "member")
        self.assertEqual(str(candidate.komunigi_admission_date), "2026-03-02")

    def test_only_candidates_are_admitted(self):
        with self.assertRaisesRegex(UserError, "not a candidate"):
            self.shop_a.with_user(self.coordinator).action_komunigi_admit()

    def test_person_cannot_be_candidate(self):
        person = self.outsider_person.with_user(self.coordinator)
        with self.assertRaisesRegex(UserError, "only organisations"):
            person.action_komunigi_make_candidate()

    def test_withdraw_ends_the_mandates_and_records_the_reason(self):
        mandate = self.env["komunigi.mandate"].create(
            self._mandate_values(
                self.shop_a, "2026-01-01", "2027-06-30", state="active"
            )
        )
        wizard = (
            self.env["komunigi.withdraw.wizard"]
            .with_user(self.coordinator)
            .create({"partner_ids": [(6, 0, self.shop_a.ids)], "reason": "Shop closed"})
        )
        with freeze_time("2026-05-10"):
            wizard.action_withdraw()
        self.assertEqual(self.shop_a.komunigi_state, "withdrawn")
        self.assertEqual(str(self.shop_a.komunigi_withdrawal_date), "2026-05-10")
        self.assertEqual(self.shop_a.komunigi_withdrawal_reason, "Shop closed")
        self.assertEqual(mandate.state, "ended")
        self.assertEqual(str(mandate.date_end), "2026-05-10")

    def test_state_changes_are_tracked_in_the_chatter(self):
        candidate = self.candidate.with_user(self.coordinator)
        candidate.action_komunigi_make_candidate()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", candidate.id),
                ("field.name", "=", "komunigi_state"),
            ]
        )
        self.assertEqual(tracked.new_value_char, "Candidate")

    def test_only_coordinators_admit_and_withdraw(self):
        self.candidate.with_user(self.coordinator).action_komunigi_make_candidate()
        for user in (self.core_member, self.komunigi_user, self.employee):
            with self.assertRaises(AccessError):
                self.candidate.with_user(user).action_komunigi_admit()
            with self.assertRaises(AccessError):
                self.shop_a.with_user(user).action_komunigi_withdraw()
            with self.assertRaises(AccessError):
                self.shop_a.with_user(user).write({"komunigi_state": "withdrawn"})
        self.assertEqual(self.shop_a.komunigi_state, "member")
