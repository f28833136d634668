# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.tests import tagged

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestSessionClosing(PosCustomerWalletCommon):
    def setUp(self):
        super().setUp()
        self.config = self.basic_config

    def test_closing_books_wallet_movements_per_member(self):
        """Wallet payments, a top-up and a mixed payment.

        +-------+----------+-----------------+---------------------------+
        | order | customer | lines           | payments                  |
        +-------+----------+-----------------+---------------------------+
        | 1     | member 1 | 3 apples   30   | wallet 30                 |
        | 2     | member 2 | 2 apples   20   | wallet 5, cash 15         |
        | 3     | member 1 | top-up     50   | cash 50                   |
        +-------+----------+-----------------+---------------------------+

        The session's entry holds one wallet item per member for the payments
        and one for the top-ups; the balances do not move when it is posted.
        (A refund into the wallet must refund a wallet-paid order: its closing
        is in test_refund_into_the_wallet_is_booked_at_closing and the tour.)
        """
        balances = {}
        cash_account = self.cash_pm1.journal_id.default_account_id

        def before_closing():
            balances["before"] = self.balances(self.member_1, self.member_2)
            # 100 - 30 + 50 and 20 - 5, counted before any entry exists
            self.assertEqual(balances["before"], [120.0, 15.0])
            self.assertFalse(
                self.pos_session.order_ids.filtered("customer_wallet_overdraft")
            )

        def after_closing():
            self.assertEqual(
                self.balances(self.member_1, self.member_2), balances["before"]
            )
            self.assertEqual(self.pos_session.move_id.state, "posted")
            # No payment on the wallet journal: the wallet is the money itself.
            self.assertFalse(
                self.pos_session.bank_payment_ids.filtered(
                    lambda payment: payment.journal_id == self.wallet_journal
                )
            )

        self._run_test(
            {
                "payment_methods": self.cash_pm1 | self.wallet_pm,
                "orders": [
                    {
                        "pos_order_lines_ui_args": [(self.apples, 3)],
                        "customer": self.member_1,
                        "payments": [(self.wallet_pm, 30)],
                        "uid": "00100-010-0001",
                    },
                    {
                        "pos_order_lines_ui_args": [(self.apples, 2)],
                        "customer": self.member_2,
                        "payments": [(self.wallet_pm, 5), (self.cash_pm1, 15)],
                        "uid": "00100-010-0002",
                    },
                    {
                        "pos_order_lines_ui_args": [(self.top_up_product, 50)],
                        "customer": self.member_1,
                        "payments": [(self.cash_pm1, 50)],
                        "uid": "00100-010-0003",
                    },
                ],
                "before_closing_cb": before_closing,
                "after_closing_cb": after_closing,
                "journal_entries_before_closing": {},
                "journal_entries_after_closing": {
                    "session_journal_entry": {
                        "line_ids": [
                            {
                                "account_id": self.sales_account.id,
                                "partner_id": False,
                                "debit": 0.0,
                                "credit": 50.0,
                            },
                            {
                                "account_id": self.wallet_account.id,
                                "partner_id": self.member_1.id,
                                "debit": 30.0,
                                "credit": 0.0,
                            },
                            {
                                "account_id": self.wallet_account.id,
                                "partner_id": self.member_2.id,
                                "debit": 5.0,
                                "credit": 0.0,
                            },
                            {
                                "account_id": self.wallet_account.id,
                                "partner_id": self.member_1.id,
                                "debit": 0.0,
                                "credit": 50.0,
                            },
                            {
                                "account_id": self.cash_pm1.receivable_account_id.id,
                                "partner_id": False,
                                "debit": 65.0,
                                "credit": 0.0,
                            },
                        ],
                    },
                    "cash_statement": [
                        (
                            (65.0,),
                            {
                                "line_ids": [
                                    {
                                        "account_id": cash_account.id,
                                        "debit": 65.0,
                                        "credit": 0.0,
                                    },
                                    {
                                        "account_id": self.cash_pm1.receivable_account_id.id,
                                        "debit": 0.0,
                                        "credit": 65.0,
                                    },
                                ]
                            },
                        ),
                    ],
                    "bank_payments": [],
                },
            }
        )

    def test_refund_into_the_wallet_is_booked_at_closing(self):
        """A refund of a wallet-paid order goes back into the wallet, once."""
        self.start_wallet_session()
        result = self.sync(
            [(self.apples, 2)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 20)],
            uid="00100-010-0021",
        )
        paid = self.env["pos.order"].browse(result[0]["id"])
        refund = self.create_ui_order_data(
            [(self.apples, -1)],
            customer=self.member_2,
            payments=[(self.wallet_pm, -10)],
            uid="00100-010-0022",
        )
        refund["data"]["lines"][0][2]["refunded_orderline_id"] = paid.lines.id
        self.env["pos.order"].create_from_ui([refund])
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 10.0])
        self.close_session()
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 10.0])
        wallet_lines = self.pos_session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.wallet_account
        )
        self.assertEqual(
            [(line.partner_id, line.debit, line.credit) for line in wallet_lines],
            [(self.member_2, 10.0, 0.0)],
        )

    def test_closing_with_overdrawn_wallet_is_not_blocked(self):
        """An offline overdraft is kept at sync and does not block the closing."""
        self.start_wallet_session()
        self.sync(
            [(self.apples, 3)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 30)],
            uid="00100-010-0011",
        )
        self.assertEqual(self.balances(self.member_2), [-10.0])
        self.close_session()
        self.assertEqual(self.balances(self.member_2), [-10.0])
        wallet_lines = self.pos_session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.wallet_account
        )
        self.assertRecordValues(
            wallet_lines, [{"partner_id": self.member_2.id, "debit": 30.0}]
        )

    def test_closing_with_invoiced_orders(self):
        """The invoice books the top-up, the session's entry the wallet payment."""
        self.start_wallet_session()
        self.env["pos.order"].create_from_ui(
            [
                self.create_ui_order_data(
                    [(self.apples, 2)],
                    customer=self.member_1,
                    is_invoiced=True,
                    payments=[(self.wallet_pm, 20)],
                    uid="00100-010-0021",
                ),
                self.create_ui_order_data(
                    [(self.top_up_product, 30)],
                    customer=self.member_1,
                    is_invoiced=True,
                    payments=[(self.cash_pm1, 30)],
                    uid="00100-010-0022",
                ),
            ]
        )
        top_up_order = self.env["pos.order"].search(
            [("pos_reference", "=", "Order 00100-010-0022")]
        )
        self.assertEqual(top_up_order.state, "invoiced")
        # the invoice books the top-up awaiting payment; paid at the till, it
        # is moved into the wallet at once
        invoice = top_up_order.account_move
        self.assertFalse(
            invoice.line_ids.filtered(
                lambda line: line.account_id == self.wallet_account
            )
        )
        self.assertRecordValues(
            invoice.customer_wallet_settlement_ids.line_ids.filtered(
                lambda line: line.account_id == self.wallet_account
            ),
            [
                {
                    "partner_id": self.member_1.id,
                    "credit": 30.0,
                    "parent_state": "posted",
                }
            ],
        )
        # 100 - 20 (pending until the session is booked) + 30 (the invoice paid)
        self.assertEqual(self.balances(self.member_1), [110.0])
        self.close_session()
        self.assertEqual(self.balances(self.member_1), [110.0])
        self.assertRecordValues(
            self.pos_session.move_id.line_ids.filtered(
                lambda line: line.account_id == self.wallet_account
            ),
            [{"partner_id": self.member_1.id, "debit": 20.0, "credit": 0.0}],
        )

    def test_closing_has_nothing_to_count_for_the_wallet(self):
        self.start_wallet_session()
        self.sync(
            [(self.apples, 1)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 10)],
            uid="00100-010-0031",
        )
        methods = self.pos_session.get_closing_control_data()["other_payment_methods"]
        self.assertNotIn(self.wallet_pm.id, [method["id"] for method in methods])
        # a difference typed for the wallet is ignored: no difference entry
        result = self.pos_session.close_session_from_ui([(self.wallet_pm.id, -4.0)])
        self.assertTrue(result["successful"])
        self.assertFalse(
            self.env["account.move"].search(
                [("journal_id", "=", self.wallet_journal.id)]
            )
        )
        self.assertEqual(self.balances(self.member_1), [90.0])
