"""The references: the SQL floor, the naive way, core's split-transaction
closing, the bare creation of journal items, the stored totals' triggers of
the rejected design on and off."""

from . import triggers
from .dataset import KINDS
from .timing import REPEAT, Timer

# ordinary invoices posted and paid to measure the stored totals' triggers
# (the rejected design, see triggers.py; not part of the dataset: they are
# rolled back)
FULL_INVOICES = 10_000
INVOICE_CHUNK = 100  # invoices per transaction, triggers on and off in turn


class References:
    """What the addons' figures are compared with (mixed into the Bench)."""

    def bare_balances(self, cr, account, ids=None):
        cr.execute(
            """
            SELECT partner.commercial_partner_id, -SUM(line.balance)
              FROM account_move_line line
              JOIN res_partner partner ON partner.id = line.partner_id
             WHERE line.account_id = %s AND line.parent_state = 'posted'
               AND (%s OR partner.commercial_partner_id = ANY(%s::integer[]))
          GROUP BY partner.commercial_partner_id
            """,
            # the ids as one array literal: the fastest way to pass thousands
            [account, ids is None, "{%s}" % ",".join(map(str, ids or []))],
        )
        return dict(cr.fetchall())

    def naive_balance(self, env, partner, account, index=0):
        """A straightforward module: search the lines, add them up in Python.

        The cache is cleared every 1 000 partners, so that the naive way's
        memory (the journal items it loads) does not count in the peak memory
        of the bench, which measures the addons' way.
        """
        if index and not index % 1000:
            env.invalidate_all()
        lines = env["account.move.line"].search(
            [
                ("partner_id", "child_of", partner.commercial_partner_id.id),
                ("account_id", "=", account),
                ("parent_state", "=", "posted"),
            ]
        )
        return -sum(lines.mapped("balance"))

    def closing_references(self, rec, rich, results):
        """The closing beside what a shop would use instead, and the ORM's cost.

        Targets: wallet closing <= 0.5x core's split-transaction closing of
        the same orders; wallet closing - cash closing <= 1.3x the creation
        of as many journal items as the wallet closing books, in one create.
        """
        orders = self.size["orders"]
        wallet, cash, split = (results[kind]["close"] for kind in KINDS)
        self.record(
            "pos_close_split",
            f"POS: close session with {orders} orders, wallet vs core split",
            type("T", (), {"seconds": wallet}),
            type("T", (), {"seconds": split}),
            note="floor = the same orders paid with core's customer-identified "
            "method (split_transactions, one payment per customer payment); "
            "target ours/floor <= 0.5",
        )
        items = results["wallet"]["items"]
        bare = self.bare_items(rec, rich, items)
        extra = type("T", (), {"seconds": max(wallet - cash, 0.0)})
        self.record(
            "pos_close_items",
            f"POS: wallet closing - cash closing vs {items} journal items",
            extra,
            bare,
            note="floor = one create of as many journal items as the wallet "
            "closing books; target ours/floor <= 1.3",
        )

    def bare_items(self, rec, partner_ids, count):
        """The fastest of REPEAT creations of ``count`` journal items in one
        ``create`` (a draft entry, rolled back)."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            counterpart = (
                env["account.journal"].browse(rec["bank"]).default_account_id.id
            )
            lines = [
                (
                    0,
                    0,
                    {
                        "account_id": rec["account"],
                        "partner_id": partner_ids[index % len(partner_ids)],
                        "name": "Bench bare item",
                        "debit": 2.0,
                        "credit": 0.0,
                    },
                )
                for index in range(count - 1)
            ]
            lines.append(
                (
                    0,
                    0,
                    {
                        "account_id": counterpart,
                        "name": "Bench bare counterpart",
                        "debit": 0.0,
                        "credit": 2.0 * (count - 1),
                    },
                )
            )
            best = None
            for _run in range(REPEAT):
                env.invalidate_all()
                with Timer(cr) as timer:
                    env["account.move"].create(
                        {
                            "move_type": "entry",
                            "journal_id": rec["bank"],
                            "line_ids": lines,
                        }
                    )
                    env.flush_all()
                cr.rollback()
                if best is None or timer.seconds < best.seconds:
                    best = timer
        return best

    def measure_triggers(self):
        """The stored totals' triggers on work that is not the wallet's.

        The rejected design (see triggers.py), kept as a reference: its table
        and triggers are created in the bench's transaction, never committed.
        Ordinary customer invoices posted and paid (one payment each,
        reconciled), INVOICE_CHUNK at a time, with the triggers and without
        them in turn, each chunk rolled back: the ratio is their cost.
        """
        count = self.invoices
        seconds = {"on": 0.0, "off": 0.0}
        queries = {"on": 0, "off": 0}
        with self.registry.cursor() as cr:
            env = self.env(cr)
            rec = self.records(env)
            customers = self.ordinary_customers(env)
            cr.commit()
            # rolled back with everything else at the end
            triggers.install(cr)
            cr.execute(
                "SELECT COUNT(*) FROM pg_trigger "
                "WHERE tgname LIKE 'customer_wallet_total%%'"
            )
            assert cr.fetchone()[0] == len(triggers.DROP_TRIGGERS), "no triggers"
            # a first chunk, not counted, warms the caches for both
            chunks = [(None, min(INVOICE_CHUNK, count))] + [
                (index, min(INVOICE_CHUNK, count - start))
                for index, start in enumerate(range(0, count, INVOICE_CHUNK))
            ]
            for index, number in chunks:
                states = ("on",) if index is None else ("on", "off")
                for state in states if index is None or index % 2 else states[::-1]:
                    cr.execute("SAVEPOINT bench_triggers")
                    if state == "off":
                        triggers.drop_triggers(cr)
                    env.invalidate_all()
                    with Timer(cr) as timer:
                        paid = self.invoice_and_pay(env, rec, customers, number)
                    assert paid == number, f"{number - paid} invoices left unpaid"
                    if index is not None:
                        seconds[state] += timer.seconds
                        queries[state] += timer.queries
                    cr.execute("ROLLBACK TO SAVEPOINT bench_triggers")
                    env.invalidate_all()
            cr.rollback()
        on = type("T", (), {"seconds": seconds["on"], "queries": queries["on"]})
        off = type("T", (), {"seconds": seconds["off"], "queries": queries["off"]})
        self.record(
            "triggers_invoices",
            f"stored totals' triggers (rejected design), {count} invoices",
            on,
            off,
            note="floor = the same work without the triggers; above 1.03 they "
            "are too dear: the indexed aggregate replaced them (16.0.1.6.0)",
        )

    def ordinary_customers(self, env):
        """Customers that have no wallet movement."""
        Partner = env["res.partner"]
        customers = Partner.search([("name", "=like", "Bench customer %")])
        if not customers:
            customers = Partner.create(
                [{"name": f"Bench customer {n}"} for n in range(20)]
            )
        return customers.ids

    def invoice_and_pay(self, env, rec, customers, number):
        """Post ``number`` invoices and pay each: how many ended paid."""
        company = env.ref("base.main_company")
        sale = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        tax = company.account_sale_tax_id
        invoices = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customers[n % len(customers)],
                    "journal_id": sale.id,
                    "invoice_date": "2026-06-01",
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Bench service",
                                "quantity": 1,
                                "price_unit": 10.0 + n % 7,
                                "account_id": sale.default_account_id.id,
                                "tax_ids": [(6, 0, tax.ids)],
                            },
                        )
                    ],
                }
                for n in range(number)
            ]
        )
        invoices.action_post()
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create(
            {
                "journal_id": rec["bank"],
                "group_payment": False,
                "payment_date": "2026-06-01",
            }
        )._create_payments()
        env.flush_all()
        return len(
            invoices.filtered(lambda m: m.payment_state in ("paid", "in_payment"))
        )
