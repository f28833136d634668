"""The table, the ratios against their targets, the ledger and drift checks."""

from odoo.tools import float_compare

from .timing import Timer, peak_rss_mb

# (measure, highest ratio ours/floor, what the ratio compares)
TARGETS = (
    ("pos_close_split", 0.5, "wallet closing / core split-transaction closing"),
    ("pos_close_items", 1.3, "(wallet closing - cash closing) / its journal items"),
    (
        "triggers_invoices",
        1.03,
        "stored totals' triggers (rejected design): invoices posted and paid, "
        "on / off",
    ),
)


class Report:
    """Results recorded, checked and printed (mixed into the Bench)."""

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

    def check_ledger(self):
        """Compare the ledger's balances of every wallet with the floor's SQL
        sum of the posted journal items, and the statement rows of the closed
        sessions with their wallet items."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            account = self.records(env)["account"]
            company = env.ref("base.main_company")
            partners = env["res.partner"].with_context(active_test=False).search([])
            with Timer(cr) as timer:
                balances = env["customer.wallet.ledger"]._balances(partners, company)
                # plus the orders of open sessions, not booked yet (none once
                # the sessions are closed)
                pending = env["customer.wallet.ledger"]._pending_amounts(None, company)
                bare = self.bare_balances(cr, account)
            differing = [
                (cid, amount, float(bare.get(cid, 0.0)) + pending.get(cid, 0.0))
                for cid, amount in balances.items()
                if float_compare(
                    amount, float(bare.get(cid, 0.0)) + pending.get(cid, 0.0), 2
                )
            ] + [
                (cid, None, float(amount))
                for cid, amount in bare.items()
                if cid not in balances and float_compare(float(amount), 0.0, 2)
            ]
            # the rows of the orders of each closed session add up to the
            # session's wallet item for each member
            with Timer(cr) as rows_timer:
                rows_drift = env["customer.wallet.ledger"]._statement_drift()
            cr.execute("SELECT COUNT(*) FROM pos_session WHERE move_id IS NOT NULL")
            sessions = cr.fetchone()[0]
        self.results["ledger_check"] = {
            "wallets": len(balances),
            "differing": len(differing),
            "examples": [list(map(str, row)) for row in differing[:5]],
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
        check = self.results.get("ledger_check")
        if check:
            lines.append(
                f"ledger balances vs SQL sum of the posted items: {check['wallets']} "
                f"wallets, {check['differing']} differing (checked in "
                f"{check['seconds']:.2f} s)"
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
