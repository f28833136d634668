# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletWizards(CustomerWalletCommon):
    def _wallet_move_count(self):
        return self.env["account.move.line"].search_count(
            [("account_id", "=", self.wallet_account.id)]
        )

    def test_wallet_manager_tops_up_from_cash(self):
        move = self._top_up(
            self.claire,
            12.5,
            journal=self.cash_journal,
            user=self.wallet_manager,
            memo="Top-up at the till",
        )
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.cash_journal)
        self.assertEqual(move.ref, "Top-up at the till")
        wallet_line = move.line_ids.filtered(
            lambda ln: ln.account_id == self.wallet_account
        )
        self.assertEqual(wallet_line.partner_id, self.household)
        self.assertEqual((wallet_line.debit, wallet_line.credit), (0.0, 12.5))
        self.assertEqual(move.create_uid, self.wallet_manager)
        self.assertEqual(self._balance(self.claire), 12.5)

    def test_bad_top_ups_are_refused_and_book_nothing(self):
        bad_inputs = [
            ({"amount": 0.0}, UserError, "must be positive"),
            ({"amount": -5.0}, UserError, "must be positive"),
            ({"amount": 0.004}, UserError, "must be positive"),
            ({"journal_id": self.wallet_journal.id}, UserError, "cash or bank journal"),
            (
                {"journal_id": self.company_data["default_journal_sale"].id},
                UserError,
                "cash or bank journal",
            ),
        ]
        for values, exception, message in bad_inputs:
            with self.subTest(values=values):
                with self.assertRefused(exception, message):
                    self._top_up(self.alice, values.pop("amount", 10.0), **values)
        self.assertEqual(self._wallet_move_count(), 0)

    def test_top_up_needs_enabled_wallets(self):
        self.company.customer_wallet_enabled = False
        with self.assertRefused(UserError, "not enabled"):
            self._top_up(self.alice, 10.0)
        self.assertEqual(self._wallet_move_count(), 0)

    def test_wallet_user_cannot_top_up_or_move(self):
        with self.assertRaises(AccessError):
            self._top_up(self.alice, 10.0, user=self.wallet_user)
        with self.assertRaises(AccessError):
            self.env["customer.wallet.transfer"].with_user(self.wallet_user).create(
                {
                    "partner_id": self.alice.id,
                    "destination_partner_id": self.bob.id,
                    "amount": 1.0,
                }
            )
        with self.assertRaises(AccessError):
            self.alice.with_user(self.wallet_user).action_customer_wallet_top_up()
        self.assertEqual(self._wallet_move_count(), 0)

    def test_plain_employee_cannot_read_balances(self):
        employee = self.env["res.users"].create(
            {
                "name": "Employee",
                "login": "wallet_employee",
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
            }
        )
        with self.assertRaises(AccessError):
            self.alice.with_user(employee).read(["customer_wallet_balance"])
        with self.assertRaises(AccessError):
            self.env["customer.wallet"].with_user(employee).search([])

    def _transfer(self, source, destination, amount, user=None, **values):
        env = self.env(user=user) if user else self.env
        wizard = env["customer.wallet.transfer"].create(
            dict(
                {
                    "partner_id": source.id,
                    "destination_partner_id": destination.id,
                    "amount": amount,
                },
                **values,
            )
        )
        wizard.action_confirm()
        return self._last_wallet_move()

    def test_move_between_two_wallets_is_one_entry(self):
        self._top_up(self.alice, 30.0)
        move = self._transfer(self.alice, self.claire, 20.0, user=self.wallet_manager)
        self.assertEqual(move.journal_id, self.wallet_journal)
        self.assertEqual(
            self._entry_lines(move),
            sorted(
                [
                    (self.wallet_account.code, "Alice Martin", 20.0, 0.0),
                    (self.wallet_account.code, "Dupont household", 0.0, 20.0),
                ]
            ),
        )
        self.assertEqual(self._balance(self.alice), 10.0)
        self.assertEqual(self._balance(self.household), 20.0)

    def test_bad_moves_are_refused_and_book_nothing(self):
        self._top_up(self.alice, 30.0)
        count = self._wallet_move_count()
        with self.assertRefused(UserError, "cannot be debited"):
            self._transfer(self.alice, self.bob, 30.01)
        with self.assertRefused(UserError, "must be positive"):
            self._transfer(self.alice, self.bob, -1.0)
        with self.assertRefused(UserError, "its own wallet"):
            self._transfer(self.claire, self.household, 1.0)
        with self.assertRefused(UserError, "in a wallet journal"):
            self._transfer(self.alice, self.bob, 1.0, journal_id=self.bank_journal.id)
        self.assertEqual(self._wallet_move_count(), count)
        self.assertEqual(self._balance(self.alice), 30.0)

    def test_transfer_may_overdraw_to_the_journal_minimum(self):
        self.wallet_journal.minimum_wallet_amount = -10.0
        move = self._transfer(self.alice, self.bob, 10.0)
        self.assertEqual(move.state, "posted")
        self.assertEqual(self._balance(self.alice), -10.0)
        self.assertEqual(self._balance(self.bob), 10.0)

    def test_refund_from_credit_note_into_the_wallet(self):
        invoice = self._invoice(self.alice, 40.0)
        self._register_payment(invoice, journal=self.bank_journal)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"refund_method": "refund", "journal_id": invoice.journal_id.id})
        )
        credit_note = self.env["account.move"].browse(
            reversal.reverse_moves()["res_id"]
        )
        credit_note.action_post()
        refund = self._register_payment(credit_note)
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertEqual(refund.payment_type, "outbound")
        self.assertEqual(
            self._wallet_lines(refund.move_id), [("Alice Martin", 0.0, 40.0, "posted")]
        )
        self.assertEqual(self._balance(self.alice), 40.0)
