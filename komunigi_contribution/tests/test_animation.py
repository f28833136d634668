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

    def test_past_months_keep_their_rates_and_hours_in_kind(self):
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-03-01")
        self._invoice_contracts(contracts).action_post()
        self._timesheet("2026-03-05", 2.0)
        self._timesheet("2026-04-02", 1.0)
        # The fee, the hours it buys and the hours in kind change in April.
        self.company.write(
            {
                "komunigi_fee_amount": 200.0,
                "komunigi_fee_hours": 4.0,
                "komunigi_in_kind_hours": 2.0,
            }
        )
        self._invoice_contracts(contracts).action_post()
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
                },
                {
                    # April: its timesheet came before the change, its
                    # invoicing after: the month has the settings it was
                    # invoiced with.
                    "month": date(2026, 4, 1),
                    "fee_amount": 200.0,
                    "fee_hours": 4.0,
                    "in_kind_hours": 2.0,
                    "funded_hours": 6.0,
                },
            ],
        )

    def test_shared_month_funds_the_hours_the_fee_buys(self):
        """Issue 15: a third member admitted on a shared month does not make
        the report count 4 hours funded by fees instead of 3."""
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-12-01")
        self._invoice_contracts(contracts).action_post()
        late = self._start_fees(self.shop_c, "2026-12-01")
        self._invoice_contracts(late).action_post()
        self.env.flush_all()
        december = self.env["komunigi.animation.report"].search(
            [("company_id", "=", self.company.id), ("month", "=", "2026-12-01")]
        )
        self.assertEqual(december.fee_amount, 165.0)
        self.assertEqual(december.fee_hours, 3.0)
