# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestFunding(KomunigiContributionCase):
    def setUp(self):
        super().setUp()
        self.request = self._create_estimated_request(hours=40.0)
        self.request.stage_id = self.stages["funding"]

    def _run_wizard(self, requests):
        wizard = self.env["komunigi.funding.invoice.wizard"].create(
            {"request_ids": [Command.set(requests.ids)], "invoice_date": "2026-03-10"}
        )
        action = wizard.action_invoice()
        return self.env["account.move"].search(action["domain"])

    def test_shares_at_99_percent_do_not_fund(self):
        self._share(self.request, self.shop_a, 50.0)
        self._share(self.request, self.shop_b, 49.0)
        self.assertAlmostEqual(self.request.komunigi_funded_percent, 99.0)
        with self.assertRaisesRegex(ValidationError, "cover 99.0 %"):
            self.request.stage_id = self.stages["funded"]

    def test_shares_at_100_percent_fund(self):
        self._share(self.request, self.shop_a, 60.0)
        self._share(self.request, self.shop_b, 16.0, share_type="hours")
        self.assertAlmostEqual(self.request.komunigi_funded_percent, 100.0)
        self.assertAlmostEqual(self.request.komunigi_funded_hours, 40.0)
        self.assertAlmostEqual(self.request.komunigi_funded_amount, 2200.0)
        self.request.stage_id = self.stages["funded"]
        self.assertEqual(self.request.komunigi_request_state, "funded")

    def test_shares_at_101_percent_are_refused(self):
        self._share(self.request, self.shop_a, 50.0)
        with self.assertRaisesRegex(ValidationError, "cannot exceed 100 %"):
            self._share(self.request, self.shop_b, 51.0)

    def test_only_member_organisations_cofund(self):
        with self.assertRaisesRegex(ValidationError, "Only member organisations"):
            self._share(self.request, self.outsider, 10.0)

    def test_one_share_per_organisation(self):
        self._share(self.request, self.shop_a, 10.0)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._share(self.request, self.shop_a, 10.0)

    def test_shares_of_a_funded_request_are_locked(self):
        request = self._funded_request()
        with self.assertRaisesRegex(UserError, "is funded"):
            request.komunigi_share_ids[0].quantity = 40.0

    def test_wizard_invoices_each_cofunder_once(self):
        request = self._funded_request(hours=40.0)
        invoices = self._run_wizard(request)
        self.assertEqual(len(invoices), 2)
        self.assertEqual(invoices.partner_id, self.shop_a | self.shop_b)
        for share in request.komunigi_share_ids:
            invoice = share.invoice_id
            self.assertIn(invoice, invoices)
            self.assertEqual(invoice.partner_id, share.partner_id)
            self.assertEqual(invoice.komunigi_request_id, request)
            self.assertEqual(invoice.move_type, "out_invoice")
            self.assertRecordValues(
                invoice.invoice_line_ids,
                [
                    {
                        "product_id": self.development_product.id,
                        "quantity": 20.0,
                        "price_unit": 55.0,
                        "price_subtotal": 1100.0,
                    }
                ],
            )
        self.assertEqual(request.komunigi_invoice_count, 2)
        invoices.action_post()
        receivable = invoices.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.partner_id, self.shop_a | self.shop_b)

    def test_wizard_run_twice_invoices_once(self):
        request = self._funded_request()
        self._run_wizard(request)
        with self.assertRaisesRegex(UserError, "already invoiced"):
            self._run_wizard(request)
        self.assertEqual(
            self.env["account.move"].search_count(
                [("komunigi_request_id", "=", request.id)]
            ),
            2,
        )

    def test_wizard_refuses_requests_not_funded(self):
        self._share(self.request, self.shop_a, 100.0)
        with self.assertRaisesRegex(UserError, "is not funded"):
            self._run_wizard(self.request)

    def test_invoiced_share_cannot_change(self):
        request = self._funded_request()
        self._run_wizard(request)
        with self.assertRaisesRegex(UserError, "is invoiced"):
            request.komunigi_share_ids[0].unlink()
        with self.assertRaisesRegex(UserError, "has co-funding invoices"):
            request.stage_id = self.stages["funding"]
        self.assertEqual(request.komunigi_request_state, "funded")

    def _shares_summary(self, request):
        return [
            (share.partner_id, share.hours, share.amount)
            for share in request.komunigi_share_ids
        ]

    def test_estimate_of_a_funded_request_is_frozen(self):
        """Issue 15: changing the estimate of an invoiced request rewrote the
        hours and amounts of its percentage shares."""
        request = self._funded_request(hours=40.0)
        invoices = self._run_wizard(request)
        before = self._shares_summary(request)
        self.assertEqual(
            before, [(self.shop_a, 20.0, 1100.0), (self.shop_b, 20.0, 1100.0)]
        )
        with self.assertRaisesRegex(UserError, "estimate of .* is frozen"):
            request.with_user(self.coordinator).komunigi_estimate_hours = 60.0
        self.assertEqual(request.komunigi_estimate_hours, 40.0)
        self.assertEqual(self._shares_summary(request), before)
        self.assertEqual(set(invoices.mapped("amount_untaxed")), {1100.0})

    def test_reestimation_cancels_or_credits_the_invoices(self):
        request = self._funded_request(hours=40.0)
        invoices = self._run_wizard(request)
        posted = invoices.filtered(lambda m: m.partner_id == self.shop_a)
        posted.action_post()
        draft = invoices - posted
        with self.assertRaises(AccessError):
            request.with_user(self.core_member).action_komunigi_reestimate()
        request.with_user(self.coordinator).action_komunigi_reestimate()
        self.assertEqual(request.komunigi_request_state, "estimated")
        self.assertEqual(draft.state, "cancel")
        self.assertEqual(posted.payment_state, "reversed")
        credit = self.env["account.move"].search(
            [("reversed_entry_id", "=", posted.id)]
        )
        self.assertEqual(credit.move_type, "out_refund")
        self.assertEqual(credit.state, "posted")
        self.assertEqual(credit.partner_id, self.shop_a)
        self.assertEqual(credit.amount_total, posted.amount_total)
        self.assertFalse(request.komunigi_share_ids.invoice_id)
        # The estimate changes again, the shares follow, a new invoicing
        # bills the new amounts.
        request.with_user(self.coordinator).komunigi_estimate_hours = 60.0
        self.assertEqual(
            self._shares_summary(request),
            [(self.shop_a, 30.0, 1650.0), (self.shop_b, 30.0, 1650.0)],
        )
        request.stage_id = self.stages["funding"]
        request.stage_id = self.stages["funded"]
        again = self._run_wizard(request)
        self.assertEqual(set(again.mapped("amount_untaxed")), {1650.0})

    def test_invoice_list_shows_customers_and_dates(self):
        request = self._funded_request()
        wizard = self.env["komunigi.funding.invoice.wizard"].create(
            {"request_ids": [Command.set(request.ids)], "invoice_date": "2026-03-10"}
        )
        action = wizard.action_invoice()
        # The customer and date columns of the invoice list show for this
        # move type only.
        self.assertEqual(action["context"].get("default_move_type"), "out_invoice")

    def test_cofunders_follow_the_requests_they_fund(self):
        self._share(self.request, self.shop_b, 50.0)
        self.assertIn(self.shop_b, self.request.message_partner_ids)

    def test_cofunding_taxes_follow_the_setting(self):
        tax = self.company_data["default_tax_sale"]
        self.development_product.taxes_id = tax
        request = self._funded_request(hours=40.0)
        self.company.komunigi_tax_rule = "none"
        invoices = self._run_wizard(request)
        self.assertFalse(invoices.invoice_line_ids.tax_ids)
        self.assertEqual(set(invoices.mapped("amount_total")), {1100.0})

    def test_fee_product_never_on_a_cofunding_invoice(self):
        request = self._funded_request()
        invoice = self._run_wizard(request)[0]
        with self.assertRaisesRegex(ValidationError, "cannot mix"):
            invoice.write(
                {
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.fee_product.id, "price_unit": 165.0}
                        )
                    ]
                }
            )

    def test_hours_spent_against_funded_with_overrun(self):
        request = self._funded_request(hours=10.0)
        request.stage_id = self.stages["in_progress"]
        Timesheet = self.env["account.analytic.line"]
        for hours in (6.0, 5.5):
            Timesheet.create(
                {
                    "name": "Development",
                    "project_id": self.request_project.id,
                    "task_id": request.id,
                    "employee_id": self.employee.id,
                    "unit_amount": hours,
                }
            )
        self.assertAlmostEqual(request.komunigi_funded_hours, 10.0)
        self.assertAlmostEqual(request.effective_hours, 11.5)
        self.assertAlmostEqual(request.komunigi_overrun_hours, 1.5)

    def test_funding_per_request_and_cofunder(self):
        request = self._funded_request(hours=40.0)
        other = self._create_estimated_request(name="Other request", hours=10.0)
        other.stage_id = self.stages["funding"]
        self._share(other, self.shop_a, 100.0)
        groups = self.env["komunigi.funding.share"].read_group(
            [("request_id", "in", (request | other).ids)],
            ["amount:sum", "hours:sum"],
            ["partner_id"],
        )
        per_partner = {g["partner_id"][0]: (g["hours"], g["amount"]) for g in groups}
        self.assertEqual(
            per_partner,
            {self.shop_a.id: (30.0, 1650.0), self.shop_b.id: (20.0, 1100.0)},
        )
