# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestPaymentWizardRefunds(PosCustomerWalletCommon):
    """A refund paid in the backend gets the refund checks of the order sync.

    member_1 starts with 100.00, member_2 with 20.00, no overdraft allowed.
    The backend payment wizard is for point of sale managers.
    """

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.pos_manager = cls.new_wallet_user(
            "wizard_pos_manager", "point_of_sale.group_pos_manager"
        )

    def setUp(self):
        super().setUp()
        self.start_wallet_session()

    def synced(self, lines, customer, payments, uid, refunded=None):
        """An order of the till, its lines refunding ``refunded`` if given."""
        data = self.create_ui_order_data(
            lines, customer=customer, payments=payments, uid=uid
        )
        for line in data["data"]["lines"]:
            if refunded:
                line[2]["refunded_orderline_id"] = refunded.id
        result = self.env["pos.order"].create_from_ui([data])
        return self.env["pos.order"].browse(result[0]["id"])

    def backend_refund(self, order, qty=None):
        """The draft refund the backend's Return button makes, as the manager;
        ``qty`` is what the manager then types on its line (the form then
        computes its amounts)."""
        action = order.with_user(self.pos_manager).refund()
        refund = self.env["pos.order"].browse(action["res_id"])
        if qty is not None:
            amount = refund.lines.price_unit * qty
            refund.lines.with_user(self.pos_manager).write(
                {"qty": qty, "price_subtotal": amount, "price_subtotal_incl": amount}
            )
        return refund

    def pay(self, order, method, amount):
        wizard = (
            self.env["pos.make.payment"]
            .with_user(self.pos_manager)
            .with_context(active_id=order.id)
            .create({"payment_method_id": method.id, "amount": amount})
        )
        return wizard.check()

    def assert_pay_refused(self, order, method, amount):
        with self.assertRaises(UserError) as caught:
            self.pay(order, method, amount)
        self.env.invalidate_all()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.payment_ids)
        return str(caught.exception)

    def test_wallet_refund_of_what_cash_refunded_is_refused(self):
        paid = self.synced(
            [(self.apples, 3)],
            self.member_1,
            [(self.wallet_pm, 30.0)],
            "00200-001-0001",
        )
        # the till refunds the three apples in cash
        self.synced(
            [(self.apples, -3)],
            self.member_1,
            [(self.cash_pm1, -30.0)],
            "00200-001-0002",
            refunded=paid.lines,
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        # nothing is left to refund: the backend's refund has no apple left,
        # the manager types three again and pays them back to the wallet
        refund = self.backend_refund(paid, qty=-3)
        message = self.assert_pay_refused(refund, self.wallet_pm, -30.0)
        self.assertIn(paid.display_name, message)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_wallet_refund_of_a_wallet_paid_order_once(self):
        paid = self.synced(
            [(self.apples, 3)],
            self.member_1,
            [(self.wallet_pm, 30.0)],
            "00200-001-0003",
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        refund = self.backend_refund(paid)
        self.assertEqual(refund.lines.qty, -3)
        self.pay(refund, self.wallet_pm, -30.0)
        self.assertEqual(refund.state, "paid")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
        # a second refund of the same apples is refused, to the wallet or not
        again = self.backend_refund(paid, qty=-3)
        self.assert_pay_refused(again, self.wallet_pm, -30.0)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_negative_top_up_only_refunds_a_top_up_of_the_wallet(self):
        topped = self.synced(
            [(self.top_up_product, 40)],
            self.member_2,
            [(self.cash_pm1, 40.0)],
            "00200-001-0004",
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 60.0])
        # the refund of member_2's top-up, given to member_1 and paid in cash,
        # would take member_1's money out
        refund = self.backend_refund(topped)
        refund.with_user(self.pos_manager).write({"partner_id": self.member_1.id})
        message = self.assert_pay_refused(refund, self.cash_pm1, -40.0)
        self.assertIn("Member One", message)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 60.0])
        # refunded to its own wallet, once
        refund.with_user(self.pos_manager).write({"partner_id": self.member_2.id})
        self.pay(refund, self.cash_pm1, -40.0)
        self.assertEqual(refund.state, "paid")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
        again = self.backend_refund(topped, qty=-20)
        self.assert_pay_refused(again, self.cash_pm1, -20.0)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
