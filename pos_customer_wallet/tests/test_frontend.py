# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import CustomerWalletSetupMixin


@tagged("post_install", "-at_install")
class TestCustomerWalletTour(CustomerWalletSetupMixin, TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        company = cls.company_data["company"]
        cls._setup_customer_wallet(company)
        cls.apples = cls.env["product.product"].create(
            {
                "name": "Wallet Apples",
                "type": "consu",
                "available_in_pos": True,
                "list_price": 10.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.main_pos_config.write(
            {
                "payment_method_ids": [Command.link(cls.wallet_pm.id)],
                "use_pricelist": False,
                "tax_regime_selection": False,
            }
        )
        cls.cashier = new_test_user(
            cls.env,
            login="wallet_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def test_wallet_at_the_till(self):
        """Pay, split, refuse, top up, spend and refund from the till."""
        config = self.main_pos_config
        config.with_user(self.cashier).open_ui()
        self.start_tour(
            "/pos/ui?config_id=%d" % config.id,
            "PosCustomerWalletTour",
            login="wallet_cashier",
        )
        session = config.current_session_id
        orders = session.order_ids.sorted("id")
        self.assertEqual(len(orders), 6)
        self.assertEqual(orders.mapped("partner_id"), self.member_1 | self.member_2)
        self.assertEqual(
            orders.mapped("customer_wallet_balance_after"),
            [70.0, 65.0, 0.0, 70.0, 40.0, 70.0],
        )
        self.assertFalse(orders.filtered("customer_wallet_overdraft"))
        self.assertFalse(orders.filtered("customer_wallet_balance_estimated"))
        self.assertEqual(orders[5].refunded_order_ids, orders[4])
        self.assertEqual(self.balances(self.member_1, self.member_2), [65.0, 70.0])

        session.post_closing_cash_details(
            sum(
                session.order_ids.payment_ids.filtered(
                    lambda p: p.payment_method_id.is_cash_count
                ).mapped("amount")
            )
        )
        self.assertTrue(session.close_session_from_ui()["successful"])
        self.assertEqual(self.balances(self.member_1, self.member_2), [65.0, 70.0])
        wallet_lines = session.move_id.line_ids.filtered(
            lambda line: line.account_id == self.wallet_account
        )
        self.assertEqual(
            sorted((line.partner_id.name, line.balance) for line in wallet_lines),
            [
                ("Member One", 35.0),
                ("Member Two", -50.0),
            ],
        )
