"""The invariants, read from the database once the tills have resynced."""

import subprocess

from odoo import SUPERUSER_ID, api, fields

POSTED = """
    SELECT partner.commercial_partner_id, -SUM(line.balance)
      FROM account_move_line line
      JOIN res_partner partner ON partner.id = line.partner_id
     WHERE line.account_id = %(account)s AND line.parent_state = 'posted'
       AND partner.commercial_partner_id = ANY(%(partners)s)
  GROUP BY partner.commercial_partner_id
"""

ORDERS = """
    SELECT pos_reference, COUNT(*), MIN(partner_id), BOOL_OR(customer_wallet_overdraft)
      FROM pos_order
     WHERE session_id = ANY(%(sessions)s) AND state IN ('paid', 'done', 'invoiced')
  GROUP BY pos_reference
"""


def _env(cr):
    return api.Environment(cr, SUPERUSER_ID, {})


def _check(ok, value, what):
    return {"ok": bool(ok), "value": value, "what": what}


def ledger_balances(registry, setup):
    """{member id: (posted + pending without holds, ledger balance)}."""
    # the addons' path is known once the configuration is read
    from odoo.addons.pos_customer_wallet import sql as pos_sql

    ids = [int(pid) for pid in setup["members"]]
    with registry.cursor() as cr:
        env = _env(cr)
        company = env["res.company"].browse(setup["company"])
        cr.execute(POSTED, {"account": setup["account"], "partners": ids})
        posted = {pid: float(amount) for pid, amount in cr.fetchall()}
        cr.execute(
            pos_sql.PENDING_QUERY,
            {
                "company_id": company.id,
                "all_partners": False,
                "partner_ids": ids,
                "now": fields.Datetime.now(),
            },
        )
        pending = {pid: float(amount) for pid, amount in cr.fetchall()}
        ledger = env["customer.wallet.ledger"]._balances(
            env["res.partner"].browse(ids), company
        )
        cr.execute(
            "SELECT COUNT(*) FROM customer_wallet_hold WHERE partner_id = ANY(%s)",
            [ids],
        )
        holds = cr.fetchone()[0]
    return {
        pid: (round(posted.get(pid, 0.0) + pending.get(pid, 0.0), 2), ledger[pid])
        for pid in ids
    }, holds


def orders_check(registry, sessions, validated, setup, before):
    """Lost, doubles, the balances against the tills' accepted orders."""
    with registry.cursor() as cr:
        cr.execute(ORDERS, {"sessions": sessions})
        rows = cr.fetchall()
    recorded = {ref: count for ref, count, _p, _o in rows}
    lost = sorted(set(validated) - set(recorded))
    doubles = sorted(ref for ref, count in recorded.items() if count > 1)
    unknown = sorted(set(recorded) - set(validated))
    online_flagged = sorted(
        ref
        for ref, _c, _p, flagged in rows
        if flagged and ref in validated and not validated[ref]["offline"]
    )
    expected = {int(pid): amount for pid, amount in setup["members"].items()}
    offline_debits = dict.fromkeys(expected, 0.0)
    for info in validated.values():
        expected[info["partner"]] += info["movement"]
        if info["offline"] and info["movement"] < 0:
            offline_debits[info["partner"]] -= info["movement"]
    wrong = {
        pid: {"expected": round(amount, 2), "ledger": before[pid][0]}
        for pid, amount in expected.items()
        if abs(round(amount, 2) - before[pid][0]) >= 0.005
    }
    limit = setup["limit"]
    overdrafts = {
        pid: round(before[pid][0] - limit + offline_debits[pid], 2)
        for pid in expected
        if round(before[pid][0] + offline_debits[pid] - limit, 2) < 0
    }
    below_limit = sum(1 for pid in expected if before[pid][0] < limit - 0.005)
    return {
        "balances_exact": _check(
            not wrong,
            len(wrong),
            "members whose ledger balance + pending differs from the initial "
            "balance + each accepted order's movement once"
            + (f": {dict(list(wrong.items())[:5])}" if wrong else ""),
        ),
        "overdraft_beyond_allowance": _check(
            not overdrafts,
            len(overdrafts),
            f"members below the limit by more than their offline orders "
            f"({below_limit} below the limit through offline orders)"
            + (f": {overdrafts}" if overdrafts else ""),
        ),
        "lost_orders": _check(
            not lost, len(lost), "accepted by a till, absent on the server"
        ),
        "doubles": _check(not doubles, len(doubles), "orders recorded twice"),
        "unknown_orders": _check(
            not unknown, len(unknown), "orders on the server no till accepted"
        ),
        "online_orders_flagged": _check(
            not online_flagged,
            len(online_flagged),
            "orders validated with the server's consent flagged as overdraft"
            + (f": {online_flagged[:5]}" if online_flagged else ""),
        ),
    }


def closing_check(registry, sessions, before, after):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT COUNT(*) FROM pos_session WHERE id = ANY(%s) AND state != 'closed'",
            [sessions],
        )
        open_left = cr.fetchone()[0]
    changed = {
        pid: (before[pid][0], after[pid][1])
        for pid in before
        if abs(before[pid][0] - after[pid][1]) >= 0.005
    }
    return {
        "sessions_closed": _check(
            not open_left,
            f"{len(sessions) - open_left}/{len(sessions)}",
            "sessions of the tills closed afterwards",
        ),
        "closing_unchanged": _check(
            not changed,
            len(changed),
            "members whose balance the closing changed"
            + (f": {dict(list(changed.items())[:5])}" if changed else ""),
        ),
    }


def drift_check(registry, setup):
    """The ledger's balances of all wallets are the SQL sums of their posted
    items (plus what is still pending), and the statement rows of the closed
    sessions add up to their wallet items."""
    with registry.cursor() as cr:
        env = _env(cr)
        company = env["res.company"].browse(setup["company"])
        ledger = env["customer.wallet.ledger"]
        partners = env["res.partner"].with_context(active_test=False).search([])
        balances = ledger._balances(partners, company)
        pending = ledger._pending_amounts(list(balances), company)
        cr.execute(POSTED, {"account": setup["account"], "partners": list(balances)})
        posted = {cid: float(amount) for cid, amount in cr.fetchall()}
        differing = {
            cid: (amount, posted.get(cid, 0.0) + pending.get(cid, 0.0))
            for cid, amount in balances.items()
            if abs(amount - posted.get(cid, 0.0) - pending.get(cid, 0.0)) >= 0.005
        }
        rows = ledger._statement_drift()
    return {
        "ledger_check": _check(
            not differing,
            len(differing),
            f"wallets (of {len(balances)}) whose ledger balance differs from "
            "the SQL sum of their items"
            + (f": {dict(list(differing.items())[:5])}" if differing else ""),
        ),
        "statement_drift": _check(
            not rows, len(rows), "closed sessions' statement rows vs wallet items"
        ),
    }


def deadlock_check(log):
    result = subprocess.run(
        ["grep", "-ci", "deadlock detected", str(log)],
        capture_output=True,
        text=True,
        check=False,
    )
    count = int(result.stdout.strip() or 0)
    return {
        "deadlocks": _check(not count, count, "'deadlock detected' in the Odoo log")
    }
