# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import KomunigiCase


@tagged("post_install", "-at_install")
class TestCompany(KomunigiCase):
    """One database, two houses: the mandates and proposals of komunigi
    belong to the coordinator's company, and a user of another company does
    not see them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_coordinator = cls.env["res.company"].create(
            {"name": "Test Coordinator House"}
        )
        cls.company_shop = cls.env["res.company"].create({"name": "Test Shop House"})
        cls.coordinator.write(
            {
                "company_ids": [(6, 0, cls.company_coordinator.ids)],
                "company_id": cls.company_coordinator.id,
            }
        )
        cls.shop_user = new_test_user(
            cls.env,
            login="komunigi_shop_user",
            groups="base.group_user,komunigi_membership.group_komunigi_core_team",
            company_id=cls.company_shop.id,
            company_ids=[(6, 0, cls.company_shop.ids)],
        )

    def test_records_stay_in_their_company(self):
        Mandate = self.env["komunigi.mandate"].with_user(self.coordinator)
        mandate = Mandate.create(
            self._mandate_values(self.shop_a, "2026-01-01", "2027-06-30")
        )
        self.assertEqual(mandate.company_id, self.company_coordinator)
        proposal = (
            self.env["komunigi.proposal"]
            .with_user(self.coordinator)
            .create({"name": "Test proposal of the coordinator"})
        )
        self.assertEqual(proposal.company_id, self.company_coordinator)
        self.assertFalse(
            self.env["komunigi.mandate"]
            .with_user(self.shop_user)
            .search([("id", "=", mandate.id)])
        )
        self.assertFalse(
            self.env["komunigi.proposal"]
            .with_user(self.shop_user)
            .search([("id", "=", proposal.id)])
        )
        with self.assertRaises(AccessError):
            proposal.with_user(self.shop_user).write({"name": "Taken over"})
        self.assertEqual(proposal.name, "Test proposal of the coordinator")
