# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from ..exceptions import CustomerWalletLimitError
from ..flow import CONTEXT_KEY, Correction
from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletIntegrity(CustomerWalletCommon):
    """Posted wallet items change only through the ledger, whoever tries."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        users = {
            "billing": "account.group_account_invoice",
            "accountant": "account.group_account_user",
            "account_manager": "account.group_account_manager",
            "employee": "base.group_user",
        }
        for login, group in users.items():
            setattr(
                cls,
                login,
                new_test_user(
                    cls.env,
                    login="integrity_%s" % login,
                    groups="base.group_user,%s" % group,
                    company_id=cls.company.id,
                    company_ids=[Command.set(cls.company.ids)],
                ),
            )
        # Alice topped up 20.00 and spent 15.00 of it; Bob has 10.00.
        cls.top_up = cls._top_up(cls.alice, 20.0)
        cls.bob_top_up = cls._top_up(cls.bob, 10.0)
        invoice = cls.init_invoice(
            "out_invoice",
            partner=cls.alice,
            invoice_date=cls.today,
            amounts=[15.0],
            taxes=[],
            post=True,
        )
        cls.payment = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": cls.wallet_journal.id})
            ._create_payments()
        )

    def assertBalances(self, alice, bob):
        self.assertAmount(self._balance(self.alice), alice)
        self.assertAmount(self._balance(self.bob), bob)

    def _wallet_line(self, move):
        return move.line_ids.filtered(lambda ln: ln.account_id == self.wallet_account)

    def _as(self, user, records):
        return records.with_user(user).with_context(
            allowed_company_ids=self.company.ids
        )

    # ------------------------------------------------------------------
    # Who may credit
    # ------------------------------------------------------------------

    def test_billing_user_cannot_credit_with_a_manual_entry(self):
        entry = self._wallet_entry(self.alice, 50.0, post=False)
        with self.assertRefused(AccessError, "Only wallet managers may credit"):
            self._as(self.billing, entry).action_post()
        self.assertEqual(entry.state, "draft")
        self.assertBalances(5.0, 10.0)
        # a wallet manager may
        entry.action_post()
        self.assertBalances(55.0, 10.0)

    def test_billing_user_cannot_post_a_top_up_invoice(self):
        product = self.env["product.product"].create(
            {"name": "Top-up", "type": "service", "is_customer_wallet_product": True}
        )
        sale = self.init_invoice(
            "out_invoice", self.alice, self.today, products=[product]
        )
        with self.assertRefused(AccessError, "Only wallet managers may invoice"):
            self._as(self.billing, sale).action_post()
        self.assertBalances(5.0, 10.0)
        self._as(self.wallet_manager, sale).sudo().action_post()
        # posted, it waits for its payment; the billing user registers it
        self.assertBalances(5.0, 10.0)
        (
            self.env["account.payment.register"]
            .with_user(self.billing)
            .with_context(active_model="account.move", active_ids=sale.ids)
            .create({"journal_id": self.bank_journal.id})
            ._create_payments()
        )
        self.assertBalances(5.0 + product.lst_price, 10.0)

    def test_billing_user_may_debit_within_the_limit(self):
        entry = self._wallet_entry(self.alice, -5.0, post=False)
        self._as(self.billing, entry).action_post()
        self.assertBalances(0.0, 10.0)
        entry = self._wallet_entry(self.bob, -10.01, post=False)
        with self.assertRefused(UserError, "cannot be debited"):
            self._as(self.billing, entry).action_post()
        self.assertBalances(0.0, 10.0)

    def test_billing_user_cannot_refund_a_credit_note_into_a_wallet(self):
        credit_note = self._invoice(self.alice, 30.0, move_type="out_refund")
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.billing)
            .with_context(active_model="account.move", active_ids=credit_note.ids)
            .create({"journal_id": self.wallet_journal.id})
        )
        with self.assertRefused(AccessError, "Alice Martin"):
            wizard._create_payments()
        self.assertEqual(credit_note.payment_state, "not_paid")
        self.assertBalances(5.0, 10.0)

    def test_billing_user_cannot_give_a_payment_back_to_the_wallet(self):
        with self.assertRefused(AccessError, "Only wallet managers may credit"):
            self._as(self.billing, self.payment).action_draft()
        self.assertEqual(self.payment.state, "posted")
        self.assertBalances(5.0, 10.0)
        # an accountant is no wallet manager either
        with self.assertRefused(AccessError, "Only wallet managers may credit"):
            self._as(self.accountant, self.payment).action_draft()
        self._as(self.account_manager, self.payment).action_draft()
        self.assertBalances(20.0, 10.0)

    def test_statement_lines_of_wallet_journals(self):
        values = {
            "journal_id": self.wallet_journal.id,
            "partner_id": self.alice.id,
            "amount": -30.0,
            "payment_ref": "Deposit",
        }
        with self.assertRefused(AccessError, "statement line in a wallet journal"):
            self.env["account.bank.statement.line"].with_user(self.billing).create(
                values
            )
        self.assertBalances(5.0, 10.0)
        st_line = (
            self.env["account.bank.statement.line"]
            .with_user(self.wallet_manager)
            .sudo()
            .create(values)
        )
        self.assertBalances(35.0, 10.0)
        for user in (self.accountant, self.account_manager):
            with self.assertRefused(UserError, "reverse its entry"):
                self._as(user, st_line).write({"amount": -300.0})
            with self.assertRefused(UserError, "reverse its entry"):
                self._as(user, st_line).write({"partner_id": self.bob.id})
        self.assertBalances(35.0, 10.0)

    # ------------------------------------------------------------------
    # Posted wallet items are not rewritten behind the ledger
    # ------------------------------------------------------------------

    def test_moving_a_credit_to_another_wallet(self):
        line = self._wallet_line(self.top_up)
        # Bob would be credited: a billing user may not
        with self.assertRefused(AccessError, "Bob Peeters"):
            self._as(self.billing, line).write({"partner_id": self.bob.id})
        # Alice spent it: below her limit, even for an account manager
        with self.assertRefused(CustomerWalletLimitError, "Alice Martin"):
            self._as(self.account_manager, line).write({"partner_id": self.bob.id})
        self.assertEqual(line.partner_id, self.alice)
        self.assertBalances(5.0, 10.0)

    def test_changing_the_amount_or_account_of_a_posted_item(self):
        line = self._wallet_line(self.top_up)
        counterpart = self.top_up.line_ids - line
        # a smaller top-up takes Alice below her limit
        with self.assertRefused(UserError, "cannot be debited"):
            self._as(self.billing, self.top_up).write(
                {
                    "line_ids": [
                        Command.update(line.id, {"credit": 10.0}),
                        Command.update(counterpart.id, {"debit": 10.0}),
                    ]
                }
            )
        # a bigger one credits her: wallet managers only
        with self.assertRefused(AccessError, "Only wallet managers may credit"):
            self._as(self.billing, self.top_up).write(
                {
                    "line_ids": [
                        Command.update(line.id, {"credit": 200.0}),
                        Command.update(counterpart.id, {"debit": 200.0}),
                    ]
                }
            )
        # moving the item off the wallet account debits her
        with self.assertRefused(UserError, "cannot be debited"):
            self._as(self.account_manager, line).write(
                {"account_id": self.company_data["default_account_revenue"].id}
            )
        self.assertEqual((line.credit, line.account_id), (20.0, self.wallet_account))
        self.assertBalances(5.0, 10.0)

    def test_an_item_moved_onto_the_wallet_account_needs_its_customer(self):
        entry = self._wallet_entry(self.bob, 1.0)
        counterpart = entry.line_ids - self._wallet_line(entry)
        with self.assertRefused(UserError, "needs the customer"):
            self._as(self.account_manager, counterpart).write(
                {"account_id": self.wallet_account.id}
            )
        self.assertBalances(5.0, 11.0)

    def test_writing_the_state_of_a_spent_top_up(self):
        for state in ("draft", "cancel"):
            with self.subTest(state=state):
                with self.assertRefused(UserError, "cannot be debited"):
                    self._as(self.accountant, self.top_up).write({"state": state})
                self.assertEqual(self.top_up.state, "posted")
                self.assertBalances(5.0, 10.0)

    def test_cancelling_or_resetting_a_spent_top_up(self):
        with self.assertRefused(UserError, "cannot be debited"):
            self._as(self.accountant, self.top_up).button_draft()
        with self.assertRefused(UserError, "cannot be debited"):
            self._as(self.accountant, self.top_up).button_cancel()
        self.assertEqual(self.top_up.state, "posted")
        self.assertBalances(5.0, 10.0)

    def test_posted_wallet_items_cannot_be_deleted(self):
        for user in (self.billing, self.account_manager):
            with self.assertRefused(UserError, "reverse the entry instead"):
                self._as(user, self.bob_top_up).with_context(force_delete=True).unlink()
            with self.assertRefused(UserError, "reverse the entry instead"):
                self._as(user, self._wallet_line(self.bob_top_up)).with_context(
                    force_delete=True
                ).unlink()
        self.assertTrue(self.bob_top_up.exists())
        self.assertBalances(5.0, 10.0)

    def test_posted_wallet_payments_are_not_edited(self):
        for values in (
            {"amount": 1.0},
            {"partner_id": self.bob.id},
            {"journal_id": self.bank_journal.id},
        ):
            with self.subTest(values=values):
                with self.assertRefused(UserError, "reset it to draft"):
                    self._as(self.account_manager, self.payment).write(values)
        self.assertEqual(self.payment.amount, 15.0)
        self.assertBalances(5.0, 10.0)
        # the memo is not a wallet matter
        self._as(self.billing, self.payment).write({"ref": "Groceries"})

    def test_plain_employee_cannot_touch_entries(self):
        with self.assertRaises(AccessError):
            self._as(self.employee, self.top_up).button_draft()
        self.assertBalances(5.0, 10.0)

    # ------------------------------------------------------------------
    # The balance is fresh in the same transaction
    # ------------------------------------------------------------------

    def test_balance_read_right_after_a_change_is_fresh(self):
        alice = self.alice.with_company(self.company)
        self.assertAmount(alice.customer_wallet_balance, 5.0)
        entry = self._wallet_entry(self.alice, 7.0)
        self.assertAmount(alice.customer_wallet_balance, 12.0)
        entry.button_draft()
        self.assertAmount(alice.customer_wallet_balance, 5.0)
        entry.button_cancel()
        self.assertAmount(alice.customer_wallet_balance, 5.0)
        entry.button_draft()
        entry.action_post()
        self.assertAmount(alice.customer_wallet_balance, 12.0)
        self._wallet_line(entry).partner_id = self.bob
        self.assertAmount(alice.customer_wallet_balance, 5.0)
        self.assertAmount(
            self.bob.with_company(self.company).customer_wallet_balance, 17.0
        )

    # ------------------------------------------------------------------
    # Corrections below the limit
    # ------------------------------------------------------------------

    def _correction(self, user, moves, **values):
        return (
            self.env["customer.wallet.correction"]
            .with_user(user)
            .with_context(default_move_ids=moves.ids)
            .create(values)
        )

    def test_account_manager_reverses_a_spent_top_up_with_confirmation(self):
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.account_manager)
            .with_context(active_model="account.move", active_ids=self.top_up.ids)
            .create({"refund_method": "cancel", "journal_id": self.bank_journal.id})
        )
        with self.assertRefused(CustomerWalletLimitError, "may confirm") as error:
            reversal.reverse_moves()
        _message, action, _button, context = error.exception.args
        self.assertEqual(
            action, "account_customer_wallet.customer_wallet_correction_action"
        )
        self.assertBalances(5.0, 10.0)
        wizard = (
            self.env["customer.wallet.correction"]
            .with_user(self.account_manager)
            .with_context(**context)
            .create({"reason": "Paid twice"})
        )
        # the refused reversal is rolled back: the correction reverses the top-up
        self.assertEqual(wizard.move_ids, self.top_up)
        with self.assertRefused(UserError, "Tick the confirmation"):
            wizard.action_confirm()
        self.assertBalances(5.0, 10.0)
        wizard.confirm_below_limit = True
        wizard.action_confirm()
        self.assertBalances(-15.0, 10.0)
        correction = self.top_up.reversal_move_id
        self.assertEqual(correction.state, "posted")
        self.assertTrue(correction.customer_wallet_overdraft)
        self.assertFalse(self.top_up.customer_wallet_overdraft)
        self.assertEqual(
            self.env["account.move"].search([("customer_wallet_overdraft", "=", True)]),
            correction,
        )
        activities = correction.activity_ids
        self.assertIn(self.wallet_manager, activities.user_id)
        self.assertIn(self.account_manager, activities.user_id)
        self.assertNotIn(self.billing, activities.user_id)

    def test_correction_posts_a_draft_reversal(self):
        reversal = self.top_up._reverse_moves()
        with self.assertRefused(CustomerWalletLimitError, "may confirm") as error:
            self._as(self.account_manager, reversal).action_post()
        wizard = (
            self.env["customer.wallet.correction"]
            .with_user(self.account_manager)
            .with_context(**error.exception.args[3])
            .create({"confirm_below_limit": True})
        )
        # the draft reversal is posted, the top-up is not reversed twice
        self.assertEqual(wizard.move_ids, reversal)
        wizard.action_confirm()
        self.assertEqual(reversal.state, "posted")
        self.assertTrue(reversal.customer_wallet_overdraft)
        self.assertBalances(-15.0, 10.0)

    def test_billing_user_gets_no_correction(self):
        reversal = self.top_up._reverse_moves()
        with self.assertRefused(UserError, "cannot be debited") as error:
            self._as(self.billing, reversal).action_post()
        self.assertNotIsInstance(error.exception, CustomerWalletLimitError)
        with self.assertRaises(AccessError):
            self._correction(self.billing, reversal, confirm_below_limit=True)
        # the wizard checks the group itself, whoever created it
        wizard = self._correction(
            self.account_manager, reversal, confirm_below_limit=True
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.billing).action_confirm()
        self.assertEqual(reversal.state, "draft")
        self.assertFalse(reversal.customer_wallet_overdraft)
        self.assertBalances(5.0, 10.0)

    def test_correction_covers_only_its_entries(self):
        reversal = self.top_up._reverse_moves()
        other = self._wallet_entry(self.bob, -11.0, post=False)
        wizard = self._correction(
            self.account_manager, reversal, confirm_below_limit=True
        )
        wizard.action_confirm()
        # the confirmation does not outlive the wizard
        with self.assertRefused(CustomerWalletLimitError, "Bob Peeters"):
            self._as(self.account_manager, other).action_post()
        # nor covers an entry it was not given
        with self.assertRefused(CustomerWalletLimitError, "Bob Peeters"):
            self._as(self.account_manager, other).with_context(
                **{CONTEXT_KEY: Correction(reversal.ids)}
            ).action_post()
        self.assertFalse(other.customer_wallet_overdraft)
        self.assertBalances(-15.0, 10.0)
