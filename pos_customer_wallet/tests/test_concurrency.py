# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PosCommittedWalletCase


@tagged("post_install", "-at_install")
class TestHoldConcurrency(PosCommittedWalletCase):
    """Two tills ask for one wallet at the same time, each committing.

    The data is committed by the set-up (the transactions must see it) and
    removed by the clean-up.
    """

    _committed_name = "Hold concurrency"
    _committed_code = "HOLD"

    def _setup_committed(self, env):
        result = super()._setup_committed(env)
        partner = self._committed_partner(env, "Hold concurrent member")
        self._committed_entry(env, partner, 100.0).action_post()
        self.data["partner_id"] = partner.id
        return result

    def _ask(self, env, session_id, reference):
        return (
            env["pos.session"]
            .browse(session_id)
            .check_customer_wallet_debit(
                self.data["partner_id"], 60.0, self.data["method_id"], reference
            )
        )

    def _ask_in_thread(self, session_id, reference, barrier, results):
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                # take the transaction's snapshot before the other one commits
                env["pos.session"].browse(session_id).get_customer_wallet_balances(
                    [self.data["partner_id"]]
                )
                barrier.wait(timeout=30)
                results[reference] = self._ask(env, session_id, reference)
        except SerializationFailure as error:
            results[reference] = error

    @mute_logger("odoo.sql_db")
    def test_two_tills_ask_for_one_wallet_at_once(self):
        """100.00 in the wallet, two tills ask for 60.00: one is allowed."""
        barrier = threading.Barrier(2)
        results = {}
        first_id, second_id = self.data["session_ids"]
        asks = [
            (first_id, "Order 90001-001-0001"),
            (second_id, "Order 90002-001-0001"),
        ]
        threads = [
            threading.Thread(
                target=self._ask_in_thread, args=(session_id, ref, barrier, results)
            )
            for session_id, ref in asks
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(len(results), 2, results)
        allowed = [
            ref
            for ref, result in results.items()
            if isinstance(result, dict) and result["allowed"]
        ]
        self.assertEqual(len(allowed), 1, results)
        # the other either failed to serialise (Odoo retries the request) or
        # was refused; its retry sees the first hold and is refused
        (other_session, other_ref) = next(ask for ask in asks if ask[1] not in allowed)
        self.assertIsInstance(results[other_ref], (dict, SerializationFailure))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            retried = self._ask(env, other_session, other_ref)
            self.assertFalse(retried["allowed"], retried)
            self.assertEqual(retried["balance"], 40.0)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            holds = env["customer.wallet.hold"].search(
                [("partner_id", "=", self.data["partner_id"])]
            )
            self.assertEqual(holds.mapped("pos_reference"), allowed)
            self.assertEqual(holds.mapped("amount"), [60.0])
            partner = env["res.partner"].browse(self.data["partner_id"])
            self.assertEqual(
                env["customer.wallet.ledger"]._balances(partner, env.company),
                {partner.id: 40.0},
            )
