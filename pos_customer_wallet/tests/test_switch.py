# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .. import switch
from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestPosCustomerWalletSwitch(PosCustomerWalletCommon):
    """The point of sale's part of the migration from Coop IT Easy's module
    (switch.py): a no-op on this database, the wallet payment methods made
    what these addons require where they are not."""

    def _sql(self, query, params=None):
        self.env.flush_all()
        self.env.cr.execute(query, params or [])
        self.env.invalidate_all()

    def test_our_database_is_left_alone(self):
        session = self.start_wallet_session()
        self.assertEqual(switch.pre_migrate(self.env.cr, "16.0.1.3.0"), ([], []))
        self.env.invalidate_all()
        self.assertEqual(self.wallet_journal.type, "bank")
        self.assertTrue(self.wallet_pm.split_transactions)
        self.assertFalse(self.wallet_pm.is_cash_count)
        self.assertEqual(session.state, "opened")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_wallet_method_identifies_the_customer(self):
        # their setup let a wallet payment method leave the customer out
        self._sql(
            "UPDATE pos_payment_method SET split_transactions = FALSE WHERE id = %s",
            [self.wallet_pm.id],
        )
        methods, journals = switch.pre_migrate(self.env.cr, "16.0.1.0.0")
        self.assertEqual((methods, journals), ([self.wallet_pm.name], []))
        self.assertTrue(self.wallet_pm.split_transactions)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def _cash_wallet_journal(self):
        """Their setup allowed a wallet payment method on a cash journal."""
        self._sql(
            "UPDATE account_journal SET type = 'cash' WHERE id = %s",
            [self.wallet_journal.id],
        )
        self._sql(
            "UPDATE pos_payment_method SET is_cash_count = TRUE WHERE id = %s",
            [self.wallet_pm.id],
        )

    def test_cash_wallet_journal_becomes_a_bank_journal(self):
        self.basic_config.payment_method_ids |= self.wallet_pm
        self._cash_wallet_journal()
        self.assertEqual(
            switch.pre_migrate(self.env.cr, "16.0.1.0.0"),
            ([], [self.wallet_journal.name]),
        )
        self.env.invalidate_all()
        self.assertEqual(self.wallet_journal.type, "bank")
        self.assertFalse(self.wallet_pm.is_cash_count)
        # a wallet payment method as these addons want it, closing included
        session = self.start_wallet_session()
        self.sync(
            [(self.apples, 1)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 10.0)],
        )
        self.close_session(session)
        self.assertEqual(self.balances(self.member_1, self.member_2), [90.0, 20.0])

    def test_cash_wallet_journal_with_an_open_session_stops_the_update(self):
        session = self.start_wallet_session()
        self._cash_wallet_journal()
        with self.assertRaises(UserError) as caught:
            switch.pre_migrate(self.env.cr, "16.0.1.0.0")
        self.assertIn(session.name, str(caught.exception))
        self.assertIn(self.wallet_journal.name, str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(self.wallet_journal.type, "cash")
