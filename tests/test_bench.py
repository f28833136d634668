"""make bench at a tiny scale, so that it cannot rot."""

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_at_a_tiny_scale(tmp_path):
    output = tmp_path / "bench.json"
    env = dict(
        os.environ,
        SCALE="0.001",
        BENCH_DB="komunigi_bench_smoke",
        BENCH_OUTPUT=str(output),
    )
    try:
        run = subprocess.run(
            ["bash", str(ROOT / "tools" / "bench.sh")],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    finally:
        subprocess.run(
            ["bash", str(ROOT / "tools" / "db.sh"), "drop", "komunigi_bench_smoke"],
            check=False,
            capture_output=True,
        )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "balance of 10 000 partner(s)" in run.stdout
    results = json.loads(output.read_text())
    measures = results["measures"]
    for key in (
        "balance_1",
        "balance_10000",
        "search_negative",
        "search_above_100",
        "pos_load_partners",
        "pos_sync",
        "pos_close",
    ):
        assert measures[key]["ours"]["seconds"] > 0, key
        assert measures[key]["floor"]["seconds"] > 0, key
    # the closing beside core's split-transaction closing and the ORM's
    # creation of its journal items, the stored totals' triggers (the
    # rejected design) on and off
    for key in ("pos_close_split", "pos_close_items", "triggers_invoices"):
        assert measures[key]["floor"]["seconds"] > 0, key
        target = results["targets"][key]
        assert target["ratio"] == measures[key]["ours_vs_floor"], key
    assert measures["pos_close_split"]["ours"] == measures["pos_close"]["ours"]
    assert measures["triggers_invoices"]["ours"]["queries"] > 0
    for threads in (2, 4, 8):
        entry = measures[f"concurrency_{threads}"]
        assert entry["overdraft"] == 0
        assert entry["successes"] == entry["expected_successes"] == 2
        assert entry["successes"] + entry["refusals"] == threads
        assert entry["final_balance"] == 2.0
    # the ledger's balances of every wallet were checked against the SQL sum
    # of the posted items after every measure
    assert results["ledger_check"]["wallets"] > 0
    assert results["ledger_check"]["differing"] == 0, results["ledger_check"]
    # the statement rows of the closed sessions add up to their wallet items
    assert results["statement_drift"]["sessions"] > 0
    assert results["statement_drift"]["drifted"] == 0, results["statement_drift"]
    assert results["peak_rss_mb"] > 0
