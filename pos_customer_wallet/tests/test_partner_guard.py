# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestPartnerWithPendingWalletOrders(PosCustomerWalletCommon):
    """A customer of wallet orders not booked yet, or whose wallet a till keeps
    money of, is archived, not deleted.

    member_1 starts with 100.00, member_2 with 20.00, no overdraft allowed.
    """

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        # what Odoo gives a new internal user by default
        cls.contact_user = cls.new_wallet_user(
            "pending_contact_user", "base.group_partner_manager"
        )
        cls.partner_wallet_manager = cls.new_wallet_user(
            "pending_wallet_manager",
            "base.group_partner_manager,"
            "account_customer_wallet.group_customer_wallet_manager",
        )
        cls.cashier = cls.new_wallet_user(
            "pending_cashier", "point_of_sale.group_pos_user"
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Member One's partner", "parent_id": cls.member_1.id}
        )
        # a new member: no wallet item yet
        cls.member_3 = cls.env["res.partner"].create({"name": "Member Three"})

    def setUp(self):
        super().setUp()
        self.start_wallet_session()

    def close_unbooked(self):
        """Close the session, then put its entry back to draft in the database
        (the addons refuse it; core refuses to delete any contact while a session is open;
        a closed session whose entry is not posted keeps its orders pending,
        see sql.PENDING_QUERY)."""
        session = self.close_session()
        self.env.flush_all()
        for query in (
            "UPDATE account_move SET state = 'draft' WHERE id = %s",
            "UPDATE account_move_line SET parent_state = 'draft' WHERE move_id = %s",
        ):
            self.env.cr.execute(query, [session.move_id.id])
        self.env.invalidate_all()
        self.assertFalse(
            self.env["pos.session"].search([("state", "!=", "closed")]),
            "no session is open: the refusals below are not core's",
        )
        return session

    def assert_unlink_refused(self, partner, user):
        with self.assertRaises(UserError) as caught:
            partner.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertTrue(partner.exists())
        return str(caught.exception)

    def test_contact_with_a_pending_wallet_payment_is_kept(self):
        order = self.env["pos.order"].browse(
            self.sync(
                [(self.apples, 3)],
                customer=self.contact,
                payments=[(self.wallet_pm, 30.0)],
            )[0]["id"]
        )
        session = self.close_unbooked()
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        message = self.assert_unlink_refused(self.contact, self.contact_user)
        self.assertIn(session.name, message)
        self.assertEqual(order.partner_id, self.contact)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        # archiving keeps the order's customer, and the debit
        self.contact.with_user(self.contact_user).action_archive()
        self.assertFalse(self.contact.active)
        self.assertEqual(order.partner_id, self.contact)
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])
        # once the entry is posted, the debit is the member's wallet item: the
        # contact may go
        session.move_id.with_user(self.contact_user).sudo().action_post()
        self.contact.with_user(self.contact_user).unlink()
        self.assertFalse(self.contact.exists())
        self.assertEqual(self.balances(self.member_1, self.member_2), [70.0, 20.0])

    def test_new_member_with_a_pending_top_up_is_kept(self):
        self.sync(
            [(self.top_up_product, 50)],
            customer=self.member_3,
            payments=[(self.cash_pm1, 50.0)],
        )
        session = self.close_unbooked()
        self.assertEqual(self.balances(self.member_1, self.member_3), [100.0, 50.0])
        # even a wallet manager, who may delete a wallet without items
        message = self.assert_unlink_refused(self.member_3, self.partner_wallet_manager)
        self.assertIn(session.name, message)
        self.assertEqual(self.balances(self.member_1, self.member_3), [100.0, 50.0])

    def test_household_whose_wallet_a_hold_keeps_money_of_is_kept(self):
        household = self.env["res.partner"].create(
            {"name": "Household", "is_company": True}
        )
        member = self.env["res.partner"].create(
            {"name": "Household member", "parent_id": household.id}
        )
        self._wallet_deposit(member, 30.0)
        result = self.pos_session.with_user(self.cashier).check_customer_wallet_debit(
            member.id, 10.0, self.wallet_pm.id, "Order 00300-001-0001"
        )
        self.assertTrue(result["allowed"])
        self.assertEqual(self.balances(household, self.member_1), [20.0, 100.0])
        session = self.pos_session
        Hold = self.env["customer.wallet.hold"]
        # the closing releases the session's holds; one left over (by the
        # version of the addon before) still counts
        self.close_session()
        self.assertEqual(self.balances(household, self.member_1), [30.0, 100.0])
        Hold._customer_wallet_hold(session, household, "Order 00300-001-0001", 10.0)
        self.assertEqual(self.balances(household, self.member_1), [20.0, 100.0])
        message = self.assert_unlink_refused(household, self.partner_wallet_manager)
        self.assertIn(session.name, message)
        self.assertEqual(self.balances(household, self.member_1), [20.0, 100.0])
        # released, the household goes and its member keeps the money
        hold = Hold.search([("partner_id", "=", household.id)])
        hold.with_user(self.partner_wallet_manager).action_customer_wallet_release()
        household.with_user(self.partner_wallet_manager).unlink()
        self.assertFalse(household.exists())
        self.assertEqual(self.balances(member, self.member_1), [30.0, 100.0])
