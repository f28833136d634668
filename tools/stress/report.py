"""What the run counts and measures, printed as a table and kept as JSON."""

import collections
import re
import statistics
import threading
import time


def percentile(values, fraction):
    if not values:
        return None
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(fraction * (len(values) - 1))))
    return values[index]


class Stats:
    def __init__(self, max_orders):
        self.lock = threading.Lock()
        self.counts = collections.defaultdict(collections.Counter)
        self.timings = collections.defaultdict(list)
        self.refusals = collections.Counter()
        self.errors = collections.Counter()
        self.events = []
        self.flights = collections.Counter()
        self.max_orders = max_orders
        self.t0 = time.monotonic()

    def count(self, what, key, number=1):
        with self.lock:
            self.counts[what][key] += number

    def total(self, what):
        with self.lock:
            return sum(self.counts[what].values())

    def budget(self):
        return not self.max_orders or self.total("sent") < self.max_orders

    def timing(self, what, seconds):
        with self.lock:
            self.timings[what].append(seconds)

    def refuse(self, kind, reason):
        with self.lock:
            self.counts["refused"][kind] += 1
            self.refusals[reason] += 1

    def note_error(self, error):
        with self.lock:
            self.errors[str(error)[:200]] += 1

    def event(self, text):
        with self.lock:
            self.events.append(f"{time.monotonic() - self.t0:7.1f}s {text}")
        print(f"stress: {text}", flush=True)

    def flight(self, method, step):
        with self.lock:
            self.flights[method] += step

    def in_flight(self, method):
        with self.lock:
            return self.flights[method]

    def latency(self, what):
        values = self.timings.get(what) or []
        return {
            "count": len(values),
            "p50": _round(percentile(values, 0.50)),
            "p95": _round(percentile(values, 0.95)),
            "p99": _round(percentile(values, 0.99)),
            "mean": _round(statistics.mean(values)) if values else None,
        }


def _round(value):
    return None if value is None else round(value, 3)


def _refusal_reason(text):
    """Reasons grouped: the member's name and amounts differ from one to the next."""
    for key, label in (
        ("may not go below", "wallet below its limit"),
        ("keeps", "money kept by another till"),
        ("offline", "offline: below the limit at the last known balance"),
        ("server error", "server error at the ask"),
    ):
        if key in text:
            return label
    return text[:80]


# werkzeug's line: "POST <path> HTTP/1.1" <status> - <queries> <SQL time> <other time>
REQUEST_LINE = re.compile(r'"POST (\S+) HTTP/1\.1" \d+ - \d+ ([\d.]+) ([\d.]+)')


def worker_seconds(log):
    """{method: [requests, seconds]} the workers spent, from the Odoo log."""
    spent = collections.defaultdict(lambda: [0, 0.0])
    with open(log, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            match = REQUEST_LINE.search(line)
            if match:
                entry = spent[match.group(1).rsplit("/", 1)[-1]]
                entry[0] += 1
                entry[1] += float(match.group(2)) + float(match.group(3))
    return spent


def _worker_time(spent, accepted):
    total = sum(seconds for _count, seconds in spent.values())
    return {
        "worker_seconds": round(total, 1),
        "worker_seconds_per_order": round(total / max(accepted, 1), 3),
        "orders_per_busy_worker_second": round(accepted / max(total, 1e-6), 2),
        "worker_seconds_by_method": {
            method: {"requests": count, "mean": round(seconds / count, 3)}
            for method, (count, seconds) in sorted(spent.items())
        },
    }


def summary(stats, duration, tills, workers, faults, checks, log):
    accepted = stats.total("accepted")
    worker_time = _worker_time(worker_seconds(log), accepted)
    reasons = collections.Counter()
    for text, number in stats.refusals.items():
        reasons[_refusal_reason(text)] += number
    return {
        "duration_seconds": round(duration, 1),
        "tills": tills,
        "workers": workers,
        "orders": {
            "sent": stats.total("sent"),
            "accepted": accepted,
            "accepted_by_kind": dict(stats.counts["accepted"]),
            "accepted_offline": stats.total("offline_validated"),
            "refused": stats.total("refused"),
            "refused_by_kind": dict(stats.counts["refused"]),
            "refusal_reasons": dict(reasons),
            "sync_failures": dict(stats.counts["sync_failures"]),
            "retried": stats.total("sync_failures"),
            "duplicates_sent": stats.total("duplicates_sent"),
            "hold_errors": dict(stats.counts["hold_errors"]),
            "sync_server_errors": dict(stats.errors),
        },
        "latency": {
            "sync": stats.latency("sync"),
            "hold": stats.latency("hold"),
            "sync_unslowed": stats.latency("sync_unslowed"),
            "hold_unslowed": stats.latency("hold_unslowed"),
            "load_pos_data": stats.latency("load_pos_data"),
        },
        "throughput": {
            "orders_per_second": round(accepted / max(duration, 1e-6), 2),
            "orders_per_second_per_worker": round(
                accepted / max(duration, 1e-6) / workers, 2
            ),
            "requests": len(stats.timings["rpc"]),
            # what the workers spent on the tills' requests (the Odoo log's
            # time of each request), per accepted order: the orders one
            # worker kept busy syncs per second
            **worker_time,
        },
        "faults": faults,
        "invariants": checks,
        "events": stats.events,
    }


def table(result):
    orders, lat, inv = result["orders"], result["latency"], result["invariants"]

    def ms(entry, key):
        value = entry.get(key)
        return "-" if value is None else f"{value * 1000:.0f} ms"

    lines = [
        "",
        f"komunigi stress: {result['tills']} tills, {result['workers']} workers, "
        f"{result['duration_seconds']:.0f} s",
        "",
        f"orders sent {orders['sent']}, accepted {orders['accepted']} "
        f"({orders['accepted_offline']} offline), refused {orders['refused']}, "
        f"sync retried {orders['retried']}, duplicates sent "
        f"{orders['duplicates_sent']}",
        f"  accepted by kind: {orders['accepted_by_kind']}",
        f"  refusals: {orders['refusal_reasons']}",
        f"  failed syncs: {orders['sync_failures']}",
        "",
        f"{'latency':<20} {'count':>7} {'p50':>9} {'p95':>9} {'p99':>9}",
    ]
    for key, label in (
        ("sync", "order sync"),
        ("sync_unslowed", "  but the slow till"),
        ("hold", "hold request"),
        ("hold_unslowed", "  but the slow till"),
    ):
        entry = lat[key]
        lines.append(
            f"{label:<20} {entry['count']:>7} {ms(entry, 'p50'):>9} "
            f"{ms(entry, 'p95'):>9} {ms(entry, 'p99'):>9}"
        )
    tp = result["throughput"]
    lines += [
        "",
        f"throughput: {tp['orders_per_second']} accepted orders/s, "
        f"{tp['orders_per_second_per_worker']} per worker; the workers spent "
        f"{tp['worker_seconds_per_order']} s per order on {tp['requests']} "
        f"requests: {tp['orders_per_busy_worker_second']} orders/s for a busy worker",
        "",
        "faults:",
    ]
    for fault in result["faults"]:
        details = {k: v for k, v in fault.items() if k not in ("fault", "at_seconds")}
        lines.append(f"  t={fault['at_seconds']:6.1f}s {fault['fault']} {details}")
    lines += ["", "invariants:"]
    for name, entry in inv.items():
        mark = "ok  " if entry["ok"] else "FAIL"
        lines.append(f"  {mark} {name}: {entry['value']}  ({entry['what']})")
    return "\n".join(lines)
