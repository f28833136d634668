# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from datetime import timedelta

import psycopg2

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import format_time

from odoo.addons.account_customer_wallet.tests.common import assert_wallet_locked

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletHold(PosCustomerWalletCommon):
    """The till's ask keeps the money of its order until the order is synced.

    member_1 has 100.00, member_2 20.00; the wallet allows no overdraft.
    """

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls.cashier = cls.new_wallet_user(
            "hold_cashier", "point_of_sale.group_pos_user"
        )
        cls.wallet_manager = cls.new_wallet_user(
            "hold_wallet_manager",
            "account_customer_wallet.group_customer_wallet_manager",
        )
        cls.second_config = cls.env["pos.config"].create(
            {
                "name": "Second till",
                "journal_id": cls.pos_sale_journal.id,
                "invoice_journal_id": cls.invoice_journal.id,
                "available_pricelist_ids": cls.currency_pricelist.ids,
                "pricelist_id": cls.currency_pricelist.id,
            }
        )

    def setUp(self):
        super().setUp()
        self.first_session = self.start_wallet_session()
        self.second_session = self.start_wallet_session(self.second_config)
        self.Hold = self.env["customer.wallet.hold"]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def ask(self, session, partner, amount, reference, user=None, **kwargs):
        """The till's ask before validating, as the cashier."""
        return session.with_user(user or self.cashier).check_customer_wallet_debit(
            partner.id, amount, self.wallet_pm.id, reference, **kwargs
        )

    def sync_in(self, session, uid, partner, amount):
        """Sync an order of the session paid ``amount`` from the wallet."""
        self.pos_session, self.config = session, session.config_id
        result = self.sync(
            [(self.apples, amount / 10.0)],
            customer=partner,
            payments=[(self.wallet_pm, amount)],
            uid=uid,
        )
        return self.env["pos.order"].browse(result[0]["id"])

    def holds(self, partner=None):
        domain = [("partner_id", "=", partner.id)] if partner else []
        return self.Hold.search(domain)

    def partner_balance(self, partner):
        partner.invalidate_recordset(["customer_wallet_balance"])
        return partner.with_company(self.company).customer_wallet_balance

    def lock_version(self, partner):
        self.env.cr.execute(
            "SELECT version FROM customer_wallet_lock WHERE partner_id = %s",
            [partner.commercial_partner_id.id],
        )
        row = self.env.cr.fetchone()
        return row and row[0]

    # ------------------------------------------------------------------
    # Recording and counting
    # ------------------------------------------------------------------

    def test_ask_records_a_hold_counted_in_every_balance(self):
        result = self.ask(
            self.first_session, self.member_1, 30.0, "Order 00001-001-0001"
        )
        self.assertTrue(result["allowed"])
        self.assertEqual(result["balance"], 100.0)
        self.assertEqual(result["hold_seconds"], 300)
        hold = self.holds(self.member_1)
        self.assertEqual(len(hold), 1)
        self.assertEqual(hold.amount, 30.0)
        self.assertEqual(hold.session_id, self.first_session)
        self.assertEqual(hold.company_id, self.company)
        self.assertEqual(hold.pos_reference, "Order 00001-001-0001")
        expected = fields.Datetime.now() + timedelta(minutes=5)
        self.assertLessEqual(abs((hold.expiry - expected).total_seconds()), 5)
        # the ledger, the partner's field, the till's balance read, the search
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        self.assertEqual(self.partner_balance(self.member_1), 70.0)
        self.assertEqual(
            self.second_session.with_user(self.cashier).get_customer_wallet_balances(
                [self.member_1.id]
            ),
            {self.member_1.id: 70.0},
        )
        found = (
            self.env["res.partner"]
            .with_company(self.company)
            .search(
                [
                    ("customer_wallet_balance", "=", 70.0),
                    ("id", "in", (self.member_1 | self.member_2).ids),
                ]
            )
        )
        self.assertEqual(found, self.member_1)

    def test_second_till_sees_the_first_hold(self):
        first = self.ask(
            self.first_session, self.member_1, 60.0, "Order 00001-001-0001"
        )
        self.assertTrue(first["allowed"])
        second = self.ask(
            self.second_session, self.member_1, 60.0, "Order 00002-001-0001"
        )
        self.assertFalse(second["allowed"])
        self.assertEqual(second["balance"], 40.0)
        self.assertIn("40.00", second["message"])
        self.assertNotIn("hold_seconds", second)
        # the refused ask keeps nothing
        self.assertEqual(self.holds(self.member_1).session_id, self.first_session)
        self.assertEqual(self.balances(self.member_1, self.member_2), [40.0, 20.0])
        third = self.ask(
            self.second_session, self.member_1, 40.0, "Order 00002-001-0001"
        )
        self.assertTrue(third["allowed"])
        self.assertEqual(self.balances(self.member_1, self.member_2), [0.0, 20.0])

    def test_synced_order_consumes_its_hold(self):
        self.ask(self.first_session, self.member_1, 30.0, "Order 00001-001-0001")
        self.assertEqual(self.balances(self.member_1), [70.0])
        order = self.sync_in(self.first_session, "00001-001-0001", self.member_1, 30.0)
        self.assertEqual(order.pos_reference, "Order 00001-001-0001")
        self.assertFalse(self.holds(self.member_1))
        self.assertFalse(order.customer_wallet_overdraft)
        self.assertEqual(order.customer_wallet_balance_after, 70.0)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        self.assertEqual(self.partner_balance(self.member_1), 70.0)
        self.close_session(self.first_session)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_synced_order_is_not_counted_with_a_hold_left_over(self):
        """A hold still there for a synced paid order does not count twice."""
        order = self.sync_in(self.first_session, "00001-001-0001", self.member_1, 30.0)
        self.assertEqual(self.balances(self.member_1), [70.0])
        # as if the order had reached the server without consuming its hold
        self.Hold._customer_wallet_hold(
            self.first_session, self.member_1, order.pos_reference, 30.0
        )
        self.assertEqual(self.balances(self.member_1), [70.0])
        # a hold of another order of the till still counts
        self.Hold._customer_wallet_hold(
            self.first_session, self.member_1, "Order 00001-001-0002", 5.0
        )
        self.assertEqual(self.balances(self.member_1), [65.0])

    def test_asking_again_replaces_the_hold(self):
        reference = "Order 00001-001-0001"
        self.ask(self.first_session, self.member_1, 30.0, reference)
        self.assertTrue(
            self.ask(self.first_session, self.member_1, 50.0, reference)["allowed"]
        )
        self.assertEqual(self.holds(self.member_1).mapped("amount"), [50.0])
        self.assertEqual(self.balances(self.member_1), [50.0])
        # the balance the till is told excludes the order's own former hold
        refused = self.ask(self.first_session, self.member_1, 120.0, reference)
        self.assertFalse(refused["allowed"])
        self.assertEqual(refused["balance"], 100.0)
        self.assertFalse(self.holds(self.member_1))
        self.assertEqual(self.balances(self.member_1), [100.0])

    def test_another_till_cannot_replace_a_hold(self):
        reference = "Order 00001-001-0001"
        self.ask(self.first_session, self.member_1, 60.0, reference)
        # a crafted ask of another till with the same reference
        result = self.ask(self.second_session, self.member_1, 60.0, reference)
        self.assertFalse(result["allowed"])
        self.assertEqual(self.holds(self.member_1).session_id, self.first_session)
        self.assertEqual(self.balances(self.member_1), [40.0])

    def test_expired_hold_is_not_counted_and_cleaned(self):
        self.ask(self.first_session, self.member_1, 30.0, "Order 00001-001-0001")
        expired = self.holds(self.member_1)
        expired.sudo().expiry = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(self.balances(self.member_1), [100.0])
        self.assertEqual(self.partner_balance(self.member_1), 100.0)
        # the next ask on the wallet deletes it
        self.ask(self.second_session, self.member_1, 10.0, "Order 00002-001-0001")
        self.assertFalse(expired.exists())
        self.assertEqual(self.holds(self.member_1).mapped("amount"), [10.0])
        self.assertEqual(self.balances(self.member_1), [90.0])

    def test_daily_clean_up_deletes_expired_holds(self):
        self.ask(self.first_session, self.member_1, 30.0, "Order 00001-001-0001")
        self.ask(self.first_session, self.member_2, 5.0, "Order 00001-001-0002")
        expired = self.holds(self.member_1)
        expired.sudo().expiry = fields.Datetime.now() - timedelta(seconds=1)
        self.Hold._gc_expired_holds()
        self.assertFalse(expired.exists())
        self.assertEqual(self.holds().mapped("amount"), [5.0])
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 15.0])

    def test_old_till_asks_without_recording(self):
        result = self.first_session.with_user(self.cashier).check_customer_wallet_debit(
            self.member_1.id, 30.0, self.wallet_pm.id
        )
        self.assertTrue(result["allowed"])
        self.assertFalse(self.holds())
        self.assertEqual(self.balances(self.member_1), [100.0])

    def test_unsynced_orders_of_the_till_are_checked_not_kept(self):
        reference = "Order 00001-001-0003"
        result = self.ask(
            self.first_session, self.member_1, 30.0, reference, unsynced_amount=80.0
        )
        self.assertFalse(result["allowed"])
        self.assertFalse(self.holds())
        # a negative amount (a crafted request) does not make room
        result = self.ask(
            self.first_session, self.member_1, 130.0, reference, unsynced_amount=-50.0
        )
        self.assertFalse(result["allowed"])
        result = self.ask(
            self.first_session, self.member_1, 30.0, reference, unsynced_amount=50.0
        )
        self.assertTrue(result["allowed"])
        self.assertEqual(self.holds().mapped("amount"), [30.0])
        self.assertEqual(self.balances(self.member_1), [70.0])

    # ------------------------------------------------------------------
    # Holds do not stack, are told and released
    # ------------------------------------------------------------------

    def test_a_till_keeps_one_hold_per_wallet(self):
        """A till asking again and again does not hold the wallet twice."""
        for reference in ("Order 00001-001-0001", "Order 00001-001-0002"):
            result = self.ask(self.first_session, self.member_1, 60.0, reference)
            self.assertTrue(result["allowed"], result)
        hold = self.holds(self.member_1)
        self.assertEqual(hold.mapped("pos_reference"), ["Order 00001-001-0002"])
        self.assertEqual(hold.amount, 60.0)
        self.assertEqual(self.balances(self.member_1, self.member_2), [40.0, 20.0])
        # an ask for more than the wallet has keeps nothing
        refused = self.ask(
            self.first_session, self.member_1, 150.0, "Order 00001-001-0003"
        )
        self.assertFalse(refused["allowed"])
        self.assertFalse(self.holds(self.member_1))
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_another_till_is_told_which_till_keeps_the_money_until_when(self):
        self.cashier.tz = "Europe/Brussels"
        self.ask(self.first_session, self.member_1, 60.0, "Order 00001-001-0001")
        hold = self.holds(self.member_1)
        refused = self.ask(
            self.second_session, self.member_1, 60.0, "Order 00002-001-0001"
        )
        self.assertFalse(refused["allowed"])
        message = refused["message"]
        self.assertIn(self.first_session.config_id.display_name, message)
        cashier_env = self.env(user=self.cashier)
        local = format_time(cashier_env, hold.expiry, time_format="short")
        utc = format_time(cashier_env, hold.expiry, tz="UTC", time_format="short")
        self.assertNotEqual(local, utc)
        self.assertIn(local, message)
        self.assertNotIn(utc, message)
        self.assertNotIn(fields.Datetime.to_string(hold.expiry), message)
        self.assertEqual(self.balances(self.member_1, self.member_2), [40.0, 20.0])
        # too low even without the other till's hold: the wallet's limit
        too_much = self.ask(
            self.second_session, self.member_1, 150.0, "Order 00002-001-0001"
        )
        self.assertFalse(too_much["allowed"])
        self.assertNotIn(self.first_session.config_id.display_name, too_much["message"])
        self.assertEqual(self.balances(self.member_1, self.member_2), [40.0, 20.0])

    def test_wallet_manager_releases_a_hold_and_the_other_till_sells(self):
        self.ask(self.first_session, self.member_1, 60.0, "Order 00001-001-0001")
        self.ask(self.first_session, self.member_1, 60.0, "Order 00001-001-0002")
        self.assertEqual(self.balances(self.member_1, self.member_2), [40.0, 20.0])
        refused = self.ask(
            self.second_session, self.member_1, 60.0, "Order 00002-001-0001"
        )
        self.assertFalse(refused["allowed"])
        # the cashier cannot free it
        hold = self.holds(self.member_1)
        with self.assertRaises(AccessError):
            hold.with_user(self.cashier).action_customer_wallet_release()
        self.assertEqual(self.balances(self.member_1, self.member_2), [40.0, 20.0])
        # a wallet manager finds the holds that count and releases them
        live = self.Hold.with_user(self.wallet_manager).search([("live", "=", True)])
        self.assertEqual(live, hold)
        live.action_customer_wallet_release()
        self.assertFalse(hold.exists())
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
        allowed = self.ask(
            self.second_session, self.member_1, 60.0, "Order 00002-001-0001"
        )
        self.assertTrue(allowed["allowed"], allowed)
        sold = self.sync_in(self.second_session, "00002-001-0001", self.member_1, 60.0)
        self.assertEqual(sold.state, "paid")
        self.assertFalse(sold.customer_wallet_overdraft)
        self.assertEqual(self.balances(self.member_1, self.member_2), [40.0, 20.0])
        # the order of the released hold still arrives: kept, flagged
        late = self.sync_in(self.first_session, "00001-001-0002", self.member_1, 60.0)
        self.assertEqual(late.state, "paid")
        self.assertTrue(late.customer_wallet_overdraft)
        self.assertEqual(self.balances(self.member_1, self.member_2), [-20.0, 20.0])

    def test_closing_releases_the_holds_of_the_session(self):
        self.ask(self.first_session, self.member_2, 20.0, "Order 00001-001-0001")
        self.ask(self.second_session, self.member_1, 30.0, "Order 00002-001-0001")
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 0.0])
        self.close_session(self.first_session)
        self.assertEqual(self.holds().session_id, self.second_session)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    # ------------------------------------------------------------------
    # Lock
    # ------------------------------------------------------------------

    def test_ask_locks_the_wallet(self):
        contact = self.env.ref("base.partner_admin")
        self.ask(self.first_session, contact, 0.0, "Order 00001-001-0001")
        assert_wallet_locked(self, contact.commercial_partner_id)

    @mute_logger("odoo.sql_db")
    def test_balance_read_does_not_lock(self):
        self.ask(self.first_session, self.member_1, 10.0, "Order 00001-001-0001")
        version = self.lock_version(self.member_1)
        self.assertTrue(version)
        other_version = self.lock_version(self.member_2)
        balances = self.second_session.with_user(
            self.cashier
        ).get_customer_wallet_balances([self.member_1.id, self.member_2.id])
        self.assertEqual(balances, {self.member_1.id: 90.0, self.member_2.id: 20.0})
        self.assertEqual(self.lock_version(self.member_1), version)
        self.assertEqual(self.lock_version(self.member_2), other_version)
        # another transaction takes the lock of a wallet read at once
        admin = self.env.ref("base.partner_admin").commercial_partner_id
        self.second_session.with_user(self.cashier).get_customer_wallet_balances(
            admin.ids
        )
        with self.registry.cursor() as other_cr:
            other_cr.execute("SET LOCAL lock_timeout = 100")
            try:
                other_cr.execute(
                    """
                    INSERT INTO customer_wallet_lock (partner_id, version)
                         VALUES (%s, 1)
                    ON CONFLICT (partner_id)
                      DO UPDATE SET version = customer_wallet_lock.version + 1
                    """,
                    [admin.id],
                )
            except psycopg2.errors.LockNotAvailable:
                self.fail("reading the balances locked the wallet")
            finally:
                other_cr.rollback()

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    def test_cashier_cannot_touch_holds_over_rpc(self):
        self.ask(self.first_session, self.member_1, 30.0, "Order 00001-001-0001")
        hold = self.holds(self.member_1)
        Hold = self.Hold.with_user(self.cashier)
        with self.assertRaises(AccessError):
            Hold.create(
                {
                    "partner_id": self.member_2.id,
                    "company_id": self.company.id,
                    "session_id": self.first_session.id,
                    "pos_reference": "Order 00001-001-0009",
                    "amount": 20.0,
                    "expiry": fields.Datetime.now() + timedelta(minutes=5),
                }
            )
        with self.assertRaises(AccessError):
            hold.with_user(self.cashier).write({"amount": 0.0})
        with self.assertRaises(AccessError):
            hold.with_user(self.cashier).unlink()
        with self.assertRaises(AccessError):
            hold.with_user(self.cashier).read(["amount"])
        with self.assertRaises(AccessError):
            hold.with_user(self.cashier).action_customer_wallet_release()
        # wallet managers read them, and create none either
        self.assertEqual(hold.with_user(self.wallet_manager).amount, 30.0)
        with self.assertRaises(AccessError):
            self.Hold.with_user(self.wallet_manager).create(
                {
                    "partner_id": self.member_2.id,
                    "company_id": self.company.id,
                    "session_id": self.first_session.id,
                    "pos_reference": "Order 00001-001-0009",
                    "amount": 20.0,
                    "expiry": fields.Datetime.now() + timedelta(minutes=5),
                }
            )
        self.assertEqual(hold.amount, 30.0)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_holds_of_other_companies_are_not_read(self):
        self.ask(self.first_session, self.member_1, 30.0, "Order 00001-001-0001")
        company_2 = self.company_data_2["company"]
        other_manager = new_test_user(
            self.env,
            login="hold_other_manager",
            groups="base.group_user,account_customer_wallet.group_customer_wallet_manager",
            company_id=company_2.id,
            company_ids=[Command.set(company_2.ids)],
        )
        self.assertFalse(self.Hold.with_user(other_manager).search([]))
        self.assertEqual(len(self.Hold.with_user(self.wallet_manager).search([])), 1)

    # ------------------------------------------------------------------
    # Offline orders
    # ------------------------------------------------------------------

    def test_offline_order_is_flagged_held_order_is_not(self):
        # the first till asks for the whole wallet of member_2
        self.ask(self.first_session, self.member_2, 20.0, "Order 00001-001-0001")
        # an order of the second till taken offline arrives: kept, flagged
        offline = self.sync_in(
            self.second_session, "00002-001-0001", self.member_2, 15.0
        )
        self.assertEqual(offline.state, "paid")
        self.assertTrue(offline.customer_wallet_overdraft)
        self.assertEqual(self.balances(self.member_2), [-15.0])
        # the held order arrives: allowed under the lock, not flagged
        held = self.sync_in(self.first_session, "00001-001-0001", self.member_2, 20.0)
        self.assertEqual(held.state, "paid")
        self.assertFalse(held.customer_wallet_overdraft)
        self.assertFalse(self.holds())
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, -15.0])
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.member_2.id),
                ("user_id", "=", self.wallet_manager.id),
            ]
        )
        self.assertEqual(len(activities), 1)
        self.assertIn(offline.pos_reference, activities.note)

    def test_hold_smaller_than_the_order_does_not_cover_it(self):
        self.ask(self.first_session, self.member_2, 10.0, "Order 00001-001-0001")
        order = self.sync_in(self.first_session, "00001-001-0001", self.member_2, 30.0)
        self.assertTrue(order.customer_wallet_overdraft)
        self.assertFalse(self.holds())
        self.assertEqual(self.balances(self.member_2), [-10.0])

    def test_hold_for_another_wallet_does_not_cover_the_order(self):
        """The customer changed after the ask: the order was not allowed."""
        self.ask(self.first_session, self.member_1, 30.0, "Order 00001-001-0001")
        order = self.sync_in(self.first_session, "00001-001-0001", self.member_2, 30.0)
        self.assertTrue(order.customer_wallet_overdraft)
        self.assertFalse(self.holds())
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, -10.0])

    def test_offline_allowance_per_policy(self):
        """Without a hold, the wallet's limit is the allowance of every till."""
        for policy, uid, amount, flagged in (
            ("refuse", "00002-001-0001", 10.0, False),
            ("last_known", "00002-001-0002", 10.0, False),
            ("last_known", "00002-001-0003", 10.0, True),
        ):
            with self.subTest(policy=policy, uid=uid):
                self.second_config.customer_wallet_offline_policy = policy
                order = self.sync_in(self.second_session, uid, self.member_2, amount)
                self.assertEqual(order.customer_wallet_overdraft, flagged)
        self.assertEqual(self.balances(self.member_2), [-10.0])

    # ------------------------------------------------------------------
    # A hold cannot be hidden
    # ------------------------------------------------------------------

    def test_cashier_cannot_hide_a_hold_behind_another_order(self):
        """A paid order with the held reference would stop the hold counting."""
        reference = "Order 00001-001-0001"
        self.ask(self.first_session, self.member_1, 30.0, reference)
        paid = self.sync_in(self.first_session, "00001-001-0002", self.member_1, 10.0)
        self.pos_session, self.config = self.first_session, self.first_session.config_id
        cash = self.env["pos.order"].browse(
            self.sync(
                [(self.apples, 1)],
                customer=self.member_2,
                payments=[(self.cash_pm1, 10.0)],
                uid="00001-001-0003",
            )[0]["id"]
        )
        # a cash order of the other till with the same receipt number
        self.pos_session, self.config = self.second_session, self.second_config
        other = self.env["pos.order"].browse(
            self.sync(
                [(self.apples, 1)],
                customer=self.member_2,
                payments=[(self.cash_pm1, 10.0)],
                uid="00001-001-0001",
            )[0]["id"]
        )
        self.assertEqual(other.pos_reference, reference)
        self.assertEqual(self.balances(self.member_1, self.member_2), [60.0, 20.0])
        for order, vals in (
            (paid, {"pos_reference": reference}),
            (paid, {"pos_reference": "Order 00001-001-0009"}),
            (cash, {"pos_reference": reference}),
            (other, {"session_id": self.first_session.id}),
        ):
            with self.assertRaises(UserError):
                order.with_user(self.cashier).write(vals)
        self.env.invalidate_all()
        self.assertEqual(paid.pos_reference, "Order 00001-001-0002")
        self.assertEqual(other.session_id, self.second_session)
        self.assertEqual(len(self.holds(self.member_1)), 1)
        self.assertEqual(self.balances(self.member_1, self.member_2), [60.0, 20.0])

    def test_ask_for_another_wallet_keeps_the_hold(self):
        reference = "Order 00001-001-0001"
        self.ask(self.first_session, self.member_1, 30.0, reference)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        result = self.ask(self.first_session, self.member_2, 5.0, reference)
        self.assertFalse(result["allowed"])
        self.assertEqual(self.holds(self.member_1).amount, 30.0)
        self.assertFalse(self.holds(self.member_2))
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_order_of_another_till_does_not_consume_the_hold(self):
        self.ask(self.first_session, self.member_1, 30.0, "Order 00001-001-0001")
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        # same receipt number, other till, other wallet
        self.sync_in(self.second_session, "00001-001-0001", self.member_2, 10.0)
        self.assertEqual(self.holds(self.member_1).amount, 30.0)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 10.0])

    def test_session_not_open_cannot_ask(self):
        self.second_session.with_user(self.cashier).write({"state": "closing_control"})
        with self.assertRaises(UserError):
            self.ask(self.second_session, self.member_1, 30.0, "Order 00002-001-0001")
        self.assertFalse(self.holds())
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_wallet_method_outside_the_till_is_refused(self):
        other_method = self.env["pos.payment.method"].create(
            {
                "name": "Wallet of nobody's till",
                "journal_id": self.wallet_journal.id,
                "split_transactions": True,
                "company_id": self.company.id,
            }
        )
        with self.assertRaises(UserError):
            self.first_session.with_user(self.cashier).check_customer_wallet_debit(
                self.member_1.id, 30.0, other_method.id, "Order 00001-001-0001"
            )
        self.assertFalse(self.holds())
        self.pos_session, self.config = self.first_session, self.first_session.config_id
        data = self.create_ui_order_data(
            [(self.apples, 3)],
            customer=self.member_1,
            payments=[(other_method, 30.0)],
            uid="00001-001-0002",
        )
        with self.assertRaises(UserError):
            self.env["pos.order"].with_user(self.cashier).create_from_ui([data])
        self.assertFalse(
            self.env["pos.order"].search([("pos_reference", "=", data["data"]["name"])])
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
