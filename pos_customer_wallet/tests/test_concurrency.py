# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestHoldConcurrency(TransactionCase):
    """Two tills ask for one wallet at the same time, each committing.

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
                    "name": "Hold concurrency wallets",
                    "code": "WALHOLD1",
                    "account_type": "liability_current",
                }
            )
            other = env["account.account"].create(
                {
                    "name": "Hold concurrency counterpart",
                    "code": "WALHOLD2",
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
                    "name": "Hold concurrency wallet",
                    "code": "WHOLD",
                    "type": "bank",
                    "is_customer_wallet_journal": True,
                }
            )
            method = env["pos.payment.method"].create(
                {
                    "name": "Hold concurrency wallet",
                    "journal_id": journal.id,
                    "split_transactions": True,
                }
            )
            configs = env["pos.config"].create(
                [
                    {
                        "name": "Hold till %s" % number,
                        "payment_method_ids": [Command.set(method.ids)],
                    }
                    for number in (1, 2)
                ]
            )
            # core checks one session at a time
            sessions = env["pos.session"].concat(
                *(env["pos.session"].create({"config_id": c.id}) for c in configs)
            )
            partner = env["res.partner"].create({"name": "Hold concurrent member"})
            top_up = env["account.move"].create(
                {
                    "journal_id": journal.id,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": wallet.id,
                                "partner_id": partner.id,
                                "credit": 100.0,
                            }
                        ),
                        Command.create({"account_id": other.id, "debit": 100.0}),
                    ],
                }
            )
            top_up.action_post()
            self.data = {
                "top_up_id": top_up.id,
                "journal_id": journal.id,
                "method_id": method.id,
                "config_ids": configs.ids,
                "session_ids": sessions.ids,
                "account_ids": (wallet | other).ids,
                "partner_id": partner.id,
            }
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["customer.wallet.hold"].search(
                [("session_id", "in", self.data["session_ids"])]
            ).unlink()
            env["pos.session"].browse(self.data["session_ids"]).unlink()
            env["pos.config"].browse(self.data["config_ids"]).unlink()
            env["pos.payment.method"].browse(self.data["method_id"]).unlink()
            top_up = env["account.move"].browse(self.data["top_up_id"])
            top_up.button_draft()
            top_up.with_context(force_delete=True).unlink()
            env["account.journal"].browse(self.data["journal_id"]).unlink()
            env.company.write(self.saved_config)
            env["account.account"].browse(self.data["account_ids"]).unlink()
            env["res.partner"].browse(self.data["partner_id"]).unlink()

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
