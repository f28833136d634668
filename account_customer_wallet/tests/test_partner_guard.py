# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import CustomerWalletCommon, assert_wallet_locked


class PartnerGuardCommon(CustomerWalletCommon):
    """Members with money, a contact creator and a wallet manager."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.dan = cls.Partner.create({"name": "Dan Smet"})
        cls._top_up(cls.alice, 40.0)
        cls._top_up(cls.bob, 12.0)
        cls._top_up(cls.household, 10.0)
        cls._wallet_entry(cls.claire, 15.0)
        companies = [Command.set(cls.company.ids)]
        # what Odoo gives a new internal user by default
        cls.contact_user = new_test_user(
            cls.env,
            login="contact_user",
            groups="base.group_user,base.group_partner_manager",
            company_id=cls.company.id,
            company_ids=companies,
        )
        cls.partner_wallet_manager = new_test_user(
            cls.env,
            login="partner_wallet_manager",
            groups="base.group_user,base.group_partner_manager,"
            "account_customer_wallet.group_customer_wallet_manager",
            company_id=cls.company.id,
            company_ids=companies,
        )

    def _lock_versions(self, *partners):
        """Versions of the wallets' locks: a lock bumps them."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT partner_id, version FROM customer_wallet_lock "
            "WHERE partner_id IN %s",
            [tuple(partner.id for partner in partners)],
        )
        versions = dict(self.env.cr.fetchall())
        return [versions.get(partner.id, 0) for partner in partners]

    def _all_balances(self):
        return [
            self._balance(partner)
            for partner in (self.alice, self.bob, self.household, self.dan)
        ]


@tagged("post_install", "-at_install")
class TestCustomerWalletPartnerGuard(PartnerGuardCommon):
    """Moving partners never moves wallet money unchecked."""

    def test_contact_creator_cannot_move_money_to_another_wallet(self):
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])
        alice = self.alice.with_user(self.contact_user)
        with self.assertRefused(AccessError, "Only wallet managers may move Alice"):
            alice.write({"parent_id": self.household.id})
        with self.assertRefused(AccessError, "Only wallet managers may move Alice"):
            alice.write({"commercial_partner_id": self.bob.id})
        with self.assertRefused(AccessError, "Only wallet managers may move Claire"):
            self.claire.with_user(self.contact_user).write({"parent_id": self.bob.id})
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])
        self.assertEqual(self.alice.commercial_partner_id, self.alice)

    def test_contact_creator_cannot_move_money_by_is_company(self):
        # a company under Bob keeps its wallet until it is no longer a company
        household = self.household.with_user(self.contact_user)
        household.write({"parent_id": self.bob.id})
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])
        with self.assertRefused(AccessError, "Only wallet managers may move Dupont"):
            household.write({"is_company": False})
        self.assertEqual(self.claire.commercial_partner_id, self.household)
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])

    def test_partners_without_money_move_freely(self):
        dan = self.dan.with_user(self.contact_user)
        dan.write({"parent_id": self.household.id})
        self.assertEqual(self.dan.commercial_partner_id, self.household)
        dan.write({"parent_id": False, "is_company": True})
        self.assertEqual(self.dan.commercial_partner_id, self.dan)
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])

    def test_wallet_manager_moves_money_under_lock(self):
        versions = self._lock_versions(self.alice, self.household)
        self.alice.with_user(self.partner_wallet_manager).write(
            {"parent_id": self.household.id}
        )
        after = self._lock_versions(self.alice, self.household)
        self.assertEqual(len(after), len(versions))
        self.assertTrue(all(new > old for old, new in zip(versions, after)))
        assert_wallet_locked(self, self.household)
        self.assertEqual(self._all_balances(), [65.0, 12.0, 65.0, 0.0])

    def test_wallet_manager_cannot_leave_a_wallet_below_its_limit(self):
        # Claire spent more than her own items: the household lent her 5
        self._wallet_entry(self.claire, -20.0)
        self.assertEqual(self._all_balances(), [40.0, 12.0, 5.0, 0.0])
        claire = self.claire.with_user(self.partner_wallet_manager)
        with self.assertRefused(UserError, "The wallet of Claire Dupont cannot be"):
            claire.write({"parent_id": False})
        self.assertAmount(self._balance(self.claire), 5.0)
        self.assertEqual(self._all_balances(), [40.0, 12.0, 5.0, 0.0])


