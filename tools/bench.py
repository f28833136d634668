"""make bench: the customer wallet's speed and safety at a large shop's scale.

Generates a dataset in its own database (partners with families, posted wallet
journal items, two points of sale), then measures the addons' way beside two
references taken in the same run on the same data: the bare SQL aggregate (the
floor) and the naive ORM way (what a straightforward module does). Prints a
table and writes it as JSON.

    python tools/bench.py -c var/odoo.conf -d komunigi_bench --scale 0.1
"""

import argparse
import datetime
import gc
import json
import logging
import resource
import threading
import time
from pathlib import Path

import psycopg2.errors

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.point_of_sale.models.pos_session import PosSession as CoreSession

FULL = {"partners": 100_000, "lines": 1_000_000, "orders": 1_000}
# ordinary invoices posted and paid to measure the stored totals' triggers
# (not part of the dataset: they are rolled back)
FULL_INVOICES = 10_000
INVOICE_CHUNK = 100  # invoices per transaction, triggers on and off in turn
KINDS = ("wallet", "cash", "split")  # the payment methods of the POS measures
LINES_PER_MOVE = 100
FAMILY_EVERY = 5  # every 5th partner is a contact of the partner before it
REPEAT = 5  # runs of each quick measure: the fastest is kept
MARKER = "komunigi_bench.dataset"
# (measure, highest ratio ours/floor, what the ratio compares)
TARGETS = (
    ("pos_close_split", 0.5, "wallet closing / core split-transaction closing"),
    ("pos_close_items", 1.3, "(wallet closing - cash closing) / its journal items"),
    ("triggers_invoices", 1.03, "invoices posted and paid, triggers on / off"),
)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Timer:
    """Wall time and number of SQL queries of a block."""

    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        # as timeit does: no garbage collection of earlier runs' objects
        # falling at random inside a measure
        gc.collect()
        gc.disable()
        self.queries = self.cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        gc.enable()
        self.queries = self.cr.sql_log_count - self.queries


