# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import json

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletPortal(CustomerWalletCommon, HttpCase):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        for amount in range(1, 26):
            cls._top_up(cls.household, amount, memo="Household top-up %s" % amount)
        cls._top_up(cls.bob, 77.0, memo="Secret top-up of Bob")
        cls.portal_claire = new_test_user(
            cls.env,
            login="portal_claire",
            groups="base.group_portal",
            partner_id=cls.claire.id,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_member_sees_own_wallet_paginated(self):
        self.authenticate("portal_claire", "portal_claire")
        response = self.url_open("/my/wallet")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Dupont household", page)
        self.assertIn("325.00", page)  # 1 + 2 + ... + 25
        self.assertEqual(page.count("o_wallet_movement"), 20)
        self.assertIn("Household top-up 25", page)
        self.assertNotIn("Household top-up 5<", page)
        self.assertNotIn("Secret top-up of Bob", page)
        self.assertNotIn("77.00", page)
        second = self.url_open("/my/wallet/page/2").text
        self.assertEqual(second.count("o_wallet_movement"), 5)
        self.assertIn("Household top-up 1<", second)

    def test_home_links_to_the_wallet(self):
        self.authenticate("portal_claire", "portal_claire")
        home = self.url_open("/my").text
        self.assertIn("/my/wallet", home)
        response = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": ["wallet_balance"]}}),
            headers={"Content-Type": "application/json"},
        )
        # the balance of the household, formatted (1 + 2 + ... + 25)
        self.assertIn("325.00", response.json()["result"]["wallet_balance"])

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open("/my/wallet", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
