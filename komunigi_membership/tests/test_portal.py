# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport

from .common import KomunigiCase, new_portal_user


@tagged("post_install", "-at_install")
class TestPortal(KomunigiCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_portal_user(
            cls.env,
            "shop_a_portal",
            "Anna of Shop A",
            cls.shop_a,
            tz="Europe/Brussels",
            lang="en_US",
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
        cls.env["komunigi.proposal"].create(
            {
                "name": "Half-written idea of the core team",
                "assembly_id": cls.assembly.id,
                "state": "draft",
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
        response = self.url_open("/my/komunigi", timeout=60)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Test Supermarket A", page)
        self.assertIn("Delegate of Test Supermarket A", page)
        self.assertNotIn("Test Supermarket B", page)

    def test_member_sees_the_booklet(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        response = self.url_open("/my/komunigi/booklet", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("What is komunigi?", response.text)
        self.assertIn("Signs the intercooperation charter", response.text)
        response = self.url_open("/my/komunigi/booklet/pdf", timeout=60)
        self.assertEqual(response.status_code, 200)

    def test_member_sees_the_assemblies(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        response = self.url_open("/my/komunigi/assemblies", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Test assembly of June", response.text)
        self.assertNotIn("Private meeting of Coop IT Easy", response.text)
        response = self.url_open(
            "/my/komunigi/assemblies/%s" % self.assembly.id, timeout=60
        )
        self.assertIn("Choose the next improvement", response.text)
        self.assertIn("Co-fund the wallet", response.text)
        response = self.url_open(
            "/my/komunigi/assemblies/%s" % self.private_meeting.id, timeout=60
        )
        self.assertEqual(response.status_code, 404)

    def test_member_does_not_see_draft_proposals(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        page = self.url_open(
            "/my/komunigi/assemblies/%s" % self.assembly.id, timeout=60
        ).text
        self.assertIn("Co-fund the wallet", page)
        self.assertNotIn("Half-written idea of the core team", page)
        listing = self.url_open("/my/komunigi/assemblies", timeout=60).text
        self.assertNotIn("Half-written idea of the core team", listing)

    def test_assembly_times_in_the_member_time_zone_without_seconds(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        for url in (
            "/my/komunigi/assemblies",
            "/my/komunigi/assemblies/%s" % self.assembly.id,
        ):
            page = self.url_open(url, timeout=60).text
            # 12:00 UTC is 14:00 in Brussels in June.
            self.assertIn("06/02/2026 2:00 PM", page, url)
            self.assertNotIn("12:00:00", page, url)
            self.assertNotIn("14:00:00", page, url)

    def test_booklet_pdf_failure_shows_a_page(self):
        self.authenticate("shop_a_portal", "shop_a_portal")
        with patch.object(
            IrActionsReport,
            "_render_qweb_pdf",
            side_effect=UserError("Unable to find Wkhtmltopdf on this system."),
        ):
            response = self.url_open("/my/komunigi/booklet/pdf", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_komunigi_booklet_pdf_error", response.text)
        self.assertIn("Signs the intercooperation charter", response.text)

    def test_outsider_sees_no_komunigi_page(self):
        self.authenticate("outsider_portal", "outsider_portal")
        for url in (
            "/my/komunigi",
            "/my/komunigi/booklet",
            "/my/komunigi/assemblies",
            "/my/komunigi/assemblies/%s" % self.assembly.id,
        ):
            response = self.url_open(url, timeout=60)
            self.assertNotIn("Test Supermarket A", response.text)
            self.assertNotIn("Test assembly of June", response.text)
            self.assertTrue(response.url.endswith("/my"), url)

    def test_member_sees_only_the_seats_and_follow_ups_of_its_company(self):
        other = self.env["res.company"].create({"name": "Test Other Community"})
        foreign = self.env["res.partner"].create(
            {
                "name": "Test Foreign Coop",
                "is_company": True,
                "komunigi_community": "users",
                "komunigi_state": "member",
            }
        )
        person = self.env["res.partner"].create(
            {"name": "Fiona Foreign", "parent_id": foreign.id}
        )
        self.env["komunigi.mandate"].create(
            {
                "company_id": other.id,
                "organisation_id": foreign.id,
                "partner_id": person.id,
                "date_start": "2025-01-01",
                "date_end": "2026-12-31",
                "state": "active",
            }
        ).write({"state": "ended", "vacated_early": True})
        Proposal = self.env["komunigi.proposal"]
        for company, name, owner in (
            (other, "Foreign follow-up", person),
            (self.env.company, "Our own follow-up", self.env.user.partner_id),
        ):
            proposal = Proposal.create(
                {"name": name, "company_id": company.id, "state": "accepted"}
            )
            self.env["komunigi.follow.up"].create(
                {
                    "proposal_id": proposal.id,
                    "name": name,
                    "owner_id": owner.id,
                    "date_deadline": "2026-08-01",
                }
            )
        self.authenticate("shop_a_portal", "shop_a_portal")
        page = self.url_open("/my/komunigi", timeout=60).text
        self.assertIn("Our own follow-up", page)
        self.assertNotIn("Foreign follow-up", page)
        self.assertNotIn("Fiona Foreign", page)
        self.assertNotIn("Test Foreign Coop", page)
