# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestChecklist(KomunigiCase):
    """A required join condition stays in a candidate's checklist: the
    coordinator cannot delete it (trash icon, unlink or a write over RPC),
    only change the community's rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.candidate.with_user(cls.coordinator).action_komunigi_make_candidate()
        cls.checks = {c.condition_id: c for c in cls.candidate.komunigi_check_ids}

    def _assert_still_blocked(self):
        candidate = self.candidate.with_user(self.coordinator)
        self.assertIn(self.condition_odoo, candidate.komunigi_check_ids.condition_id)
        self.checks[self.condition_charter].is_met = True
        with self.assertRaisesRegex(UserError, "Runs Odoo hosted by Coop IT Easy"):
            candidate.action_komunigi_admit()
        self.assertEqual(candidate.komunigi_state, "candidate")

    def test_required_line_cannot_be_unlinked(self):
        line = self.checks[self.condition_odoo].with_user(self.coordinator)
        with self.assertRaisesRegex(UserError, "cannot be removed from the checklist"):
            line.unlink()
        self._assert_still_blocked()

    def test_required_line_cannot_be_deleted_from_the_partner(self):
        candidate = self.candidate.with_user(self.coordinator)
        line = self.checks[self.condition_odoo]
        for command in (Command.delete(line.id), Command.unlink(line.id)):
            with self.assertRaisesRegex(
                UserError, "cannot be removed from the checklist"
            ):
                candidate.write({"komunigi_check_ids": [command]})
        with self.assertRaisesRegex(UserError, "cannot be removed from the checklist"):
            candidate.write({"komunigi_check_ids": [Command.clear()]})
        self._assert_still_blocked()

    def test_required_line_cannot_be_moved_or_replaced(self):
        line = self.checks[self.condition_odoo].with_user(self.coordinator)
        with self.assertRaisesRegex(UserError, "stays with its candidate"):
            line.write({"condition_id": self.condition_visit.id})
        with self.assertRaisesRegex(UserError, "stays with its candidate"):
            line.write({"partner_id": self.shop_a.id})
        # Ticking it and writing its note stay possible.
        line.write({"note": "Hosted since May", "is_met": False})
        self.assertEqual(line.note, "Hosted since May")
        self._assert_still_blocked()

    def test_optional_line_can_be_deleted(self):
        self.checks[self.condition_visit].with_user(self.coordinator).unlink()
        self.assertEqual(
            self.candidate.komunigi_check_ids.condition_id,
            self.condition_charter | self.condition_odoo,
        )

    def test_changing_the_rules_drops_the_condition(self):
        self.condition_odoo.with_user(self.coordinator).active = False
        candidate = self.candidate.with_user(self.coordinator)
        candidate.action_komunigi_refresh_checklist()
        self.assertNotIn(self.condition_odoo, candidate.komunigi_check_ids.condition_id)
        self.checks[self.condition_charter].is_met = True
        candidate.action_komunigi_admit()
        self.assertEqual(candidate.komunigi_state, "member")

    def test_condition_added_later_blocks_the_admission(self):
        condition = self.env["komunigi.join.condition"].create(
            {"name": "Sends a delegate to the core team", "required": True}
        )
        candidate = self.candidate.with_user(self.coordinator)
        candidate.komunigi_check_ids.filtered("required").write({"is_met": True})
        with self.assertRaisesRegex(UserError, "Sends a delegate to the core team"):
            candidate.action_komunigi_admit()
        self.assertEqual(candidate.komunigi_state, "candidate")
        candidate.action_komunigi_refresh_checklist()
        self.assertIn(condition, candidate.komunigi_check_ids.condition_id)
