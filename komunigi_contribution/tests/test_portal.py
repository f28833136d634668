# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import re

from odoo import Command
from odoo.tests import HttpCase, tagged

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

    def test_member_follows_and_submits_requests(self):
        self.authenticate("contrib_portal_http", "contrib_portal_http")
        response = self.url_open("/my/komunigi/requests")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Own request: wallet statement", response.text)
        self.assertNotIn("Other request: loyalty cards", response.text)

        response = self.url_open("/my/komunigi/requests/%s" % self.own_request.id)
        self.assertIn("Own request: wallet statement", response.text)
        response = self.url_open("/my/komunigi/requests/%s" % self.other_request.id)
        self.assertNotIn("Other request: loyalty cards", response.text)

        form = self.url_open("/my/komunigi/requests/new")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        response = self.url_open(
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