class Bench:
    def __init__(self, registry, scale):
        self.registry = registry
        self.scale = scale
        self.size = {key: max(int(value * scale), 10) for key, value in FULL.items()}
        self.invoices = max(int(FULL_INVOICES * scale), 10)
        self.rows = []
        self.results = {"scale": scale, "size": self.size, "measures": {}}

    # ------------------------------------------------------------------
    # Dataset
    # ------------------------------------------------------------------

    def env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def ensure_dataset(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            wanted = json.dumps(self.size, sort_keys=True)
            if env["ir.config_parameter"].get_param(MARKER) == wanted:
                print(f"dataset {wanted} already generated")
                self.configure_split(env)
                # orders of an interrupted run would count as pending in the
                # wallet balances, not in the SQL floor
                self.close_sessions(env, self.records(env))
                cr.commit()
                return
            start = time.perf_counter()
            self.configure(env)
            self.configure_split(env)
            self.generate_partners(env)
            self.generate_lines(env)
            env["ir.config_parameter"].set_param(MARKER, wanted)
            cr.commit()
            cr.execute("ANALYZE res_partner")
            cr.execute("ANALYZE account_move_line")
            cr.execute("ANALYZE account_move")
            print(f"dataset generated in {time.perf_counter() - start:.1f} s")

    def configure(self, env):
        company = env.ref("base.main_company")
        account = env["account.account"].create(
            {
                "code": "440100",
                "name": "Customer wallets",
                "account_type": "liability_current",
                "company_id": company.id,
            }
        )
        company.customer_wallet_account_id = account
        journal = env["account.journal"].create(
            {
                "name": "Wallet",
                "code": "WAL",
                "type": "bank",
                "is_customer_wallet_journal": True,
                "minimum_wallet_amount": 0.0,
                "company_id": company.id,
            }
        )
        bank = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        product = env["product.product"].create(
            {
                "name": "Bench bread",
                "type": "consu",
                "available_in_pos": True,
                "list_price": 2.0,
                "taxes_id": [(5, 0, 0)],
            }
        )
        cash = env["pos.payment.method"].create(
            {
                "name": "Bench cash",
                "journal_id": env["account.journal"]
                .search([("type", "=", "cash"), ("company_id", "=", company.id)])
                .filtered(lambda j: not j.is_customer_wallet_journal)[:1]
                .id,
                "company_id": company.id,
            }
        )
        wallet = env["pos.payment.method"].create(
            {
                "name": "Bench wallet",
                "journal_id": journal.id,
                "split_transactions": True,
                "company_id": company.id,
            }
        )
        configs = env["pos.config"].create(
            [
                {
                    "name": "Bench wallet till",
                    "payment_method_ids": [(6, 0, wallet.ids)],
                },
                {"name": "Bench cash till", "payment_method_ids": [(6, 0, cash.ids)]},
            ]
        )
        env["ir.config_parameter"].set_param(
            "komunigi_bench.records",
            json.dumps(
                {
                    "account": account.id,
                    "journal": journal.id,
                    "bank": bank.id,
                    "product": product.id,
                    "wallet_method": wallet.id,
                    "cash_method": cash.id,
                    "wallet_config": configs[0].id,
                    "cash_config": configs[1].id,
                }
            ),
        )
        env.flush_all()

    def configure_split(self, env):
        """Core's customer-identified payment method and its till.

        A bank journal with ``split_transactions``: the closing makes one
        payment per customer payment, what a shop uses without the addons.
        Added to a dataset generated before it existed.
        """
        rec = self.records(env)
        if "split_config" in rec:
            return
        method = env["pos.payment.method"].create(
            {
                "name": "Bench customer account",
                "journal_id": rec["bank"],
                "split_transactions": True,
                "company_id": env.ref("base.main_company").id,
            }
        )
        config = env["pos.config"].create(
            {"name": "Bench split till", "payment_method_ids": [(6, 0, method.ids)]}
        )
        rec.update(split_method=method.id, split_config=config.id)
        env["ir.config_parameter"].set_param("komunigi_bench.records", json.dumps(rec))
        env.flush_all()

    def generate_partners(self, env):
        """Partners by SQL: every FAMILY_EVERY-th one a contact of the one before."""
        cr = env.cr
        # Copies of one partner created by the ORM: every column that an
        # installed addon adds gets its default value.
        model = env["res.partner"].create({"name": "Bench member 0"})
        env.flush_all()
        cr.execute(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'res_partner'
               AND column_name NOT IN ('id', 'name', 'display_name')
            """
        )
        columns = ", ".join('"%s"' % row[0] for row in cr.fetchall())
        cr.execute(
            f"""
            INSERT INTO res_partner (name, display_name, {columns})
            SELECT 'Bench member ' || n, 'Bench member ' || n, {columns}
              FROM res_partner, generate_series(1, %s) n
             WHERE res_partner.id = %s
            RETURNING id
            """,
            [self.size["partners"], model.id],
        )
        ids = sorted(row[0] for row in cr.fetchall())
        model.unlink()
        heads, members = [], []
        for index, pid in enumerate(ids):
            if index % FAMILY_EVERY == FAMILY_EVERY - 1:
                members.append((pid, ids[index - 1]))
            else:
                heads.append(pid)
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
            [heads],
        )
        cr.execute(
            """
            UPDATE res_partner partner
               SET parent_id = family.head, commercial_partner_id = family.head
              FROM unnest(%s::int[], %s::int[]) AS family(member, head)
             WHERE partner.id = family.member
            """,
            [[m for m, _h in members], [h for _m, h in members]],
        )
        env["ir.config_parameter"].set_param(
            "komunigi_bench.partners", json.dumps([ids[0], ids[-1]])
        )
        env.invalidate_all()

    def records(self, env):
        return json.loads(
            env["ir.config_parameter"].get_param("komunigi_bench.records")
        )

    def partner_range(self, env):
        return json.loads(
            env["ir.config_parameter"].get_param("komunigi_bench.partners")
        )

    def generate_lines(self, env):
        """Posted entries of LINES_PER_MOVE wallet items and one bank item each.

        Wallet items mix top-ups (credits) and payments (debits) so that
        balances are spread: most positive, some overdrawn.
        """
        cr = env.cr
        rec = self.records(env)
        first, last = self.partner_range(env)
        company = env.ref("base.main_company")
        journal = env["account.journal"].browse(rec["bank"])
        moves = (self.size["lines"] + LINES_PER_MOVE - 1) // LINES_PER_MOVE
        cr.execute(
            """
            INSERT INTO account_move (name, date, state, move_type, journal_id,
                                      company_id, currency_id, auto_post,
                                      create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH/' || n, DATE '2026-01-01' + (n %% 300), 'posted', 'entry',
                   %(journal)s, %(company)s, %(currency)s, 'no', 1, 1, now(), now()
              FROM generate_series(1, %(moves)s) n
            RETURNING id
            """,
            {
                "journal": journal.id,
                "company": company.id,
                "currency": company.currency_id.id,
                "moves": moves,
            },
        )
        move_ids = sorted(row[0] for row in cr.fetchall())
        # Wallet items: item n of the dataset goes to partner first + n mod count.
        cr.execute(
            """
            WITH spread AS (
                SELECT n, (%(moves)s)[(n - 1) / %(per_move)s + 1] AS move_id,
                       %(first)s + (n::bigint * 7919) %% (%(last)s - %(first)s + 1)
                           AS partner_id
                  FROM generate_series(1, %(lines)s) n
            ), item AS (
                -- one member in 17 only spends (overdrawn), the others top up
                -- twice as often as they spend
                SELECT n, move_id, partner_id,
                       CASE WHEN n %% 3 = 0 OR partner_id %% 17 = 0
                            THEN ((n %% 4000) + 100) / 100.0
                            ELSE -((n %% 5000) + 100) / 100.0 END AS balance
                  FROM spread
            )
            INSERT INTO account_move_line (move_id, journal_id, company_id,
                account_id, partner_id, name, date, parent_state, display_type,
                balance, debit, credit, amount_currency, currency_id,
                company_currency_id, amount_residual, amount_residual_currency,
                create_uid, write_uid, create_date, write_date)
            SELECT item.move_id, %(journal)s, %(company)s, %(account)s,
                   item.partner_id, 'Bench wallet item', move.date, 'posted',
                   'product', item.balance, GREATEST(item.balance, 0),
                   GREATEST(-item.balance, 0), item.balance, %(currency)s,
                   %(currency)s, 0, 0, 1, 1, now(), now()
              FROM item JOIN account_move move ON move.id = item.move_id
            """,
            {
                "moves": move_ids,
                "per_move": LINES_PER_MOVE,
                "first": first,
                "last": last,
                "lines": self.size["lines"],
                "journal": journal.id,
                "company": company.id,
                "account": rec["account"],
                "currency": company.currency_id.id,
            },
        )
        # One bank item per entry balances it.
        cr.execute(
            """
            INSERT INTO account_move_line (move_id, journal_id, company_id,
                account_id, name, date, parent_state, display_type, balance,
                debit, credit, amount_currency, currency_id, company_currency_id,
                amount_residual, amount_residual_currency,
                create_uid, write_uid, create_date, write_date)
            SELECT line.move_id, %(journal)s, %(company)s, %(bank_account)s,
                   'Bench bank item', MIN(line.date), 'posted', 'product',
                   -SUM(line.balance), GREATEST(-SUM(line.balance), 0),
                   GREATEST(SUM(line.balance), 0), -SUM(line.balance),
                   %(currency)s, %(currency)s, 0, 0, 1, 1, now(), now()
              FROM account_move_line line
             WHERE line.move_id = ANY(%(moves)s)
          GROUP BY line.move_id
            """,
            {
                "moves": move_ids,
                "journal": journal.id,
                "company": company.id,
                "bank_account": journal.default_account_id.id,
                "currency": company.currency_id.id,
            },
        )
        env.invalidate_all()

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------

    def best_of(self, env, func):
        """Run ``func`` REPEAT times on a cold ORM cache.

        :return: (Timer of the fastest run, result of the last run)
        """
        best = result = None
        for _run in range(REPEAT):
            env.invalidate_all()
            with Timer(env.cr) as timer:
                result = func()
            if best is None or timer.seconds < best.seconds:
                best = timer
        return best, result

    def best_of_pair(self, env, ours, floor):
        """Run ``ours`` and ``floor`` REPEAT times each, taking turns.

        :return: (fastest Timer of ours, of floor, result of ours' last run)
        """
        best = {"ours": None, "floor": None}
        result = None
        for run in range(REPEAT):
            turns = [("ours", ours), ("floor", floor)]
            for name, func in turns if run % 2 else turns[::-1]:
                env.invalidate_all()
                with Timer(env.cr) as timer:
                    value = func()
                if name == "ours":
                    result = value
                if best[name] is None or timer.seconds < best[name].seconds:
                    best[name] = timer
        return best["ours"], best["floor"], result

    def record(self, key, label, ours, floor=None, naive=None, note=""):
        """ours / floor / naive: Timer-like objects (seconds, queries) or None."""
        entry = {"label": label, "note": note}
        for name, timer in (("ours", ours), ("floor", floor), ("naive", naive)):
            if timer is not None:
                entry[name] = {
                    "seconds": round(timer.seconds, 4),
                    "queries": getattr(timer, "queries", None),
                }
        if floor is not None:
            entry["ours_vs_floor"] = round(ours.seconds / max(floor.seconds, 1e-6), 2)
        if naive is not None:
            entry["naive_vs_ours"] = round(naive.seconds / max(ours.seconds, 1e-6), 1)
        self.results["measures"][key] = entry

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

    def measure_balances(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            account = self.records(env)["account"]
            company = env.ref("base.main_company")
            Partner = env["res.partner"].with_company(company)
            all_ids = Partner.search([], order="id").ids
            for label, count in (("1", 1), ("10 000", 10_000), ("all", len(all_ids))):
                ids = all_ids[-count:]
                ours, balances = self.best_of(
                    env,
                    lambda ids=ids: env["customer.wallet.ledger"]._balances(
                        Partner.browse(ids), company
                    ),
                )
                commercial = list(set(balances))
                floor, bare = self.best_of(
                    env,
                    lambda commercial=commercial: self.bare_balances(
                        cr, account, commercial
                    ),
                )
                mismatch = [
                    cid
                    for cid, amount in balances.items()
                    if float_compare(amount, float(bare.get(cid, 0.0)), 2)
                ]
                assert not mismatch, f"balances differ from SQL for {mismatch[:5]}"
                naive = None
                note = ""
                if count <= 10_000:
                    env.invalidate_all()
                    sample = Partner.browse(ids)
                    with Timer(cr) as naive:
                        naive_values = {
                            p.id: self.naive_balance(env, p, account, index)
                            for index, p in enumerate(sample)
                        }
                    wrong = [
                        pid
                        for pid, amount in naive_values.items()
                        if float_compare(
                            amount,
                            balances[sample.browse(pid).commercial_partner_id.id],
                            2,
                        )
                    ]
                    assert not wrong, f"naive balances differ for {wrong[:5]}"
                else:
                    note = "naive not run on all partners (see 10 000)"
                self.record(
                    f"balance_{count}",
                    f"balance of {label} partner(s) ({len(ids)})",
                    ours,
                    floor,
                    naive,
                    note,
                )
                gc.collect()

    def measure_search(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            account = self.records(env)["account"]
            company = env.ref("base.main_company")
            Partner = env["res.partner"].with_company(company)
            for operator, value in (("<", 0.0), (">", 100.0)):
                ours, found = self.best_of(
                    env,
                    lambda operator=operator, value=value: Partner.search(
                        [("customer_wallet_balance", operator, value)]
                    ),
                )

                def bare_search(operator=operator, value=value):
                    cr.execute(
                        f"""
                        SELECT partner.id
                          FROM res_partner partner
                          JOIN (SELECT p.commercial_partner_id AS cid
                                  FROM account_move_line line
                                  JOIN res_partner p ON p.id = line.partner_id
                                 WHERE line.account_id = %s
                                   AND line.parent_state = 'posted'
                              GROUP BY p.commercial_partner_id
                                HAVING -SUM(line.balance) {operator} %s) w
                            ON w.cid = partner.commercial_partner_id
                         WHERE partner.active
                        """,
                        [account, value],
                    )
                    return {row[0] for row in cr.fetchall()}

                floor, bare = self.best_of(env, bare_search)
                assert set(found.ids) == bare, "search differs from the SQL reference"
                # naive: filter every partner on its balance, on a sample of
                # 10 000 partners, extrapolated to all of them
                env.invalidate_all()
                sample = Partner.search([], limit=10_000, order="id")
                total = Partner.search_count([])
                compare = (
                    (lambda a, b: a < b) if operator == "<" else (lambda a, b: a > b)
                )
                with Timer(cr) as naive:
                    [
                        p.id
                        for index, p in enumerate(sample)
                        if compare(self.naive_balance(env, p, account, index), value)
                    ]
                naive.seconds *= total / max(len(sample), 1)
                naive.queries = int(naive.queries * total / max(len(sample), 1))
                self.record(
                    f"search_{'negative' if operator == '<' else 'above_100'}",
                    f"search balance {operator} {value:g} ({len(found)} found)",
                    ours,
                    floor,
                    naive,
                    "naive extrapolated from 10 000 partners",
                )

    def measure_pos_load(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            rec = self.records(env)
            config = env["pos.config"].browse(rec["wallet_config"])
            if not config.current_session_id:
                config.open_ui()
            session = config.current_session_id
            params = session._loader_params_res_partner()
            # every partner, as a shop that does not limit the loading
            config.limited_partners_loading = False
            params["search_params"]["limit"] = 10_000
            with_wallet, without, partners = self.best_of_pair(
                env,
                lambda: session._get_pos_ui_res_partner(params),
                lambda: CoreSession._get_pos_ui_res_partner(session, params),
            )
            assert "customer_wallet_balance" in partners[0]
            self.record(
                "pos_load_partners",
                f"POS start: load {len(partners)} partners",
                with_wallet,
                without,
                note="floor = the same load without the wallet fields",
            )
            cr.commit()

    def order_data(self, env, session, partner_id, method_id, product_id, number):
        uid = f"{session.id:05d}-{number:04d}-{partner_id}"
        now = fields.Datetime.to_string(fields.Datetime.now())
        return {
            "id": uid,
            "to_invoice": False,
            "data": {
                "name": f"Order {uid}",
                "uid": uid,
                "amount_paid": 2.0,
                "amount_return": 0,
                "amount_tax": 0,
                "amount_total": 2.0,
                "creation_date": now,
                "fiscal_position_id": False,
                "pricelist_id": session.config_id.pricelist_id.id,
                "lines": [
                    (
                        0,
                        0,
                        {
                            "product_id": product_id,
                            "qty": 1,
                            "price_unit": 2.0,
                            "price_subtotal": 2.0,
                            "price_subtotal_incl": 2.0,
                            "discount": 0,
                            "tax_ids": [(6, 0, [])],
                            "pack_lot_ids": [],
                        },
                    )
                ],
                "partner_id": partner_id,
                "pos_session_id": session.id,
                "sequence_number": number,
                "statement_ids": [
                    (
                        0,
                        0,
                        {"amount": 2.0, "name": now, "payment_method_id": method_id},
                    )
                ],
                "user_id": SUPERUSER_ID,
                "to_invoice": False,
            },
        }

    def pos_round(self, rec, rich, orders):
        """Open both tills, sync ``orders`` orders on each, close both.

        The wallet and cash orders alternate, so that a change of load on the
        machine weighs on both alike, and take turns to come first; each order
        is synced in its own transaction, as the point of sale sends it.

        :return: {kind: {"sync": seconds, "close": seconds}}
        """
        kinds = KINDS
        with self.registry.cursor() as cr:
            env = self.env(cr)
            sessions = {}
            self.close_sessions(env, rec)
            for kind in kinds:
                config = env["pos.config"].browse(rec[f"{kind}_config"])
                config.open_ui()
                sessions[kind] = config.current_session_id.id
            cr.commit()
        results = {kind: {"sync": 0.0, "close": 0.0, "items": 0} for kind in kinds}
        for number in range(orders):
            # each kind goes first every other order: the first one reads the
            # member's rows from disk, the second from the cache
            for kind in kinds if number % 2 else kinds[::-1]:
                with self.registry.cursor() as cr:
                    env = self.env(cr)
                    data = self.order_data(
                        env,
                        env["pos.session"].browse(sessions[kind]),
                        rich[number % len(rich)],
                        rec[f"{kind}_method"],
                        rec["product"],
                        number + 1,
                    )
                    start = time.perf_counter()
                    env["pos.order"].create_from_ui([data])
                    cr.commit()
                    results[kind]["sync"] += time.perf_counter() - start
        for kind in kinds:
            with self.registry.cursor() as cr:
                env = self.env(cr)
                session = env["pos.session"].browse(sessions[kind])
                # the cashier counts what the till expects
                session.cash_register_balance_end_real = (
                    session.cash_register_balance_end
                )
                start = time.perf_counter()
                session.action_pos_session_closing_control()
                cr.commit()
                results[kind]["close"] = time.perf_counter() - start
                assert session.state == "closed", f"{kind} session not closed"
                results[kind]["items"] = len(session.move_id.line_ids)
        return results

    def close_sessions(self, env, rec):
        """Close the sessions of the bench's points of sale left open."""
        for kind in KINDS:
            session = env["pos.config"].browse(rec[f"{kind}_config"]).current_session_id
            if session:
                session.cash_register_balance_end_real = (
                    session.cash_register_balance_end
                )
                session.action_pos_session_closing_control()

    def measure_pos_orders(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            rec = self.records(env)
            balances = self.bare_balances(cr, rec["account"])
        # members with enough money for their orders
        rich = sorted(cid for cid, amount in balances.items() if amount > 50)
        # a first small round warms the caches of both kinds of closing
        self.pos_round(rec, rich, 2)
        company_id = None
        with self.registry.cursor() as cr:
            env = self.env(cr)
            company_id = env.ref("base.main_company").id
            before = env["customer.wallet.ledger"]._balances(
                env["res.partner"].browse(rich), env["res.company"].browse(company_id)
            )
        results = self.pos_round(rec, rich, self.size["orders"])
        # closing moved the pending amounts into journal items: balances unchanged
        with self.registry.cursor() as cr:
            env = self.env(cr)
            after = env["customer.wallet.ledger"]._balances(
                env["res.partner"].browse(rich), env["res.company"].browse(company_id)
            )
        spent = {}
        for number in range(self.size["orders"]):
            cid = rich[number % len(rich)]
            spent[cid] = spent.get(cid, 0.0) + 2.0
        drift = [
            cid
            for cid in before
            if float_compare(before[cid] - spent.get(cid, 0.0), after[cid], 2)
        ]
        assert not drift, f"wallet balances drifted for {drift[:5]}"
        orders = self.size["orders"]
        notes = {
            "sync": "floor = the same orders paid cash, alternating with them",
            "close": "floor = the same orders paid cash; journal items booked: "
            f"wallet {results['wallet']['items']} (one per member), "
            f"cash {results['cash']['items']}",
        }
        for step in ("sync", "close"):
            ours = type("T", (), {"seconds": results["wallet"][step]})
            floor = type("T", (), {"seconds": results["cash"][step]})
            self.record(
                f"pos_{step}",
                f"POS: {'sync' if step == 'sync' else 'close session with'} "
                f"{orders} orders, wallet vs cash",
                ours,
                floor,
                note=notes[step],
            )
        self.closing_references(rec, rich, results)

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

        Ordinary customer invoices posted and paid (one payment each,
        reconciled), INVOICE_CHUNK at a time, with the triggers and without
        them in turn, each chunk rolled back: the ratio is their cost.
        """
        # the addons' path is known once the configuration is read
        from odoo.addons.account_customer_wallet.models.customer_wallet_total import (
            drop_triggers,
        )

        count = self.invoices
        seconds = {"on": 0.0, "off": 0.0}
        queries = {"on": 0, "off": 0}
        with self.registry.cursor() as cr:
            env = self.env(cr)
            rec = self.records(env)
            customers = self.ordinary_customers(env)
            cr.commit()
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
                        drop_triggers(cr)
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
            f"post and pay {count} invoices, triggers on vs off",
            on,
            off,
            note="floor = the same work without the stored totals' triggers; "
            "above 1.03 the indexed aggregate should replace them",
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

    # ------------------------------------------------------------------
    # Report
    # ------------------------------------------------------------------

    def check_totals(self):
        """Compare the stored wallet totals with the posted journal items."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            with Timer(cr) as timer:
                drift = env["customer.wallet.total"]._customer_wallet_drift()
            cr.execute("SELECT COUNT(*) FROM customer_wallet_total")
            totals = cr.fetchone()[0]
            # the rows of the orders of each closed session add up to the
            # session's wallet item for each member
            with Timer(cr) as rows_timer:
                rows_drift = env["customer.wallet.ledger"]._statement_drift()
            cr.execute("SELECT COUNT(*) FROM pos_session WHERE move_id IS NOT NULL")
            sessions = cr.fetchone()[0]
        self.results["totals_drift"] = {
            "totals": totals,
            "drifted": len(drift),
            "examples": [list(map(str, row)) for row in drift[:5]],
            "seconds": round(timer.seconds, 3),
        }
        self.results["statement_drift"] = {
            "sessions": sessions,
            "drifted": len(rows_drift),
            "examples": [list(map(str, row)) for row in rows_drift[:5]],
            "seconds": round(rows_timer.seconds, 3),
        }

    def report(self):
        self.results["peak_rss_mb"] = round(peak_rss_mb(), 1)
        lines = [
            "",
            f"komunigi wallet bench, scale {self.scale:g} ({self.size['partners']} "
            f"partners, {self.size['lines']} wallet items, {self.size['orders']} "
            "orders per payment kind)",
            "",
            f"{'measure':<52} {'ours':>9} {'floor':>9} {'naive':>10} "
            f"{'ours/floor':>10} {'naive/ours':>10}",
        ]
        for key, entry in self.results["measures"].items():
            if key.startswith("concurrency"):
                continue

            def cell(name, entry=entry):
                value = entry.get(name)
                return f"{value['seconds']:.3f}s" if value else "-"

            lines.append(
                f"{entry['label']:<52} {cell('ours'):>9} {cell('floor'):>9} "
                f"{cell('naive'):>10} {entry.get('ours_vs_floor', '-'):>10} "
                f"{entry.get('naive_vs_ours', '-'):>10}"
            )
            if entry.get("ours", {}).get("queries") is not None:
                lines.append(
                    f"{'':<4}queries: ours {entry['ours']['queries']}"
                    + (
                        f", naive {entry['naive']['queries']}"
                        if entry.get("naive")
                        else ""
                    )
                    + (f"  ({entry['note']})" if entry["note"] else "")
                )
            elif entry["note"]:
                lines.append(f"{'':<4}{entry['note']}")
        lines.append("")
        for key, target, label in TARGETS:
            entry = self.results["measures"].get(key)
            if not entry:
                continue
            ratio = entry["ours_vs_floor"]
            met = ratio <= target
            self.results.setdefault("targets", {})[key] = {
                "ratio": ratio,
                "target": target,
                "met": met,
            }
            lines.append(
                f"{label}: {ratio:.2f} (target <= {target:g}: "
                f"{'met' if met else 'MISSED'})"
            )
        lines.append("")
        for threads in (2, 4, 8):
            entry = self.results["measures"].get(f"concurrency_{threads}")
            if entry:
                lines.append(
                    f"{entry['label']}: {entry['successes']} ok, "
                    f"{entry['refusals']} refused, {entry['serialisation_retries']} "
                    f"retried, {entry['deadlocks']} deadlocks, final balance "
                    f"{entry['final_balance']:.2f}, overdraft {entry['overdraft']:.2f}, "
                    f"{entry['seconds_per_debit']:.3f} s per debit"
                )
        drift = self.results.get("totals_drift")
        if drift:
            lines.append(
                f"stored wallet totals vs posted journal items: {drift['totals']} "
                f"totals, {drift['drifted']} drifted (checked in "
                f"{drift['seconds']:.2f} s)"
            )
        drift = self.results.get("statement_drift")
        if drift:
            lines.append(
                f"statement rows of closed sessions vs their wallet items: "
                f"{drift['sessions']} sessions, {drift['drifted']} drifted "
                f"(checked in {drift['seconds']:.2f} s)"
            )
        lines.append(
            f"peak memory of the bench process: {self.results['peak_rss_mb']} MB"
        )
        print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--output", help="JSON file (default var/bench/<date>.json)")
    parser.add_argument(
        "--only",
        help="comma-separated measures to run (balances, search, pos_load, "
        "pos_orders, concurrency, triggers); default all",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    registry = odoo.registry(args.database)
    bench = Bench(registry, args.scale)
    bench.ensure_dataset()
    phases = (
        bench.measure_balances,
        bench.measure_search,
        bench.measure_pos_load,
        bench.measure_pos_orders,
        bench.measure_concurrency,
        bench.measure_triggers,
    )
    if args.only:
        wanted = {f"measure_{name.strip()}" for name in args.only.split(",")}
        unknown = wanted - {phase.__name__ for phase in phases}
        if unknown:
            parser.error(f"unknown measures: {', '.join(sorted(unknown))}")
        phases = [phase for phase in phases if phase.__name__ in wanted]
    for phase in phases:
        phase()
        # peak memory so far: which phase raised it
        bench.results.setdefault("peak_rss_mb_after", {})[phase.__name__] = round(
            peak_rss_mb(), 1
        )
    # after whatever ran: the totals the balances read must match the ledger
    bench.check_totals()
    bench.report()
    output = Path(
        args.output
        or Path(args.config).parent
        / "bench"
        / f"{datetime.datetime.now():%Y-%m-%dT%H%M%S}.json"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(bench.results, indent=2))
    print(f"results written to {output}")
    unsafe = [
        key
        for key, entry in bench.results["measures"].items()
        if key.startswith("concurrency")
        and (
            entry["overdraft"]
            or entry["deadlocks"]
            or entry["successes"] != entry["expected_successes"]
        )
    ]
    if bench.results["totals_drift"]["drifted"]:
        unsafe.append("totals_drift")
    if bench.results["statement_drift"]["drifted"]:
        unsafe.append("statement_drift")
    if unsafe:
        print(f"UNSAFE: {', '.join(unsafe)}")
    return 1 if unsafe else 0


if __name__ == "__main__":
    raise SystemExit(main())
