# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestStatementRows(PosCustomerWalletCommon):
    """Every POS order that moves a wallet is its own row, before and after
    its session is closed, and the rows agree with the balance."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        company = cls.company_data["company"]
        cls.wallet_user = new_test_user(
            cls.env,
            login="statement_wallet_user",
            groups="base.group_user,account_customer_wallet.group_customer_wallet_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        cls.member_3 = cls.env["res.partner"].create({"name": "Member Three"})

    def _sell(self):
        """Five orders: purchases, a split, a top-up, a refund, an invoice.

        member 1: -30 (wallet), +50 (top-up paid cash), -20 (invoiced, wallet),
        +10 (refund of 1 apple of the first order), +25 (invoiced top-up)
        member 2: -5 (wallet 5, cash 15)
        member 3: nothing (paid cash)
        """
        self.start_wallet_session()
        self.sync(
            [(self.apples, 3)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 30)],
            uid="00200-010-0001",
        )
        self.sync(
            [(self.apples, 2)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 5), (self.cash_pm1, 15)],
            uid="00200-010-0002",
        )
        self.sync(
            [(self.top_up_product, 50)],
            customer=self.member_1,
            payments=[(self.cash_pm1, 50)],
            uid="00200-010-0003",
        )
        self.sync(
            [(self.apples, 1)],
            customer=self.member_3,
            payments=[(self.cash_pm1, 10)],
            uid="00200-010-0004",
        )
        self.env["pos.order"].create_from_ui(
            [
                self.create_ui_order_data(
                    [(self.apples, 2)],
                    customer=self.member_1,
                    is_invoiced=True,
                    payments=[(self.wallet_pm, 20)],
                    uid="00200-010-0005",
                ),
                self.create_ui_order_data(
                    [(self.top_up_product, 25)],
                    customer=self.member_1,
                    is_invoiced=True,
                    payments=[(self.cash_pm1, 25)],
                    uid="00200-010-0006",
                ),
            ]
        )
        first = self.env["pos.order"].search(
            [("pos_reference", "=", "Order 00200-010-0001")]
        )
        refund = self.create_ui_order_data(
            [(self.apples, -1)],
            customer=self.member_1,
            payments=[(self.wallet_pm, -10)],
            uid="00200-010-0007",
        )
        refund["data"]["lines"][0][2]["refunded_orderline_id"] = first.lines.id
        self.env["pos.order"].create_from_ui([refund])

    def _rows(self, partner, user=None):
        ledger = self.env["customer.wallet.ledger"]
        if user:
            ledger = ledger.with_user(user)
        return ledger._statement_rows(partner, self.company_data["company"])

    def _order_rows(self, rows):
        return [
            (row["reference"], row["amount"], row["pending"])
            for row in rows
            if row["kind"] == "order"
        ]

    def _assert_agree(self, *partners):
        """Balance, running balances and the Customer Wallets list agree."""
        balances = self.balances(*partners)
        wallets = self.env["customer.wallet"].search(
            [("partner_id", "in", [partner.id for partner in partners])]
        )
        for partner, balance in zip(partners, balances):
            _opening, rows, total = self._rows(partner)
            self.assertEqual(total, len(rows))
            running = 0.0
            for row in rows:
                running += row["amount"]
                self.assertAlmostEqual(row["balance"], running, places=2)
            self.assertAlmostEqual(rows[-1]["balance"], balance, places=2)
            wallet = wallets.filtered(lambda w, p=partner: w.partner_id == p)
            self.assertAlmostEqual(wallet.balance, balance, places=2)
            self.assertEqual(wallet.move_line_count, total)
        return balances

    def test_each_order_is_a_row_before_and_after_closing(self):
        self._sell()
        expected = [
            ("Order 00200-010-0001", -30.0),
            ("Order 00200-010-0003", 50.0),
            ("Order 00200-010-0005", -20.0),
            ("Order 00200-010-0007", 10.0),
        ]
        _opening, rows, _total = self._rows(self.member_1, user=self.wallet_user)
        self.assertEqual(
            self._order_rows(rows), [order + (True,) for order in expected]
        )
        first = [row for row in rows if row["kind"] == "order"][0]
        self.assertEqual(first["status"], "At the till, booked at closing")
        self.assertEqual(first["journal"], self.config.name)
        self.assertTrue(first["time"])
        invoiced = [row for row in rows if row["kind"] == "order"][2]
        self.assertEqual(
            invoiced["invoice"],
            self.env["pos.order"].browse(invoiced["id"]).account_move.name,
        )
        # 100 + 25 (the invoiced top-up, booked by its invoice) - 30 + 50 - 20 + 10
        self.assertEqual(self._assert_agree(self.member_1, self.member_2), [135, 15])
        _opening, rows_2, _total = self._rows(self.member_2)
        self.assertEqual(
            self._order_rows(rows_2), [("Order 00200-010-0002", -5.0, True)]
        )
        _opening, rows_3, total_3 = self._rows(self.member_3)
        self.assertEqual((rows_3, total_3), ([], 0))

        self.close_session()
        _opening, rows, _total = self._rows(self.member_1, user=self.wallet_user)
        self.assertEqual(
            self._order_rows(rows), [order + (False,) for order in expected]
        )
        first = [row for row in rows if row["kind"] == "order"][0]
        self.assertEqual(
            first["status"], "Booked at the closing of %s" % self.pos_session.name
        )
        # the closing's per-member items are not rows: their orders are
        references = {row["reference"] for row in rows}
        self.assertNotIn(self.pos_session.move_id.name, references)
        self.assertEqual(self._assert_agree(self.member_1, self.member_2), [135, 15])

    def test_rows_of_a_closed_session_add_up_to_its_items(self):
        """For every member, the closing's wallet items are the sum of the
        rows of the session's orders (invoiced orders and top-ups included)."""
        self._sell()
        self.close_session()
        session = self.pos_session
        items = {}
        for line in session.move_id.line_ids:
            if line.account_id == self.wallet_account:
                items[line.partner_id] = items.get(line.partner_id, 0.0) - line.balance
        self.assertEqual(set(items), {self.member_1, self.member_2})
        for partner in (self.member_1, self.member_2, self.member_3):
            _opening, rows, _total = self._rows(partner)
            of_session = sum(
                row["amount"]
                for row in rows
                if row["kind"] == "order"
                and self.env["pos.order"].browse(row["id"]).session_id == session
            )
            self.assertAlmostEqual(of_session, items.get(partner, 0.0), places=2)
        # the same check as the drift check of tools/bench.py
        ledger = self.env["customer.wallet.ledger"]
        self.assertEqual(ledger._statement_drift(session.company_id), [])
        # a closing item that its orders do not make up is found
        wallet_item = session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.wallet_account
            and line.partner_id == self.member_2
        )
        self.env.cr.execute(
            "UPDATE account_move_line SET balance = balance + 1 WHERE id = %s",
            wallet_item.ids,
        )
        self.env.invalidate_all()
        self.assertEqual(
            ledger._statement_drift(session.company_id),
            [(session.id, self.member_2.id, -5.0, -6.0)],
        )

    def test_wallet_list_filters_see_pending_orders(self):
        self.start_wallet_session()
        # member 2 spends more than the 20.00 in the wallet (an offline order)
        self.sync(
            [(self.apples, 3)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 30)],
            uid="00200-010-0011",
        )
        Wallet = self.env["customer.wallet"].with_user(self.wallet_user)
        members = (self.member_1 | self.member_2).ids
        overdrawn = Wallet.search([("partner_id", "in", members), ("balance", "<", 0)])
        self.assertEqual(overdrawn.partner_id, self.member_2)
        self.assertEqual(overdrawn.balance, -10.0)
        positive = Wallet.search([("partner_id", "in", members), ("balance", ">", 0)])
        self.assertEqual(positive.partner_id, self.member_1)
        self.assertEqual(
            Wallet.search(
                [("partner_id", "in", members)], order="balance asc"
            ).partner_id.ids,
            [self.member_2.id, self.member_1.id],
        )
        self.assertEqual(self.balances(self.member_2), [-10.0])

    def test_statement_of_an_open_session(self):
        self._sell()
        statement = (
            self.env["customer.wallet.statement"]
            .with_user(self.wallet_user)
            .create({"partner_id": self.member_1.id})
        )
        statement.action_show()
        self.assertEqual(statement.closing_balance, 135.0)
        self.assertEqual(self.balances(self.member_1), [135.0])
        orders = statement.line_ids.filtered("time")
        self.assertEqual(
            orders.mapped("reference"),
            ["Order 00200-010-%04d" % number for number in (1, 3, 5, 7)],
        )
        self.assertEqual(
            set(orders.mapped("status")), {"At the till, booked at closing"}
        )
        self.assertEqual(orders.mapped("journal_name"), [self.config.name] * 4)
        self.assertEqual(statement.line_ids[-1].balance, 135.0)

    def test_a_hold_of_the_till_is_a_row_until_its_order_is_synced(self):
        self.start_wallet_session()
        reference = "Order 00200-010-0021"
        result = self.pos_session.check_customer_wallet_debit(
            self.member_2.id, 15.0, self.wallet_pm.id, reference
        )
        self.assertTrue(result["allowed"])
        _opening, rows, _total = self._rows(self.member_2, user=self.wallet_user)
        # (within the test's one transaction, the hold and the deposit have the
        # same time: the order of these two rows is not what this test checks)
        held = [row for row in rows if row["kind"] != "item"]
        self.assertEqual(
            [(row["kind"], row["reference"], row["amount"]) for row in held],
            [("hold", reference, -15.0)],
        )
        self.assertEqual(held[0]["status"], "Being paid at the till")
        self.assertEqual(self._assert_agree(self.member_2), [5.0])
        self.sync(
            [(self.apples, 1.5)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 15)],
            uid="00200-010-0021",
        )
        _opening, rows, _total = self._rows(self.member_2)
        self.assertEqual(
            [
                (row["kind"], row["reference"], row["amount"])
                for row in rows
                if row["kind"] != "item"
            ],
            [("order", reference, -15.0)],
        )
        self.assertEqual(self._assert_agree(self.member_2), [5.0])


