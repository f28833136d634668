# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from contextlib import closing, contextmanager
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from odoo.addons.account_customer_wallet import uninstall_hook
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
            "wallet locks first": wallet_tables(True),
            "wallet locks last": wallet_tables(False),
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
                    self.assertLedgerExact()
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


@tagged("post_install", "-at_install")
class TestCustomerWalletSearchRights(CustomerWalletCommon):
    """Searching by balance tells balances: only wallet users may."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls._top_up(cls.alice, 40.0)
        cls.employee = new_test_user(
            cls.env,
            login="plain_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.portal_bob = new_test_user(
            cls.env,
            login="portal_bob",
            groups="base.group_portal",
            partner_id=cls.bob.id,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_search_by_balance_needs_the_wallet_user_group(self):
        domain = [("customer_wallet_balance", ">", 0)]
        for user in (self.employee, self.portal_bob):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Partner.with_user(user).search(domain)
                # as reading the field is
                with self.assertRaises(AccessError):
                    self.alice.with_user(user).read(["customer_wallet_balance"])
        found = self.Partner.with_user(self.wallet_user).search(
            domain + [("id", "in", (self.alice | self.bob).ids)]
        )
        self.assertEqual(found, self.alice)
        self.assertEqual(
            [self._balance(p.with_user(self.wallet_user)) for p in found], [40.0]
        )


@tagged("post_install", "-at_install")
class TestCustomerWalletConfigHoles(CustomerWalletCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.accountant = new_test_user(
            cls.env,
            login="holes_accountant",
            groups="base.group_user,account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.admin = new_test_user(
            cls.env,
            login="holes_admin",
            groups="base.group_user,base.group_system,account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.top_up_product = cls.env["product.template"].create(
            {"name": "Wallet top-up", "is_customer_wallet_product": True}
        )
        cls._top_up(cls.alice, 40.0)

    def test_minimum_balance_cannot_be_positive(self):
        journal = self.wallet_journal.with_user(self.accountant)
        with self.assertRefused(ValidationError, "cannot be positive"):
            journal.minimum_wallet_amount = 5.0
        journal.minimum_wallet_amount = -5.0
        journal.minimum_wallet_amount = 0.0
        with self.assertRefused(ValidationError, "cannot be positive"):
            self.env["account.journal"].with_user(self.accountant).create(
                {
                    "name": "Generous wallet",
                    "code": "WALG",
                    "type": "cash",
                    "is_customer_wallet_journal": True,
                    "minimum_wallet_amount": 0.01,
                }
            )
        self.assertEqual(self.wallet_journal.minimum_wallet_amount, 0.0)
        self.assertAmount(self._balance(self.alice), 40.0)

    def test_wallet_journal_in_a_foreign_currency_is_refused(self):
        foreign = self.currency_data["currency"]
        self.assertNotEqual(foreign, self.currency)
        Journal = self.env["account.journal"].with_user(self.accountant)
        with self.assertRefused(ValidationError, "must be in"):
            Journal.create(
                {
                    "name": "Dollar wallet",
                    "code": "WALD",
                    "type": "bank",
                    "currency_id": foreign.id,
                    "is_customer_wallet_journal": True,
                }
            )
        with self.assertRefused(ValidationError, "must be in"):
            self.wallet_journal.with_user(self.accountant).currency_id = foreign
        journal = Journal.create(
            {
                "name": "Dollar bank",
                "code": "BNKD",
                "type": "bank",
                "currency_id": foreign.id,
            }
        )
        with self.assertRefused(ValidationError, "must be in"):
            journal.is_customer_wallet_journal = True
        # the company's currency, set explicitly, is fine
        self.wallet_journal.with_user(self.accountant).currency_id = self.currency
        self.assertAmount(self._balance(self.alice), 40.0)

    def test_a_new_wallet_account_is_carried_over(self):
        new_account = self.env["account.account"].create(
            {
                "name": "Customer wallets (new)",
                "code": "209901",
                "account_type": "liability_current",
                "company_id": self.company.id,
            }
        )
        self.assertAmount(self._balance(self.alice), 40.0)
        self.company.with_user(self.admin).customer_wallet_account_id = new_account
        journal = self.wallet_journal
        self.assertEqual(journal.default_account_id, new_account)
        methods = (
            journal.inbound_payment_method_line_ids
            | journal.outbound_payment_method_line_ids
        )
        self.assertTrue(methods)
        self.assertEqual(methods.payment_account_id, new_account)
        product = self.top_up_product.with_company(self.company)
        self.assertEqual(product.property_account_income_id, new_account)
        # the items stay where they were posted: the balances read the new one
        self.assertAmount(self._balance(self.alice), 0.0)
        self._top_up(self.alice, 7.0)
        self.assertEqual(
            self._wallet_lines_on(new_account), [("Alice Martin", 0.0, 7.0)]
        )
        self._register_payment(self._invoice(self.alice, 2.5), journal=journal)
        self.assertEqual(
            self._wallet_lines_on(new_account),
            [("Alice Martin", 0.0, 7.0), ("Alice Martin", 2.5, 0.0)],
        )
        self.assertAmount(self._balance(self.alice), 4.5)
        self.assertLedgerExact()

    def _wallet_lines_on(self, account):
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        )
        return sorted((ln.partner_id.name, ln.debit, ln.credit) for ln in lines)

    def test_uninstall_hook_leaves_nothing_behind(self):
        cr = self.env.cr

        def leftovers():
            cr.execute(
                """
                SELECT 'trigger', tgname FROM pg_trigger
                 WHERE tgname LIKE 'customer_wallet%%'
                 UNION ALL
                SELECT 'function', proname FROM pg_proc
                 WHERE proname LIKE 'customer_wallet%%'
                 UNION ALL
                SELECT 'index', indexname FROM pg_indexes
                 WHERE indexname = 'account_move_line_customer_wallet_idx'
                 UNION ALL
                SELECT 'view', viewname FROM pg_views
                 WHERE viewname = 'customer_wallet'
                 ORDER BY 1, 2
                """
            )
            return cr.fetchall()

        self.assertEqual(
            leftovers(),
            [("index", "account_move_line_customer_wallet_idx")],
        )
        uninstall_hook(cr, self.registry)
        self.assertEqual(leftovers(), [])


@tagged("post_install", "-at_install")
class TestCustomerWalletPortalPages(CustomerWalletCommon, HttpCase):
    """Any page number answers as the portal's invoices do, never an error."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        for amount in range(1, 26):
            cls._top_up(cls.bob, amount, memo="Bob top-up %s" % amount)
        cls.portal_bob = new_test_user(
            cls.env,
            login="portal_bob",
            groups="base.group_portal",
            partner_id=cls.bob.id,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_odd_page_numbers(self):
        self.authenticate("portal_bob", "portal_bob")
        first = self.url_open("/my/wallet")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.text.count("o_wallet_movement"), 20)
        for suffix, movements in (
            ("/page/0", 20),
            ("/page/99", 5),
            ("?page=abc", 20),
            ("/page/-1", None),
        ):
            with self.subTest(suffix=suffix):
                invoices = self.url_open("/my/invoices" + suffix)
                wallet = self.url_open("/my/wallet" + suffix)
                self.assertEqual(wallet.status_code, invoices.status_code)
                self.assertIn(wallet.status_code, (200, 404))
                if movements is not None:
                    self.assertEqual(wallet.status_code, 200)
                    self.assertEqual(wallet.text.count("o_wallet_movement"), movements)
                    self.assertIn("325.00", wallet.text)