@tagged("post_install", "-at_install")
class TestCustomerWalletProductGuard(CustomerWalletCommon):
    """A product becomes or stops being a top-up only with no session open."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls._top_up(cls.alice, 40.0)
        cls.product_manager = new_test_user(
            cls.env,
            login="product_manager",
            groups="base.group_user,account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.top_up_product = cls.env["product.template"].create(
            {"name": "Wallet top-up", "is_customer_wallet_product": True}
        )
        cls.bread = cls.env["product.template"].create({"name": "Bread"})

    @contextmanager
    def _open_session(self):
        company_class = type(self.env["res.company"])
        with patch.object(
            company_class,
            "_customer_wallet_open_sessions",
            autospec=True,
            side_effect=lambda company: (
                ["Shop/00042"] if company == self.company else []
            ),
        ):
            yield

    def test_no_flip_while_a_session_is_open(self):
        top_up = self.top_up_product.with_user(self.product_manager)
        bread = self.bread.with_user(self.product_manager)
        with self._open_session():
            with self.assertRefused(UserError, "Wallet top-up cannot .*Shop/00042"):
                top_up.write({"is_customer_wallet_product": False})
            with self.assertRefused(UserError, "Bread cannot .*Shop/00042"):
                bread.write({"is_customer_wallet_product": True})
            # other changes go on, and a new top-up product was sold nowhere yet
            bread.write({"name": "Brown bread", "is_customer_wallet_product": False})
            new_top_up = (
                self.env["product.template"]
                .with_user(self.product_manager)
                .create({"name": "Top-up 25", "is_customer_wallet_product": True})
            )
            self.assertTrue(new_top_up.is_customer_wallet_product)
        self.assertTrue(self.top_up_product.is_customer_wallet_product)
        self.assertFalse(self.bread.is_customer_wallet_product)
        self.assertAmount(self._balance(self.alice), 40.0)
        # sessions closed: the product may change
        top_up.write({"is_customer_wallet_product": False})
        self.assertFalse(self.top_up_product.is_customer_wallet_product)
        self.assertAmount(self._balance(self.alice), 40.0)


@tagged("post_install", "-at_install")
class TestCustomerWalletMergeGuard(PartnerGuardCommon):
    """The partner merge wizard is open to contact creators: not the money."""

    def _merge(self, partners, destination, user):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user)
            .create(
                {
                    "partner_ids": [Command.set(partners.ids)],
                    "dst_partner_id": destination.id,
                }
            )
        )
        wizard.action_merge()

    def test_contact_creator_cannot_merge_wallets(self):
        (self.alice | self.bob).write({"email": "member@example.com"})
        with self.assertRefused(AccessError, "Only wallet managers may merge Alice"):
            self._merge(self.alice | self.bob, self.bob, self.contact_user)
        self.assertTrue(self.alice.exists())
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])

    def test_wallet_manager_merges_under_lock(self):
        (self.alice | self.bob).write({"email": "member@example.com"})
        versions = self._lock_versions(self.alice, self.bob)
        self._merge(self.alice | self.bob, self.bob, self.env.user)
        self.assertGreater(self._lock_versions(self.bob)[0], versions[1])
        assert_wallet_locked(self, self.bob)
        self.assertFalse(self.alice.exists())
        self.assertAmount(self._balance(self.bob), 52.0)
        self.assertAmount(self._balance(self.household), 25.0)


@tagged("post_install", "-at_install")
class TestCustomerWalletDeleteGuard(PartnerGuardCommon):
    """A partner with wallet money is archived, not deleted."""

    def test_partner_with_wallet_items_is_not_deleted(self):
        for partner in (self.alice, self.claire, self.household):
            for user in (self.contact_user, self.partner_wallet_manager):
                with self.assertRefused(UserError, "cannot be deleted"):
                    partner.with_user(user).unlink()
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])
        self.assertAmount(self._balance(self.claire), 25.0)
        # without money, a partner goes
        self.dan.with_user(self.contact_user).unlink()
        self.assertFalse(self.dan.exists())

    def test_a_wallet_whose_money_is_on_its_contacts(self):
        janssens = self.Partner.create({"name": "Janssens", "is_company": True})
        dirk = self.Partner.create({"name": "Dirk Janssens", "parent_id": janssens.id})
        self._wallet_entry(dirk, 9.0)
        with self.assertRefused(UserError, "Janssens cannot be deleted"):
            janssens.with_user(self.contact_user).unlink()
        self.assertAmount(self._balance(janssens), 9.0)
        # a wallet manager may: Dirk keeps his money in his own wallet
        janssens.with_user(self.partner_wallet_manager).unlink()
        self.assertAmount(self._balance(dirk), 9.0)
        self.assertEqual(self._all_balances(), [40.0, 12.0, 25.0, 0.0])
