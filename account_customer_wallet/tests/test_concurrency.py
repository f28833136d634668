# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .committed import CommittedWalletCase
from .common import ledger_differences


@tagged("post_install", "-at_install")
class TestCustomerWalletConcurrency(CommittedWalletCase):
    """Two transactions debit one wallet at the same time, each committing.

    The data is committed by the set-up (the transactions must see it) and
    removed by the clean-up.
    """

    _committed_name = "Concurrency"
    _committed_code = "CONC"

    def _setup_committed(self, env):
        partner = self._committed_partner(env, "Concurrent member")
        top_up = self._committed_entry(env, partner, 100.0)
        top_up.action_post()
        debits = self._committed_entry(env, partner, -60.0) | self._committed_entry(
            env, partner, -60.0
        )
        # a partner without any item yet, about to join a household
        household = self._committed_partner(
            env, "Concurrent household", is_company=True
        )
        newcomer = self._committed_partner(env, "Concurrent newcomer")
        first_item = self._committed_entry(env, newcomer, 25.0)
        self.data.update(
            {
                "debit_ids": debits.ids,
                "first_item_id": first_item.id,
                "partner_id": partner.id,
                "household_id": household.id,
                "newcomer_id": newcomer.id,
            }
        )

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
            self.assertEqual(ledger_differences(env, env.company), [])
