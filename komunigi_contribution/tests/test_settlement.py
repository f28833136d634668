# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestSettlement(KomunigiContributionCase):
    """The settlement of a done request on its hours worked, by the
    coordinator: the overrun invoiced within the assembly's tolerance, the
    unused hours credited, pro rata per share; its funding ledger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.komunigi_settlement_tolerance = 10.0
        cls.company.komunigi_tax_rule = "none"

    def _done_request(self, worked, quantities=(50.0, 50.0), hours=40.0):
        request = self._create_estimated_request(hours=hours)
        request.stage_id = self.stages["funding"]
        for shop, quantity in zip((self.shop_a, self.shop_b, self.shop_c), quantities):
            self._share(request, shop, quantity)
        request.stage_id = self.stages["funded"]
        invoices = request._komunigi_invoice_shares()
        invoices.action_post()
        request.stage_id = self.stages["in_progress"]
        self.env["account.analytic.line"].create(
            {
                "name": "Development",
                "project_id": self.request_project.id,
                "task_id": request.id,
                "employee_id": self.employee.id,
                "unit_amount": worked,
            }
        )
        request.stage_id = self.stages["done"]
        return request

    def _settlement_moves(self, request):
        return self.env["account.move"].search(
            [
                ("komunigi_request_id", "=", request.id),
                ("komunigi_funding_role", "=", "settlement"),
            ],
            order="id",
        )

    def _summary(self, moves):
        return [
            (
                m.move_type,
                m.partner_id.name,
                m.invoice_line_ids.quantity,
                m.amount_total,
                m.state,
            )
            for m in moves
        ]

    def test_the_ledger_shows_the_invoiced_and_paid_amounts_and_hours(self):
        request = self._done_request(worked=38.5)
        self.assertEqual(request.komunigi_invoiced_amount, 2200.0)
        self.assertEqual(request.komunigi_paid_amount, 0.0)
        invoice = request.komunigi_share_ids[0].invoice_id
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": invoice.invoice_date})._create_payments()
        request.invalidate_recordset(["komunigi_paid_amount"])
        self.assertEqual(
            request.with_user(self.core_member).komunigi_paid_amount, 1100.0
        )
        self.assertEqual(request.effective_hours, 38.5)
        self.assertEqual(request.komunigi_overrun_percent, -3.75)

    def test_an_overrun_within_the_tolerance_is_invoiced_pro_rata(self):
        request = self._done_request(worked=43.0, quantities=(25.0, 75.0))
        moves = request.with_user(self.coordinator).action_komunigi_settle()
        moves = self._settlement_moves(request)
        self.assertEqual(
            self._summary(moves),
            [
                ("out_invoice", "Test Shop A", 0.75, 41.25, "posted"),
                ("out_invoice", "Test Shop B", 2.25, 123.75, "posted"),
            ],
        )
        self.assertTrue(all(moves.mapped("is_move_sent")))
        self.assertEqual(request.komunigi_settled_hours, 3.0)
        note = request.message_ids.filtered(lambda m: "Settled on the" in m.body)
        self.assertIn("165.00", note.body, "The total settled, as an amount.")
        self.assertTrue(request.komunigi_settlement_date)
        self.assertEqual(request.komunigi_invoiced_amount, 2200.0 + 165.0)

    def test_unused_hours_are_credited_pro_rata(self):
        request = self._done_request(worked=30.0, quantities=(33.34, 33.33, 33.33))
        request.with_user(self.coordinator).action_komunigi_settle()
        moves = self._settlement_moves(request)
        # 10 unused hours: 3.34 / 3.33 / 3.33, the last taking the remainder.
        self.assertEqual(
            self._summary(moves),
            [
                ("out_refund", "Test Shop A", 3.34, 183.7, "posted"),
                ("out_refund", "Test Shop B", 3.33, 183.15, "posted"),
                ("out_refund", "Test Shop C", 3.33, 183.15, "posted"),
            ],
        )
        self.assertEqual(sum(moves.invoice_line_ids.mapped("quantity")), 10.0)
        self.assertEqual(request.komunigi_settled_hours, -10.0)

    def test_an_overrun_beyond_the_tolerance_needs_an_assembly_decision(self):
        request = self._done_request(worked=46.0)
        with self.assertRaisesRegex(
            UserError,
            "The 46.0 hours worked on Test request overrun its 40.0 funded hours by "
            r"15.0 %, beyond the tolerance of 10.0 % the assembly set: record the "
            "assembly's decision before settling it.",
        ):
            request.with_user(self.coordinator).action_komunigi_settle()
        self.assertFalse(self._settlement_moves(request))
        self.assertFalse(request.komunigi_settlement_date)
        # Only the coordinator records the decision.
        with self.assertRaises(AccessError):
            request.with_user(self.core_member).write(
                {"komunigi_settlement_decision": "Assembly of May: accepted"}
            )
        request.with_user(self.coordinator).komunigi_settlement_decision = (
            "Assembly of May: accepted"
        )
        request.with_user(self.coordinator).action_komunigi_settle()
        self.assertEqual(
            self._summary(self._settlement_moves(request)),
            [
                ("out_invoice", "Test Shop A", 3.0, 165.0, "posted"),
                ("out_invoice", "Test Shop B", 3.0, 165.0, "posted"),
            ],
        )

    def test_only_the_coordinator_settles_a_done_request_once(self):
        request = self._done_request(worked=41.0)
        with self.assertRaisesRegex(AccessError, "Only a komunigi coordinator"):
            request.with_user(self.core_member).action_komunigi_settle()
        with self.assertRaisesRegex(UserError, "settled only by its settlement"):
            request.with_user(self.coordinator).write(
                {"komunigi_settlement_date": "2026-06-01"}
            )
        self.assertFalse(self._settlement_moves(request))
        request.with_user(self.coordinator).action_komunigi_settle()
        with self.assertRaisesRegex(UserError, "Test request is already settled."):
            request.with_user(self.coordinator).action_komunigi_settle()
        self.assertEqual(len(self._settlement_moves(request)), 2)

    def test_a_request_not_done_is_not_settled(self):
        request = self._done_request(worked=41.0)
        request.stage_id = self.stages["in_progress"]
        with self.assertRaisesRegex(UserError, "Test request is not done"):
            request.with_user(self.coordinator).action_komunigi_settle()
        self.assertFalse(self._settlement_moves(request))

    def test_nobody_creates_a_settlement_or_its_moves_directly(self):
        request = self._done_request(worked=44.0)
        invoiced = request.komunigi_invoiced_amount
        self.assertEqual(invoiced, 2200.0)
        coordinator = self.coordinator
        # A request created as settled, with its settled hours.
        with self.assertRaisesRegex(UserError, "settled only by its settlement"):
            self.env["project.task"].with_user(coordinator).create(
                {
                    "name": "Test settled request",
                    "project_id": self.request_project.id,
                    "komunigi_settlement_date": "2026-06-01",
                    "komunigi_settled_hours": -40.0,
                }
            )
        # A settlement credit note made by hand for the request.
        Move = self.env["account.move"].with_user(coordinator)
        vals = {
            "move_type": "out_refund",
            "partner_id": self.shop_a.id,
            "komunigi_request_id": request.id,
            "komunigi_funding_role": "settlement",
            "invoice_line_ids": [
                Command.create({"name": "Unused", "quantity": 1, "price_unit": 500.0})
            ],
        }
        with self.assertRaisesRegex(UserError, "Only the co-funding"):
            Move.create(vals)
        # An unrelated invoice passed off as one of the request's.
        other = Move.create(
            {
                key: value
                for key, value in vals.items()
                if key not in ("komunigi_request_id", "komunigi_funding_role")
            }
        )
        with self.assertRaisesRegex(UserError, "Only the co-funding"):
            other.write({"komunigi_request_id": request.id})
        with self.assertRaisesRegex(UserError, "Only the co-funding"):
            request.komunigi_share_ids.invoice_id[:1].with_user(coordinator).write(
                {"komunigi_funding_role": "settlement"}
            )
        request.invalidate_recordset()
        self.assertFalse(self._settlement_moves(request))
        self.assertEqual(request.komunigi_invoiced_amount, invoiced)
        self.assertFalse(request.komunigi_settlement_date)
        self.assertEqual(
            self.env["project.task"].search_count(
                [("name", "=", "Test settled request")]
            ),
            0,
        )
        # The settlement itself still books its moves.
        request.with_user(coordinator).action_komunigi_settle()
        self.assertEqual(len(self._settlement_moves(request)), 2)
        self.assertEqual(request.komunigi_settled_hours, 4.0)
