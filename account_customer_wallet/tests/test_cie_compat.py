# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletCieCompat(CustomerWalletCommon):
    """What the addons written for Coop IT Easy's module rely on."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.eve = cls.Partner.create({"name": "Eve Claes"})
        cls._top_up(cls.alice, 25.0)
        cls._top_up(cls.claire, 12.5)  # the household's wallet
        cls._top_up(cls.eve, 4.0)
        cls.members = cls.alice | cls.bob | cls.household | cls.claire | cls.eve

    def _found(self, operator, value):
        return self.Partner.with_user(self.wallet_user).search(
            [
                ("id", "in", self.members.ids),
                ("customer_wallet_balance", operator, value),
            ]
        )

    def test_company_says_whether_wallets_are_enabled(self):
        company = self.company
        self.assertTrue(company.is_enabled_customer_wallet)
        company.customer_wallet_enabled = False
        self.assertFalse(company.is_enabled_customer_wallet)
        self.assertEqual(
            self.env["res.company"].search(
                [("id", "=", company.id), ("is_enabled_customer_wallet", "=", False)]
            ),
            company,
        )
        company.customer_wallet_account_id = False
        company.customer_wallet_enabled = False
        self.assertFalse(company.is_enabled_customer_wallet)
        company.write(
            {
                "customer_wallet_account_id": self.wallet_account.id,
                "customer_wallet_enabled": True,
            }
        )
        self.assertTrue(company.is_enabled_customer_wallet)

    def test_optional_equality(self):
        everyone = self.members
        self.assertEqual(self._found("=?", False), everyone)
        self.assertEqual(self._found("=?", None), everyone)
        self.assertEqual(self._found("=?", 12.5), self.household | self.claire)
        # zero is an amount, not "no value"
        self.assertEqual(self._found("=?", 0), self.bob)

    def test_among_amounts(self):
        household = self.household | self.claire
        self.assertEqual(self._found("in", [25, 4]), self.alice | self.eve)
        self.assertEqual(self._found("in", [0, 12.5]), self.bob | household)
        self.assertEqual(self._found("in", [0.001]), self.bob)
        self.assertEqual(self._found("in", []), self.Partner)
        self.assertEqual(self._found("in", 4.0), self.eve)

    def test_not_among_amounts(self):
        household = self.household | self.claire
        self.assertEqual(self._found("not in", [25, 4]), self.bob | household)
        self.assertEqual(self._found("not in", [0, 12.5]), self.alice | self.eve)
        self.assertEqual(self._found("not in", []), self.members)

    def test_among_amounts_with_pending_movements(self):
        # a wallet whose pending amounts change its balance is decided on the
        # balance with them, not on its posted total
        ledger_class = type(self.env["customer.wallet.ledger"])
        pending = {self.eve.id: 21.0}

        def pending_amounts(ledger, commercial_ids, company):
            if commercial_ids is None:
                return dict(pending)
            return {cid: pending[cid] for cid in commercial_ids if cid in pending}

        with patch.object(ledger_class, "_pending_amounts", pending_amounts):
            self.assertEqual(self._found("in", [25]), self.alice | self.eve)
            self.assertEqual(self._found("not in", [4, 0]), self.members - self.bob)

    def test_other_operators_are_still_refused(self):
        for operator in ("like", "ilike", "=like", "not ilike"):
            with self.subTest(operator=operator):
                with self.assertRefused(UserError, "cannot be searched with"):
                    self._found(operator, "1")
        with self.assertRefused(UserError, "must be compared with an amount"):
            self._found("in", [1, "lots"])
