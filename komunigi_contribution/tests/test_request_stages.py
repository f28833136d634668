# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestRequestStages(KomunigiContributionCase):
    def test_request_follows_the_stages_to_done(self):
        request = self._create_request()
        self.assertTrue(request.komunigi_is_request)
        self.assertEqual(request.komunigi_request_state, "collected")
        request.stage_id = self.stages["clarified"]
        request.komunigi_specification = "<p>Pay from the wallet.</p>"
        for state in ("specified", "prioritised"):
            request.stage_id = self.stages[state]
            self.assertEqual(request.komunigi_request_state, state)
        request.write(
            {
                "komunigi_estimate_hours": 10.0,
                "stage_id": self.stages["estimated"].id,
            }
        )
        request.stage_id = self.stages["funding"]
        self._share(request, self.shop_a, 10.0, share_type="hours")
        for state in ("funded", "in_progress", "done"):
            request.stage_id = self.stages[state]
        self.assertEqual(request.komunigi_request_state, "done")

    def test_requester_follows_its_request(self):
        request = self._create_request()
        self.assertIn(self.shop_a, request.message_partner_ids)

    def test_no_specified_without_specification(self):
        """Issue 15: Collected -> Specified without a specification."""
        request = self._create_request(state="clarified")
        with self.assertRaisesRegex(ValidationError, "without a specification"):
            request.stage_id = self.stages["specified"]
        self.assertEqual(request.komunigi_request_state, "clarified")

    def test_stages_cannot_be_skipped(self):
        request = self._create_request(komunigi_specification="<p>Do it.</p>")
        with self.assertRaisesRegex(UserError, "its next stage is Clarified"):
            request.stage_id = self.stages["specified"]
        self.assertEqual(request.komunigi_request_state, "collected")
        # Back is always possible, and rejecting.
        request.stage_id = self.stages["clarified"]
        request.stage_id = self.stages["collected"]
        request.stage_id = self.stages["rejected"]
        with self.assertRaisesRegex(UserError, "its next stage is Collected"):
            request.stage_id = self.stages["clarified"]
        request.stage_id = self.stages["collected"]

    def test_refused_stage_in_the_form_goes_back_with_the_reason(self):
        request = self._create_request()
        form = Form(request.with_user(self.coordinator))
        form.stage_id = self.stages["specified"]
        self.assertEqual(form.stage_id, self.stages["collected"])
        self.assertEqual(form.komunigi_request_state, "collected")
        form.stage_id = self.stages["clarified"]
        self.assertEqual(form.komunigi_request_state, "clarified")
        form.save()
        self.assertEqual(request.komunigi_request_state, "clarified")
        form = Form(request.with_user(self.coordinator))
        # Specified without a specification: refused before the save.
        form.stage_id = self.stages["specified"]
        self.assertEqual(form.stage_id, self.stages["clarified"])

    def test_no_estimate_without_hours(self):
        request = self._create_request(
            state="prioritised", komunigi_specification="<p>Do it.</p>"
        )
        with self.assertRaisesRegex(ValidationError, "estimate in hours"):
            request.stage_id = self.stages["estimated"]

    def test_estimate_cannot_be_removed_once_estimated(self):
        request = self._create_estimated_request()
        with self.assertRaisesRegex(ValidationError, "without a specification"):
            request.komunigi_estimate_hours = 0.0

    def test_not_funded_before_the_shares_cover_the_estimate(self):
        request = self._create_estimated_request(hours=40.0)
        request.stage_id = self.stages["funding"]
        self._share(request, self.shop_a, 50.0)
        with self.assertRaisesRegex(
            ValidationError, "cannot be funded before the shares cover"
        ):
            request.stage_id = self.stages["funded"]

    def test_no_work_before_funded(self):
        request = self._create_estimated_request(state="funding")
        with self.assertRaisesRegex(UserError, "its next stage is Funded"):
            request.stage_id = self.stages["in_progress"]
        with self.assertRaisesRegex(
            ValidationError, "cannot start before it is funded"
        ):
            self._create_estimated_request(name="Early start", state="in_progress")

    def test_no_timesheet_before_funded(self):
        request = self._create_estimated_request()
        with self.assertRaisesRegex(ValidationError, "No development time"):
            self.env["account.analytic.line"].create(
                {
                    "name": "Development",
                    "project_id": self.request_project.id,
                    "task_id": request.id,
                    "employee_id": self.employee.id,
                    "unit_amount": 2.0,
                }
            )

    def test_rejected_request_needs_nothing(self):
        request = self._create_request()
        request.stage_id = self.stages["rejected"]
        self.assertEqual(request.komunigi_request_state, "rejected")

    def test_tasks_of_other_projects_are_not_guarded(self):
        task = self.env["project.task"].create(
            {
                "name": "Website",
                "project_id": self.animation_project.id,
                "stage_id": self.stages["in_progress"].id,
            }
        )
        self.assertFalse(task.komunigi_is_request)
