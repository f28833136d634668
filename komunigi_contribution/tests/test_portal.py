# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.komunigi_membership.tests.common import new_portal_user


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop = cls.env["res.partner"].create(
            {
                "name": "Test Portal Shop",
                "is_company": True,
                "komunigi_community": "users",
                "komunigi_state": "member",
                "komunigi_admission_date": "2026-03-01",
            }
        )
        cls.other_shop = cls.shop.copy({"name": "Test Other Shop"})
        cls.other_shop.komunigi_state = "member"
        stages = cls.env["project.task.type"].search(
            [("komunigi_request_state", "!=", False)]
        )
        cls.project = cls.env["project.project"].create(
            {
                "name": "Test portal requests",
                "komunigi_is_request_project": True,
                "privacy_visibility": "portal",
                "type_ids": [Command.set(stages.ids)],
            }
        )
        Task = cls.env["project.task"]
        cls.own_request = Task.create(
            {
                "name": "Own request: wallet statement",
                "project_id": cls.project.id,
                "komunigi_requester_id": cls.shop.id,
            }
        )
        cls.other_request = Task.create(
            {
                "name": "Other request: loyalty cards",
                "project_id": cls.project.id,
                "komunigi_requester_id": cls.other_shop.id,
            }
        )
        cls.portal_user = new_portal_user(
            cls.env, "contrib_portal_http", "Delegate of the Portal Shop", cls.shop
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="contrib_portal_coordinator",
            groups="komunigi_membership.group_komunigi_coordinator",
        )
        cls.project.user_id = cls.coordinator
        funding = stages.filtered(lambda s: s.komunigi_request_state == "funding")
        cls.cofunded_request = Task.create(
            {
                "name": "Co-funded request: shift planning",
                "project_id": cls.project.id,
                "stage_id": funding.id,
                "komunigi_requester_id": cls.other_shop.id,
                "komunigi_specification": "<p>Plan the shifts.</p>",
                "komunigi_estimate_hours": 10.0,
            }
        )
        cls.env["komunigi.funding.share"].create(
            {
                "request_id": cls.cofunded_request.id,
                "partner_id": cls.shop.id,
                "share_type": "percent",
                "quantity": 50.0,
            }
        )

    def _open(self, url, data=None):
        # The first page builds the portal's assets: slow on a loaded machine.
        return self.url_open(url, data=data, timeout=60)

    def test_member_follows_and_submits_requests(self):
        self.authenticate("contrib_portal_http", "contrib_portal_http")
        response = self._open("/my/komunigi/requests")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Own request: wallet statement", response.text)
        self.assertNotIn("Other request: loyalty cards", response.text)

        response = self._open("/my/komunigi/requests/%s" % self.own_request.id)
        self.assertIn("Own request: wallet statement", response.text)
        response = self._open("/my/komunigi/requests/%s" % self.other_request.id)
        self.assertNotIn("Other request: loyalty cards", response.text)

        # A co-funder follows and reads the requests it pays for.
        response = self._open("/my/komunigi/requests")
        self.assertIn("Co-funded request: shift planning", response.text)
        response = self._open("/my/komunigi/requests/%s" % self.cofunded_request.id)
        self.assertIn("Plan the shifts.", response.text)

        form = self._open("/my/komunigi/requests/new")
        # Issue 15: the description box was dropped from the page.
        self.assertRegex(
            form.text, r'<textarea[^>]*name="description"[^>]*>\s*</textarea>'
        )
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        response = self._open(
            "/my/komunigi/requests/new",
            data={
                "csrf_token": token,
                "name": "Show the wallet on the receipt",
                "description": "The remaining balance, please.",
            },
        )
        self.assertEqual(response.status_code, 200)
        created = self.env["project.task"].search(
            [("name", "=", "Show the wallet on the receipt")]
        )
        self.assertEqual(created.komunigi_requester_id, self.shop)
        self.assertEqual(created.komunigi_request_state, "collected")
        self.assertIn("/my/komunigi/requests/%s" % created.id, response.url)
        self.assertIn("The remaining balance, please.", created.description)
        # The coordinator is asked to clarify it.
        self.assertRecordValues(
            created.activity_ids,
            [
                {
                    "user_id": self.coordinator.id,
                    "activity_type_id": self.env.ref(
                        "komunigi_contribution.mail_activity_type_clarify_request"
                    ).id,
                }
            ],
        )
