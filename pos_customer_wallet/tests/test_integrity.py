# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestWalletOrderIntegrity(PosCustomerWalletCommon):
    """Recorded POS orders that moved a wallet are frozen, synced orders checked.

    member_1 starts with 100.00, member_2 with 20.00, no overdraft allowed.
    """

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        companies = [Command.set(cls.company.ids)]
        cls.cashier = new_test_user(
            cls.env,
            login="integrity_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.company.id,
            company_ids=companies,
        )
        cls.wallet_manager = new_test_user(
            cls.env,
            login="integrity_wallet_manager",
            groups="base.group_user,point_of_sale.group_pos_user,"
            "account_customer_wallet.group_customer_wallet_manager",
            company_id=cls.company.id,
            company_ids=companies,
        )
        # the backend payment wizard is for point of sale managers only
        cls.pos_manager = new_test_user(
            cls.env,
            login="integrity_pos_manager",
            groups="base.group_user,point_of_sale.group_pos_manager",
            company_id=cls.company.id,
            company_ids=companies,
        )
        cls.member_1_contact = cls.env["res.partner"].create(
            {"name": "Member One's partner", "parent_id": cls.member_1.id}
        )
        cls.pears = cls.create_product("Pears", cls.categ_basic, 10.0)

    def setUp(self):
        super().setUp()
        self.start_wallet_session()

    def order_data(self, lines, customer=False, payments=None, uid=None):
        return self.create_ui_order_data(
            lines, customer=customer, payments=payments, uid=uid
        )

    def wallet_order(self, uid, customer=None, apples=3, user=None):
        """A synced order of ``apples`` apples paid from the wallet."""
        data = self.order_data(
            [(self.apples, apples)],
            customer=customer or self.member_1,
            payments=[(self.wallet_pm, 10.0 * apples)],
            uid=uid,
        )
        orders = self.env["pos.order"].with_user(user or self.env.user)
        result = orders.create_from_ui([data])
        return self.env["pos.order"].browse(result[0]["id"])

    def assert_refused(self, call, *args, **kwargs):
        with self.assertRaises(UserError) as caught:
            call(*args, **kwargs)
        self.env.invalidate_all()
        return str(caught.exception)

    def assert_sync_refused(self, data, user=None):
        """The crafted order is refused, nothing of it recorded."""
        orders = self.env["pos.order"].with_user(user or self.cashier)
        message = self.assert_refused(orders.create_from_ui, [data])
        self.assertFalse(
            self.env["pos.order"].search([("pos_reference", "=", data["data"]["name"])])
        )
        return message

    # ------------------------------------------------------------------
    # A cashier over RPC
    # ------------------------------------------------------------------

    def test_cashier_cannot_move_a_debit_to_another_member(self):
        order = self.wallet_order("00100-020-0001")
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        message = self.assert_refused(
            order.with_user(self.cashier).write, {"partner_id": self.member_2.id}
        )
        self.assertIn(order.display_name, message)
        self.assertEqual(order.partner_id, self.member_1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        # a contact of the same wallet may take the customer's place
        order.with_user(self.cashier).write({"partner_id": self.member_1_contact.id})
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        # so may a change of state of an order that moves no wallet
        cash_order = self.env["pos.order"].browse(
            self.sync(
                [(self.apples, 1)],
                customer=self.member_2,
                payments=[(self.cash_pm1, 10.0)],
                uid="00100-020-0002",
            )[0]["id"]
        )
        cash_order.with_user(self.cashier).write({"partner_id": self.member_1.id})
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_cashier_cannot_change_the_state_session_or_invoice(self):
        order = self.wallet_order("00100-020-0003")
        as_cashier = order.with_user(self.cashier)
        other_config = self.env["pos.config"].create(
            {
                "name": "Other till",
                "journal_id": self.pos_sale_journal.id,
                "invoice_journal_id": self.invoice_journal.id,
                "available_pricelist_ids": self.currency_pricelist.ids,
                "pricelist_id": self.currency_pricelist.id,
                "payment_method_ids": [Command.set(self.cash_pm1.ids)],
            }
        )
        other_session = self.env["pos.session"].create({"config_id": other_config.id})
        invoice = self.env["account.move"].create({"move_type": "out_invoice"})
        for vals in (
            {"state": "cancel"},
            {"state": "draft"},
            {"session_id": other_session.id},
            {"account_move": invoice.id},
        ):
            self.assert_refused(as_cashier.write, vals)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.session_id, self.pos_session)
        self.assertFalse(order.account_move)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_cashier_cannot_pay_a_draft_wallet_order_behind_the_sync(self):
        """A draft order (saved by the till) is paid by the sync, or not at all."""
        data = self.order_data(
            [(self.apples, 3)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 30.0)],
            uid="00100-020-0004",
        )
        result = self.env["pos.order"].create_from_ui([data], draft=True)
        order = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.balances(self.member_2), [20.0])
        self.assert_refused(order.with_user(self.cashier).action_pos_order_paid)
        self.assertEqual(order.state, "draft")
        self.assertEqual(self.balances(self.member_2), [20.0])
        # the till's own sync of the finished order still records it, once
        self.env["pos.order"].with_user(self.cashier).create_from_ui([data])
        self.env["pos.order"].with_user(self.cashier).create_from_ui([data])
        self.assertEqual(order.state, "paid")
        self.assertEqual(
            self.env["pos.order"].search_count(
                [("pos_reference", "=", data["data"]["name"])]
            ),
            1,
        )
        self.assertEqual(self.balances(self.member_2), [-10.0])

    def test_cashier_cannot_change_or_delete_a_wallet_payment(self):
        order = self.wallet_order("00100-020-0005")
        payment = order.payment_ids
        as_cashier = payment.with_user(self.cashier)
        for vals in (
            {"payment_method_id": self.cash_pm1.id},
            {"amount": 10.0},
            {"partner_id": self.member_2.id},
        ):
            self.assert_refused(as_cashier.write, vals)
        self.assert_refused(as_cashier.unlink)
        self.assert_refused(
            self.env["pos.payment"].with_user(self.cashier).create,
            {
                "pos_order_id": order.id,
                "payment_method_id": self.wallet_pm.id,
                "amount": -30.0,
            },
        )
        self.assertEqual(payment.exists().payment_method_id, self.wallet_pm)
        self.assertEqual(order.payment_ids, payment)
        self.assertEqual(order.partner_id, self.member_1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_cashier_cannot_turn_a_payment_into_a_wallet_payment(self):
        order = self.env["pos.order"].browse(
            self.sync(
                [(self.apples, 2)],
                customer=self.member_2,
                payments=[(self.cash_pm1, 20.0)],
                uid="00100-020-0006",
            )[0]["id"]
        )
        self.assert_refused(
            order.payment_ids.with_user(self.cashier).write,
            {"payment_method_id": self.wallet_pm.id},
        )
        self.assert_refused(
            self.env["pos.payment"].with_user(self.cashier).create,
            {
                "pos_order_id": order.id,
                "payment_method_id": self.wallet_pm.id,
                "amount": -20.0,
            },
        )
        self.assertEqual(order.payment_ids.payment_method_id, self.cash_pm1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_cashier_cannot_change_a_top_up(self):
        result = self.sync(
            [(self.top_up_product, 40)],
            customer=self.member_2,
            payments=[(self.cash_pm1, 40.0)],
            uid="00100-020-0007",
        )
        order = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(self.balances(self.member_2), [60.0])
        line = order.lines.with_user(self.cashier)
        for vals in (
            {"qty": 400},
            {"price_unit": 10.0},
            {"price_subtotal": 400.0, "price_subtotal_incl": 400.0},
            {"discount": 50.0},
            {"product_id": self.apples.id},
        ):
            self.assert_refused(line.write, vals)
        self.assert_refused(line.unlink)
        self.assert_refused(
            self.env["pos.order.line"].with_user(self.cashier).create,
            {
                "order_id": order.id,
                "product_id": self.top_up_product.id,
                "qty": 100,
                "price_unit": 1.0,
                "price_subtotal": 100.0,
                "price_subtotal_incl": 100.0,
            },
        )
        self.assertEqual(order.lines.qty, 40)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 60.0])

    # ------------------------------------------------------------------
    # A wallet manager goes through the lock and the limit
    # ------------------------------------------------------------------

    def test_wallet_manager_changes_go_through_the_limit(self):
        order = self.wallet_order("00100-020-0008")
        as_manager = order.with_user(self.wallet_manager)
        # member 2 has 20.00: the 30.00 debit would take it below 0.00
        message = self.assert_refused(
            as_manager.write, {"partner_id": self.member_2.id}
        )
        self.assertIn("Member Two", message)
        self.assertEqual(order.partner_id, self.member_1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        small = self.wallet_order("00100-020-0009", apples=1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [60.0, 20.0])
        small.with_user(self.wallet_manager).write({"partner_id": self.member_2.id})
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 10.0])
        # a higher wallet payment is checked as well: 10.00 left
        payment = small.payment_ids.with_user(self.wallet_manager)
        self.assert_refused(payment.write, {"amount": 30.0})
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 10.0])
        payment.write({"amount": 20.0})
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 0.0])
        # a credit needs no room: the wallet payment becomes a cash payment
        payment.write({"payment_method_id": self.cash_pm1.id})
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    # ------------------------------------------------------------------
    # Crafted orders sent to the sync
    # ------------------------------------------------------------------

    def test_sync_refuses_change_paid_out_of_a_wallet(self):
        data = self.order_data(
            [(self.apples, 1)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 60.0)],
            uid="00100-020-0010",
        )
        data["data"]["amount_return"] = 50.0
        message = self.assert_sync_refused(data)
        self.assertIn("Member One", message)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_sync_refuses_a_wallet_movement_without_customer(self):
        message = self.assert_sync_refused(
            self.order_data(
                [(self.apples, 1)],
                payments=[(self.wallet_pm, 10.0)],
                uid="00100-020-0011",
            )
        )
        self.assertIn("Order 00100-020-0011", message)
        self.assert_sync_refused(
            self.order_data(
                [(self.top_up_product, 10)],
                payments=[(self.cash_pm1, 10.0)],
                uid="00100-020-0012",
            )
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_sync_refuses_a_refund_of_nothing_paid_from_the_wallet(self):
        # a negative wallet payment that refunds no order
        self.assert_sync_refused(
            self.order_data(
                [(self.apples, -5)],
                customer=self.member_2,
                payments=[(self.wallet_pm, -50.0)],
                uid="00100-020-0013",
            )
        )
        # the refund of an order of another wallet
        paid = self.wallet_order("00100-020-0014")
        data = self.order_data(
            [(self.apples, -3)],
            customer=self.member_2,
            payments=[(self.wallet_pm, -30.0)],
            uid="00100-020-0015",
        )
        data["data"]["lines"][0][2]["refunded_orderline_id"] = paid.lines.id
        self.assert_sync_refused(data)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_sync_refuses_a_refund_bigger_than_the_wallet_paid(self):
        paid = self.env["pos.order"].browse(
            self.sync(
                [(self.apples, 2)],
                customer=self.member_2,
                payments=[(self.wallet_pm, 5.0), (self.cash_pm1, 15.0)],
                uid="00100-020-0016",
            )[0]["id"]
        )
        self.assertEqual(self.balances(self.member_2), [15.0])

        def refund(uid, apples, wallet, cash):
            data = self.order_data(
                [(self.apples, -apples)],
                customer=self.member_2,
                payments=[(self.wallet_pm, -wallet), (self.cash_pm1, -cash)],
                uid=uid,
            )
            data["data"]["lines"][0][2]["refunded_orderline_id"] = paid.lines.id
            return data

        # 10.00 back into the wallet, which paid 5.00 of the order
        message = self.assert_sync_refused(refund("00100-020-0017", 1, 10.0, 0.0))
        self.assertIn("5.00", message)
        # more than the refund itself
        self.assert_sync_refused(refund("00100-020-0018", 1, 15.0, -5.0))
        self.assertEqual(self.balances(self.member_2), [15.0])
        # what the wallet paid goes back into it, once
        self.env["pos.order"].with_user(self.cashier).create_from_ui(
            [refund("00100-020-0019", 1, 5.0, 5.0)]
        )
        self.assertEqual(self.balances(self.member_2), [20.0])
        self.assert_sync_refused(refund("00100-020-0020", 1, 5.0, 5.0))
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_sync_refuses_a_top_up_that_is_not_its_price(self):
        def top_up(uid, **values):
            data = self.order_data(
                [(self.top_up_product, 40)],
                customer=self.member_2,
                payments=[(self.cash_pm1, 40.0)],
                uid=uid,
            )
            data["data"]["lines"][0][2].update(values)
            return data

        message = self.assert_sync_refused(
            top_up("00100-020-0021", price_subtotal=400.0, price_subtotal_incl=400.0)
        )
        self.assertIn("40.00", message)
        self.assert_sync_refused(top_up("00100-020-0022", discount=50.0))
        tax = self.env["account.tax"].create(
            {"name": "Top-up tax", "amount": 21.0, "company_id": self.company.id}
        )
        self.assert_sync_refused(
            top_up("00100-020-0023", tax_ids=[Command.set(tax.ids)])
        )
        # a fiscal position that books the top-up as revenue
        fiscal_position = self.env["account.fiscal.position"].create(
            {
                "name": "Top-ups as sales",
                "company_id": self.company.id,
                "account_ids": [
                    Command.create(
                        {
                            "account_src_id": self.wallet_account.id,
                            "account_dest_id": self.sales_account.id,
                        }
                    )
                ],
            }
        )
        data = top_up("00100-020-0024")
        data["data"]["fiscal_position_id"] = fiscal_position.id
        self.assert_sync_refused(data)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_sync_refuses_to_rewrite_recorded_lines(self):
        paid = self.env["pos.order"].browse(
            self.sync(
                [(self.top_up_product, 10)],
                customer=self.member_2,
                payments=[(self.cash_pm1, 10.0)],
                uid="00100-020-0025",
            )[0]["id"]
        )
        data = self.order_data(
            [(self.pears, 1)],
            customer=self.member_2,
            payments=[(self.cash_pm1, 10.0)],
            uid="00100-020-0026",
        )
        data["data"]["lines"].append(
            [Command.UPDATE, paid.lines.id, {"qty": 1000, "price_subtotal": 1000}]
        )
        self.assert_sync_refused(data)
        self.assertEqual(paid.lines.qty, 10)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 30.0])

    # ------------------------------------------------------------------
    # Pending amounts, closing, backend payment
    # ------------------------------------------------------------------

    def test_session_written_closed_keeps_its_orders_pending(self):
        self.wallet_order("00100-020-0027")
        # refused: only the closing closes a session
        self.assert_refused(
            self.pos_session.with_user(self.cashier).write, {"state": "closed"}
        )
        self.assertEqual(self.pos_session.state, "opened")
        self.assertFalse(self.pos_session.move_id)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_cashier_closes_a_session_of_frozen_orders(self):
        order = self.wallet_order("00100-020-0028", user=self.cashier)
        self.env["pos.order"].with_user(self.cashier).create_from_ui(
            [
                self.order_data(
                    [(self.top_up_product, 10)],
                    customer=self.member_2,
                    payments=[(self.cash_pm1, 10.0)],
                    uid="00100-020-0029",
                )
            ]
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 30.0])
        self.close_session(self.pos_session.with_user(self.cashier))
        self.assertEqual(order.state, "done")
        self.assertEqual(self.pos_session.move_id.state, "posted")
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 30.0])

    def test_backend_payment_wizard_respects_the_limit(self):
        def draft_order(uid, apples):
            data = self.order_data(
                [(self.apples, apples)], customer=self.member_2, payments=[], uid=uid
            )
            result = self.env["pos.order"].create_from_ui([data], draft=True)
            return self.env["pos.order"].browse(result[0]["id"])

        def pay(order, amount):
            wizard = (
                self.env["pos.make.payment"]
                .with_user(self.pos_manager)
                .with_context(active_id=order.id)
                .create({"payment_method_id": self.wallet_pm.id, "amount": amount})
            )
            return wizard.check()

        big = draft_order("00100-020-0030", 3)
        message = self.assert_refused(pay, big, 30.0)
        self.assertIn("Member Two", message)
        self.assertEqual(big.state, "draft")
        self.assertFalse(big.payment_ids)
        self.assertEqual(self.balances(self.member_2), [20.0])
        # no change out of the wallet either
        small = draft_order("00100-020-0031", 1)
        self.assert_refused(pay, small, 20.0)
        pay(small, 10.0)
        self.assertEqual(small.state, "paid")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 10.0])

    # ------------------------------------------------------------------
    # The session's entry, company, till and state
    # ------------------------------------------------------------------

    def test_cashier_cannot_unbook_a_closed_session(self):
        """Without its entry, a closed session's orders would count twice."""
        self.wallet_order("00100-020-0032", user=self.cashier)
        self.close_session(self.pos_session.with_user(self.cashier))
        entry = self.pos_session.move_id
        self.assertEqual(entry.state, "posted")
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        as_cashier = self.pos_session.with_user(self.cashier)
        for vals in (
            {"move_id": False},
            {"state": "opened"},
            {"state": "closing_control"},
        ):
            self.assert_refused(as_cashier.write, vals)
        self.assertEqual(self.pos_session.move_id, entry)
        self.assertEqual(self.pos_session.state, "closed")
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_cashier_cannot_book_an_open_session_elsewhere(self):
        """A posted entry written on an open session would erase its debits."""
        self.wallet_order("00100-020-0033", user=self.cashier)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        posted = self._wallet_deposit(self.member_2, 5.0)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 25.0])
        other_config = self.env["pos.config"].create(
            {
                "name": "Another till",
                "journal_id": self.pos_sale_journal.id,
                "invoice_journal_id": self.invoice_journal.id,
                "available_pricelist_ids": self.currency_pricelist.ids,
                "pricelist_id": self.currency_pricelist.id,
                "payment_method_ids": [Command.set(self.cash_pm1.ids)],
            }
        )
        as_cashier = self.pos_session.with_user(self.cashier)
        for vals in (
            {"move_id": posted.id},
            {"state": "closed"},
            {"config_id": other_config.id},
            {"company_id": self.company_data_2["company"].id},
        ):
            self.assert_refused(as_cashier.write, vals)
        self.assertFalse(self.pos_session.move_id)
        self.assertEqual(self.pos_session.state, "opened")
        self.assertEqual(self.pos_session.config_id, self.config)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 25.0])
        # the closing itself still books the session
        as_cashier.write({"state": "closing_control"})
        self.close_session(as_cashier)
        self.assertEqual(self.pos_session.move_id.state, "posted")
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 25.0])

    # ------------------------------------------------------------------
    # Refunds: what was refunded stays refunded
    # ------------------------------------------------------------------

    def refund_data(self, paid, uid, apples, payments, customer=None):
        data = self.order_data(
            [(self.apples, -apples)],
            customer=customer or paid.partner_id,
            payments=payments,
            uid=uid,
        )
        data["data"]["lines"][0][2]["refunded_orderline_id"] = paid.lines.id
        return data

    def test_cashier_cannot_reset_the_refund_cap(self):
        paid = self.wallet_order("00100-020-0034")
        other = self.wallet_order("00100-020-0035", apples=1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [60.0, 20.0])
        orders = self.env["pos.order"].with_user(self.cashier)
        result = orders.create_from_ui(
            [self.refund_data(paid, "00100-020-0036", 3, [(self.wallet_pm, -30.0)])]
        )
        refund = self.env["pos.order"].browse(result[0]["id"])
        self.assertEqual(self.balances(self.member_1, self.member_2), [90.0, 20.0])
        line = refund.lines.with_user(self.cashier)
        for vals in (
            {"refunded_orderline_id": other.lines.id},
            {"refunded_orderline_id": False},
            {"order_id": other.id},
            {"qty": -1},
            {"price_unit": 0.0},
            {"price_subtotal": 0.0, "price_subtotal_incl": 0.0},
        ):
            self.assert_refused(line.write, vals)
        self.assert_refused(line.unlink)
        # nor a line of the paid order itself
        self.assert_refused(paid.lines.with_user(self.cashier).write, {"qty": 30})
        self.assert_refused(paid.lines.with_user(self.cashier).unlink)
        self.assertEqual(refund.lines.refunded_orderline_id, paid.lines)
        # the same refund sent again is refused: all of it is refunded
        self.assert_sync_refused(
            self.refund_data(paid, "00100-020-0037", 3, [(self.wallet_pm, -30.0)])
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [90.0, 20.0])

    def test_sync_refuses_a_wallet_refund_of_what_cash_refunded(self):
        paid = self.wallet_order("00100-020-0038", customer=self.member_2, apples=2)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 0.0])
        self.env["pos.order"].with_user(self.cashier).create_from_ui(
            [self.refund_data(paid, "00100-020-0039", 2, [(self.cash_pm1, -20.0)])]
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 0.0])
        message = self.assert_sync_refused(
            self.refund_data(paid, "00100-020-0040", 2, [(self.wallet_pm, -20.0)])
        )
        self.assertIn("Organic apples", message)
        # one apple refunded in cash, then one to the wallet, is refused too
        self.assert_sync_refused(
            self.refund_data(paid, "00100-020-0041", 1, [(self.wallet_pm, -10.0)])
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 0.0])
        # nor a crafted line of no apple that still claims their price
        data = self.refund_data(paid, "00100-020-0050", 2, [(self.wallet_pm, -20.0)])
        data["data"]["lines"][0][2]["qty"] = 0
        self.assert_sync_refused(data)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 0.0])

    def test_a_mixed_payment_is_refunded_to_the_wallet_after_its_cash(self):
        """What cash refunded caps the wallet's refund only past the cash paid."""
        data = self.order_data(
            [(self.apples, 5)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 20.0), (self.cash_pm1, 30.0)],
            uid="00100-020-0051",
        )
        paid = self.env["pos.order"].browse(
            self.env["pos.order"]
            .with_user(self.cashier)
            .create_from_ui([data])[0]["id"]
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 0.0])
        self.env["pos.order"].with_user(self.cashier).create_from_ui(
            [self.refund_data(paid, "00100-020-0052", 3, [(self.cash_pm1, -30.0)])]
        )
        self.env["pos.order"].with_user(self.cashier).create_from_ui(
            [self.refund_data(paid, "00100-020-0053", 2, [(self.wallet_pm, -20.0)])]
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_sync_refuses_a_negative_top_up_that_refunds_no_top_up(self):
        """A negative top-up pays the wallet's money out: only as a refund."""
        topped = self.env["pos.order"].browse(
            self.sync(
                [(self.top_up_product, 40)],
                customer=self.member_2,
                payments=[(self.cash_pm1, 40.0)],
                uid="00100-020-0042",
            )[0]["id"]
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 60.0])

        def cash_out(uid, qty, price, refunded=None, customer=None):
            data = self.order_data(
                [(self.top_up_product, qty)],
                customer=customer or self.member_2,
                payments=[(self.cash_pm1, qty * price)],
                uid=uid,
            )
            data["data"]["lines"][0][2]["price_unit"] = price
            data["data"]["lines"][0][2]["price_subtotal"] = qty * price
            data["data"]["lines"][0][2]["price_subtotal_incl"] = qty * price
            data["data"]["amount_total"] = qty * price
            data["data"]["amount_paid"] = qty * price
            if refunded:
                data["data"]["lines"][0][2]["refunded_orderline_id"] = refunded.id
            return data

        self.assert_sync_refused(cash_out("00100-020-0043", -1, 50.0))
        # more than the top-up it refunds
        self.assert_sync_refused(cash_out("00100-020-0044", -1, 50.0, topped.lines))
        # the top-up of another wallet
        self.assert_sync_refused(
            cash_out("00100-020-0045", -1, 40.0, topped.lines, customer=self.member_1)
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 60.0])
        # the refund of the top-up, once
        self.env["pos.order"].with_user(self.cashier).create_from_ui(
            [cash_out("00100-020-0046", -40, 1.0, topped.lines)]
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
        self.assert_sync_refused(cash_out("00100-020-0047", -1, 1.0, topped.lines))
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_sync_refuses_an_invoiced_top_up_with_a_clear_message(self):
        """Posting the invoice would credit the wallet as the cashier."""
        data = self.order_data(
            [(self.top_up_product, 40)],
            customer=self.member_2,
            payments=[(self.cash_pm1, 40.0)],
            uid="00100-020-0048",
        )
        data["data"]["to_invoice"] = True
        message = self.assert_sync_refused(data)
        self.assertIn("cannot be invoiced at the till", message)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_wallet_manager_invoices_a_top_up_at_the_till(self):
        """The invoice is paid at the till: the wallet is credited at once, once."""
        data = self.order_data(
            [(self.top_up_product, 40)],
            customer=self.member_2,
            payments=[(self.cash_pm1, 40.0)],
            uid="00100-020-0049",
        )
        data["data"]["to_invoice"] = True
        orders = self.env["pos.order"].with_user(self.wallet_manager)
        order = self.env["pos.order"].browse(orders.create_from_ui([data])[0]["id"])
        invoice = order.account_move
        self.assertEqual(order.state, "invoiced")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(
            invoice.invoice_line_ids.account_id,
            self.company.customer_wallet_top_up_account_id,
        )
        self.assertEqual(len(invoice.customer_wallet_settlement_ids), 1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 60.0])
        self.close_session()
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 60.0])
        self.assertEqual(len(invoice.customer_wallet_settlement_ids), 1)
