# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from ast import literal_eval

from lxml import etree

from odoo.tests import tagged

from .common import KomunigiContributionCase


@tagged("post_install", "-at_install")
class TestSettings(KomunigiContributionCase):
    def test_contributions_settings_menu_opens_its_settings(self):
        """Issue 15: the menu opened an empty Settings page: the settings app
        it names must exist in the settings form."""
        action = self.env.ref(
            "komunigi_contribution.komunigi_contribution_settings_action"
        )
        module = action.with_context(lang="en_US").read(["context"])[0]["context"]
        key = literal_eval(module)["module"]
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        apps = etree.fromstring(arch).xpath(
            "//div[hasclass('settings')]/div[@data-key='%s']" % key
        )
        self.assertEqual(len(apps), 1)
        self.assertTrue(apps[0].get("data-string"))
        for name in (
            "komunigi_fee_amount",
            "komunigi_fee_mode",
            "komunigi_development_hourly_rate",
            "komunigi_tax_rule",
            "komunigi_fee_product_id",
        ):
            self.assertTrue(apps[0].xpath(".//field[@name='%s']" % name), name)

    def test_raising_the_fee_does_not_reprice_development(self):
        settings = self.env["res.config.settings"].create(
            {"komunigi_fee_amount": 180.0, "komunigi_development_hourly_rate": 60.0}
        )
        settings.execute()
        self.assertEqual(self.company.komunigi_fee_hourly_rate, 60.0)
        settings = self.env["res.config.settings"].create(
            {"komunigi_fee_amount": 210.0}
        )
        settings.execute()
        self.assertEqual(self.company.komunigi_fee_hourly_rate, 70.0)
        self.assertEqual(self.company.komunigi_development_hourly_rate, 60.0)
        request = self._create_estimated_request(hours=10.0, state="funding")
        share = self._share(request, self.shop_a, 100.0)
        self.assertEqual(share.hourly_rate, 60.0)
        self.assertEqual(share.amount, 600.0)

    def test_booklet_tells_the_fee(self):
        section = self.env.ref("komunigi_contribution.booklet_section_fee")
        self.company.komunigi_fee_amount = 180.0
        html = str(
            self.env["ir.qweb"]._render(
                "komunigi_membership.komunigi_booklet_sections",
                {"sections": section, "members_per_community": [], "conditions": []},
            )
        )
        self.assertIn("komunigi_booklet_fee", html)
        self.assertIn("180.00", html)
        self.assertIn("shared between", html)
