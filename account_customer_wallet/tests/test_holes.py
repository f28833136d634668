# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from contextlib import closing, contextmanager
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from odoo.addons.base.wizard.base_partner_merge import MergePartnerAutomatic

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletPartnerMerge(CustomerWalletCommon):
    """Merging partners with the core wizard keeps each wallet's money once."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.dan = cls.Partner.create({"name": "Dan Smet"})
        (cls.alice | cls.bob | cls.claire | cls.dan).write(
            {"email": "member@example.com"}
        )
        cls._top_up(cls.alice, 40.0)
        cls._top_up(cls.bob, 12.0)
        cls._top_up(cls.household, 10.0)
        cls._wallet_entry(cls.claire, 15.0)

    @contextmanager
    def _foreign_keys_in_order(self, key):
        """The merge updates the foreign keys to the partner sorted by key."""
        get_fk_on = MergePartnerAutomatic._get_fk_on

        def sorted_fk_on(wizard, table):
            return sorted(get_fk_on(wizard, table), key=key)

        with patch.object(MergePartnerAutomatic, "_get_fk_on", sorted_fk_on):
            yield

    def _orders(self):
        """The orders in which the merge could update the wallet's tables."""

        def wallet_tables(first):
            def key(relation):
                is_wallet = relation[0].startswith("customer_wallet")
                is_item = relation[0] == "account_move_line"
                is_partner = relation[0] == "res_partner"
                return (is_wallet != first, is_item, is_partner)

            return key

        return {
            "database order": None,
            "totals first": wallet_tables(True),
            "totals last": wallet_tables(False),
            "reversed names": lambda relation: tuple(map(str, relation))[::-1],
        }

    def _merge(self, partners, destination):
        # as the administrator: komunigi_membership lets only its coordinators
        # write the membership fields that the merge copies
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {
                "partner_ids": [Command.set(partners.ids)],
                "dst_partner_id": destination.id,
            }
        )
        wizard.action_merge()
        self.assertFalse((partners - destination).exists())

    def _balances(self, *partners):
        return [
            self._balance(partner.with_user(self.wallet_user)) for partner in partners
        ]

    def assertNoDrift(self):
        self.assertEqual(self.env["customer.wallet.total"]._customer_wallet_drift(), [])

    def _check_merge(self, partners, destination, wallet, expected, others):
        """Merge in every order: the wallet holds expected, the others did not move."""
        for name, key in self._orders().items():
            with self.subTest(order=name), closing(self.env.cr.savepoint()):
                try:
                    if key is None:
                        self._merge(partners, destination)
                    else:
                        with self._foreign_keys_in_order(key):
                            self._merge(partners, destination)
                    self.assertNoDrift()
                    self.assertEqual(destination.commercial_partner_id, wallet)
                    self.assertAmount(self._balances(destination)[0], expected)
                    self.assertAmount(self._balances(wallet)[0], expected)
                    self.assertEqual(self._balances(*others), list(others.values()))
                finally:
                    self.env.invalidate_all()

    def test_merge_two_wallets_into_one(self):
        self.assertEqual(self._balances(self.alice, self.bob), [40.0, 12.0])
        others = {self.household: 25.0}
        self._check_merge(self.alice | self.bob, self.bob, self.bob, 52.0, others)
        # each merge was rolled back
        self.assertEqual(self._balances(self.alice, self.bob), [40.0, 12.0])

    def test_merge_into_a_partner_without_wallet_items(self):
        self.assertEqual(self._balances(self.alice, self.dan), [40.0, 0.0])
        others = {self.bob: 12.0, self.household: 25.0}
        self._check_merge(self.alice | self.dan, self.dan, self.dan, 40.0, others)

    def test_merge_a_member_with_a_contact_of_a_household(self):
        self.assertEqual(
            self._balances(self.alice, self.claire, self.household), [40.0, 25.0, 25.0]
        )
        # the merged partner is a contact of the household: Alice's money
        # joins the household's wallet, whichever partner is kept
        others = {self.bob: 12.0}
        household = self.household
        self._check_merge(self.alice | self.claire, self.alice, household, 65.0, others)
        self._check_merge(
            self.alice | self.claire, self.claire, household, 65.0, others
        )
