# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestSessionEntry(PosCustomerWalletCommon):
    def test_only_the_closing_posts_its_entry_below_the_limit(self):
        """The closing posts an offline overdraft; posting it again is checked."""
        self.start_wallet_session()
        self.sync(
            [(self.apples, 3)],
            customer=self.member_2,
            payments=[(self.wallet_pm, 30)],
            uid="00100-010-0021",
        )
        self.close_session()
        move = self.pos_session.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, -10.0])
        billing = new_test_user(
            self.env,
            login="session_entry_billing",
            groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        for user in (billing, self.env.user):
            for action in ("button_draft", "button_cancel"):
                with self.subTest(user=user.login, action=action):
                    with self.assertRaisesRegex(UserError, "reverse it"):
                        getattr(move.with_user(user), action)()
            with self.assertRaisesRegex(UserError, "reverse it"):
                move.with_user(user).write({"state": "draft"})
        self.assertEqual(move.state, "posted")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, -10.0])
        # reversing it gives the 30.00 back: a credit, for wallet managers only
        with self.assertRaises(AccessError):
            move.with_user(billing)._reverse_moves(cancel=True)
        move._reverse_moves(cancel=True)
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])
