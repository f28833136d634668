# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletTopUpInvoice(CustomerWalletCommon):
    """A top-up sold by invoice reaches the wallet when the invoice is paid."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.billing = new_test_user(
            cls.env,
            login="top_up_billing",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.top_up_account = cls.company.customer_wallet_top_up_account_id
        cls.product = cls.env["product.product"].create(
            {
                "name": "Wallet top-up",
                "type": "service",
                "list_price": 1.0,
                "is_customer_wallet_product": True,
            }
        )
        cls.groceries = cls.env["product.product"].create(
            {"name": "Groceries", "type": "consu", "list_price": 1.0}
        )

    def _top_up_invoice(self, amount, partner=None, post=True, move_type=None):
        invoice = self.env["account.move"].create(
            {
                "move_type": move_type or "out_invoice",
                "partner_id": (partner or self.alice).id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "quantity": amount,
                            "price_unit": 1.0,
                        }
                    )
                ],
            }
        )
        if post:
            invoice.with_user(self.wallet_manager).sudo().action_post()
        return invoice

    def _pay(self, moves, amount=None, user=None, journal=None):
        vals = {"journal_id": (journal or self.bank_journal).id}
        if amount is not None:
            vals["amount"] = amount
        return (
            self.env["account.payment.register"]
            .with_user(user or self.billing)
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create(vals)
            ._create_payments()
        )

    def _spend(self, partner, amount):
        """Debit ``amount`` from the wallet."""
        return self._wallet_entry(partner, -amount)

    def test_credited_when_paid_not_when_posted(self):
        invoice = self._top_up_invoice(25.0)
        line = invoice.invoice_line_ids
        self.assertEqual(line.account_id, self.top_up_account)
        self.assertFalse(line.tax_ids)
        self.assertEqual(self._balance(self.alice), 0.0)
        # a partial payment is not enough
        self._pay(invoice, amount=10.0)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(self._balance(self.alice), 0.0)
        # the rest, registered by a billing user: the wallet is credited once
        self._pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertAmount(self._balance(self.alice), 25.0)
        entry = invoice.customer_wallet_settlement_ids
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.state, "posted")
        self.assertEqual(
            self._entry_lines(entry),
            sorted(
                [
                    (self.top_up_account.code, "Alice Martin", 25.0, 0.0),
                    (self.wallet_account.code, "Alice Martin", 0.0, 25.0),
                ]
            ),
        )
        # nothing more is credited when the payment is matched again
        invoice._customer_wallet_settle_top_ups()
        self.assertEqual(len(invoice.customer_wallet_settlement_ids), 1)
        self.assertAmount(self._balance(self.alice), 25.0)
        self.assertAmount(self._balance(self.bob), 0.0)

    def test_only_the_top_ups_of_a_mixed_invoice_are_credited(self):
        invoice = self._top_up_invoice(20.0, post=False)
        invoice.write(
            {
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.groceries.id,
                            "quantity": 12.0,
                            "price_unit": 1.0,
                            "tax_ids": [Command.set(self.tax_sale_a.ids)],
                        }
                    )
                ]
            }
        )
        invoice.with_user(self.wallet_manager).sudo().action_post()
        self.assertGreater(invoice.amount_total, 32.0)
        self._pay(invoice)
        self.assertAmount(self._balance(self.alice), 20.0)

    def test_undoing_the_payment_takes_the_top_up_back(self):
        invoice = self._top_up_invoice(30.0)
        payment = self._pay(invoice)
        self.assertAmount(self._balance(self.alice), 30.0)
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertAmount(self._balance(self.alice), 0.0)
        self.assertEqual(len(invoice.customer_wallet_settlement_ids), 2)
        # paid again, credited again
        (
            payment.move_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            | invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
        ).reconcile()
        self.assertAmount(self._balance(self.alice), 30.0)

    def test_a_spent_top_up_cannot_be_unpaid_silently(self):
        invoice = self._top_up_invoice(30.0)
        payment = self._pay(invoice)
        self._spend(self.alice, 25.0)
        self.assertAmount(self._balance(self.alice), 5.0)
        with self.assertRefused(UserError, "Alice Martin"):
            payment.move_id.line_ids.with_user(self.billing).remove_move_reconcile()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertAmount(self._balance(self.alice), 5.0)

    def test_a_credit_note_cancelling_an_unpaid_top_up_moves_nothing(self):
        invoice = self._top_up_invoice(40.0)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"refund_method": "cancel", "journal_id": invoice.journal_id.id})
        )
        reversal.reverse_moves()
        credit_note = invoice.reversal_move_id
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertAmount(self._balance(self.alice), 0.0)
        self.assertFalse(invoice.customer_wallet_settlement_ids)
        self.assertFalse(credit_note.customer_wallet_settlement_ids)

    def test_a_partial_credit_note_then_the_payment_credits_what_was_paid(self):
        invoice = self._top_up_invoice(100.0)
        credit_note = self._top_up_invoice(40.0, post=False, move_type="out_refund")
        credit_note.reversed_entry_id = invoice
        credit_note.action_post()
        receivables = (invoice | credit_note).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        receivables.reconcile()
        self.assertEqual(invoice.payment_state, "partial")
        self.assertAmount(self._balance(self.alice), 0.0)
        self._pay(invoice)
        self.assertAmount(self._balance(self.alice), 60.0)
        self.assertFalse(credit_note.customer_wallet_settlement_ids)

    def test_a_refunded_top_up_leaves_the_wallet(self):
        invoice = self._top_up_invoice(50.0)
        self._pay(invoice)
        credit_note = self._top_up_invoice(20.0, move_type="out_refund")
        self.assertAmount(self._balance(self.alice), 50.0)
        # the shop pays 20.00 back: the wallet gives them back
        self._pay(credit_note)
        self.assertAmount(self._balance(self.alice), 30.0)
        # not more than the wallet holds
        self._spend(self.alice, 25.0)
        credit_note = self._top_up_invoice(20.0, move_type="out_refund")
        with self.assertRefused(UserError, "Alice Martin"):
            self._pay(credit_note)
        self.assertAmount(self._balance(self.alice), 5.0)

    def test_only_wallet_managers_invoice_a_top_up(self):
        invoice = self._top_up_invoice(25.0, post=False)
        with self.assertRefused(AccessError, "Only wallet managers may invoice"):
            invoice.with_user(self.billing).action_post()
        self.assertEqual(invoice.state, "draft")
        self.assertAmount(self._balance(self.alice), 0.0)

    def test_a_top_up_is_booked_on_the_account_awaiting_payment(self):
        invoice = self._top_up_invoice(25.0, post=False)
        invoice.invoice_line_ids.account_id = self.company_data[
            "default_account_revenue"
        ]
        with self.assertRefused(UserError, "must be booked on"):
            invoice.with_user(self.wallet_manager).sudo().action_post()
        self.company.customer_wallet_top_up_account_id = False
        invoice = self._top_up_invoice(25.0, post=False)
        with self.assertRefused(UserError, "Choose the account of the top-ups"):
            invoice.with_user(self.wallet_manager).sudo().action_post()
        self.assertAmount(self._balance(self.alice), 0.0)

    def test_the_top_up_account_is_another_liability(self):
        with self.assertRefused(UserError, "other than the wallet account"):
            self.company.customer_wallet_top_up_account_id = self.wallet_account
        with self.assertRefused(UserError, "other than the wallet account"):
            self.company.customer_wallet_top_up_account_id = self.company_data[
                "default_account_revenue"
            ]

    def test_billing_user_cannot_rewrite_posted_top_ups(self):
        invoice = self._top_up_invoice(25.0)
        line = invoice.invoice_line_ids
        with self.assertRefused(AccessError, "Only wallet managers may change"):
            line.with_user(self.billing).write({"product_id": self.groceries.id})
        # nor turn an ordinary posted line into a top-up
        sale = self.init_invoice(
            "out_invoice",
            self.alice,
            self.today,
            products=[self.groceries],
            taxes=[],
            post=True,
        )
        with self.assertRefused(AccessError, "Only wallet managers may change"):
            sale.invoice_line_ids.with_user(self.billing).write(
                {"product_id": self.product.id}
            )
        self._pay(invoice | sale)
        self.assertAmount(self._balance(self.alice), 25.0)
