# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestAccess(KomunigiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assembly = cls.env["calendar.event"].create(
            {
                "name": "Test intercoop assembly",
                "start": "2026-06-02 12:00:00",
                "stop": "2026-06-02 14:00:00",
                "is_komunigi_assembly": True,
                "komunigi_agenda": "<p>Welcome the candidates</p>",
            }
        )
        cls.mandate = cls.env["komunigi.mandate"].create(
            {
                "organisation_id": cls.shop_a.id,
                "partner_id": cls._delegate(cls.shop_a).id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "assembly_id": cls.assembly.id,
            }
        )

    def test_komunigi_user_reads_but_changes_nothing(self):
        user = self.komunigi_user
        self.assertEqual(self.mandate.with_user(user).organisation_id, self.shop_a)
        self.assertIn(
            "Welcome the candidates", self.assembly.with_user(user).komunigi_agenda
        )
        self.assertTrue(self.condition_charter.with_user(user).name)
        with self.assertRaises(AccessError):
            self.mandate.with_user(user).date_end = "2026-11-30"
        with self.assertRaises(AccessError):
            self.env["komunigi.proposal"].with_user(user).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.assembly.with_user(user).komunigi_agenda = "<p>Changed</p>"
        with self.assertRaises(AccessError):
            self.condition_charter.with_user(user).required = False

    def test_employee_outside_komunigi_reads_nothing(self):
        with self.assertRaises(AccessError):
            self.mandate.with_user(self.employee).read(["date_end"])
        with self.assertRaises(AccessError):
            self.condition_charter.with_user(self.employee).read(["name"])
        with self.assertRaises(AccessError):
            self.env["calendar.event"].with_user(self.employee).create(
                {
                    "name": "Fake assembly",
                    "start": "2026-06-02 12:00:00",
                    "stop": "2026-06-02 14:00:00",
                    "is_komunigi_assembly": True,
                }
            )

    def test_core_team_prepares_proposals_and_agendas(self):
        proposal = (
            self.env["komunigi.proposal"]
            .with_user(self.core_member)
            .create(
                {
                    "name": "Evaluate the hosting cost",
                    "kind": "operational_cost",
                    "assembly_id": self.assembly.id,
                }
            )
        )
        proposal.action_ready()
        self.assertEqual(proposal.user_id, self.core_member)
        assembly = self.assembly.with_user(self.core_member)
        assembly.komunigi_agenda = "<p>Hosting cost</p>"
        self.assertEqual(assembly.komunigi_proposal_ids, proposal)
        self.assertIn("Hosting cost", assembly.komunigi_agenda)

    def test_core_team_does_not_manage_mandates_nor_settings(self):
        with self.assertRaises(AccessError):
            self.mandate.with_user(self.core_member).action_activate()
        with self.assertRaises(AccessError):
            self.rule_users.with_user(self.core_member).seats_max = 4
        with self.assertRaises(AccessError):
            self.env["komunigi.join.condition"].with_user(self.core_member).create(
                {"name": "Pay a deposit"}
            )
        with self.assertRaises(AccessError):
            self.candidate.with_user(self.core_member).action_komunigi_make_candidate()

    def test_coordinator_manages_mandates_conditions_and_settings(self):
        coordinator = self.coordinator
        self.mandate.with_user(coordinator).action_activate()
        self.assertEqual(self.mandate.state, "active")
        self.rule_users.with_user(coordinator).seats_max = 4
        self.assertEqual(self.rule_users.seats_max, 4)
        condition = (
            self.env["komunigi.join.condition"]
            .with_user(coordinator)
            .create({"name": "Pay a deposit", "community": "users"})
        )
        self.assertTrue(condition.required)
        section = self.env.ref("komunigi_membership.booklet_section_what")
        section.with_user(coordinator).content = "<p>Our intercooperation</p>"
        self.assertIn("Our intercooperation", section.content)

    def test_forms_open_for_every_group(self):
        for user in (self.komunigi_user, self.core_member, self.coordinator):
            views = (
                self.env["res.partner"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            self.assertIn("komunigi_check_ids", views)
            arch = (
                self.env["calendar.event"]
                .with_user(user)
                .get_views([(False, "form")])["views"]["form"]["arch"]
            )
            self.assertIn("komunigi_agenda", arch)
        arch = (
            self.env["res.partner"]
            .with_user(self.employee)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("komunigi_check_ids", arch)
