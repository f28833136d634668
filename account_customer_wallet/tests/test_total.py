# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests import tagged

from odoo.addons.account_customer_wallet import uninstall_hook

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletTotal(CustomerWalletCommon):
    """The stored totals follow every change of the posted wallet items."""

    def _totals(self, account=None):
        """{partner name: stored total} on the wallet account."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT partner.name, total.balance
              FROM customer_wallet_total total
              JOIN res_partner partner ON partner.id = total.partner_id
             WHERE total.account_id = %s AND total.balance != 0
            """,
            [(account or self.wallet_account).id],
        )
        return {name: float(balance) for name, balance in self.env.cr.fetchall()}

    def assertNoDrift(self):
        self.assertEqual(self.env["customer.wallet.total"]._customer_wallet_drift(), [])

    def test_totals_follow_posting_draft_and_cancel(self):
        self._top_up(self.alice, 40.0)
        # a contact's items count for the wallet of her household
        self._wallet_entry(self.claire, 15.0)
        self.assertEqual(
            self._totals(), {"Alice Martin": -40.0, "Dupont household": -15.0}
        )
        invoice = self._invoice(self.alice, 12.5)
        payment = self._register_payment(invoice)
        self.assertEqual(self._totals()["Alice Martin"], -27.5)
        # a draft entry is not in the total yet
        entry = self._wallet_entry(self.bob, 8.0, post=False)
        self.assertNotIn("Bob Peeters", self._totals())
        entry.action_post()
        self.assertEqual(self._totals()["Bob Peeters"], -8.0)
        entry.button_draft()
        self.assertNotIn("Bob Peeters", self._totals())
        entry.button_cancel()
        self.assertNotIn("Bob Peeters", self._totals())
        # the payment reset to draft gives the money back to the wallet
        payment.action_draft()
        self.assertEqual(self._totals()["Alice Martin"], -40.0)
        self.assertNoDrift()
        # the balance of a family adds up the totals of its members
        self.assertAmount(self._balance(self.household), 15.0)
        self.assertAmount(self._balance(self.claire), 15.0)

    def test_a_partner_takes_its_items_to_its_new_wallet(self):
        self._top_up(self.bob, 12.0)
        self._wallet_entry(self.claire, 5.0)
        self.assertEqual(
            self._totals(), {"Bob Peeters": -12.0, "Dupont household": -5.0}
        )
        self.bob.parent_id = self.household
        self.assertEqual(self._totals(), {"Dupont household": -17.0})
        self.assertAmount(self._balance(self.bob), 17.0)
        self.assertNoDrift()
        # the household is no longer a company: each contact has its own wallet
        self.household.is_company = False
        self.bob.parent_id = False
        self.claire.parent_id = False
        self.assertEqual(self._totals(), {"Bob Peeters": -12.0, "Claire Dupont": -5.0})
        self.assertNoDrift()

    def test_a_new_contact_with_items_and_a_deleted_wallet(self):
        household = self.Partner.create({"name": "Janssens", "is_company": True})
        # created with its first item in the same transaction
        dirk = self.Partner.create({"name": "Dirk Janssens", "parent_id": household.id})
        self._wallet_entry(dirk, 9.0)
        self.assertEqual(self._totals().get("Janssens"), -9.0)
        self.assertNoDrift()
        # the wallet's partner goes: its contact keeps his items
        household.unlink()
        self.assertEqual(self._totals().get("Dirk Janssens"), -9.0)
        self.assertNotIn("Janssens", self._totals())
        self.assertNoDrift()

    def test_totals_follow_changes_made_in_sql(self):
        move = self._top_up(self.alice, 30.0)
        line = move.line_ids.filtered(lambda ln: ln.account_id == self.wallet_account)
        # as the partner merge wizard does: the items move to another partner
        self.env.cr.execute(
            "UPDATE account_move_line SET partner_id = %s WHERE id = %s",
            [self.bob.id, line.id],
        )
        self.assertEqual(self._totals(), {"Bob Peeters": -30.0})
        self.env.cr.execute(
            "DELETE FROM account_move_line WHERE move_id = %s", [move.id]
        )
        self.assertEqual(self._totals(), {})
        self.env.invalidate_all()
        self.assertAmount(self._balance(self.bob), 0.0)
        self.assertNoDrift()

    def test_balances_and_search_read_the_totals(self):
        self._top_up(self.alice, 20.0)
        self.env.flush_all()
        # a total that no longer matches its items: the balance shows it, and
        # the drift check finds it
        self.env.cr.execute(
            "UPDATE customer_wallet_total SET balance = balance - 5 "
            "WHERE partner_id = %s",
            [self.alice.id],
        )
        self.assertAmount(self._balance(self.alice), 25.0)
        self.assertIn(
            self.alice, self.Partner.search([("customer_wallet_balance", ">", 22.0)])
        )
        drift = self.env["customer.wallet.total"]._customer_wallet_drift()
        self.assertEqual(
            [
                (pid, aid, float(total), float(ledger))
                for pid, aid, total, ledger in drift
            ],
            [(self.alice.id, self.wallet_account.id, -25.0, -20.0)],
        )
        # rebuilding recomputes them from the journal items
        self.env["customer.wallet.total"]._customer_wallet_rebuild()
        self.assertAmount(self._balance(self.alice), 20.0)
        self.assertNoDrift()

    def test_new_wallet_account_is_added_up(self):
        self._top_up(self.alice, 10.0)
        other = self.env["account.account"].create(
            {
                "name": "Member prepayments",
                "code": "209800",
                "account_type": "liability_current",
                "company_id": self.company.id,
            }
        )
        # items booked before the account becomes the wallet account
        self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.misc_journal.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": other.id,
                            "partner_id": self.bob.id,
                            "credit": 7.0,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.company_data[
                                "default_account_revenue"
                            ].id,
                            "debit": 7.0,
                        }
                    ),
                ],
            }
        ).action_post()
        self.assertEqual(self._totals(other), {})
        self.company.customer_wallet_account_id = other
        self.assertEqual(self._totals(other), {"Bob Peeters": -7.0})
        self.assertAmount(self._balance(self.bob), 7.0)
        self.assertAmount(self._balance(self.alice), 0.0)
        self.assertNoDrift()
        self.company.customer_wallet_account_id = self.wallet_account
        self.assertEqual(self._totals(), {"Alice Martin": -10.0})
        self.assertAmount(self._balance(self.bob), 0.0)
        self.assertNoDrift()

    def test_uninstall_hook_drops_the_triggers(self):
        def triggers():
            self.env.cr.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'customer_wallet%%' "
                "ORDER BY tgname"
            )
            return [row[0] for row in self.env.cr.fetchall()]

        names = [
            "customer_wallet_total_delete",
            "customer_wallet_total_insert",
            "customer_wallet_total_partner",
            "customer_wallet_total_update",
        ]
        self.assertEqual(triggers(), names)
        uninstall_hook(self.env.cr, self.registry)
        self.assertEqual(triggers(), [])
        # journal items can still be written without the table's triggers
        self._top_up(self.alice, 5.0)
        # reinstalling (or updating) recreates them and adds everything up
        self.env["customer.wallet.total"].init()
        self.assertEqual(triggers(), names)
        self.assertEqual(self._totals(), {"Alice Martin": -5.0})
