"""make stress: see the package's docstring and README.md.

    python -m stress -c var/stress/odoo.conf -d komunigi_stress --tills 8 --duration 300
"""

import argparse
import datetime
import json
import sys
import threading
import time
from pathlib import Path

import odoo
from odoo import sql_db

from . import checks
from . import records as till_records
from . import report
from .faults import Faults
from .server import Server
from .till import Till

ROOT = Path(__file__).resolve().parents[2]


class RunState:
    def __init__(self, base, db, seed, max_orders):
        self.base = base
        self.db = db
        self.seed = seed
        self.stats = report.Stats(max_orders)
        self.stop = threading.Event()
        self.opened = threading.Event()
        self.started = time.monotonic()


def parse(argv):
    parser = argparse.ArgumentParser(description="make stress")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--gevent-port", type=int, default=0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--tills", type=int, default=8)
    parser.add_argument("--duration", type=float, default=300.0)
    parser.add_argument("--max-orders", type=int, default=0, help="0: no limit")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--slow-seconds", type=float, default=2.0)
    parser.add_argument("--offline-seconds", type=float, default=30.0)
    parser.add_argument("--no-kill-worker", dest="kill_worker", action="store_false")
    parser.add_argument("--no-pg-restart", dest="pg_restart", action="store_false")
    parser.add_argument("--output", help="JSON file (default var/stress/<date>.json)")
    options = parser.parse_args(argv)
    options.gevent_port = options.gevent_port or options.port + 1
    options.root = ROOT
    return options


def wait_open(tills, run, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(hasattr(t, "session_id") or t.error for t in tills):
            return
        time.sleep(0.5)
    raise RuntimeError("the tills did not open their sessions in time")


def main(argv=None):
    options = parse(argv if argv is not None else sys.argv[1:])
    odoo.tools.config.parse_config(
        ["-c", options.config, "-d", options.database, "--log-level=warn"]
    )
    out_dir = ROOT / "var" / "stress"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = f"{datetime.datetime.now():%Y-%m-%dT%H%M%S}"
    log = out_dir / f"odoo-{stamp}.log"
    registry = odoo.registry(options.database)
    records = till_records.ensure(registry, options.tills, options.seed)
    # PostgreSQL restarts during the run: no connection kept across it
    sql_db.close_all()
    server = Server(
        str(Path(sys.executable).with_name("odoo")),
        options.config,
        options.database,
        options.port,
        options.gevent_port,
        options.workers,
        log,
    )
    run = RunState(server.base, options.database, options.seed, options.max_orders)
    stats = run.stats
    duration, fault_list, invariants = 0.0, [], {}
    try:
        server.start()
        stats.event(f"Odoo up with {options.workers} workers, log {log}")
        tills = [
            Till(number, spec, records, run)
            for number, spec in enumerate(records["tills"], start=1)
        ]
        for till in tills:
            till.start()
        wait_open(tills, run)
        run.started = time.monotonic()
        stats.event(f"{len(tills)} tills open, orders for {options.duration:g} s")
        run.opened.set()
        faults = Faults(run, server, tills, options)
        faults.start()
        run.stop.wait(options.duration)
        run.stop.set()
        for till in tills:
            till.join(timeout=120)
        duration = time.monotonic() - run.started
        faults.join(timeout=120)
        stats.event("time is up: the tills resync their queues")
        deadline = time.monotonic() + 180
        resyncs = [
            threading.Thread(target=t.final_resync, args=(deadline,)) for t in tills
        ]
        for thread in resyncs:
            thread.start()
        for thread in resyncs:
            thread.join()
        validated = {}
        for till in tills:
            validated.update(till.validated)
        sessions = [t.session_id for t in tills if hasattr(t, "session_id")]
        before, holds = checks.ledger_balances(registry, records)
        invariants.update(
            {
                "tills_ok": checks._check(
                    not any(t.error for t in tills),
                    [t.error for t in tills if t.error] or 0,
                    "tills that crashed",
                ),
                "queues_empty": checks._check(
                    not any(t.queue for t in tills),
                    sum(len(t.queue) for t in tills),
                    "orders still queued after the final resync",
                ),
            }
        )
        invariants.update(
            checks.orders_check(registry, sessions, validated, records, before)
        )
        stats.event(f"closing the {len(sessions)} sessions ({holds} holds left)")
        for till in tills:
            try:
                answer = till.close()
                if not answer.get("successful"):
                    stats.event(f"till {till.number} closing: {answer}")
            except Exception as error:
                stats.event(f"till {till.number} closing failed: {error!r}")
        sql_db.close_all()
        after, holds_after = checks.ledger_balances(registry, records)
        invariants.update(checks.closing_check(registry, sessions, before, after))
        invariants.update(checks.drift_check(registry, records))
        invariants["holds_released"] = checks._check(
            not holds_after, holds_after, "holds left once the sessions are closed"
        )
        fault_list = faults.injected
        wanted = {
            "slow_till": options.slow_seconds,
            "worker_killed": options.kill_worker,
            "till_offline": options.offline_seconds,
            "postgresql_restarted": options.pg_restart,
        }
        done = {f["fault"] for f in fault_list if "error" not in f}
        missing = sorted(k for k, v in wanted.items() if v and k not in done)
        invariants["faults_injected"] = checks._check(
            not missing, missing or "all", "faults asked for and not injected"
        )
    finally:
        run.stop.set()
        server.stop()
    invariants.update(checks.deadlock_check(log))
    result = report.summary(
        stats, duration, options.tills, options.workers, fault_list, invariants, log
    )
    result["log"] = str(log)
    print(report.table(result))
    output = Path(options.output or out_dir / f"{stamp}.json")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, default=str))
    print(f"results written to {output}")
    failed = [name for name, entry in invariants.items() if not entry["ok"]]
    if failed:
        print(f"FAILED: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
