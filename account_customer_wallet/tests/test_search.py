# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletSearch(CustomerWalletCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.wallet_journal.minimum_wallet_amount = -50.0
        cls.carol = cls.Partner.create({"name": "Carol Janssens"})
        cls.dan = cls.Partner.create({"name": "Dan (empty wallet)"})
        cls._top_up(cls.alice, 30.0)
        cls._top_up(cls.claire, 10.0)  # household: 10
        cls._wallet_entry(cls.carol, -5.0, journal=cls.wallet_journal)  # -5
        cls._top_up(cls.dan, 8.0)
        cls._wallet_entry(cls.dan, -8.0, journal=cls.wallet_journal)  # 0, with lines
        # bob has no movement at all: 0
        cls.people = (
            cls.alice | cls.bob | cls.household | cls.claire | cls.carol | cls.dan
        )

    def _found(self, operator, value):
        return self.Partner.search(
            [
                ("id", "in", self.people.ids),
                ("customer_wallet_balance", operator, value),
            ]
        )

    def test_every_operator(self):
        alice, bob, household, claire, carol, dan = (
            self.alice,
            self.bob,
            self.household,
            self.claire,
            self.carol,
            self.dan,
        )
        expected = {
            ("=", 0): bob | dan,
            ("=", 10): household | claire,
            ("!=", 0): alice | household | claire | carol,
            ("!=", 10): alice | bob | carol | dan,
            ("<", 0): carol,
            ("<=", 0): carol | bob | dan,
            (">", 0): alice | household | claire,
            (">=", 0): alice | household | claire | bob | dan,
            (">=", 10): alice | household | claire,
            ("<", 10.005): household | claire | carol | bob | dan,
            ("<=", -5): carol,
            (">", 30): self.Partner,
            ("=", 12.34): self.Partner,
            ("<", -100): self.Partner,
            (">=", -100): self.people,
            ("!=", 12.34): self.people,
        }
        for (operator, value), partners in expected.items():
            with self.subTest(operator=operator, value=value):
                self.assertEqual(self._found(operator, value), partners)

    def test_nothing_matches_returns_an_empty_domain(self):
        domain = self.Partner._search_customer_wallet_balance(">", 1000000)
        self.assertEqual(domain, [("id", "=", 0)])
        self.assertFalse(self.Partner.search([("customer_wallet_balance", ">", 1e6)]))

    def test_everything_matches_without_loading_partners(self):
        domain = self.Partner._search_customer_wallet_balance(">=", -1000000)
        self.assertEqual(domain, [])

    def test_unsupported_operator_is_refused(self):
        with self.assertRefused(UserError, "cannot be searched with the operator"):
            self.Partner.search([("customer_wallet_balance", "ilike", "1")])
        with self.assertRefused(UserError, "must be compared with an amount"):
            self.Partner.search([("customer_wallet_balance", ">", "lots")])

    def test_search_without_wallet_account(self):
        self.company.customer_wallet_enabled = False
        self.company.customer_wallet_account_id = False
        self.assertEqual(self._found(">", 0), self.Partner)
        self.assertEqual(self._found("=", 0), self.people)

    def test_wallet_list_filters(self):
        Wallet = self.env["customer.wallet"]
        wallets = Wallet.search([("partner_id", "in", self.people.ids)])
        self.assertEqual(
            {w.partner_id: w.balance for w in wallets},
            {self.alice: 30.0, self.household: 10.0, self.carol: -5.0, self.dan: 0.0},
        )
        overdrawn = Wallet.search(
            [("partner_id", "in", self.people.ids), ("balance", "<", 0)]
        )
        self.assertEqual(overdrawn.partner_id, self.carol)
        self.assertEqual(
            Wallet.search(
                [("partner_id", "in", self.people.ids), ("balance", "=", 0)]
            ).partner_id,
            self.dan,
        )
        self.assertEqual(
            wallets.filtered(lambda w: w.partner_id == self.dan).last_move_date,
            self.today,
        )