@tagged("post_install", "-at_install")
class TestStatementRowsOfTheirClosings(PosCustomerWalletCommon):
    """A session closed by Coop IT Easy's module before the switch: its wallet
    payments were booked as payments of the session (a bank wallet method) or
    as cash statement lines of the session (a cash wallet method), not on the
    session's entry. Their orders are the rows, once."""

    def _close_their_way(self, session):
        """Their closing: a session entry without wallet items."""
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": session.config_id.journal_id.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": "their closing",
                            "account_id": self.company_data[
                                "default_account_receivable"
                            ].id,
                            "debit": 1.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "their closing",
                            "account_id": self.company_data[
                                "default_account_revenue"
                            ].id,
                            "credit": 1.0,
                        }
                    ),
                ],
            }
        )
        move.action_post()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pos_session SET state = 'closed', move_id = %s WHERE id = %s",
            [move.id, session.id],
        )
        self.env.invalidate_all()

    def _their_payment(self, session, method, partner, amount):
        """A payment of the session for ``method`` that moves the wallet."""
        receivable = (
            self.env["res.partner"]
            ._find_accounting_partner(partner)
            .property_account_receivable_id
        )
        payment = self.env["account.payment"].create(
            {
                "amount": amount,
                "partner_id": partner.id,
                "journal_id": self.wallet_journal.id,
                "force_outstanding_account_id": self.wallet_account.id,
                "destination_account_id": receivable.id,
                "pos_payment_method_id": method.id,
                "pos_session_id": session.id,
            }
        )
        payment.action_post()
        return payment

    def _rows(self, partner):
        return self.env["customer.wallet.ledger"]._statement_rows(
            partner, self.company_data["company"]
        )[1]

    def test_rows_of_a_session_closed_their_way(self):
        session = self.start_wallet_session()
        self.sync(
            [(self.apples, 3)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 30.0)],
        )
        self.sync(
            [(self.apples, 1)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 10.0)],
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 10.0])
        self._close_their_way(session)
        # member 1's wallet payment: a payment of the session (bank method)
        self._their_payment(session, self.wallet_pm, self.member_1, 30.0)
        # member 2's: a cash statement line of the session on a wallet journal
        cash = self.env["account.journal"].create(
            {
                "name": "Their cash wallet",
                "code": "TCW",
                "type": "bank",
                "is_customer_wallet_journal": True,
                "default_account_id": self.wallet_account.id,
                "company_id": self.company.id,
            }
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE account_journal SET type = 'cash' WHERE id = %s", [cash.id]
        )
        self.env.invalidate_all()
        self.env["account.bank.statement.line"].create(
            {
                "journal_id": cash.id,
                "amount": 10.0,
                "partner_id": self.member_2.id,
                "payment_ref": "their wallet payment",
                "pos_session_id": session.id,
            }
        )
        # the wallet items of their closing moved each wallet once more than
        # its orders: the balances read the items, the orders are booked
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 10.0])
        rows = self._rows(self.member_1)
        self.assertEqual(
            [(row["kind"], row["amount"], row["pending"]) for row in rows],
            [("item", 100.0, False), ("order", -30.0, False)],
        )
        self.assertEqual(rows[-1]["balance"], 70.0)
        rows = self._rows(self.member_2)
        self.assertEqual(
            [(row["kind"], row["amount"], row["pending"]) for row in rows],
            [("item", 20.0, False), ("order", -10.0, False)],
        )
        self.assertEqual(rows[-1]["balance"], 10.0)
        ledger = self.env["customer.wallet.ledger"]
        self.assertEqual(ledger._statement_drift(self.company), [])

    def test_payment_of_another_method_is_a_row(self):
        """A payment of a session for a method that is not a wallet method is
        not one of their wallet payments: it stays a row of its own."""
        session = self.start_wallet_session()
        self._close_their_way(session)
        self._their_payment(session, self.bank_pm1, self.member_1, 4.0)
        rows = self._rows(self.member_1)
        self.assertEqual(
            [(row["kind"], row["amount"]) for row in rows],
            [("item", 100.0), ("item", -4.0)],
        )
        self.assertEqual(rows[-1]["balance"], 96.0)
        self.assertEqual(self.balances(self.member_1), [96.0])
