# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestAccess(KomunigiContributionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls._create_portal_user(
            "contrib_portal", "Delegate of Shop A", cls.shop_a
        )

    def setUp(self):
        super().setUp()
        self.request = self._create_estimated_request()
        self.request.stage_id = self.stages["funding"]

    def _share_values(self, partner, quantity=50.0):
        return {
            "request_id": self.request.id,
            "partner_id": partner.id,
            "share_type": "percent",
            "quantity": quantity,
        }

    def test_komunigi_user_reads_but_does_not_record_shares(self):
        share = self._share(self.request, self.shop_a, 50.0)
        Share = self.env["komunigi.funding.share"].with_user(self.komunigi_user)
        self.assertEqual(Share.browse(share.id).amount, 1100.0)
        with self.assertRaises(AccessError):
            Share.create(self._share_values(self.shop_b))

    def test_core_team_records_shares_but_does_not_invoice(self):
        request = self.request.with_user(self.core_member)
        self.env["komunigi.funding.share"].with_user(self.core_member).create(
            self._share_values(self.shop_a, 100.0)
        )
        request.stage_id = self.stages["funded"]
        self.assertEqual(request.komunigi_request_state, "funded")
        with self.assertRaises(AccessError):
            self.env["komunigi.funding.invoice.wizard"].with_user(
                self.core_member
            ).create({"request_ids": [Command.set(request.ids)]})
        with self.assertRaises(AccessError):
            self.env["contract.contract"].with_user(self.core_member).search([])

    def test_coordinator_funds_and_invoices_the_cofunders(self):
        Share = self.env["komunigi.funding.share"].with_user(self.coordinator)
        Share.create(self._share_values(self.shop_a))
        Share.create(self._share_values(self.shop_b))
        request = self.request.with_user(self.coordinator)
        request.stage_id = self.stages["funded"]
        wizard = (
            self.env["komunigi.funding.invoice.wizard"]
            .with_user(self.coordinator)
            .create({"request_ids": [Command.set(request.ids)]})
        )
        action = wizard.action_invoice()
        invoices = self.env["account.move"].search(action["domain"])
        self.assertEqual(invoices.partner_id, self.shop_a | self.shop_b)
        self.assertEqual(set(invoices.mapped("amount_untaxed")), {1100.0})

    def test_coordinator_sees_the_fee_invoices(self):
        contracts = self._start_fees(self.shop_a | self.shop_b, "2026-03-01")
        invoices = self._invoice_contracts(contracts)
        action = self.env["ir.actions.actions"]._for_xml_id(
            "komunigi_contribution.komunigi_fee_invoice_action"
        )
        found = (
            self.env["account.move"]
            .with_user(self.coordinator)
            .search(
                safe_eval(action["domain"])
                + [("partner_id", "in", contracts.partner_id.ids)]
            )
        )
        self.assertEqual(found, invoices)

    def test_employee_reads_neither_shares_nor_fees(self):
        self._share(self.request, self.shop_a, 50.0)
        for model in ("komunigi.funding.share", "komunigi.fee.report"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.employee_user).search([])

    def test_portal_user_reads_own_requests_only(self):
        other = self._create_request(name="Other", komunigi_requester_id=self.shop_b.id)
        Task = self.env["project.task"].with_user(self.portal_user)
        self.assertEqual(Task.browse(self.request.id).name, self.request.name)
        with self.assertRaises(AccessError):
            Task.browse(other.id).read(["name"])
        with self.assertRaises(AccessError):
            self.env["komunigi.funding.share"].with_user(self.portal_user).search([])

    def test_portal_user_of_a_member_submits_a_request(self):
        task = (
            self.env["project.task"]
            .with_user(self.portal_user)
            ._komunigi_create_portal_request("Print the wallet balance", "On receipts")
        )
        self.assertTrue(task.sudo().komunigi_is_request)
        self.assertEqual(task.sudo().komunigi_requester_id, self.shop_a)
        self.assertEqual(task.sudo().komunigi_request_state, "collected")
        self.assertEqual(task.name, "Print the wallet balance")

    def test_portal_user_of_an_outsider_cannot_submit(self):
        self.portal_user.partner_id.parent_id = self.outsider
        with self.assertRaises(AccessError):
            self.env["project.task"].with_user(
                self.portal_user
            )._komunigi_create_portal_request("Something", "")
