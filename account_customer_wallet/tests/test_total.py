# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from odoo.addons.account_customer_wallet import uninstall_hook

from .. import sql
from .common import CustomerWalletCommon, ledger_differences


@tagged("post_install", "-at_install")
class TestCustomerWalletAggregate(CustomerWalletCommon):
    """The balances add up the posted wallet items as they are, at once.

    Nothing is stored besides the journal items: every change of an item or
    of a partner's wallet is in the next balance and the next search.
    """

    def _balances(self, *partners, company=None):
        """{partner name: balance} through the ledger, one query."""
        ledger = self.env["customer.wallet.ledger"]
        balances = ledger._balances(
            self.Partner.concat(*partners), company or self.company
        )
        return {
            partner.name: balances[partner.commercial_partner_id.id]
            for partner in partners
        }

    def _found(self, operator, value):
        return set(
            self.Partner.with_company(self.company)
            .search([("customer_wallet_balance", operator, value)])
            .mapped("name")
        ) & {"Alice Martin", "Bob Peeters", "Dupont household", "Claire Dupont"}

    def test_balances_follow_posting_draft_cancel_and_deletion(self):
        self._top_up(self.alice, 40.0)
        # a contact's items count in the wallet of her household
        self._wallet_entry(self.claire, 15.0)
        self.assertEqual(
            self._balances(self.alice, self.household, self.claire),
            {"Alice Martin": 40.0, "Dupont household": 15.0, "Claire Dupont": 15.0},
        )
        invoice = self._invoice(self.alice, 12.5)
        payment = self._register_payment(invoice)
        self.assertEqual(self._balances(self.alice), {"Alice Martin": 27.5})
        # a draft entry is not in the balance yet
        entry = self._wallet_entry(self.bob, 8.0, post=False)
        self.assertEqual(self._balances(self.bob), {"Bob Peeters": 0.0})
        entry.action_post()
        self.assertEqual(self._balances(self.bob), {"Bob Peeters": 8.0})
        self.assertEqual(
            self._found(">", 0.0),
            {"Alice Martin", "Bob Peeters", "Dupont household", "Claire Dupont"},
        )
        # reset to draft, cancelled, deleted: it drops out at once
        entry.button_draft()
        self.assertEqual(self._balances(self.bob), {"Bob Peeters": 0.0})
        self.assertNotIn("Bob Peeters", self._found(">", 0.0))
        self.assertIn("Bob Peeters", self._found("=", 0.0))
        entry.button_cancel()
        self.assertEqual(self._balances(self.bob), {"Bob Peeters": 0.0})
        entry.button_draft()
        entry.unlink()
        self.assertEqual(self._balances(self.bob), {"Bob Peeters": 0.0})
        # the payment reset to draft gives the money back to the wallet
        payment.action_draft()
        self.assertEqual(self._balances(self.alice), {"Alice Martin": 40.0})
        self.assertLedgerExact()

    def test_a_partner_takes_its_items_to_its_new_wallet(self):
        self._top_up(self.bob, 12.0)
        self._wallet_entry(self.claire, 5.0)
        self.assertEqual(self._found("=", 17.0), set())
        self.bob.parent_id = self.household
        self.assertEqual(
            self._balances(self.bob, self.household, self.claire),
            {"Bob Peeters": 17.0, "Dupont household": 17.0, "Claire Dupont": 17.0},
        )
        # the search and the order by balance read the move at once
        self.assertEqual(
            self._found("=", 17.0), {"Bob Peeters", "Dupont household", "Claire Dupont"}
        )
        ordered = (
            self.Partner.with_company(self.company)
            .search(
                [("id", "in", (self.alice | self.bob | self.household).ids)],
                order="customer_wallet_balance desc, id",
            )
            .mapped("name")
        )
        self.assertEqual(ordered, ["Bob Peeters", "Dupont household", "Alice Martin"])
        self.assertLedgerExact()
        # the household is no longer a company: each contact has its own wallet
        self.household.is_company = False
        self.bob.parent_id = False
        self.claire.parent_id = False
        self.assertEqual(
            self._balances(self.bob, self.claire, self.household),
            {"Bob Peeters": 12.0, "Claire Dupont": 5.0, "Dupont household": 0.0},
        )
        self.assertEqual(self._found("=", 12.0), {"Bob Peeters"})
        self.assertLedgerExact()

    def test_a_new_contact_with_items_and_a_deleted_wallet(self):
        household = self.Partner.create({"name": "Janssens", "is_company": True})
        # created with its first item in the same transaction
        dirk = self.Partner.create({"name": "Dirk Janssens", "parent_id": household.id})
        self._wallet_entry(dirk, 9.0)
        self.assertEqual(self._balances(household), {"Janssens": 9.0})
        # the wallet's partner goes: its contact keeps his items
        household.unlink()
        self.assertEqual(dirk.commercial_partner_id, dirk)
        self.assertEqual(self._balances(dirk), {"Dirk Janssens": 9.0})
        self.assertLedgerExact()

    def test_balances_read_the_items_as_the_database_has_them(self):
        move = self._top_up(self.alice, 30.0)
        line = move.line_ids.filtered(lambda ln: ln.account_id == self.wallet_account)
        self.env.flush_all()
        # as the partner merge wizard does: the items move to another partner
        self.env.cr.execute(
            "UPDATE account_move_line SET partner_id = %s WHERE id = %s",
            [self.bob.id, line.id],
        )
        self.env.invalidate_all()
        self.assertEqual(
            self._balances(self.alice, self.bob),
            {"Alice Martin": 0.0, "Bob Peeters": 30.0},
        )
        self.assertEqual(self._found(">", 0.0), {"Bob Peeters"})
        self.assertLedgerExact()
        self.env.cr.execute(
            "DELETE FROM account_move_line WHERE move_id = %s", [move.id]
        )
        self.env.invalidate_all()
        self.assertEqual(self._balances(self.bob), {"Bob Peeters": 0.0})
        self.assertEqual(self._found(">", 0.0), set())

    def test_another_companys_wallet_account_is_not_read(self):
        other = self.company_data_2["company"]
        other_wallet = self._make_wallet_account(other)
        counterpart = self.env["account.account"].create(
            {
                "name": "Other income",
                "code": "700100",
                "account_type": "income",
                "company_id": other.id,
            }
        )
        journal = self.env["account.journal"].create(
            {
                "name": "Other misc",
                "code": "OMISC",
                "type": "general",
                "company_id": other.id,
            }
        )
        self._top_up(self.alice, 10.0)
        self.env["account.move"].with_company(other).create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": other_wallet.id,
                            "partner_id": self.alice.id,
                            "credit": 6.0,
                        }
                    ),
                    Command.create({"account_id": counterpart.id, "debit": 6.0}),
                ],
            }
        ).action_post()
        # the other company has no wallet account yet: no balance there
        self.assertEqual(
            self._balances(self.alice, company=other), {"Alice Martin": 0.0}
        )
        other.customer_wallet_account_id = other_wallet
        # each company reads its own wallet account only
        self.assertEqual(self._balances(self.alice), {"Alice Martin": 10.0})
        self.assertEqual(
            self._balances(self.alice, company=other), {"Alice Martin": 6.0}
        )
        self.assertEqual(self._found("=", 10.0), {"Alice Martin"})
        self.assertEqual(ledger_differences(self.env, other), [])
        self.assertLedgerExact()

    def test_a_new_wallet_account_is_read_at_once(self):
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
        self.assertEqual(
            self._balances(self.alice, self.bob),
            {"Alice Martin": 10.0, "Bob Peeters": 0.0},
        )
        self.company.customer_wallet_account_id = other
        self.assertEqual(
            self._balances(self.alice, self.bob),
            {"Alice Martin": 0.0, "Bob Peeters": 7.0},
        )
        self.assertEqual(self._found(">", 0.0), {"Bob Peeters"})
        self.assertLedgerExact()
        self.company.customer_wallet_account_id = self.wallet_account
        self.assertEqual(
            self._balances(self.alice, self.bob),
            {"Alice Martin": 10.0, "Bob Peeters": 0.0},
        )
        self.assertLedgerExact()

    def test_the_balances_go_through_the_covering_index(self):
        """Reading a wallet does not read the whole journal: the query probes
        the covering index of the posted wallet items, without the table."""
        self._top_up(self.alice, 10.0)
        self.env.flush_all()
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(
            "EXPLAIN " + sql.POSTED_BALANCES,
            {
                "account": self.wallet_account.id,
                "company": self.company.id,
                "partners": sql.sql_id_array(self.alice.ids),
            },
        )
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute("SET LOCAL enable_seqscan = on")
        self.assertIn(
            "Index Only Scan using account_move_line_customer_wallet_idx", plan
        )

    def test_old_stored_totals_are_dropped(self):
        """The migration to 16.0.1.6.0 and the uninstall hook drop the
        triggers, functions and table of the stored totals of before."""
        cr = self.env.cr

        def leftovers():
            cr.execute(
                """
                SELECT 'trigger', tgname FROM pg_trigger
                 WHERE tgname LIKE 'customer_wallet_total%%'
                 UNION ALL
                SELECT 'function', proname FROM pg_proc
                 WHERE proname LIKE 'customer_wallet_total%%'
                 UNION ALL
                SELECT 'table', tablename FROM pg_tables
                 WHERE tablename = 'customer_wallet_total'
                 ORDER BY 1, 2
                """
            )
            return cr.fetchall()

        def install_old_totals():
            cr.execute("CREATE TABLE customer_wallet_total (partner_id integer)")
            for name in ("items", "partner"):
                cr.execute(
                    f"""
                    CREATE FUNCTION customer_wallet_total_{name}() RETURNS trigger
                    LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$
                    """
                )
            for name, table in (
                ("insert", "account_move_line"),
                ("update", "account_move_line"),
                ("delete", "account_move_line"),
                ("partner", "res_partner"),
            ):
                function = "partner" if name == "partner" else "items"
                cr.execute(
                    f"""
                    CREATE TRIGGER customer_wallet_total_{name}
                    AFTER {'UPDATE' if name == 'partner' else name.upper()}
                    ON {table} FOR EACH STATEMENT
                    EXECUTE FUNCTION customer_wallet_total_{function}()
                    """
                )

        self.assertEqual(leftovers(), [])
        install_old_totals()
        self.assertEqual(len(leftovers()), 7)
        migration = load_script(
            get_module_path("account_customer_wallet")
            + "/migrations/16.0.1.6.0/pre-migration.py",
            "account_customer_wallet_pre_16_0_1_6_0",
        )
        migration.migrate(cr, "16.0.1.5.0")
        self.assertEqual(leftovers(), [])
        install_old_totals()
        uninstall_hook(cr, self.registry)
        self.assertEqual(leftovers(), [])
