# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from urllib.parse import urlencode

from odoo.tests import tagged

from .common import KomunigiContributionHttpCase


@tagged("post_install", "-at_install")
class TestTours(KomunigiContributionHttpCase):
    """The requests' journeys in a real browser, as the least-privileged user
    of each; the backend is checked after each tour."""

    def _warm_up_backend(self, user):
        # The first backend page builds the assets: on a loaded machine that
        # can outlast the browser's navigation timeout.
        self.authenticate(user.login, user.login)
        self.url_open("/web", timeout=300)

    def _form_url(self, record):
        # The tours select the stages by id, passed in the query string.
        query = urlencode(
            {"komunigi_%s" % state: stage.id for state, stage in self.stages.items()}
        )
        return "/web?%s#id=%d&model=%s&view_type=form" % (
            query,
            record.id,
            record._name,
        )

    def test_coordinator_moves_a_request_through_the_guarded_stages(self):
        request = self._create_request(
            komunigi_specification="<p>Show the balance on the receipt.</p>"
        )
        self._warm_up_backend(self.coordinator)
        self.start_tour(
            self._form_url(request),
            "komunigi_contribution_request_stages",
            login=self.coordinator.login,
        )
        self.assertEqual(request.komunigi_request_state, "estimated")
        self.assertEqual(request.komunigi_estimate_hours, 12.0)
        # Every move that was refused left no trace: one change per stage.
        tracked = request.message_ids.tracking_value_ids.filtered(
            lambda t: t.field.name == "stage_id"
            and t.new_value_char != self.stages["collected"].name
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")),
            sorted(
                self.stages[state].name
                for state in ("clarified", "specified", "prioritised", "estimated")
            ),
        )

    def test_coordinator_invoices_two_cofunders(self):
        request = self._funded_request(hours=40.0)
        self._warm_up_backend(self.coordinator)
        self.start_tour(
            self._form_url(request),
            "komunigi_contribution_invoice_cofunders",
            login=self.coordinator.login,
        )
        invoices = self.env["account.move"].search(
            [("komunigi_request_id", "=", request.id)]
        )
        self.assertEqual(
            sorted((m.partner_id.name, m.amount_untaxed) for m in invoices),
            [("Test Shop A", 1100.0), ("Test Shop B", 1100.0)],
        )
        self.assertEqual(
            invoices.komunigi_funding_share_ids, request.komunigi_share_ids
        )

    def test_portal_member_submits_a_request_with_a_description(self):
        self.request_project.user_id = self.coordinator
        delegate = self._create_portal_user(
            "contrib_tour_portal", "Delegate of Shop A on the portal", self.shop_a
        )
        self.start_tour(
            "/my/komunigi/requests/new",
            "komunigi_contribution_portal_request",
            login=delegate.login,
        )
        task = self.env["project.task"].search(
            [("name", "=", "Tour: show the wallet on the receipt")]
        )
        self.assertEqual(task.project_id, self.request_project)
        self.assertEqual(task.komunigi_requester_id, self.shop_a)
        self.assertEqual(task.komunigi_request_state, "collected")
        self.assertIn("The remaining balance under the total.", task.description)
        self.assertIn(delegate.partner_id, task.message_partner_ids)
        self.assertRecordValues(
            task.activity_ids,
            [
                {
                    "user_id": self.coordinator.id,
                    "activity_type_id": self.env.ref(
                        "komunigi_contribution.mail_activity_type_clarify_request"
                    ).id,
                }
            ],
        )
        self.assertFalse(task.user_ids)
        self.assertEqual(task.company_id, self.company)

    def test_portal_delegate_pledges_half_of_a_request_on_the_pledge_board(self):
        self.request_project.user_id = self.coordinator
        self.shop_b.email = "shop.b@example.com"
        self.company.komunigi_tax_rule = "none"
        request = self._create_estimated_request(hours=40.0)
        request.stage_id = self.stages["funding"]
        self._share(request, self.shop_a, 50.0)
        delegate = self._create_portal_user(
            "contrib_tour_pledge", "Delegate of Shop B on the portal", self.shop_b
        )
        self.start_tour(
            "/my/komunigi/pledges?request=%d" % request.id,
            "komunigi_contribution_pledge_board",
            login=delegate.login,
        )
        self.assertEqual(request.komunigi_request_state, "funded")
        self.assertEqual(
            sorted(
                (s.partner_id.name, s.percent, s.hours)
                for s in request.komunigi_share_ids
            ),
            [("Test Shop A", 50.0, 20.0), ("Test Shop B", 50.0, 20.0)],
        )
        invoices = self.env["account.move"].search(
            [("komunigi_request_id", "=", request.id)]
        )
        self.assertEqual(
            sorted(
                (m.partner_id.name, m.move_type, m.state, m.amount_total)
                for m in invoices
            ),
            [
                ("Test Shop A", "out_invoice", "posted", 1100.0),
                ("Test Shop B", "out_invoice", "posted", 1100.0),
            ],
        )
        self.assertTrue(all(invoices.mapped("is_move_sent")))
        self.assertEqual(
            invoices.komunigi_funding_share_ids, request.komunigi_share_ids
        )
