# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import date

from lxml import html

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..report.komunigi_state_report import last_full_quarter
from .common import KomunigiContributionHttpCase

REPORT = "komunigi_contribution.action_report_komunigi_state"


@tagged("post_install", "-at_install")
class TestStateReport(KomunigiContributionHttpCase):
    """The quarterly state of komunigi for the assembly: the transparency
    figures of one quarter only, printed by the core team from a wizard and
    by the members from the transparency page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.komunigi_tax_rule = "none"
        cls.delegate = cls._create_portal_user(
            "state_delegate", "Delegate of Shop C", cls.shop_c
        )

    def _timesheet(self, task, day, hours):
        self.env["account.analytic.line"].create(
            {
                "name": task.name,
                "project_id": task.project_id.id,
                "task_id": task.id,
                "employee_id": self.employee.id,
                "date": day,
                "unit_amount": hours,
            }
        )

    def _quarter_data(self):
        """Fees of March and April 2026, animation hours in February, March
        and April, a development invoiced and done in the first quarter, one
        invoiced in the second, a request waiting."""
        contracts = self._start_fees(
            self.shop_a | self.shop_b | self.shop_c, "2026-03-01"
        )
        march = self._invoice_contracts(contracts)
        paid = march.filtered(lambda m: m.partner_id == self.shop_a)
        self._pay(paid)
        (march - paid).action_post()
        self._invoice_contracts(contracts).action_post()
        Task = self.env["project.task"]
        newsletter, agendas = Task.create(
            [
                {"name": "Test newsletter", "project_id": self.animation_project.id},
                {"name": "Test agendas", "project_id": self.animation_project.id},
            ]
        )
        self._timesheet(newsletter, "2026-03-05", 2.5)
        self._timesheet(agendas, "2026-02-10", 1.5)
        self._timesheet(newsletter, "2026-04-02", 4.0)
        done = self._funded_request(hours=40.0)
        done.name = "Test development of the first quarter"
        done._komunigi_invoice_shares(invoice_date=date(2026, 3, 10)).action_post()
        done.stage_id = self.stages["in_progress"]
        self._timesheet(done, "2026-03-12", 38.0)
        done.stage_id = self.stages["done"]
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE project_task SET create_date = '2026-01-05 09:00:00', "
            "date_last_stage_update = '2026-03-15 16:00:00' WHERE id = %s",
            [done.id],
        )
        done.invalidate_recordset()
        later = self._funded_request(hours=10.0)
        later.name = "Test development of the second quarter"
        later._komunigi_invoice_shares(invoice_date=date(2026, 5, 10)).action_post()
        self._create_request(name="Test waiting request")

    def _render(self, user, year=2026, quarter=1):
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(REPORT, None, data={"year": year, "quarter": quarter})
        )
        self.assertEqual(report_type, "html")
        return html.fromstring(content)

    def _texts(self, tree, xpath):
        return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]

    def test_the_state_of_a_quarter_shows_its_figures_only(self):
        self._quarter_data()
        tree = self._render(self.core_member)
        # March only: the fees of April are in the second quarter; shared
        # between three members, shop A paid its 55.00.
        months = self._texts(
            tree, "//table[hasclass('o_komunigi_state_months')]/tbody/tr"
        )
        self.assertEqual(
            months,
            [
                "March 2026 $ 165.00 $ 55.00 3.0 1.0 2.5",
                "February 2026 $ 0.00 $ 0.00 0.0 1.0 1.5",
                "Quarter $ 165.00 $ 55.00 3.0 2.0 4.0",
            ],
        )
        self.assertEqual(
            self._texts(tree, "//table[hasclass('o_komunigi_state_activities')]//tr"),
            ["Test agendas 1.5 h", "Test newsletter 2.5 h"],
        )
        self.assertEqual(
            self._texts(tree, "//ul[hasclass('o_komunigi_state_lead_times')]/li"),
            ["Test development of the first quarter: 69 days"],
        )
        self.assertEqual(
            self._texts(tree, "//ul[hasclass('o_komunigi_state_backlog')]/li"),
            ["Collected: 1", "Funded: 1"],
        )
        developments = self._texts(
            tree, "//table[hasclass('o_komunigi_state_developments')]/tbody/tr"
        )
        self.assertEqual(
            developments,
            [
                "Test development of the first quarter Done 40.0 38.0 "
                "$ 2,200.00 $ 2,200.00 Test Shop A (50.0 %)Test Shop B (50.0 %)"
            ],
        )
        # The second quarter has April's fees and hours, the other development.
        tree = self._render(self.core_member, quarter=2)
        self.assertEqual(
            self._texts(tree, "//table[hasclass('o_komunigi_state_activities')]//tr"),
            ["Test newsletter 4.0 h"],
        )
        self.assertIn(
            "Test development of the second quarter",
            " ".join(
                self._texts(tree, "//table[hasclass('o_komunigi_state_developments')]")
            ),
        )
        self.assertFalse(tree.xpath("//ul[hasclass('o_komunigi_state_lead_times')]"))

    def test_the_state_is_for_komunigi_readers_and_real_quarters(self):
        with self.assertRaises(AccessError):
            self._render(self.employee_user)
        for year, quarter in ((2026, 5), (2026, "1"), ("2026", 1), (1, 1)):
            with self.assertRaisesRegex(UserError, "Choose a quarter"):
                self._render(self.core_member, year, quarter)

    def test_the_wizard_prints_the_last_full_quarter_by_default(self):
        self.assertEqual(last_full_quarter(date(2026, 5, 3)), (2026, 1))
        self.assertEqual(last_full_quarter(date(2026, 1, 31)), (2025, 4))
        self.assertEqual(last_full_quarter(date(2026, 12, 31)), (2026, 3))
        wizard = (
            self.env["komunigi.state.report.wizard"]
            .with_user(self.core_member)
            .create({})
        )
        year, quarter = last_full_quarter(date.today())
        self.assertEqual((wizard.year, wizard.quarter), (year, str(quarter)))
        wizard.write({"year": 2026, "quarter": "1"})
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "komunigi_contribution.report_komunigi_state"
        )
        self.assertEqual(action["data"], {"year": 2026, "quarter": 1})
        with self.assertRaises(AccessError):
            self.env["komunigi.state.report.wizard"].with_user(
                self.komunigi_user
            ).create({})

    def test_members_download_the_state_of_the_last_quarter(self):
        self._quarter_data()
        self.authenticate(self.delegate.login, self.delegate.login)
        page = self.url_open("/my/komunigi/transparency", timeout=300).text
        self.assertIn('href="/my/komunigi/transparency/state.pdf"', page)
        response = self.url_open("/my/komunigi/transparency/state.pdf", timeout=300)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # In tests Odoo renders the HTML of the PDF.
        self.assertIn(b"State of komunigi", response.content)
        # The public is sent to log in, an outsider back to its portal.
        self.authenticate(None, None)
        response = self.url_open(
            "/my/komunigi/transparency/state.pdf", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        outsider = self._create_portal_user(
            "state_outsider", "Delegate of the outsider", self.outsider
        )
        self.authenticate(outsider.login, outsider.login)
        response = self.url_open(
            "/my/komunigi/transparency/state.pdf", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
