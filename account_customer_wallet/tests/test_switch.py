# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests import new_test_user, tagged

from .. import switch
from .common import CustomerWalletCommon

THEIR_PORTAL_ARCH = """
<xpath expr="//div[hasclass('o_portal_my_home')]" position="inside">
    <div id="their_wallet_block"/>
</xpath>
"""


@tagged("post_install", "-at_install")
class TestCustomerWalletSwitch(CustomerWalletCommon):
    """The migration from Coop IT Easy's module (switch.py), run on this
    database: it recognises ours and leaves it alone, and does its work where
    their traces are."""

    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        cls._top_up(cls.alice, 25.0)
        cls._top_up(cls.claire, 12.5)

    def _module_data(self):
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT module, name, model, res_id FROM ir_model_data
             WHERE module IN ('account_customer_wallet', 'portal_customer_wallet')
          ORDER BY id
            """
        )
        return self.env.cr.fetchall()

    def _enabled(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT customer_wallet_enabled FROM res_company WHERE id = %s",
            [self.company.id],
        )
        return self.env.cr.fetchone()[0]

    def _balances(self):
        return [self._balance(p) for p in (self.alice, self.bob, self.household)]

    def _sql(self, query, params=None):
        self.env.flush_all()
        self.env.cr.execute(query, params or [])
        self.env.invalidate_all()

    def _disable_wallets(self):
        """A company with a wallet account whose wallets are switched off:
        the switch's pre-migration would switch them on."""
        self._sql(
            "UPDATE res_company SET customer_wallet_enabled = FALSE WHERE id = %s",
            [self.company.id],
        )
        self.assertFalse(self._enabled())

    def _their_traces(self):
        """What their module leaves: no group of ours, its version, its
        field res.partner.account_move_line_ids."""
        self._sql(
            "DELETE FROM ir_model_data WHERE module = 'account_customer_wallet'"
            " AND name = 'group_customer_wallet_user'"
        )
        self._sql(
            "UPDATE ir_module_module SET latest_version = '16.0.1.0.1'"
            " WHERE name = 'account_customer_wallet'"
        )
        self._sql(
            """
            INSERT INTO ir_model_fields
                   (name, model, model_id, field_description, ttype, state)
            SELECT 'account_move_line_ids', 'res.partner', id,
                   '{"en_US": "Journal Items"}', 'one2many', 'base'
              FROM ir_model WHERE model = 'res.partner'
            """
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
        cr = self.env.cr
        self._disable_wallets()
        data = self._module_data()
        self.assertFalse(switch.comes_from_coop_it_easy(cr))
        self.assertFalse(switch.portal_installed(cr))
        self.assertFalse(switch.pre_migrate(cr, "16.0.1.4.0"))
        self.assertFalse(switch.post_migrate(self.env))
        self.assertEqual(self._module_data(), data)
        self.assertFalse(self._enabled())
        self.assertEqual(self._balances(), [25.0, 0.0, 12.5])

    def test_no_trace_of_theirs_no_switch(self):
        """Our group's xmlid missing is not enough: without a trace of their
        module (its version, its schema), the database is ours."""
        cr = self.env.cr
        self._disable_wallets()
        self._sql(
            "DELETE FROM ir_model_data WHERE module = 'account_customer_wallet'"
            " AND name = 'group_customer_wallet_user'"
        )
        self.assertFalse(switch.comes_from_coop_it_easy(cr))
        self.assertFalse(switch.pre_migrate(cr, "16.0.1.4.0"))
        self.assertFalse(self._enabled())
        self.assertEqual(self._balances(), [25.0, 0.0, 12.5])

    def test_their_database_is_switched(self):
        cr = self.env.cr
        # their module: no groups, no switch to enable wallets
        clerk = new_test_user(
            self.env,
            login="their_billing_clerk",
            groups="base.group_user,account.group_account_invoice",
        )
        reader = new_test_user(
            self.env,
            login="their_billing_reader",
            groups="base.group_user,account.group_account_invoice",
        )
        salesman = new_test_user(
            self.env, login="their_salesman", groups="base.group_user"
        )
        wizard_clerk = new_test_user(
            self.env,
            login="their_wizard_clerk",
            groups="base.group_user,account.group_account_invoice",
        )
        # the clerk topped up Alice's wallet on the wallet journal with their
        # module; the salesman, not a billing user, posted an entry there too;
        # the reader only created (did not post) it; the wizard clerk created
        # one posted at once (no change of state tracked), on the bank journal
        top_up = self._wallet_entry(self.alice, 5.0, journal=self.wallet_journal)
        self._posted_by(top_up, clerk)
        other = self._wallet_entry(self.claire, 2.5, journal=self.wallet_journal)
        self._posted_by(other, salesman)
        at_once = self._wallet_entry(self.bob, 1.0, journal=self.bank_journal)
        for move, user in ((other, reader), (at_once, wizard_clerk)):
            self._sql(
                "UPDATE account_move SET create_uid = %s WHERE id = %s",
                [user.id, move.id],
            )
        self._their_traces()
        self._sql("UPDATE res_company SET customer_wallet_enabled = NULL")
        self.assertTrue(switch.comes_from_coop_it_easy(cr))
        self.assertTrue(switch.pre_migrate(cr, "16.0.1.0.1"))
        # wallets on where the wallet account is set
        self.assertTrue(self._enabled())
        manager = self.env.ref("account_customer_wallet.group_customer_wallet_manager")
        self.assertNotIn(clerk, manager.users)
        given = switch.post_migrate(self.env)
        self.assertEqual(given, clerk | wizard_clerk)
        self.assertIn(clerk, manager.users)
        self.assertIn(wizard_clerk, manager.users)
        self.assertNotIn(reader, manager.users)
        self.assertNotIn(salesman, manager.users)
        self.assertTrue(clerk.has_group(manager.get_external_id()[manager.id]))
        self.assertFalse(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("account_customer_wallet.switched_from")
        )
        self.assertEqual(self._balances(), [30.0, 1.0, 15.0])
        # once switched, the post-migration does not run again
        self.assertFalse(switch.post_migrate(self.env))

    def test_their_portal_module_is_merged(self):
        cr = self.env.cr
        self.env["ir.module.module"].create(
            {"name": "portal_customer_wallet", "state": "installed"}
        )
        view = self.env["ir.ui.view"].create(
            {
                "name": "their portal block",
                "type": "qweb",
                "inherit_id": self.env.ref("portal.portal_my_home").id,
                "arch": THEIR_PORTAL_ARCH,
            }
        )
        tag = self.env["res.partner.category"].create({"name": "their tag"})
        self.env["ir.model.data"].create(
            [
                {
                    "module": "portal_customer_wallet",
                    "name": "portal_my_home",
                    "model": "ir.ui.view",
                    "res_id": view.id,
                },
                {
                    "module": "portal_customer_wallet",
                    "name": "their_tag",
                    "model": "res.partner.category",
                    "res_id": tag.id,
                },
            ]
        )
        ours = [
            row for row in self._module_data() if row[0] != "portal_customer_wallet"
        ]
        self.assertTrue(switch.portal_installed(cr))
        # our database: only the portal module is merged
        self.assertFalse(switch.pre_migrate(cr, "16.0.1.4.0"))
        self.env.invalidate_all()
        self.assertFalse(view.exists())
        self.assertEqual(
            self.env["ir.module.module"]
            .search([("name", "=", "portal_customer_wallet")])
            .state,
            "uninstalled",
        )
        self.assertFalse(switch.portal_installed(cr))
        self.assertEqual(
            self._module_data(),
            ours
            + [
                ("account_customer_wallet", "their_tag", "res.partner.category", tag.id)
            ],
        )
        self.assertEqual(self._balances(), [25.0, 0.0, 12.5])
