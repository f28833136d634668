# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import CustomerWalletSetupMixin


@tagged("post_install", "-at_install")
class TestCustomerWalletOfflineTour(
    CustomerWalletSetupMixin, TestPointOfSaleHttpCommon
):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        company = cls.company_data["company"]
        cls._setup_customer_wallet(company)
        cls.env["product.product"].create(
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
                "customer_wallet_offline_policy": "last_known",
            }
        )
        cls.other_config = cls.env["pos.config"].create(
            {
                "name": "Other Till",
                "payment_method_ids": [Command.set(cls.wallet_pm.ids)],
            }
        )
        cls.cashier = new_test_user(
            cls.env,
            login="wallet_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def test_cashier_works_offline(self):
        """Offline, the till takes wallet payments up to the last known
        balance; back online, each order reaches the server once, and the one
        that another till's payment meanwhile took below the limit is flagged."""
        self.other_config.with_user(self.cashier).open_ui()
        config = self.main_pos_config
        config.with_user(self.cashier).open_ui()
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
        self.start_tour(
            "/pos/ui?config_id=%d" % config.id,
            "PosCustomerWalletOfflineTour",
            login="wallet_cashier",
        )
        orders = config.current_session_id.order_ids.sorted("id")
        self.assertEqual(len(orders), 2)
        self.assertEqual(len(set(orders.mapped("pos_reference"))), 2)
        self.assertEqual(orders.partner_id, self.member_2)
        self.assertEqual(
            [
                sum(
                    orders[i]
                    .payment_ids.filtered(
                        lambda p: p.payment_method_id == self.wallet_pm
                    )
                    .mapped("amount")
                )
                for i in range(2)
            ],
            [10.0, 10.0],
        )
        self.assertEqual(orders.mapped("customer_wallet_overdraft"), [False, True])
        self.assertEqual(
            orders.mapped("customer_wallet_balance_estimated"), [True, True]
        )
        # 20.00, less the two orders and the 8.00 the other till keeps
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, -8.0])
