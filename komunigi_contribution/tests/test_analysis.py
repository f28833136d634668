# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import KomunigiContributionCase, KomunigiContributionHttpCase


class AnalysisMixin:
    """A timesheet user of the core team who analyses the requests."""

    @classmethod
    def _setup_analysis(cls):
        cls.analyst = cls._create_user(
            "contrib_analyst", "komunigi_membership.group_komunigi_core_team"
        )
        cls.env["hr.employee"].create(
            {
                "name": "Test Analyst",
                "user_id": cls.analyst.id,
                "company_id": cls.company.id,
            }
        )

    def _analysis(self, request, hours, day="2026-05-04", project=None, **values):
        vals = {
            "name": "Clarify the request",
            "project_id": (project or self.animation_project).id,
            "komunigi_request_id": request.id,
            "date": day,
            "unit_amount": hours,
        }
        vals.update(values)
        return self.env["account.analytic.line"].with_user(self.analyst).create(vals)

    def _analysis_hours(self, *requests):
        return [
            request.with_user(self.analyst).komunigi_analysis_hours
            for request in requests
        ]


@tagged("post_install", "-at_install")
class TestAnalysis(AnalysisMixin, KomunigiContributionCase):
    """The analysis of a request is animation work booked against the request
    it served, on the animation project of the request's company only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_analysis()

    def test_analysis_counts_for_the_request_and_on_the_transparency_page(self):
        request = self._create_request(name="Test analysed request")
        other = self._create_request(name="Test other request", state="clarified")
        funded = self._funded_request(hours=40.0)
        funded.name = "Test funded request"
        self._analysis(request, 2.5)
        self._analysis(request, 1.0, day="2026-04-20")
        self._analysis(funded, 4.0, day="2026-04-21")
        # Animation not booked against a request, and development time on the
        # funded request, are no analysis.
        self._analysis(
            self.env["project.task"], 1.5, day="2026-04-22", name="Newsletter"
        )
        self._analysis(
            self.env["project.task"],
            6.0,
            project=self.request_project,
            task_id=funded.id,
            name="Development",
        )
        self.assertEqual(self._analysis_hours(request, other, funded), [3.5, 0.0, 4.0])
        self.assertEqual(funded.with_user(self.analyst).effective_hours, 6.0)
        # A project user without timesheet rights reads no hours, no error.
        reader = self._create_user("contrib_reader", "project.group_project_user")
        self.assertEqual(request.with_user(reader).komunigi_analysis_hours, 0.0)

        values = (
            self.env["komunigi.transparency"]
            .with_user(self.analyst)
            .with_context(lang="en_US")
            ._komunigi_values()
        )
        months = {row["month"]: row for row in values["months"]}
        self.assertEqual(
            months["May 2026"]["activities"],
            [("Request analysis: Test analysed request", 2.5)],
        )
        self.assertEqual(months["May 2026"]["analysis_hours"], 2.5)
        self.assertEqual(
            months["April 2026"]["activities"],
            [
                ("Other", 1.5),
                ("Request analysis: Test analysed request", 1.0),
                ("Request analysis: Test funded request", 4.0),
            ],
        )
        self.assertEqual(months["April 2026"]["analysis_hours"], 5.0)
        self.assertEqual(
            months["April 2026"]["analyses"],
            [("Test analysed request", 1.0), ("Test funded request", 4.0)],
        )
        self.assertEqual(
            [(row["name"], row["analysis_hours"]) for row in values["developments"]],
            [("Test funded request", 4.0)],
        )
        self.assertEqual(
            [
                (row["name"], row["analysis_hours"])
                for row in values["backlog_requests"]
            ],
            [("Test other request", 0.0), ("Test analysed request", 3.5)],
        )

    def test_analysis_is_refused_outside_the_animation_project(self):
        request = self._create_request(name="Test analysed request")
        plain_project = self.env["project.project"].create(
            {
                "name": "Test other work",
                "company_id": self.company.id,
                "allow_timesheets": True,
            }
        )
        for project in (self.request_project, plain_project):
            with self.assertRaises(ValidationError) as refusal:
                self._analysis(request, 2.0, project=project)
            self.assertEqual(
                str(refusal.exception),
                "The analysis of Test analysed request is animation work: book "
                "it on the animation project, not on %s." % project.name,
            )
        # Nor moved onto another project afterwards.
        line = self._analysis(request, 2.0)
        with self.assertRaises(ValidationError) as refusal:
            line.with_user(self.analyst).project_id = plain_project
        self.assertEqual(
            str(refusal.exception),
            "The analysis of Test analysed request is animation work: book "
            "it on the animation project, not on Test other work.",
        )
        # Only a request is analysed.
        task = self.env["project.task"].create(
            {"name": "Test animation task", "project_id": self.animation_project.id}
        )
        with self.assertRaises(ValidationError) as refusal:
            self._analysis(task, 1.0)
        self.assertEqual(
            str(refusal.exception),
            "Test animation task is not an improvement request: only the "
            "analysis of a request is booked against it.",
        )
        self.assertEqual(self._analysis_hours(request), [2.0])
        self.assertEqual(line.project_id, self.animation_project)

    def test_analysis_is_refused_for_a_request_of_another_company(self):
        other_company = self.company_data_2["company"]
        self.analyst.company_ids = [Command.link(other_company.id)]
        other_project = self.env["project.project"].create(
            {
                "name": "Test requests elsewhere",
                "company_id": other_company.id,
                "komunigi_is_request_project": True,
                "type_ids": [Command.set([self.stages["collected"].id])],
            }
        )
        foreign = self.env["project.task"].create(
            {
                "name": "Test foreign request",
                "project_id": other_project.id,
                "stage_id": self.stages["collected"].id,
            }
        )
        self.assertTrue(foreign.komunigi_is_request)
        with self.assertRaises(ValidationError) as refusal:
            self._analysis(foreign, 2.0)
        self.assertEqual(
            str(refusal.exception),
            "Test foreign request belongs to %s: its analysis cannot be booked "
            "in %s." % (other_company.name, self.company.name),
        )
        self.assertEqual(self._analysis_hours(foreign), [0.0])
        self.assertFalse(
            self.env["account.analytic.line"].search(
                [("komunigi_request_id", "=", foreign.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestAnalysisHttp(AnalysisMixin, KomunigiContributionHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_analysis()
        cls.delegate = cls._create_portal_user(
            "analysis_a", "Delegate of Test Shop A", cls.shop_a
        )

    def test_members_read_the_analysis_hours_of_each_request(self):
        request = self._create_request(name="Test request being analysed")
        funded = self._funded_request(hours=40.0)
        funded.name = "Test development analysed"
        self._analysis(request, 2.25)
        self._analysis(funded, 3.75)
        self.authenticate(self.delegate.login, self.delegate.login)
        page = self.url_open("/my/komunigi/transparency", timeout=300).text
        self.assertRegex(
            page, r"Request analysis: Test request being analysed\s*<span[^>]*>\(2.25 h"
        )
        self.assertRegex(
            page, r"Request analysis: Test development analysed\s*<span[^>]*>\(3.75 h"
        )
        # The request row of the backlog and the development row.
        self.assertRegex(
            page,
            r"(?s)<td>Test request being analysed</td>\s*<td>Collected</td>"
            r"\s*<td[^>]*>0.0</td>\s*<td[^>]*>2.25</td>",
        )
        self.assertRegex(
            page,
            r"(?s)<td>Test development analysed</td>\s*<td>Funded</td>"
            r"\s*<td[^>]*>40.0</td>\s*<td[^>]*>0.0</td>\s*<td[^>]*>3.75</td>",
        )
