# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCustomerWalletConcurrency(TransactionCase):
    """Two transactions debit one wallet at the same time, each committing.

    The data is committed by the set-up (the transactions must see it) and
    removed by the clean-up.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            self.saved_config = {
                "customer_wallet_enabled": company.customer_wallet_enabled,
                "customer_wallet_account_id": company.customer_wallet_account_id.id,
            }
            wallet = env["account.account"].create(
                {
                    "name": "Concurrency wallets",
                    "code": "WALCONC1",
                    "account_type": "liability_current",
                }
            )
            other = env["account.account"].create(
                {
                    "name": "Concurrency counterpart",
                    "code": "WALCONC2",
                    "account_type": "asset_current",
                }
            )
            company.write(
                {
                    "customer_wallet_enabled": True,
                    "customer_wallet_account_id": wallet.id,
                }
            )
            journal = env["account.journal"].create(
                {
                    "name": "Concurrency wallet",
                    "code": "WCONC",
                    "type": "bank",
                    "is_customer_wallet_journal": True,
                }
            )
            partner = env["res.partner"].create({"name": "Concurrent member"})

            def entry(amount, member=partner):
                return env["account.move"].create(
                    {
                        "journal_id": journal.id,
                        "line_ids": [
                            Command.create(
                                {
                                    "account_id": wallet.id,
                                    "partner_id": member.id,
                                    "debit": max(-amount, 0.0),
                                    "credit": max(amount, 0.0),
                                }
                            ),
                            Command.create(
                                {
                                    "account_id": other.id,
                                    "debit": max(amount, 0.0),
                                    "credit": max(-amount, 0.0),
                                }
                            ),
                        ],
                    }
                )

            top_up = entry(100.0)
            top_up.action_post()
            debits = entry(-60.0) | entry(-60.0)
            # a partner without any item yet, about to join a household
            household = env["res.partner"].create(
                {"name": "Concurrent household", "is_company": True}
            )
            newcomer = env["res.partner"].create({"name": "Concurrent newcomer"})
            first_item = entry(25.0, newcomer)
            self.data = {
                "company_id": company.id,
                "top_up_id": top_up.id,
                "debit_ids": debits.ids,
                "first_item_id": first_item.id,
                "journal_id": journal.id,
                "account_ids": (wallet | other).ids,
                "partner_id": partner.id,
                "household_id": household.id,
                "newcomer_id": newcomer.id,
            }
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            debits = env["account.move"].browse(self.data["debit_ids"])
            top_up = env["account.move"].browse(self.data["top_up_id"])
            first_item = env["account.move"].browse(self.data["first_item_id"])
            for moves in (debits, top_up, first_item):
                moves.filtered(lambda m: m.state == "posted").button_draft()
                moves.with_context(force_delete=True).unlink()
            env["account.journal"].browse(self.data["journal_id"]).unlink()
            env.company.write(self.saved_config)
            env["account.account"].browse(self.data["account_ids"]).unlink()
            env["res.partner"].browse(
                [
                    self.data["partner_id"],
                    self.data["newcomer_id"],
                    self.data["household_id"],
                ]
            ).unlink()

    def _debit_in_thread(self, move_id, barrier, results):
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                partner = env["res.partner"].browse(self.data["partner_id"])
                # take the transaction's snapshot before the other one commits
                env["customer.wallet.ledger"]._balances(partner, env.company)
                barrier.wait(timeout=30)
                env["account.move"].browse(move_id).action_post()
            results[move_id] = "posted"
        except (UserError, SerializationFailure) as error:
            results[move_id] = error

    @mute_logger("odoo.sql_db")
    def test_two_transactions_cannot_overdraw_one_wallet(self):
        barrier = threading.Barrier(2)
        results = {}
        threads = [
            threading.Thread(
                target=self._debit_in_thread, args=(move_id, barrier, results)
            )
            for move_id in self.data["debit_ids"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(len(results), 2, results)
        posted = [move_id for move_id, result in results.items() if result == "posted"]
        refused = [result for result in results.values() if result != "posted"]
        self.assertEqual(len(posted), 1, results)
        self.assertEqual(len(refused), 1, results)

        # Odoo retries a request that failed to serialise: the retry sees the
        # committed debit and gets the clear limit error.
        retried_id = next(mid for mid in self.data["debit_ids"] if mid not in posted)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            with self.assertRaisesRegex(UserError, "cannot be debited"):
                env["account.move"].browse(retried_id).action_post()
            cr.rollback()
            partner = env["res.partner"].browse(self.data["partner_id"])
            self.assertEqual(
                env["customer.wallet.ledger"]._balances(partner, env.company),
                {partner.id: 40.0},
            )
            moves = env["account.move"].browse(self.data["debit_ids"])
            self.assertEqual(
                sorted(moves.mapped("state")), ["draft", "posted"], results
            )

    @mute_logger("odoo.sql_db")
    def test_a_partner_joins_a_wallet_while_its_first_item_is_posted(self):
        """The item cannot stay in the wallet that the partner left."""
        newcomer_id = self.data["newcomer_id"]
        with self.registry.cursor() as cr_post, self.registry.cursor() as cr_join:
            env_post = api.Environment(cr_post, SUPERUSER_ID, {})
            env_join = api.Environment(cr_join, SUPERUSER_ID, {})
            # the posting transaction sees the newcomer on its own...
            newcomer = env_post["res.partner"].browse(newcomer_id)
            self.assertEqual(newcomer.commercial_partner_id, newcomer)
            # ... when the other one makes it join the household
            env_join["res.partner"].browse(newcomer_id).parent_id = self.data[
                "household_id"
            ]
            env_join.flush_all()
            cr_join.commit()
            first_item = env_post["account.move"].browse(self.data["first_item_id"])

            def post():
                first_item.action_post()
                env_post.flush_all()

            self.assertRaises(SerializationFailure, post)
            cr_post.rollback()
        # Odoo retries the request: the item goes to the household's wallet
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["account.move"].browse(self.data["first_item_id"]).action_post()
            household = env["res.partner"].browse(self.data["household_id"])
            self.assertEqual(
                env["customer.wallet.ledger"]._balances(household, env.company),
                {household.id: 25.0},
            )
            self.assertEqual(env["customer.wallet.total"]._customer_wallet_drift(), [])
