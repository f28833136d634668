# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.tests import HttpCase, tagged

from .common import KomunigiCase, new_portal_user


@tagged("post_install", "-at_install")
class TestPortal(KomunigiCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_portal_user(
            cls.env, "shop_a_portal", "Anna of Shop A", cls.shop_a
        )
        cls.portal_outsider = new_portal_user(
            cls.env, "outsider_portal", "Oscar Outsider", cls.outsider
        )
        for shop in cls.shop_a | cls.shop_b:
            cls.env["komunigi.mandate"].create(
                {
                    "organisation_id": shop.id,
                    "partner_id": cls._delegate(shop).id,
                    "date_start": "2026-01-01",
                    "date_end": "2027-12-31",
                    "state": "active",
                }
            )
        cls.assembly = cls.env["calendar.event"].create(
            {
                "name": "Test assembly of June",
                "start": "2026-06-02 12:00:00",
                "stop": "2026-06-02 14:00:00",
                "is_komunigi_assembly": True,
                "komunigi_agenda": "<p>Choose the next improvement</p>",
            }
        )
        cls.env["komunigi.proposal"].create(
            {
                "name": "Co-fund the wallet",
                "assembly_id": cls.assembly.id,
                "state": "ready",
            }
        )
        cls.private_meeting = cls.env["calendar.event"].create(
            {
                "name": "Private meeting of Coop IT Easy",
                "start": "2026-06-03 12:00:00",
                "stop": "2026-06-03 14:00:00",
            }
        )

    def test_member_sees_only_its_organisation(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        response = self.url_open("/my/komunigi")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Test Supermarket A", page)
        self.assertIn("Delegate of Test Supermarket A", page)
        self.assertNotIn("Test Supermarket B", page)

    def test_member_sees_the_booklet(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        response = self.url_open("/my/komunigi/booklet")
        self.assertEqual(response.status_code, 200)
        self.assertIn("What is komunigi?", response.text)
        self.assertIn("Signs the intercooperation charter", response.text)
        response = self.url_open("/my/komunigi/booklet/pdf")
        self.assertEqual(response.status_code, 200)

    def test_member_sees_the_assemblies(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        response = self.url_open("/my/komunigi/assemblies")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Test assembly of June", response.text)
        self.assertNotIn("Private meeting of Coop IT Easy", response.text)
        response = self.url_open("/my/komunigi/assemblies/%s" % self.assembly.id)
        self.assertIn("Choose the next improvement", response.text)
        self.assertIn("Co-fund the wallet", response.text)
        response = self.url_open("/my/komunigi/assemblies/%s" % self.private_meeting.id)
        self.assertEqual(response.status_code, 404)

    def test_outsider_sees_no_komunigi_page(self):
        self.authenticate("outsider_portal", "outsider_portal")
        for url in (
            "/my/komunigi",
            "/my/komunigi/booklet",
            "/my/komunigi/assemblies",
            "/my/komunigi/assemblies/%s" % self.assembly.id,
        ):
            response = self.url_open(url)
            self.assertNotIn("Test Supermarket A", response.text)
            self.assertNotIn("Test assembly of June", response.text)
            self.assertTrue(response.url.endswith("/my"), url)
