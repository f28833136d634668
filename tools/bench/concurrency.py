"""Concurrent tills debiting one wallet: no overdraft, no deadlock."""

import logging
import threading
import time

import psycopg2.errors

from odoo.exceptions import UserError
from odoo.tools import float_compare


class Concurrency:
    """Concurrent debits of one wallet (mixed into the Bench)."""

    def measure_concurrency(self):
        # serialisation failures are expected (and retried): not worth a log
        logging.getLogger("odoo.sql_db").setLevel(logging.CRITICAL)
        for threads in (2, 4, 8):
            self.results["measures"][f"concurrency_{threads}"] = self.concurrent_debits(
                threads
            )

    def concurrent_debits(self, threads):
        """N tills debit one wallet at once; its balance covers only some."""
        debit, covered = 4.0, 2  # balance 10.00, limit 0: two debits of 4.00 fit
        with self.registry.cursor() as cr:
            env = self.env(cr)
            rec = self.records(env)
            partner = env["res.partner"].create({"name": f"Bench contended {threads}"})
            self.post_entry(env, rec, partner.id, -10.0, rec["bank"])
            cr.commit()
            partner_id = partner.id
        outcome = {"ok": 0, "refused": 0, "retries": 0, "deadlocks": 0, "seconds": []}
        lock = threading.Lock()
        barrier = threading.Barrier(threads)

        def till():
            barrier.wait()
            for _attempt in range(10):
                start = time.perf_counter()
                try:
                    with self.registry.cursor() as cr:
                        env = self.env(cr)
                        self.post_entry(env, rec, partner_id, debit, rec["journal"])
                        cr.commit()
                    with lock:
                        outcome["ok"] += 1
                        outcome["seconds"].append(time.perf_counter() - start)
                    return
                except UserError:
                    with lock:
                        outcome["refused"] += 1
                        outcome["seconds"].append(time.perf_counter() - start)
                    return
                except psycopg2.errors.TransactionRollbackError as error:
                    # serialisation failure: retried, as Odoo retries a request
                    # (a deadlock is counted apart: there must be none)
                    key = (
                        "deadlocks"
                        if isinstance(error, psycopg2.errors.DeadlockDetected)
                        else "retries"
                    )
                    with lock:
                        outcome[key] += 1

        workers = [threading.Thread(target=till) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        with self.registry.cursor() as cr:
            env = self.env(cr)
            partner = env["res.partner"].browse(partner_id)
            # the ledger says what is left, whatever the addon reads
            final = self.bare_balances(cr, rec["account"], [partner_id]).get(
                partner_id, 0.0
            )
            stored = env["customer.wallet.ledger"]._balances(
                partner, env.ref("base.main_company")
            )[partner_id]
            assert not float_compare(final, stored, 2), "stored total drifted"
        seconds = outcome.pop("seconds")
        return {
            "label": f"{threads} tills debit {debit:.2f} from a wallet of 10.00",
            "successes": outcome["ok"],
            "refusals": outcome["refused"],
            "serialisation_retries": outcome["retries"],
            "deadlocks": outcome["deadlocks"],
            "expected_successes": min(threads, covered),
            "final_balance": final,
            "overdraft": round(max(0.0, -final), 2),
            "seconds_per_debit": round(sum(seconds) / max(len(seconds), 1), 4),
        }

    def post_entry(self, env, rec, partner_id, amount, journal_id):
        """Post an entry moving ``amount`` out of the wallet (negative: in)."""
        journal = env["account.journal"].browse(journal_id)
        move = env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "account_id": rec["account"],
                            "partner_id": partner_id,
                            "name": "Bench wallet movement",
                            "debit": max(amount, 0.0),
                            "credit": max(-amount, 0.0),
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "account_id": env["account.journal"]
                            .browse(rec["bank"])
                            .default_account_id.id,
                            "name": "Bench counterpart",
                            "debit": max(-amount, 0.0),
                            "credit": max(amount, 0.0),
                        },
                    ),
                ],
            }
        )
        move.action_post()
