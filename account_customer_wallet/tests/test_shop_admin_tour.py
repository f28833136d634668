# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletShopAdminTour(CustomerWalletCommon, HttpCase):
    """The shop admin's journeys in the browser, checked in the backend."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.env.ref("base.lang_fr_BE").active = True
        cls.bank_journal.name = "Bank"
        cls.wallet_journal.minimum_wallet_amount = -10.0
        cls.carol = cls.Partner.create({"name": "Carol Janssens"})
        cls._top_up(cls.alice, 30.0)
        cls._top_up(cls.claire, 10.0)
        cls._wallet_entry(cls.carol, -5.0, journal=cls.wallet_journal)
        # the strictest journal now allows no overdraft: carol is below it
        cls.wallet_journal.minimum_wallet_amount = 0.0
        # the shop admin, in French: an employee (contacts), billing and
        # wallet manager, as in the demo
        cls.shop_admin = new_test_user(
            cls.env,
            login="wallet_shop_admin",
            lang="fr_BE",
            groups="base.group_user,base.group_partner_manager,"
            "account.group_account_invoice,"
            "account_customer_wallet.group_customer_wallet_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        # Odoo reads the French of every module's code from its .po files on
        # the first French page of the process: outside the tour's timeouts
        modules = cls.env["ir.module.module"].search([("state", "=", "installed")])
        cls.env["ir.http"].get_web_translations_hash(modules.mapped("name"), "fr_BE")

    def test_top_up_from_the_partner_form(self):
        before = self.env["account.move"].search_count([])
        self.start_tour(
            "/web",
            "customer_wallet_top_up_tour",
            login="wallet_shop_admin",
        )
        self.assertAmount(self._balance(self.alice), 55.0)
        self.assertAmount(self._balance(self.household), 10.0)
        self.assertEqual(self.env["account.move"].search_count([]), before + 1)
        move = self._last_wallet_move()
        self.assertEqual(
            self._wallet_lines(move), [("Alice Martin", 0.0, 25.0, "posted")]
        )
        self.assertEqual(move.journal_id, self.bank_journal)

    def test_customers_filtered_and_sorted_by_balance(self):
        self.start_tour(
            "/web",
            "customer_wallet_balance_filter_tour",
            login="wallet_user",
        )
        partners = self.Partner.with_user(self.wallet_user)
        self.assertEqual(
            partners.search([("customer_wallet_below_limit", "=", True)]), self.carol
        )
        self.assertEqual(
            partners.search([], order="customer_wallet_balance desc", limit=1),
            self.alice,
        )
        # looking changed no wallet
        self.assertAmount(self._balance(self.alice), 30.0)
        self.assertAmount(self._balance(self.carol), -5.0)
