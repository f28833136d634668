"""make bench: see the package's docstring and README.md."""

import argparse
import datetime
import json
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api

from .concurrency import Concurrency
from .dataset import FULL, Dataset
from .measures import Measures
from .references import FULL_INVOICES, References
from .report import Report
from .timing import Timing, peak_rss_mb


class Bench(Dataset, Timing, Measures, Concurrency, References, Report):
    def __init__(self, registry, scale):
        self.registry = registry
        self.scale = scale
        self.size = {key: max(int(value * scale), 10) for key, value in FULL.items()}
        self.invoices = max(int(FULL_INVOICES * scale), 10)
        self.rows = []
        self.results = {"scale": scale, "size": self.size, "measures": {}}

    def env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})


def main():
    parser = argparse.ArgumentParser(description="make bench")
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
    # after whatever ran: the balances must be the sums of the posted items
    bench.check_ledger()
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
    if bench.results["ledger_check"]["differing"]:
        unsafe.append("ledger_check")
    if bench.results["statement_drift"]["drifted"]:
        unsafe.append("statement_drift")
    if unsafe:
        print(f"UNSAFE: {', '.join(unsafe)}")
    return 1 if unsafe else 0


if __name__ == "__main__":
    raise SystemExit(main())
