# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import Command
from odoo.tests import tagged

from .common import CustomerWalletCommon


@tagged("post_install", "-at_install")
class TestCustomerWalletPerformance(CustomerWalletCommon):
    @classmethod
    def setUpClass(cls, chart_template_ref=None):
        super().setUpClass(chart_template_ref=chart_template_ref)
        # 2 000 members, inserted in SQL (the ORM would take a minute); the
        # speed at 100 000 members is measured by make bench, not here.
        cls.env.flush_all()
        # Copies of one member created by the ORM, so that every column other
        # addons add (and require) gets its default value.
        model = cls.Partner.create({"name": "Member 0"})
        cls.env.flush_all()
        cls.env.cr.execute(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'res_partner'
               AND column_name NOT IN ('id', 'name', 'display_name')
            """
        )
        columns = ", ".join('"%s"' % row[0] for row in cls.env.cr.fetchall())
        cls.env.cr.execute(
            f"""
            INSERT INTO res_partner (name, display_name, {columns})
            SELECT 'Member ' || n, 'Member ' || n, {columns}
              FROM res_partner, generate_series(1, 2000) AS n
             WHERE res_partner.id = %s
         RETURNING id
            """,
            [model.id],
        )
        ids = sorted(row[0] for row in cls.env.cr.fetchall())
        cls.env.cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
            [ids],
        )
        cls.members = cls.Partner.browse(ids)
        # 50 of them get a top-up of n cents in one entry
        cls.topped_up = cls.members[:50]
        revenue = cls.company_data["default_account_revenue"]
        total = sum(range(1, 51)) / 100
        cls.env["account.move"].create(
            {
                "journal_id": cls.misc_journal.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": cls.wallet_account.id,
                            "partner_id": partner.id,
                            "credit": (index + 1) / 100,
                        }
                    )
                    for index, partner in enumerate(cls.topped_up)
                ]
                + [Command.create({"account_id": revenue.id, "debit": total})],
            }
        ).action_post()

    def _warm_up(self):
        """Invalidate the cache, then read the company settings once."""
        self.env.invalidate_all()
        self.env.flush_all()
        self.company.customer_wallet_account_id.id  # pylint: disable=pointless-statement
        self.company.currency_id.decimal_places  # pylint: disable=pointless-statement
        # the user's right to read balances, cached once per user
        self.Partner.check_field_access_rights("read", ["customer_wallet_balance"])

    def _count_queries(self, partners):
        self._warm_up()
        partners = partners.with_env(self.env)
        before = self.cr.sql_log_count
        balances = self.env["customer.wallet.ledger"]._balances(partners, self.company)
        return self.cr.sql_log_count - before, balances

    def test_balances_of_2000_partners_in_constant_queries(self):
        few_count, few = self._count_queries(self.members[:10])
        all_count, balances = self._count_queries(self.members)
        self.assertEqual(all_count, few_count)
        # commercial partners, posted balances, and one query for each addon
        # adding pending amounts (pos_customer_wallet): a small constant
        self.assertLessEqual(all_count, 4)
        self.assertEqual(len(balances), 2000)
        self.assertEqual(balances[self.members[0].id], 0.01)
        self.assertEqual(balances[self.members[49].id], 0.5)
        self.assertEqual(balances[self.members[50].id], 0.0)
        self.assertEqual(few[self.members[9].id], 0.1)

    def test_search_on_2000_partners_in_constant_queries(self):
        self._warm_up()
        before = self.cr.sql_log_count
        self.Partner._search_customer_wallet_balance(">=", 0.25)
        count = self.cr.sql_log_count - before
        self.assertLessEqual(count, 2)
        found = self.Partner.search(
            [("id", "in", self.members.ids), ("customer_wallet_balance", ">=", 0.25)]
        )
        self.assertEqual(found, self.topped_up[24:])
        zero = self.Partner.search_count(
            [("id", "in", self.members.ids), ("customer_wallet_balance", "=", 0)]
        )
        self.assertEqual(zero, 1950)
