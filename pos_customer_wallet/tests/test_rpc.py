# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import json

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import CustomerWalletSetupMixin


@tagged("post_install", "-at_install")
class TestCustomerWalletOverJsonRpc(
    CustomerWalletSetupMixin, TestPointOfSaleHttpCommon
):
    """What a cashier's browser can send, sent over HTTP as the cashier."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        company = cls.company_data["company"]
        cls._setup_customer_wallet(company)
        cls.pears = cls.env["product.product"].create(
            {
                "name": "Wallet Pears",
                "type": "consu",
                "available_in_pos": True,
                "list_price": 2.9,
                "taxes_id": [Command.clear()],
            }
        )
        cls.main_pos_config.write(
            {"payment_method_ids": [Command.link(cls.wallet_pm.id)]}
        )
        cls.cash_pm = cls.main_pos_config.payment_method_ids.filtered("is_cash_count")[
            :1
        ]
        cls.cashier = new_test_user(
            cls.env,
            login="rpc_cashier",
            password="rpc_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def call(self, model, method, *args, **kwargs):
        """One JSON-RPC call as the logged-in user: (result, error message)."""
        response = self.url_open(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        if "error" in body:
            return None, body["error"]["data"]["message"]
        return body["result"], None

    def wallet_order(self, session, uid):
        return {
            "id": uid,
            "to_invoice": False,
            "data": {
                "uid": uid,
                "name": "Order %s" % uid,
                "pos_session_id": session.id,
                "partner_id": self.member_1.id,
                "user_id": self.cashier.id,
                "pricelist_id": self.main_pos_config.pricelist_id.id,
                "fiscal_position_id": False,
                "sequence_number": 1,
                "creation_date": fields.Datetime.to_string(fields.Datetime.now()),
                "amount_total": 2.9,
                "amount_tax": 0.0,
                "amount_paid": 2.9,
                "amount_return": 0.0,
                "to_invoice": False,
                "lines": [
                    [
                        0,
                        0,
                        {
                            "id": 1,
                            "product_id": self.pears.id,
                            "qty": 1,
                            "price_unit": 2.9,
                            "discount": 0,
                            "price_subtotal": 2.9,
                            "price_subtotal_incl": 2.9,
                            "tax_ids": [[6, 0, []]],
                            "pack_lot_ids": [],
                        },
                    ]
                ],
                "statement_ids": [
                    [
                        0,
                        0,
                        {
                            "name": fields.Datetime.to_string(fields.Datetime.now()),
                            "payment_method_id": self.wallet_pm.id,
                            "amount": 2.9,
                        },
                    ]
                ],
            },
        }

    def test_cashier_cannot_move_or_erase_a_wallet_debit(self):
        """The two calls of the report: both refused, both wallets unchanged."""
        config = self.main_pos_config
        config.with_user(self.cashier).open_ui()
        session = config.current_session_id
        self.authenticate("rpc_cashier", "rpc_cashier")
        results, error = self.call(
            "pos.order",
            "create_from_ui",
            [self.wallet_order(session, "00001-001-0001")],
        )
        self.assertFalse(error)
        order_id = results[0]["id"]
        self.assertEqual(self.balances(self.member_1, self.member_2), [97.1, 20.0])
        payment_id = self.env["pos.order"].browse(order_id).payment_ids.id

        # the debit moved to another member
        _result, error = self.call(
            "pos.order", "write", [order_id], {"partner_id": self.member_2.id}
        )
        self.assertTrue(error)
        # the debit erased by a change of payment method, also when the
        # request claims to come from the order sync
        _result, error = self.call(
            "pos.payment",
            "write",
            [payment_id],
            {"payment_method_id": self.cash_pm.id},
            context={"customer_wallet_sync": {"wallets": {}, "balances": {}}},
        )
        self.assertTrue(error)
        # the order cancelled, its wallet payment deleted
        _result, error = self.call(
            "pos.order", "write", [order_id], {"state": "cancel"}
        )
        self.assertTrue(error)
        _result, error = self.call("pos.payment", "unlink", [payment_id])
        self.assertTrue(error)

        self.env.invalidate_all()
        order = self.env["pos.order"].browse(order_id)
        self.assertEqual(order.partner_id, self.member_1)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.payment_ids.payment_method_id, self.wallet_pm)
        self.assertEqual(self.balances(self.member_1, self.member_2), [97.1, 20.0])

        # the same order sent again (a till resending its queue) debits once:
        # core skips an order it already has
        results, error = self.call(
            "pos.order",
            "create_from_ui",
            [self.wallet_order(session, "00001-001-0001")],
        )
        self.assertFalse(error)
        self.assertEqual(results, [])
        self.assertEqual(session.order_ids.ids, [order_id])
        self.assertEqual(self.balances(self.member_1, self.member_2), [97.1, 20.0])
