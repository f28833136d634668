# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from unittest.mock import patch

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.account_customer_wallet.tests.common import assert_wallet_locked

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestOrderSync(PosCustomerWalletCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.wallet_manager = new_test_user(
            cls.env,
            login="wallet_manager",
            groups="base.group_user,account_customer_wallet.group_customer_wallet_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def setUp(self):
        super().setUp()
        self.start_wallet_session()

    def test_order_stores_balance_after(self):
        result = self.sync(
            [(self.apples, 3)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 30)],
            uid="00100-010-0001",
        )
        order = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(order.customer_wallet_balance_after, 70.0)
        self.assertFalse(order.customer_wallet_overdraft)
        # The till prints the figure the server stored; a reprint reads it back.
        self.assertEqual(result[0]["customer_wallet_balance_after"], 70.0)
        self.assertEqual(result[0]["customer_wallet_partner_id"], self.member_1.id)
        self.assertEqual(
            order.export_for_ui()[0]["customer_wallet_balance_after"], 70.0
        )
        self.assertEqual(self.balances(self.member_1), [70.0])

    def test_order_without_wallet_stores_nothing(self):
        result = self.sync(
            [(self.apples, 1)],
            customer=self.member_1,
            payments=[(self.cash_pm1, 10)],
            uid="00100-010-0002",
        )
        self.assertNotIn("customer_wallet_balance_after", result[0])
        self.assertEqual(self.balances(self.member_1), [100.0])

    def test_duplicate_sync_debits_once(self):
        data = self.create_ui_order_data(
            [(self.apples, 2)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 20)],
            uid="00100-010-0003",
        )
        first = self.env["pos.order"].create_from_ui([data])
        second = self.env["pos.order"].create_from_ui([data])
        self.assertEqual(len(first), 1)
        self.assertEqual(second, [])
        orders = self.env["pos.order"].search(
            [("pos_reference", "=", "Order 00100-010-0003")]
        )
        self.assertEqual(len(orders), 1)
        self.assertEqual(self.balances(self.member_1), [80.0])

    def test_offline_overdraft_is_kept_and_flagged(self):
        result = self.sync(
            [(self.apples, 3)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 30)],
            uid="00100-010-0004",
        )
        order = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(order.state, "paid")
        self.assertTrue(order.customer_wallet_overdraft)
        self.assertEqual(order.customer_wallet_balance_after, -10.0)
        self.assertEqual(self.balances(self.member_2), [-10.0])
        self.assertEqual(
            self.env["pos.order"].search([("customer_wallet_overdraft", "=", True)]),
            order,
        )
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.member_2.id),
                ("user_id", "=", self.wallet_manager.id),
            ]
        )
        self.assertEqual(len(activity), 1)
        self.assertIn(order.pos_reference, activity.note)

    def test_top_up_credits_wallet(self):
        result = self.sync(
            [(self.top_up_product, 40)],
            customer=self.member_2,
            payments=[(self.cash_pm1, 40)],
            uid="00100-010-0005",
        )
        self.assertEqual(result[0]["customer_wallet_balance_after"], 60.0)
        self.assertEqual(self.balances(self.member_2), [60.0])
        # The top-up is untaxed: the whole price goes to the wallet.
        order = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(order.amount_tax, 0.0)

    def test_two_sessions_debit_one_wallet(self):
        """Two tills spend from one wallet: each sees the other's orders."""
        second_config = self.env["pos.config"].create(
            {
                "name": "Second till",
                "journal_id": self.pos_sale_journal.id,
                "invoice_journal_id": self.invoice_journal.id,
                "available_pricelist_ids": self.currency_pricelist.ids,
                "pricelist_id": self.currency_pricelist.id,
                "payment_method_ids": [
                    Command.set((self.cash_pm1 | self.wallet_pm).ids)
                ],
            }
        )
        first_session = self.pos_session
        self.sync(
            [(self.apples, 6)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 60)],
            uid="00100-010-0006",
        )
        second_session = self.start_wallet_session(second_config)
        # The second till asks before finishing: 40 left, 60 refused.
        check = second_session.check_customer_wallet_debit(
            self.member_1.id, 60.0, self.wallet_pm.id
        )
        self.assertFalse(check["allowed"])
        self.assertEqual(check["balance"], 40.0)
        self.assertIn("40.00", check["message"])
        self.assertIn("0.00", check["message"])
        self.assertTrue(
            second_session.check_customer_wallet_debit(
                self.member_1.id, 40.0, self.wallet_pm.id
            )["allowed"]
        )
        # An offline order of the second till still arrives: kept, flagged.
        result = self.sync(
            [(self.apples, 6)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 60)],
            uid="00200-020-0001",
        )
        order = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(order.session_id, second_session)
        self.assertTrue(order.customer_wallet_overdraft)
        self.assertEqual(self.balances(self.member_1), [-20.0])
        self.close_session(first_session)
        self.assertEqual(self.balances(self.member_1), [-20.0])
        self.close_session(second_session)
        self.assertEqual(self.balances(self.member_1), [-20.0])

    def test_sync_holds_the_wallet_lock(self):
        """Processing a wallet order locks the wallet until the transaction ends."""
        partner = self.env.ref("base.partner_admin")
        self.sync(
            [(self.apples, 1)],
            customer=partner,
            payments=[(self.wallet_pm, 10)],
            uid="00100-010-0007",
        )
        assert_wallet_locked(self, partner.commercial_partner_id)

    def test_pending_amounts_of_many_wallets(self):
        """A point of sale load reads the pending orders of all wallets at once."""
        self.sync(
            [(self.apples, 3)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 30)],
            uid="00100-010-0009",
        )
        self.sync(
            [(self.apples, 1)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 10)],
            uid="00100-010-0010",
        )
        ledger = self.env["customer.wallet.ledger"]
        company = self.company_data["company"]
        asked = [self.member_1.id, self.customer.id]
        few = ledger._pending_amounts(asked, company)
        with patch(
            "odoo.addons.pos_customer_wallet.models.customer_wallet_ledger.MANY_PARTNERS",
            1,
        ):
            many = ledger._pending_amounts(asked, company)
        # the other member's pending order is left out either way
        self.assertEqual(few, {self.member_1.id: -30.0})
        self.assertEqual(many, few)
        self.assertEqual(
            ledger._pending_amounts(None, company),
            {self.member_1.id: -30.0, self.member_2.id: -10.0},
        )

    def test_printed_balance_is_stored_as_printed(self):
        """The till's figure, offline estimate included, is what a reprint shows."""
        data = self.create_ui_order_data(
            [(self.apples, 3)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 30)],
            uid="00100-010-0008",
        )
        # validated offline with a last known balance of 40.00
        data["data"].update(
            customer_wallet_balance_after=10.0,
            customer_wallet_balance_is_estimate=True,
        )
        result = self.env["pos.order"].create_from_ui([data])
        order = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(order.customer_wallet_balance_after, 10.0)
        self.assertTrue(order.customer_wallet_balance_estimated)
        exported = order.export_for_ui()[0]
        self.assertEqual(exported["customer_wallet_balance_after"], 10.0)
        self.assertTrue(exported["customer_wallet_balance_is_estimate"])
        # the server knows better: the wallet is overdrawn, flagged, and the
        # till gets the real balance for its next orders
        self.assertTrue(order.customer_wallet_overdraft)
        self.assertEqual(result[0]["customer_wallet_balance"], -10.0)
