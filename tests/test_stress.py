"""make stress at a tiny scale, so that it cannot rot.

Three tills for a few seconds on Odoo with 4 workers, a worker killed, a till
offline then resyncing twice, a slow till. PostgreSQL is not restarted here:
the tests' own connections use the same server.
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import odoo
from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from stress import checks  # noqa: E402  (tools/ is not a package)


def _free_ports(count):
    sockets = []
    for _n in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sockets.append(sock)
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


def test_stress_runs_at_a_tiny_scale(tmp_path):
    db = config["db_name"]
    assert (
        config.rcfile and db
    ), "run by tools/test.sh: the project's config and database"
    port, gevent_port = _free_ports(2)
    output = tmp_path / "stress.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "stress",
            "-c",
            config.rcfile,
            "-d",
            db,
            f"--port={port}",
            f"--gevent-port={gevent_port}",
            "--tills=3",
            "--duration=16",
            "--offline-seconds=5",
            "--slow-seconds=1",
            "--no-pg-restart",
            f"--output={output}",
        ],
        cwd=ROOT / "tools",
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    result = json.loads(output.read_text())
    invariants = result["invariants"]
    assert invariants and all(entry["ok"] for entry in invariants.values()), invariants
    faults = {fault["fault"] for fault in result["faults"]}
    assert {"slow_till", "worker_killed", "till_offline"} <= faults, faults
    orders = result["orders"]
    assert orders["accepted"] > 0 and orders["duplicates_sent"] > 0, orders
    assert result["latency"]["sync"]["p95"] > 0
    assert "invariants:" in run.stdout


def test_stress_checks_find_a_lost_order():
    """The checks fail on an order a till accepted that the server lacks."""
    registry = odoo.registry(config["db_name"])
    with registry.cursor() as cr:
        cr.execute("SELECT id, commercial_partner_id FROM res_partner LIMIT 1")
        partner_id, _commercial = cr.fetchone()
    setup = {
        "members": {str(partner_id): 0.0},
        "limit": -10.0,
    }
    before = {partner_id: (0.0, 0.0)}
    validated = {
        "Order 99999-001-0001": {
            "partner": partner_id,
            "movement": -3.0,
            "offline": False,
        }
    }
    result = checks.orders_check(registry, [0], validated, setup, before)
    assert not result["lost_orders"]["ok"] and result["lost_orders"]["value"] == 1
    # the accepted movement is missing from the ledger too
    assert not result["balances_exact"]["ok"]
    assert result["doubles"]["ok"] and result["overdraft_beyond_allowance"]["ok"]
