# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestSecurity(PosCustomerWalletCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.cashier = new_test_user(
            cls.env,
            login="wallet_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def setUp(self):
        super().setUp()
        self.start_wallet_session()

    def test_cashier_reads_and_checks_balances(self):
        session = self.pos_session.with_user(self.cashier)
        self.assertEqual(
            session.get_customer_wallet_balances([self.member_1.id]),
            {self.member_1.id: 100.0},
        )
        self.assertFalse(
            session.check_customer_wallet_debit(self.member_2.id, 25.0)["allowed"]
        )

    def test_cashier_cannot_top_up_through_rpc(self):
        # not with the backend top-up wizard
        with self.assertRaises(AccessError):
            self.env["customer.wallet.top.up"].with_user(self.cashier).create(
                {"partner_id": self.member_1.id, "amount": 100.0}
            )
        # nor with a statement line in the wallet journal, which point of sale
        # users may otherwise create (cash in and out)
        with self.assertRaises(AccessError):
            self.env["account.bank.statement.line"].with_user(self.cashier).create(
                {
                    "journal_id": self.wallet_journal.id,
                    "partner_id": self.member_1.id,
                    "amount": -100.0,
                    "payment_ref": "top-up",
                }
            )
        self.assertEqual(self.balances(self.member_1), [100.0])

    def test_cashier_sells_a_top_up_at_the_till(self):
        data = self.create_ui_order_data(
            [(self.top_up_product, 30)],
            customer=self.member_1,
            payments=[(self.cash_pm1, 30)],
            uid="00100-010-0009",
        )
        self.env["pos.order"].with_user(self.cashier).create_from_ui([data])
        self.assertEqual(self.balances(self.member_1), [130.0])
