"""The addons' way, timed beside the SQL floor and the naive ORM way."""

import gc
import time

from odoo import SUPERUSER_ID, fields
from odoo.tools import float_compare

from odoo.addons.point_of_sale.models.pos_session import PosSession as CoreSession

from .dataset import KINDS
from .timing import Timer


class Measures:
    """Balances, searches, the POS's start, sync and closing (mixed into the
    Bench)."""

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
