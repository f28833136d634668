# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import re

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import KomunigiContributionCase, KomunigiContributionHttpCase


class PledgeMixin:
    @classmethod
    def _setup_pledges(cls):
        cls.shop_d = cls._create_member("Test Shop D")
        cls.delegates = {}
        for shop in (cls.shop_a, cls.shop_b, cls.shop_c, cls.shop_d):
            shop.email = "%s@example.com" % shop.name.replace(" ", ".").lower()
            cls.delegates[shop] = cls._create_portal_user(
                "pledge_%s" % shop.name[-1].lower(), "Delegate of %s" % shop.name, shop
            )
        cls.request_project.user_id = cls.coordinator
        # The amounts read as the shares' amounts (taxes are core's business).
        cls.company.komunigi_tax_rule = "none"

    def _pledge(self, shop, request, quantity, share_type="percent", organisation=None):
        delegate = self.delegates[shop]
        return (
            request.with_user(delegate)
            .with_context(lang="en_US")
            ._komunigi_pledge(organisation or shop, share_type, quantity)
        )

    def _funding_request(self, hours=40.0):
        request = self._create_estimated_request(hours=hours)
        request.stage_id = self.stages["funding"]
        return request

    def _moves(self, request, move_type=None):
        domain = [("komunigi_request_id", "=", request.id)]
        if move_type:
            domain.append(("move_type", "=", move_type))
        return self.env["account.move"].search(domain, order="id")

    def _shares(self, request):
        return sorted(
            (
                s.partner_id.name,
                round(s.net_percent, 2),
                round(s.net_hours, 2),
                round(s.net_amount, 2),
            )
            for s in request.komunigi_share_ids
        )


