"""Odoo as in production: HTTP worker processes and the gevent process.

`make run WORKERS=N` and the deployments run Odoo with --workers: then the
websocket (the bus: POS notifications, Discuss) is served by a separate
gevent process, which must start with the venv's pins.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import websocket

from odoo.tools import config

ODOO = Path(sys.executable).with_name("odoo")
START_TIMEOUT = 180


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(what, check, process, log, timeout):
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, f"Odoo exited before {what}:\n{log.read_text()}"
        result = check()
        if result:
            return result
        assert (
            time.monotonic() < deadline
        ), f"no {what} in {timeout} s:\n{log.read_text()}"
        time.sleep(1)


def _login_page(port):
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/web/login", timeout=30
        ) as response:
            return response.status
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _websocket(port):
    try:
        return websocket.create_connection(
            f"ws://127.0.0.1:{port}/websocket", timeout=30
        )
    except (websocket.WebSocketException, ConnectionError, TimeoutError):
        return None


def _stop(process):
    """The whole process group (master, workers, gevent), in bounded time."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


def test_workers_serve_the_login_page_and_the_websocket(tmp_path):
    db = config["db_name"]
    assert (
        config.rcfile and db
    ), "run by tools/test.sh: the project's config and database"
    http_port = _free_port()
    gevent_port = _free_port()
    while gevent_port == http_port:
        gevent_port = _free_port()
    log = tmp_path / "odoo.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(ODOO),
                "-c",
                config.rcfile,
                "-d",
                db,
                f"--db-filter=^{db}$",
                "--workers=2",
                "--max-cron-threads=0",
                "--http-interface=127.0.0.1",
                f"--http-port={http_port}",
                f"--gevent-port={gevent_port}",
                "--log-level=info",
            ],
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        status = _wait_for(
            "login page",
            lambda: _login_page(http_port),
            process,
            log,
            START_TIMEOUT,
        )
        assert status == 200
        ws = _wait_for(
            "websocket",
            lambda: _websocket(gevent_port),
            process,
            log,
            60,
        )
        try:
            assert ws.getstatus() == 101
            ws.send(
                json.dumps(
                    {"event_name": "subscribe", "data": {"channels": [], "last": 0}}
                )
            )
            # the connection stays open: nothing to receive, no close frame
            ws.settimeout(2)
            try:
                ws.recv()
            except websocket.WebSocketTimeoutException:
                pass
            assert ws.connected
        finally:
            ws.close()
        text = log.read_text()
        assert (
            f"Evented Service (longpolling) running on 127.0.0.1:{gevent_port}" in text
        )
        assert "Traceback" not in text, text
        assert "DistributionNotFound" not in text, text
    finally:
        _stop(process)
