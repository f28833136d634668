# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from unittest.mock import patch

from odoo.tests import tagged

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletBalance(CustomerWalletCommon):
    # a second company with its own chart, journals and wallets
    second_company_chart = True

    def test_top_up_credits_the_wallet(self):
        move = self._top_up(self.alice, 25.0, memo="Cash at the till")
        self.assertEqual(move.state, "posted")
        outstanding = self.company.account_journal_payment_debit_account_id
        self.assertEqual(
            self._entry_lines(move),
            sorted(
                [
                    (outstanding.code, "Alice Martin", 25.0, 0.0),
                    (self.wallet_account.code, "Alice Martin", 0.0, 25.0),
                ]
            ),
        )
        self.assertEqual(move.journal_id, self.bank_journal)
        self.assertEqual(self._balance(self.alice), 25.0)

    def test_balance_per_kind_of_movement(self):
        self._top_up(self.alice, 100.0)
        self.assertEqual(self._balance(self.alice), 100.0)
        # paying an invoice from the wallet debits it
        invoice = self._invoice(self.alice, 30.0)
        payment = self._register_payment(invoice)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(
            self._entry_lines(payment.move_id),
            sorted(
                [
                    (self.wallet_account.code, "Alice Martin", 30.0, 0.0),
                    (self.receivable.code, "Alice Martin", 0.0, 30.0),
                ]
            ),
        )
        self.assertEqual(self._balance(self.alice), 70.0)
        # a refund on the wallet journal credits it
        credit_note = self._invoice(self.alice, 12.5, move_type="out_refund")
        refund = self._register_payment(credit_note)
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertEqual(
            self._entry_lines(refund.move_id),
            sorted(
                [
                    (self.wallet_account.code, "Alice Martin", 0.0, 12.5),
                    (self.receivable.code, "Alice Martin", 12.5, 0.0),
                ]
            ),
        )
        self.assertEqual(self._balance(self.alice), 82.5)
        # selling the top-up product by invoice credits it once paid
        product = self.env["product.product"].create(
            {"name": "Top-up", "type": "service", "is_customer_wallet_product": True}
        )
        sale = self.init_invoice(
            "out_invoice", self.alice, self.today, products=[product], post=True
        )
        product_line = sale.invoice_line_ids
        self.assertEqual(
            product_line.account_id, self.company.customer_wallet_top_up_account_id
        )
        self.assertFalse(product_line.tax_ids)
        self.assertEqual(self._balance(self.alice), 82.5)
        self._register_payment(sale, journal=self.bank_journal)
        self.assertEqual(self._balance(self.alice), 82.5 + product.lst_price)
        # other partners are untouched
        self.assertEqual(self._balance(self.bob), 0.0)

    def test_drafts_and_cancelled_entries_are_ignored(self):
        draft = self._wallet_entry(self.alice, 40.0, post=False)
        cancelled = self._wallet_entry(self.alice, 15.0, post=False)
        cancelled.button_cancel()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(cancelled.state, "cancel")
        self.assertEqual(self._balance(self.alice), 0.0)
        draft.action_post()
        self.assertEqual(self._balance(self.alice), 40.0)

    def test_a_contact_shares_the_wallet_of_its_company(self):
        self._wallet_entry(self.claire, 20.0)
        self._top_up(self.household, 5.0)
        self.assertEqual(self._balance(self.household), 25.0)
        self.assertEqual(self._balance(self.claire), 25.0)
        balances = self.env["customer.wallet.ledger"]._balances(
            self.claire | self.household | self.alice, self.company
        )
        self.assertEqual(balances, {self.household.id: 25.0, self.alice.id: 0.0})
        # the entry of the contact is booked on the contact itself
        lines = self.env["account.move.line"].search(
            [("account_id", "=", self.wallet_account.id)]
        )
        self.assertEqual(lines.partner_id, self.claire | self.household)

    def test_balances_of_the_partners_a_till_loads(self):
        """Each partner gets its wallet's balance, contact or not, moved or not."""
        self._wallet_entry(self.claire, 20.0)
        self._top_up(self.household, 5.0)
        self._top_up(self.alice, 7.5)
        # a contact loaded without its company, a wallet without any item
        balances = self.env["customer.wallet.ledger"]._partner_balances(
            self.claire | self.bob, self.company
        )
        self.assertEqual(balances, {self.claire.id: 25.0, self.bob.id: 0.0})
        balances = self.env["customer.wallet.ledger"]._partner_balances(
            self.claire | self.household | self.alice | self.bob, self.company
        )
        self.assertEqual(
            balances,
            {
                self.claire.id: 25.0,
                self.household.id: 25.0,
                self.alice.id: 7.5,
                self.bob.id: 0.0,
            },
        )

    def test_rounding(self):
        for _i in range(10):
            self._top_up(self.alice, 0.1)
        self.assertAmount(self._balance(self.alice), 1.0)
        self._wallet_entry(self.alice, -0.3)
        self.assertAmount(self._balance(self.alice), 0.7)
        # the API gives the float nearest to the decimal amount
        self.assertEqual(
            self.env["customer.wallet.ledger"]._balances(self.alice, self.company),
            {self.alice.id: 0.7},
        )
        self.assertEqual(
            self.Partner.search(
                [("id", "=", self.alice.id), ("customer_wallet_balance", "=", 0.7)]
            ),
            self.alice,
        )

    def test_companies_keep_separate_wallets(self):
        other = self.company_data_2["company"]
        other_account = self.env["account.account"].create(
            {
                "name": "Wallets",
                "code": "209900",
                "account_type": "liability_current",
                "company_id": other.id,
            }
        )
        other.write(
            {
                "customer_wallet_enabled": True,
                "customer_wallet_account_id": other_account.id,
            }
        )
        self._top_up(self.alice, 10.0)
        self._top_up(
            self.alice,
            7.0,
            journal=self.company_data_2["default_journal_bank"],
            company_id=other.id,
        )
        self.assertEqual(self._balance(self.alice), 10.0)
        self.assertEqual(self._balance(self.alice, other), 7.0)
        self.assertEqual(
            self.env["customer.wallet.ledger"]._balances(self.alice, other),
            {self.alice.id: 7.0},
        )

    def test_pending_amounts_hook_is_added(self):
        self._top_up(self.alice, 10.0)
        ledger_class = type(self.env["customer.wallet.ledger"])
        with patch.object(
            ledger_class,
            "_pending_amounts",
            lambda self, ids, company: (
                {self.env.ref("base.partner_admin").id: 0.0}
                if ids is None
                else {self.env["res.partner"].browse(ids)[:1].id: -4.0}
            ),
        ):
            self.assertEqual(
                self.env["customer.wallet.ledger"]._balances(self.alice, self.company),
                {self.alice.id: 6.0},
            )

    def test_wallet_user_reads_balances(self):
        self._top_up(self.alice, 10.0)
        alice = self.alice.with_user(self.wallet_user)
        self.assertEqual(alice.customer_wallet_balance, 10.0)
        wallets = self.env["customer.wallet"].with_user(self.wallet_user).search([])
        self.assertEqual(wallets.partner_id, self.alice)
        self.assertEqual(wallets.balance, 10.0)
