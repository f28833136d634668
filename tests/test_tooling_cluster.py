"""The private PostgreSQL cluster starts from a checkout in a private folder.

Root's home is mode 700 on Debian: the postgres user, which runs the cluster
when the scripts run as root, cannot enter a checkout there. tools/pg.sh then
keeps the cluster under /var/tmp and must hand PostgreSQL its real path.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        os.geteuid() != 0,
        reason="the cluster runs as another user (postgres) only when the tests "
        "run as root, as in CI",
    ),
    pytest.mark.skipif(
        bool(os.environ.get("PGHOST")),
        reason="PGHOST names a PostgreSQL server: the private cluster is not used",
    ),
]


def _copy_checkout(dest):
    """The checkout's tracked files as they are now (uncommitted changes too)."""
    files = subprocess.run(
        ["git", "ls-files", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if not source.is_file() or source.is_symlink():
            continue
        target = dest / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _pg(checkout, command):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return subprocess.run(
        ["bash", "tools/pg.sh", command],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _kill_postmaster(cluster):
    """Last resort of the clean-up: an immediate shutdown of the postmaster."""
    pid_file = cluster / "data" / "postmaster.pid"
    if not pid_file.is_file():
        return
    pid = int(pid_file.read_text().split()[0])
    try:
        os.kill(pid, signal.SIGQUIT)
    except ProcessLookupError:
        return
    for _i in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)


def test_cluster_starts_from_a_checkout_in_a_private_folder():
    home = Path(tempfile.mkdtemp(prefix="komunigi-home-"))
    assert home.stat().st_mode & 0o777 == 0o700
    checkout = home / "komunigi"
    cluster = None
    try:
        _copy_checkout(checkout)
        started = _pg(checkout, "start")
        link = checkout / "var" / "pg"
        if link.is_symlink():
            cluster = link.resolve()
        output = started.stdout + started.stderr
        assert started.returncode == 0, output
        assert "could not change directory" not in output
        assert "Permission denied" not in output
        # the postgres user cannot enter the checkout: its cluster lives
        # under /var/tmp, the socket too
        assert cluster is not None, "var/pg is not a link to a folder under /var/tmp"
        assert cluster.parent == Path("/var/tmp")
        assert cluster.name.startswith("komunigi-pg-")
        assert cluster != (ROOT / "var" / "pg").resolve()
        assert _pg(checkout, "status").stdout.strip() == "running"
        role = subprocess.run(
            ["psql", "-X", "-h", str(cluster / "run"), "-U", "odoo", "-d", "postgres"]
            + ["-tAc", "SELECT current_user"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert role.stdout.strip() == "odoo", role.stderr
        log = (cluster / "postgresql.log").read_text()
        assert "could not change directory" not in log
        stopped = _pg(checkout, "stop")
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        assert _pg(checkout, "status").stdout.strip() == "stopped"
    finally:
        if cluster is not None:
            _pg(checkout, "stop")
            _kill_postmaster(cluster)
            # only the cluster this test created, never the checkout's own
            if cluster.name.startswith("komunigi-pg-") and cluster != (
                ROOT / "var" / "pg"
            ).resolve(strict=False):
                shutil.rmtree(cluster, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
