# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import date

from odoo.tests import tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestAnimation(KomunigiContributionCase):
    def _timesheet(self, day, hours):
        return self.env["account.analytic.line"].create(
            {
                "name": "Newsletter",
                "project_id": self.animation_project.id,
                "employee_id": self.employee.id,
                "date": day,
                "unit_amount": hours,
            }
        )

    def test_hours_funded_against_hours_spent_per_month(self):
        contracts = self._start_fees(
            self.shop_a | self.shop_b | self.shop_c, "2026-03-01"
        )
        self._invoice_contracts(contracts).action_post()
        # A draft fee invoice funds nothing yet.
        self._invoice_contracts(contracts)
        self._timesheet("2026-03-05", 2.5)
        self._timesheet("2026-03-20", 3.0)
        self._timesheet("2026-04-02", 2.0)
        self.env.flush_all()
        rows = self.env["komunigi.animation.report"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertRecordValues(
            rows.sorted("month"),
            [
                {
                    "month": date(2026, 3, 1),
                    "fee_amount": 165.0,
                    "fee_hours": 3.0,
                    "in_kind_hours": 1.0,
                    "funded_hours": 4.0,
                    "spent_hours": 5.5,
                    "balance_hours": -1.5,
                },
                {
                    "month": date(2026, 4, 1),
                    "fee_amount": 0.0,
                    "fee_hours": 0.0,
                    "in_kind_hours": 1.0,
                    "funded_hours": 1.0,
                    "spent_hours": 2.0,
                    "balance_hours": -1.0,
                },
            ],
        )
