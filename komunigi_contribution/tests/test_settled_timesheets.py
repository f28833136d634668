# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from contextlib import contextmanager

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestSettledTimesheets(KomunigiContributionCase):
    """A request settled on its hours worked keeps them: nobody, the
    coordinator included, records, changes or removes time on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.komunigi_tax_rule = "none"
        cls.coordinator_employee = cls.env["hr.employee"].create(
            {
                "name": "Test Coordinator",
                "user_id": cls.coordinator.id,
                "company_id": cls.company.id,
            }
        )

    def _timesheet(self, task, hours, user=None):
        Line = self.env["account.analytic.line"]
        if user:
            Line = Line.with_user(user)
        return Line.create(
            {
                "name": "Development",
                "project_id": task.project_id.id,
                "task_id": task.id,
                "employee_id": self.coordinator_employee.id,
                "unit_amount": hours,
            }
        )

    @contextmanager
    def _refused(self):
        with self.assertRaisesRegex(
            ValidationError, "was settled on its hours worked"
        ), self.env.cr.savepoint():
            yield

    def _hours(self, task):
        """The hours of the task's timesheets, as the database has them."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT COALESCE(SUM(unit_amount), 0) FROM account_analytic_line "
            "WHERE task_id = %s",
            [task.id],
        )
        return self.env.cr.fetchone()[0]

    def _settled_request(self):
        request = self._funded_request(hours=40.0)
        request._komunigi_invoice_shares().action_post()
        request.stage_id = self.stages["in_progress"]
        line = self._timesheet(request, 38.0, user=self.coordinator)
        request.stage_id = self.stages["done"]
        request.with_user(self.coordinator).action_komunigi_settle()
        return request, line

    def test_no_time_is_recorded_on_a_settled_request(self):
        request, line = self._settled_request()
        invoiced = request.komunigi_invoiced_amount
        self.assertEqual(invoiced, 2090.0)
        self.assertEqual(request.komunigi_settled_hours, -2.0)
        other = self._funded_request(hours=10.0)
        other.stage_id = self.stages["in_progress"]
        elsewhere = self._timesheet(other, 1.5, user=self.coordinator)
        for user in (self.coordinator, self.env.user):
            with self._refused():
                self._timesheet(request, 2.0, user=user)
            with self._refused():
                line.with_user(user).unit_amount = 40.0
            # Nor moved onto it, nor off it, nor removed.
            with self._refused():
                elsewhere.with_user(user).task_id = request
            with self._refused():
                line.with_user(user).task_id = other
            with self._refused():
                line.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertEqual(self._hours(request), 38.0)
        self.assertEqual(self._hours(other), 1.5)
        self.assertEqual(request.effective_hours, 38.0)
        self.assertEqual(request.komunigi_invoiced_amount, invoiced)
        # A request not settled yet still takes time.
        elsewhere.with_user(self.coordinator).unit_amount = 2.5
        self.assertEqual(other.effective_hours, 2.5)
