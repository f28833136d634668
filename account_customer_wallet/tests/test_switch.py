# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

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

    def test_our_database_is_left_alone(self):
        cr = self.env.cr
        data = self._module_data()
        self.assertFalse(switch.comes_from_coop_it_easy(cr))
        self.assertFalse(switch.portal_installed(cr))
        self.assertFalse(switch.pre_migrate(cr, "16.0.1.4.0"))
        self.assertFalse(switch.post_migrate(self.env))
        self.assertEqual(self._module_data(), data)
        self.assertTrue(self._enabled())
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
        self.env.flush_all()
        # the clerk topped up Alice's wallet from the backend with their module
        cr.execute(
            "UPDATE account_move_line SET create_uid = %s"
            " WHERE partner_id = %s AND account_id = %s",
            [clerk.id, self.alice.id, self.wallet_account.id],
        )
        cr.execute(
            "DELETE FROM ir_model_data WHERE module = 'account_customer_wallet'"
            " AND name = 'group_customer_wallet_user'"
        )
        cr.execute("UPDATE res_company SET customer_wallet_enabled = NULL")
        self.assertTrue(switch.comes_from_coop_it_easy(cr))
        self.assertTrue(switch.pre_migrate(cr, "16.0.1.0.1"))
        # wallets on where the wallet account is set
        self.assertTrue(self._enabled())
        manager = self.env.ref("account_customer_wallet.group_customer_wallet_manager")
        self.assertNotIn(clerk, manager.users)
        given = switch.post_migrate(self.env)
        self.assertIn(clerk, given)
        self.assertNotIn(reader, given)
        self.assertIn(clerk, manager.users)
        self.assertNotIn(reader, manager.users)
        self.assertTrue(clerk.has_group(manager.get_external_id()[manager.id]))
        self.assertFalse(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("account_customer_wallet.switched_from")
        )
        self.assertEqual(self._balances(), [25.0, 0.0, 12.5])
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
