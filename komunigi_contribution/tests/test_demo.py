# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo tells the story of the readme: komunigi in Coop IT Easy's
    house, the fees of each month adding up to 165.00 in shared mode, even when
    a member is admitted today (issue 15). Runs on a database with the demo."""

    def setUp(self):
        super().setUp()
        self.company = self.env.ref(
            "komunigi_membership.company_coopiteasy", raise_if_not_found=False
        )
        if not self.company or not self.env.ref(
            "komunigi_contribution.contract_fee_bees_coop", raise_if_not_found=False
        ):
            self.skipTest("komunigi_contribution demo data not installed")

    def _month_totals(self):
        self.env.flush_all()
        rows = self.env["komunigi.fee.report"].read_group(
            [("company_id", "=", self.company.id)],
            ["amount_invoiced:sum"],
            ["month:month"],
        )
        return [row["amount_invoiced"] for row in rows]

    def test_demo_fee_months_add_up_to_the_monthly_amount(self):
        self.assertEqual(self.company.komunigi_fee_mode, "shared")
        contracts = self.env.ref("komunigi_contribution.contract_fee_bees_coop") | (
            self.env.ref("komunigi_contribution.contract_fee_spp")
        )
        self.assertEqual(contracts.company_id, self.company)
        self.assertEqual(self._month_totals(), [165.0, 165.0])
        invoices = self.env["account.move"].search(
            [("invoice_line_ids.contract_line_id.contract_id", "in", contracts.ids)]
        )
        self.assertEqual(set(invoices.mapped("amount_total")), {82.5})
        # A third member admitted today starts next month.
        late = self.env["res.partner"].create(
            {
                "name": "Demo test late shop",
                "is_company": True,
                "komunigi_community": "users",
                "komunigi_state": "member",
                "komunigi_admission_date": fields.Date.context_today(self.env.user),
            }
        )
        late_contract = late._komunigi_start_fee_contract(self.company)
        late_contract._recurring_create_invoice().action_post()
        totals = self._month_totals()
        self.assertEqual(totals[:2], [165.0, 165.0])

    def test_demo_spp_delegate_pledges_half_of_the_closing_report(self):
        """The done-when of issue 18: SPP's portal delegate pledges 50 % of
        the request looking for co-funders, which funds it and invoices BEES
        coop and SPP."""
        request = self.env.ref(
            "komunigi_contribution.request_closing_report", raise_if_not_found=False
        )
        delegate = self.env.ref(
            "komunigi_contribution.user_spp_portal", raise_if_not_found=False
        )
        if not request or not delegate:
            self.skipTest("issue 18 demo data not installed")
        spp = self.env.ref("komunigi_membership.partner_spp")
        bees = self.env.ref("komunigi_membership.partner_bees_coop")
        self.assertTrue(delegate.share, "SPP's delegate is a portal user.")
        self.assertEqual(request.komunigi_request_state, "funding")
        board = self.env["project.task"].with_user(delegate)._komunigi_board_requests()
        self.assertIn(request, board)
        request.with_user(delegate)._komunigi_pledge(spp, "percent", 50.0)
        self.assertEqual(request.komunigi_request_state, "funded")
        invoices = self.env["account.move"].search(
            [("komunigi_request_id", "=", request.id)]
        )
        self.assertEqual(
            sorted((m.partner_id.name, m.state, m.is_move_sent) for m in invoices),
            sorted([(bees.name, "posted", True), (spp.name, "posted", True)]),
        )
        self.assertEqual(invoices.mapped("amount_untaxed"), [550.0, 550.0])