@tagged("post_install", "-at_install")
class TestPledge(PledgeMixin, KomunigiContributionCase):
    """Pledges of the member organisations' portal delegates on the pledge
    board, as the delegates themselves (portal users)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_pledges()

    def test_pledges_to_100_percent_fund_the_request_and_invoice_each_cofunder(self):
        request = self._funding_request(hours=40.0)
        share_a = self._pledge(self.shop_a, request, 50.0)
        self.assertEqual(request.komunigi_request_state, "funding")
        self.assertEqual(request.komunigi_funded_percent, 50.0)
        self.assertFalse(self._moves(request), "Nothing is invoiced before 100 %.")
        share_b = self._pledge(self.shop_b, request, 20.0, share_type="hours")
        self.assertEqual(request.komunigi_request_state, "funded")
        self.assertEqual(
            self._shares(request),
            [("Test Shop A", 50.0, 20.0, 1100.0), ("Test Shop B", 50.0, 20.0, 1100.0)],
        )
        invoices = self._moves(request)
        self.assertRecordValues(
            invoices,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "partner_id": self.shop_a.id,
                    "amount_total": 1100.0,
                    "is_move_sent": True,
                    "komunigi_funding_role": "share",
                    "invoice_user_id": self.coordinator.id,
                },
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "partner_id": self.shop_b.id,
                    "amount_total": 1100.0,
                    "is_move_sent": True,
                    "komunigi_funding_role": "share",
                    "invoice_user_id": self.coordinator.id,
                },
            ],
        )
        self.assertEqual((share_a | share_b).invoice_id, invoices)
        notes = request.message_ids.filtered(lambda m: "pledged" in m.body)
        self.assertEqual(len(notes), 2)
        self.assertTrue(all("1,100.00" in note.body for note in notes))
        self.assertRecordValues(
            invoices.invoice_line_ids,
            [
                {
                    "product_id": self.development_product.id,
                    "quantity": 20.0,
                    "price_unit": 55.0,
                }
            ]
            * 2,
        )
        # Sent: the invoice mail, to the co-funder, by email.
        for invoice in invoices:
            notifications = self.env["mail.notification"].search(
                [
                    ("mail_message_id.model", "=", "account.move"),
                    ("mail_message_id.res_id", "=", invoice.id),
                    ("res_partner_id", "=", invoice.partner_id.id),
                    ("notification_type", "=", "email"),
                ]
            )
            self.assertEqual(len(notifications), 1)
            self.assertIn(invoice.name, notifications.mail_message_id.subject)

    def test_a_pledge_beyond_what_remains_is_refused(self):
        request = self._funding_request(hours=40.0)
        self._pledge(self.shop_a, request, 60.0)
        with self.assertRaisesRegex(
            UserError,
            r"Test Shop B can pledge at most 40.0 % \(16.0 hours\) of Test request\.",
        ):
            self._pledge(self.shop_b, request, 50.0)
        with self.assertRaisesRegex(UserError, "at most 40.0 %"):
            self._pledge(self.shop_b, request, 16.5, share_type="hours")
        self.assertEqual(self._shares(request), [("Test Shop A", 60.0, 24.0, 1320.0)])
        self.assertEqual(request.komunigi_request_state, "funding")

    def test_a_pledge_on_a_request_not_open_for_funding_is_refused(self):
        estimated = self._create_estimated_request(hours=40.0)
        rejected = self._create_request(state="rejected")
        for request in (estimated, rejected):
            with self.assertRaisesRegex(
                UserError, "Test request is not open for funding: it is"
            ):
                self._pledge(self.shop_a, request, 10.0)
            self.assertFalse(request.komunigi_share_ids)

    def test_a_pledge_for_another_organisation_is_refused(self):
        request = self._funding_request()
        with self.assertRaisesRegex(
            AccessError, "You can pledge only for your own organisation, Test Shop A."
        ):
            self._pledge(self.shop_a, request, 50.0, organisation=self.shop_b)
        self.assertFalse(request.komunigi_share_ids)

    def test_negative_zero_and_absurd_pledges_are_refused(self):
        request = self._funding_request()
        for quantity in (-10.0, 0.0, 0.001, float("nan"), float("inf"), "50"):
            with self.assertRaisesRegex(
                UserError, "Pledge a positive number of hours or a percentage."
            ):
                self._pledge(self.shop_a, request, quantity)
        with self.assertRaisesRegex(UserError, "at most 100.0 %"):
            self._pledge(self.shop_a, request, 1e12)
        with self.assertRaisesRegex(
            UserError, "Pledge a number of hours or a percentage."
        ):
            self._pledge(self.shop_a, request, 10.0, share_type="amount")
        self.assertFalse(request.komunigi_share_ids)

    def test_an_organisation_pledges_once_per_request(self):
        request = self._funding_request()
        self._pledge(self.shop_a, request, 30.0)
        with self.assertRaisesRegex(
            UserError, "Test Shop A already co-funds Test request with 30.0 % of it."
        ):
            self._pledge(self.shop_a, request, 10.0)
        self.assertEqual(self._shares(request), [("Test Shop A", 30.0, 12.0, 660.0)])

    def test_a_former_member_cannot_pledge(self):
        request = self._funding_request()
        self.shop_a.komunigi_state = "withdrawn"
        with self.assertRaisesRegex(
            AccessError, "Test Shop A is not a komunigi member"
        ):
            self._pledge(self.shop_a, request, 10.0)
        self.assertFalse(request.komunigi_share_ids)

    def test_a_request_of_another_company_is_not_on_the_board(self):
        other = self.env["res.company"].create({"name": "Test other house"})
        project = self.request_project.copy(
            {
                "name": "Other house's requests",
                "company_id": other.id,
                "komunigi_is_request_project": True,
            }
        )
        request = self._funding_request()
        request.sudo().write(
            {
                "project_id": project.id,
                "company_id": other.id,
                "stage_id": self.stages["funding"].id,
            }
        )
        self.assertEqual(request.company_id, other)
        self.assertEqual(request.komunigi_request_state, "funding")
        self.assertTrue(request.komunigi_is_request)
        delegate = self.delegates[self.shop_a]
        board = self.env["project.task"].with_user(delegate)._komunigi_board_requests()
        self.assertNotIn(request, board)
        with self.assertRaisesRegex(
            UserError, "This improvement request does not exist."
        ):
            self._pledge(self.shop_a, request, 10.0)
        self.assertFalse(request.komunigi_share_ids)

    def test_the_board_is_for_members(self):
        """A customer on the portal sees no request, even of its company."""
        funding = self._funding_request()
        member = self.delegates[self.shop_b]
        self.assertIn(
            funding,
            self.env["project.task"].with_user(member)._komunigi_board_requests(),
        )
        customer = new_test_user(
            self.env,
            login="komunigi_board_customer",
            groups="base.group_portal",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.assertFalse(
            self.env["project.task"].with_user(customer)._komunigi_board_requests()
        )

    def test_the_board_shows_the_requests_being_analysed_or_funded(self):
        collected = self._create_request(name="Collected")
        specified = self._create_request(
            name="Specified",
            state="specified",
            komunigi_specification="<p>Specified.</p>",
        )
        funding = self._funding_request()
        delegate = self.delegates[self.shop_b]
        board = self.env["project.task"].with_user(delegate)._komunigi_board_requests()
        self.assertIn(specified, board)
        self.assertIn(funding, board)
        self.assertNotIn(collected, board)
        self.assertFalse(specified._komunigi_pledge_open())
        self.assertTrue(funding._komunigi_pledge_open())

    # Late joiners

    def _funded_by_pledges(self, hours, quantities):
        request = self._funding_request(hours=hours)
        for shop, quantity in zip((self.shop_a, self.shop_b, self.shop_c), quantities):
            self._pledge(shop, request, quantity)
        self.assertEqual(request.komunigi_request_state, "funded")
        return request

    def test_a_late_joiner_is_invoiced_and_credits_add_up_to_the_cent(self):
        request = self._funded_by_pledges(37.0, (33.33, 33.33, 33.34))
        invoices = self._moves(request, "out_invoice")
        self.assertEqual(invoices.mapped("amount_total"), [678.15, 678.15, 678.7])
        request.stage_id = self.stages["in_progress"]
        late = self._pledge(self.shop_d, request, 25.0)
        self.assertTrue(late.is_late_joiner)
        self.assertEqual(late.invoice_id.amount_total, 508.75)
        self.assertEqual(late.invoice_id.state, "posted")
        self.assertTrue(late.invoice_id.is_move_sent)
        credits = self._moves(request, "out_refund")
        # Pro rata to the earlier shares, the last one takes the remainder.
        self.assertEqual(
            [(c.partner_id.name, round(c.amount_total, 2), c.state) for c in credits],
            [
                ("Test Shop A", 169.54, "posted"),
                ("Test Shop B", 169.54, "posted"),
                ("Test Shop C", 169.67, "posted"),
            ],
        )
        self.assertEqual(round(sum(credits.mapped("amount_total")), 2), 508.75)
        self.assertTrue(all(credits.mapped("is_move_sent")))
        self.assertEqual(set(credits.mapped("komunigi_funding_role")), {"late_joiner"})
        self.assertEqual(
            late.received_transfer_ids.credit_note_id, credits, "One per co-funder."
        )
        # The funding stays at 100 % and 37 hours, its amount unchanged.
        self.assertEqual(request.komunigi_funded_percent, 100.0)
        self.assertEqual(request.komunigi_funded_hours, 37.0)
        self.assertEqual(request.komunigi_funded_amount, 2035.0)
        self.assertEqual(
            self._shares(request),
            [
                ("Test Shop A", 25.0, 9.25, 508.61),
                ("Test Shop B", 25.0, 9.25, 508.61),
                ("Test Shop C", 25.0, 9.25, 509.03),
                ("Test Shop D", 25.0, 9.25, 508.75),
            ],
        )
        # Unpaid invoices are settled by their credit notes.
        self.assertEqual(
            [round(amount, 2) for amount in invoices.mapped("amount_residual")],
            [508.61, 508.61, 509.03],
        )
        self.assertEqual(request.komunigi_invoiced_amount, 2035.0)
        self.assertEqual(request.komunigi_paid_amount, 0.0)

    def test_a_late_joiner_takes_at_most_an_equal_share(self):
        request = self._funded_by_pledges(40.0, (50.0, 50.0))
        with self.assertRaisesRegex(
            UserError, r"Test Shop D can pledge at most 33.33 % \(13.33 hours\)"
        ):
            self._pledge(self.shop_d, request, 40.0)
        self.assertFalse(self._moves(request, "out_refund"))
        self.assertEqual(len(request.komunigi_share_ids), 2)

    def test_a_late_joiner_waits_for_the_cofunders_invoices(self):
        request = self._funded_request(hours=40.0)
        with self.assertRaisesRegex(
            UserError, "its co-funders are not all invoiced yet"
        ):
            self._pledge(self.shop_d, request, 10.0)
        self.assertEqual(len(request.komunigi_share_ids), 2)
        self.assertFalse(self._moves(request))

    def test_nobody_creates_a_transfer_or_a_share_in_a_funded_request(self):
        request = self._funded_by_pledges(40.0, (50.0, 50.0))
        share = request.komunigi_share_ids[:1]
        with self.assertRaises(AccessError):
            self.env["komunigi.funding.transfer"].with_user(self.coordinator).create(
                {"share_id": share.id, "late_share_id": share.id, "hours": 1.0}
            )
        # A context key from a client does not open a funded request.
        funded = self._funded_request(hours=40.0)
        with self.assertRaisesRegex(UserError, "is funded"):
            funded.komunigi_share_ids[:1].with_user(self.coordinator).with_context(
                komunigi_late_joiner=True
            ).write({"partner_id": self.shop_d.id})
        self.assertEqual(
            funded.komunigi_share_ids.partner_id, self.shop_a | self.shop_b
        )


@tagged("post_install", "-at_install")
class TestPledgeBoardHttp(PledgeMixin, KomunigiContributionHttpCase):
    """The pledge board's form posts: every refusal is a message on the page,
    never a traceback, and records nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_pledges()

    def _post_pledge(self, request, **data):
        page = self.url_open("/my/komunigi/pledges", timeout=120).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data.setdefault("share_type", "percent")
        return self.url_open(
            "/my/komunigi/pledges/%d" % request.id,
            data=dict(data, csrf_token=token),
            timeout=120,
        )

    def test_crafted_posts_get_a_message_and_record_nothing(self):
        request = self._funding_request()
        self.authenticate("pledge_a", "pledge_a")
        page = self.url_open("/my/komunigi/pledges", timeout=300).text
        self.assertIn("Test request", page)
        self.assertIn("Pay from the wallet at the till.", page)
        for data, message in (
            (
                {"organisation_id": self.shop_b.id, "quantity": "50"},
                "You can pledge only for your own organisation, Test Shop A.",
            ),
            (
                {"organisation_id": self.shop_a.id, "quantity": "lots"},
                "Pledge a positive number of hours or a percentage.",
            ),
            (
                {"organisation_id": "x", "quantity": "50"},
                "Pledge a positive number of hours or a percentage.",
            ),
            (
                {"organisation_id": self.shop_a.id, "quantity": "-5"},
                "Pledge a positive number of hours or a percentage.",
            ),
        ):
            response = self._post_pledge(request, **data)
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
            self.assertNotIn("Traceback", response.text)
        self.assertFalse(request.komunigi_share_ids)
        # Without the token the post is refused.
        response = self.url_open(
            "/my/komunigi/pledges/%d" % request.id,
            data={"organisation_id": self.shop_a.id, "quantity": "50"},
            timeout=120,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(request.komunigi_share_ids)
        # A valid pledge is recorded and shown.
        response = self._post_pledge(
            request, organisation_id=self.shop_a.id, quantity="50"
        )
        self.assertIn("Your pledge for", response.text)
        self.assertEqual(self._shares(request), [("Test Shop A", 50.0, 20.0, 1100.0)])

    def test_the_transparency_page_shows_what_each_development_cost(self):
        request = self._funding_request()
        request.name = "Test development with figures"
        self._share(request, self.shop_a, 60.0)
        self._share(request, self.shop_b, 40.0)
        request.stage_id = self.stages["funded"]
        request._komunigi_invoice_shares().action_post()
        self._create_request(name="Test waiting request")
        self.authenticate("pledge_c", "pledge_c")
        page = self.url_open("/my/komunigi/transparency", timeout=300).text
        self.assertIn("Test development with figures", page)
        self.assertIn("Test Shop A (60.0 %)", page)
        self.assertIn("Test Shop B (40.0 %)", page)
        # Funded and invoiced: 40 hours at 55.00.
        self.assertEqual(page.count("2,200.00"), 2)
        # The backlog in the order of the stages.
        self.assertRegex(page, r"(?s)Collected: 1.*Funded: 1")
        # Only the members read it.
        outsider = self._create_portal_user(
            "pledge_outsider", "Delegate of the outsider", self.outsider
        )
        self.authenticate(outsider.login, outsider.login)
        response = self.url_open("/my/komunigi/transparency", timeout=120)
        self.assertNotIn("Test development with figures", response.text)


@tagged("post_install", "-at_install")
class TestPledgeWithoutEstimate(PledgeMixin, KomunigiContributionHttpCase):
    """A request that reaches the funding state without an estimate (its
    stage's state changed afterwards) cannot be pledged in hours: the delegate
    reads why, on the board, and nothing is recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_pledges()
        cls.stage = cls.env["project.task.type"].create(
            {
                "name": "Test to sort",
                "project_ids": [Command.link(cls.request_project.id)],
            }
        )
        cls.request = cls._create_request(cls, state="collected")
        cls.request.stage_id = cls.stage
        cls.stage.komunigi_request_state = "funding"

    def test_a_pledge_on_a_request_without_estimate_is_refused(self):
        self.assertEqual(self.request.komunigi_request_state, "funding")
        self.assertFalse(self.request.komunigi_estimate_hours)
        for share_type in ("hours", "percent"):
            with self.assertRaisesRegex(UserError, "has no estimate in hours yet"):
                self._pledge(self.shop_a, self.request, 10.0, share_type=share_type)
        self.authenticate("pledge_a", "pledge_a")
        page = self.url_open("/my/komunigi/pledges", timeout=300).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            "/my/komunigi/pledges/%d" % self.request.id,
            data={
                "organisation_id": self.shop_a.id,
                "share_type": "hours",
                "quantity": "10",
                "csrf_token": token,
            },
            timeout=120,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Test request has no estimate in hours yet: it cannot be pledged.",
            response.text,
        )
        self.assertFalse(self.request.komunigi_share_ids)
        self.assertFalse(self._moves(self.request))
