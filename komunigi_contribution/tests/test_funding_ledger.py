# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestFundingLedger(KomunigiContributionCase):
    """Every credit note of a co-funding invoice (the re-estimation's, the
    settlement's, one made by hand) counts in the request's ledger: the
    invoiced total is the posted invoices less the posted credit notes of its
    co-funders, to the cent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.komunigi_tax_rule = "none"
        cls.billing = new_test_user(
            cls.env,
            login="ledger_billing",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )

    def _accounted(self, partners):
        """What the accounting says the co-funders owe, without the request:
        their posted invoices less their posted credit notes."""
        moves = self.env["account.move"].search(
            [
                ("partner_id", "in", partners.ids),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ]
        )
        return sum(moves.mapped("amount_total_signed"))

    def _credits_of(self, invoices):
        return self.env["account.move"].search(
            [("reversed_entry_id", "in", invoices.ids)], order="id"
        )

    def test_reestimation_credit_notes_leave_the_invoiced_total(self):
        request = self._funded_request(hours=40.0)
        invoices = request._komunigi_invoice_shares()
        paid = invoices.filtered(lambda m: m.partner_id == self.shop_a)
        self._pay(paid)
        (invoices - paid).action_post()
        self.assertEqual(request.komunigi_invoiced_amount, 2200.0)
        request.with_user(self.coordinator).action_komunigi_reestimate()
        request.invalidate_recordset()
        credits = self._credits_of(invoices)
        self.assertEqual(len(credits), 2)
        self.assertEqual(set(credits.mapped("state")), {"posted"})
        self.assertEqual(credits.komunigi_request_id, request)
        self.assertEqual(set(credits.mapped("komunigi_funding_role")), {"share"})
        self.assertEqual(request.komunigi_invoiced_amount, 0.0)
        # Shop A paid 1,100.00 and holds it as an outstanding credit.
        self.assertEqual(request.komunigi_paid_amount, 1100.0)
        self.assertEqual(self._accounted(self.shop_a | self.shop_b), 0.0)
        # Re-estimated at 60 hours and invoiced again: only the new invoices
        # count.
        request.with_user(self.coordinator).komunigi_estimate_hours = 60.0
        request.stage_id = self.stages["funding"]
        request.stage_id = self.stages["funded"]
        again = request._komunigi_invoice_shares()
        again.action_post()
        request.invalidate_recordset()
        self.assertEqual(request.komunigi_invoiced_amount, 3300.0)
        self.assertEqual(
            request.komunigi_invoiced_amount,
            self._accounted(self.shop_a | self.shop_b),
        )
        self.assertEqual(request.komunigi_invoice_count, 6)

    def test_a_credit_note_made_by_hand_counts_in_the_ledger(self):
        request = self._funded_request(hours=40.0)
        invoices = request._komunigi_invoice_shares()
        invoices.action_post()
        invoice_b = invoices.filtered(lambda m: m.partner_id == self.shop_b)
        wizard = (
            self.env["account.move.reversal"]
            .with_user(self.billing)
            .with_context(active_model="account.move", active_ids=invoice_b.ids)
            .create(
                {
                    "refund_method": "refund",
                    "reason": "Wrong customer",
                    "journal_id": invoice_b.journal_id.id,
                }
            )
        )
        wizard.reverse_moves()
        credit = self._credits_of(invoice_b)
        self.assertEqual(credit.komunigi_request_id, request)
        credit.with_user(self.billing).action_post()
        request.invalidate_recordset()
        self.assertEqual(request.komunigi_invoiced_amount, 1100.0)
        self.assertEqual(
            request.komunigi_invoiced_amount,
            self._accounted(self.shop_a | self.shop_b),
        )

    def test_settlement_credit_notes_leave_the_invoiced_total(self):
        request = self._funded_request(hours=40.0)
        request._komunigi_invoice_shares().action_post()
        request.stage_id = self.stages["in_progress"]
        self.env["account.analytic.line"].create(
            {
                "name": "Development",
                "project_id": self.request_project.id,
                "task_id": request.id,
                "employee_id": self.employee.id,
                "unit_amount": 36.5,
            }
        )
        request.stage_id = self.stages["done"]
        request.with_user(self.coordinator).action_komunigi_settle()
        request.invalidate_recordset()
        # 3.5 unused hours at 55.00 credited: 2,200.00 - 192.50.
        self.assertEqual(request.komunigi_invoiced_amount, 2007.5)
        self.assertEqual(
            request.komunigi_invoiced_amount,
            self._accounted(self.shop_a | self.shop_b),
        )
