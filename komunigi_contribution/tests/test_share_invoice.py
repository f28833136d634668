# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestShareInvoice(KomunigiContributionCase):
    """The invoice and the amounts of a co-funding share are set by the
    invoicing only: the core team, who may record shares, cannot point a share
    at another invoice, release it or rewrite what it costs over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.komunigi_tax_rule = "none"

    def _summary(self, request):
        return [
            (share.partner_id, share.invoice_id, share.hours, share.amount)
            for share in request.komunigi_share_ids
        ]

    def _other_invoice(self, partner):
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Something else", "quantity": 1, "price_unit": 9.0}
                    )
                ],
            }
        )

    def test_the_core_team_cannot_move_or_release_a_share_invoice(self):
        request = self._funded_request(hours=40.0)
        invoices = request._komunigi_invoice_shares()
        invoices.action_post()
        before = self._summary(request)
        invoiced = request.komunigi_invoiced_amount
        self.assertEqual(invoiced, 2200.0)
        share_a = request.komunigi_share_ids.filtered(
            lambda s: s.partner_id == self.shop_a
        ).with_user(self.core_member)
        other = self._other_invoice(self.shop_a)
        for value in (other.id, False, invoices[1].id):
            with self.assertRaisesRegex(UserError, "set by its invoicing only"):
                share_a.write({"invoice_id": value})
        request.invalidate_recordset()
        self.assertEqual(self._summary(request), before)
        self.assertEqual(request.komunigi_invoiced_amount, invoiced)
        # Nor can the wizard invoice shop A a second time.
        with self.assertRaisesRegex(UserError, "already invoiced"):
            request._komunigi_invoice_shares()

    def test_the_core_team_cannot_write_what_a_share_costs(self):
        request = self._create_estimated_request(hours=40.0)
        request.stage_id = self.stages["funding"]
        Share = self.env["komunigi.funding.share"].with_user(self.core_member)
        share = Share.create(
            {"request_id": request.id, "partner_id": self.shop_a.id, "quantity": 50.0}
        )
        self.assertEqual((share.hours, share.amount), (20.0, 1100.0))
        for vals in ({"amount": 1.0}, {"hours": 1.0}, {"net_amount": 1.0}):
            with self.assertRaisesRegex(UserError, "set by its invoicing only"):
                share.write(vals)
        other = self._other_invoice(self.shop_b)
        with self.assertRaisesRegex(UserError, "set by its invoicing only"):
            Share.create(
                {
                    "request_id": request.id,
                    "partner_id": self.shop_b.id,
                    "quantity": 50.0,
                    "invoice_id": other.id,
                }
            )
        share.invalidate_recordset()
        self.assertEqual((share.hours, share.amount), (20.0, 1100.0))
        self.assertEqual(request.komunigi_share_ids, share)
        self.assertEqual(request.komunigi_funded_amount, 1100.0)

    def test_a_share_invoice_belongs_to_its_partner_and_request(self):
        request = self._funded_request(hours=40.0)
        share_a = request.komunigi_share_ids.filtered(
            lambda s: s.partner_id == self.shop_a
        )
        # Even our own invoicing cannot link a share to a foreign invoice.
        other = self._other_invoice(self.shop_a)
        with self.assertRaisesRegex(
            ValidationError, "is not the co-funding invoice"
        ), self.env.cr.savepoint():
            share_a._komunigi_set_invoice(other)
        share_a.invalidate_recordset()
        self.assertFalse(share_a.invoice_id)
        invoices = request._komunigi_invoice_shares()
        self.assertEqual(share_a.invoice_id.partner_id, self.shop_a)
        self.assertEqual(len(invoices), 2)
