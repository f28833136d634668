# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerWalletCommon, assert_wallet_locked


@tagged("post_install", "-at_install")
class TestCustomerWalletLimit(CustomerWalletCommon):
    def _lock_version(self, partner):
        self.env.cr.execute(
            "SELECT version FROM customer_wallet_lock WHERE partner_id = %s",
            [partner.id],
        )
        return self.env.cr.fetchone()[0]

    def test_lock_holds_the_wallet_of_the_commercial_partner(self):
        """A debit for a contact locks the wallet row of its company, once."""
        wallets = self.env["customer.wallet.ledger"]._lock(self.claire | self.household)
        self.assertEqual(
            wallets,
            {self.claire.id: self.household.id, self.household.id: self.household.id},
        )
        version = self._lock_version(self.household)
        self.env["customer.wallet.ledger"]._lock(self.claire)
        self.assertEqual(self._lock_version(self.household), version + 1)
        self.assertFalse(
            self.env["customer.wallet.lock"].search(
                [("partner_id", "=", self.claire.id)]
            )
        )
        assert_wallet_locked(self, self.household)
        self.assertEqual(
            self.env["customer.wallet.ledger"]._lock(self.env["res.partner"]), {}
        )

    def test_pay_exactly_down_to_the_limit(self):
        self._top_up(self.alice, 50.0)
        invoice = self._invoice(self.alice, 50.0)
        payment = self._register_payment(invoice)
        self.assertEqual(payment.state, "posted")
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(self._balance(self.alice), 0.0)

    def test_one_cent_below_the_limit_is_refused(self):
        self._top_up(self.alice, 50.0)
        invoice = self._invoice(self.alice, 50.01)
        payments_before = self.env["account.payment"].search_count([])
        with self.assertRefused(UserError, "cannot be debited") as error:
            self._register_payment(invoice)
        message = str(error.exception)
        self.assertIn("Alice Martin", message)
        self.assertIn("50.01", message)
        self.assertIn("50.00", message)
        self.assertIn("0.00", message)
        self.assertEqual(self.env["account.payment"].search_count([]), payments_before)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self._balance(self.alice), 50.0)

    def test_overdraft_down_to_the_journal_minimum(self):
        self.wallet_journal.minimum_wallet_amount = -10.0
        self._top_up(self.alice, 20.0)
        self._register_payment(self._invoice(self.alice, 30.0))
        self.assertEqual(self._balance(self.alice), -10.0)
        with self.assertRefused(UserError, "may not go below"):
            self._register_payment(self._invoice(self.alice, 0.01))
        self.assertEqual(self._balance(self.alice), -10.0)

    def test_credits_are_accepted_below_the_limit(self):
        self.wallet_journal.minimum_wallet_amount = -10.0
        self._register_payment(self._invoice(self.alice, 10.0))
        # An accountant corrects the journal minimum: the wallet is now below it.
        self.wallet_journal.minimum_wallet_amount = 0.0
        self._top_up(self.alice, 4.0)
        self.assertEqual(self._balance(self.alice), -6.0)
        credit_note = self._invoice(self.alice, 1.0, move_type="out_refund")
        self._register_payment(credit_note)
        self.assertEqual(self._balance(self.alice), -5.0)

    def test_a_debit_of_a_family_member_uses_the_shared_wallet(self):
        self._top_up(self.household, 30.0)
        with self.assertRefused(UserError, "Dupont household"):
            self._wallet_entry(self.claire, -30.5)
        self._wallet_entry(self.claire, -30.0)
        self.assertEqual(self._balance(self.household), 0.0)

    def test_manual_entries_allow_no_overdraft(self):
        self.wallet_journal.minimum_wallet_amount = -10.0
        with self.assertRefused(UserError, "cannot be debited"):
            self._wallet_entry(self.alice, -5.0)
        self.assertFalse(
            self.env["account.move.line"].search(
                [("account_id", "=", self.wallet_account.id)]
            )
        )

    def test_resetting_a_spent_top_up_to_draft_is_refused(self):
        top_up = self._top_up(self.alice, 20.0)
        self._register_payment(self._invoice(self.alice, 15.0))
        with self.assertRefused(UserError, "cannot be debited"):
            top_up.button_draft()
        self.assertEqual(top_up.state, "posted")
        self.assertEqual(self._balance(self.alice), 5.0)

    def test_wallet_items_need_a_partner(self):
        with self.assertRefused(UserError, "needs the customer"):
            self._wallet_entry(self.env["res.partner"], 5.0)

    def test_check_debit_api(self):
        ledger = self.env["customer.wallet.ledger"]
        self._top_up(self.alice, 20.0)
        self.wallet_journal.minimum_wallet_amount = -10.0
        self.assertEqual(
            ledger._check_debit(self.alice, 30.0, self.wallet_journal), -10.0
        )
        with self.assertRefused(UserError, "may not go below"):
            ledger._check_debit(self.alice, 30.01, self.wallet_journal)
        with self.assertRefused(UserError, "may not go below"):
            ledger._check_debit(self.alice, 20.01, self.bank_journal)
        # a credit is never refused
        self.assertEqual(ledger._check_debit(self.alice, -5.0, self.bank_journal), 25.0)
