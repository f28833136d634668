# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.account_customer_wallet import switch as account_switch

from .. import switch
from .common import PosCustomerWalletCommon


@tagged("post_install", "-at_install")
class TestPosCustomerWalletSwitch(PosCustomerWalletCommon):
    """The point of sale's part of the migration from Coop IT Easy's module
    (switch.py): a no-op on this database, the wallet payment methods made
    what these addons require where they are not."""

    def _sql(self, query, params=None):
        self.env.flush_all()
        self.env.cr.execute(query, params or [])
        self.env.invalidate_all()

    def _their_database(self):
        """What their modules leave (see account_customer_wallet's
        test_switch): no group of ours, their version, their field."""
        self._sql(
            "DELETE FROM ir_model_data WHERE module = 'account_customer_wallet'"
            " AND name = 'group_customer_wallet_user'"
        )
        self._sql(
            "UPDATE ir_module_module SET latest_version = '16.0.1.0.1'"
            " WHERE name = 'account_customer_wallet'"
        )
        self._sql("UPDATE res_company SET customer_wallet_enabled = NULL")
        self._sql(
            """
            INSERT INTO ir_model_fields
                   (name, model, model_id, field_description, ttype, state)
            SELECT 'account_move_line_ids', 'res.partner', id,
                   '{"en_US": "Journal Items"}', 'one2many', 'base'
              FROM ir_model WHERE model = 'res.partner'
            """
        )
        self.assertTrue(account_switch.comes_from_coop_it_easy(self.env.cr))

    def _switch_mark(self):
        """The mark account_customer_wallet's pre-migration leaves."""
        self._sql(account_switch.SET_SWITCH_MARK, {"version": "16.0.1.0.1"})

    def _untouched(self):
        """Nothing of the switch written: wallets not enabled, no mark."""
        self.env.cr.execute("SELECT customer_wallet_enabled FROM res_company")
        self.assertEqual({row[0] for row in self.env.cr.fetchall()}, {None})
        self.assertFalse(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("account_customer_wallet.switched_from")
        )

    def _posted_by(self, move, user):
        """The trace of ``user`` posting ``move``: the tracking of its state."""
        state = self.env["ir.model.fields"]._get("account.move", "state")
        message = self.env["mail.message"].create(
            {
                "model": "account.move",
                "res_id": move.id,
                "message_type": "notification",
                "tracking_value_ids": [
                    Command.create(
                        {
                            "field": state.id,
                            "field_desc": "Status",
                            "field_type": "selection",
                            "old_value_char": "Draft",
                            "new_value_char": "Posted",
                        }
                    )
                ],
            }
        )
        self._sql(
            "UPDATE mail_message SET create_uid = %s WHERE id = %s",
            [user.id, message.id],
        )

    def test_our_database_is_left_alone(self):
        session = self.start_wallet_session()
        # even a wallet method not identifying the customer is left as it is
        # in our database (no mark of the switch)
        self._sql(
            "UPDATE pos_payment_method SET split_transactions = FALSE WHERE id = %s",
            [self.wallet_pm.id],
        )
        self.assertEqual(switch.pre_migrate(self.env.cr, "16.0.1.3.0"), ([], []))
        self.env.invalidate_all()
        self.assertEqual(self.wallet_journal.type, "bank")
        self.assertFalse(self.wallet_pm.split_transactions)
        self.assertFalse(self.wallet_pm.is_cash_count)
        self.assertEqual(session.state, "opened")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_wallet_method_identifies_the_customer(self):
        # their setup let a wallet payment method leave the customer out; the
        # method is what counts, not its journal
        self._sql(
            "UPDATE pos_payment_method SET split_transactions = FALSE WHERE id = %s",
            [self.wallet_pm.id],
        )
        self._sql(
            "UPDATE account_journal SET is_customer_wallet_journal = FALSE"
            " WHERE id = %s",
            [self.wallet_journal.id],
        )
        self._switch_mark()
        methods, journals = switch.pre_migrate(self.env.cr, "16.0.1.0.0")
        self.assertEqual((methods, journals), ([self.wallet_pm.name], []))
        self.assertTrue(self.wallet_pm.split_transactions)
        self.assertFalse(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("account_customer_wallet.switched_from")
        )
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def _cash_wallet_journal(self):
        """Their setup allowed a wallet payment method on a cash journal."""
        self._sql(
            "UPDATE account_journal SET type = 'cash' WHERE id = %s",
            [self.wallet_journal.id],
        )
        self._sql(
            "UPDATE pos_payment_method SET is_cash_count = TRUE WHERE id = %s",
            [self.wallet_pm.id],
        )

    def test_cash_wallet_journal_becomes_a_bank_journal(self):
        self.basic_config.payment_method_ids |= self.wallet_pm
        self._cash_wallet_journal()
        self._switch_mark()
        self.assertEqual(
            switch.pre_migrate(self.env.cr, "16.0.1.0.0"),
            ([], [self.wallet_journal.name]),
        )
        self.env.invalidate_all()
        self.assertEqual(self.wallet_journal.type, "bank")
        self.assertFalse(self.wallet_pm.is_cash_count)
        # a wallet payment method as these addons want it, closing included
        session = self.start_wallet_session()
        self.sync(
            [(self.apples, 1)],
            customer=self.member_1,
            payments=[(self.wallet_pm, 10.0)],
        )
        self.close_session(session)
        self.assertEqual(self.balances(self.member_1, self.member_2), [90.0, 20.0])

    def test_cash_wallet_journal_with_an_open_session_stops_the_update(self):
        session = self.start_wallet_session()
        self._cash_wallet_journal()
        self._their_database()
        # account_customer_wallet's pre-migration, the first step of the
        # switch, stops before writing anything
        with self.assertRaises(UserError) as caught:
            account_switch.pre_migrate(self.env.cr, "16.0.1.0.1")
        self.assertIn(session.name, str(caught.exception))
        self.assertIn(self.wallet_journal.name, str(caught.exception))
        self._untouched()
        # the point of sale's own check stays as a second line
        self._switch_mark()
        with self.assertRaises(UserError):
            switch.pre_migrate(self.env.cr, "16.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.wallet_journal.type, "cash")
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 20.0])

    def test_taxed_top_up_product_stops_the_update(self):
        # a top-up sold untaxed in a session still open can be closed: the
        # product is what to change
        session = self.start_wallet_session()
        self.sync(
            [(self.top_up_product, 15)],
            customer=self.member_2,
            payments=[(self.cash_pm1, 15.0)],
        )
        tax = self.env["account.tax"].create(
            {"name": "Their sales tax", "amount": 21.0, "company_id": self.company.id}
        )
        # their setup allowed it (ours refuses it)
        self._sql(
            "INSERT INTO product_taxes_rel (prod_id, tax_id) VALUES (%s, %s)",
            [self.top_up_product.product_tmpl_id.id, tax.id],
        )
        self._their_database()
        with self.assertRaises(UserError) as caught:
            account_switch.pre_migrate(self.env.cr, "16.0.1.0.1")
        self.assertIn(self.top_up_product.name, str(caught.exception))
        self.assertNotIn(session.name, str(caught.exception))
        self._untouched()
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 35.0])

    def test_open_session_with_a_taxed_top_up_stops_the_update(self):
        session = self.start_wallet_session()
        self.sync(
            [(self.top_up_product, 15)],
            customer=self.member_2,
            payments=[(self.cash_pm1, 15.0)],
        )
        # their till taxed it (the product is untaxed since)
        tax = self.env["account.tax"].create(
            {"name": "Their sales tax", "amount": 21.0, "company_id": self.company.id}
        )
        self._sql(
            "INSERT INTO account_tax_pos_order_line_rel"
            " (pos_order_line_id, account_tax_id) VALUES (%s, %s)",
            [session.order_ids.lines.id, tax.id],
        )
        self._their_database()
        with self.assertRaises(UserError) as caught:
            account_switch.pre_migrate(self.env.cr, "16.0.1.0.1")
        self.assertIn(session.name, str(caught.exception))
        self._untouched()
        self.assertEqual(self.balances(self.member_1, self.member_2), [100.0, 35.0])

    def test_cashier_is_not_made_wallet_manager(self):
        """Their closing booked each wallet payment as a payment of the
        session, created and posted by the cashier: not a backend move."""
        cashier = self.new_wallet_user("their_cashier", "point_of_sale.group_pos_user")
        billing_cashier = self.new_wallet_user(
            "their_billing_cashier",
            "point_of_sale.group_pos_user,account.group_account_invoice",
        )
        session = self.start_wallet_session()
        receivable = (
            self.env["res.partner"]
            ._find_accounting_partner(self.member_1)
            .property_account_receivable_id
        )
        for user, partner, amount in (
            (cashier, self.member_1, 10.0),
            (billing_cashier, self.member_2, 5.0),
        ):
            payment = (
                self.env(user=user, su=True)["account.payment"]
                .with_context(tracking_disable=False, mail_notrack=False)
                .create(
                    {
                        "amount": amount,
                        "partner_id": partner.id,
                        "journal_id": self.wallet_journal.id,
                        "force_outstanding_account_id": self.wallet_account.id,
                        "destination_account_id": receivable.id,
                        "pos_payment_method_id": self.wallet_pm.id,
                        "pos_session_id": session.id,
                    }
                )
            )
            payment.action_post()
            self._posted_by(payment.move_id, user)
        self.assertEqual(self.balances(self.member_1, self.member_2), [90.0, 15.0])
        self._switch_mark()
        given = account_switch.post_migrate(self.env)
        self.assertFalse(given)
        # billing implies wallet user, nothing more
        self.assertFalse(
            cashier.has_group("account_customer_wallet.group_customer_wallet_user")
        )
        for user in (cashier, billing_cashier):
            self.assertFalse(
                user.has_group("account_customer_wallet.group_customer_wallet_manager")
            )
        self.assertEqual(self.balances(self.member_1, self.member_2), [90.0, 15.0])
