"""Odoo from the project's config, with HTTP workers and the gevent process."""

import os
import signal
import subprocess
import time

import psutil
import requests


class Server:
    def __init__(self, odoo, config, db, port, gevent_port, workers, log):
        self.command = [
            odoo,
            "-c",
            config,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--workers={workers}",
            f"--http-port={port}",
            f"--gevent-port={gevent_port}",
            "--http-interface=127.0.0.1",
            # no cron worker: every child but the gevent process serves HTTP
            "--max-cron-threads=0",
            # a till's sync waits for the wallet lock of its members: the
            # default limits of a worker, raised for a loaded 2-core machine
            "--limit-time-cpu=300",
            "--limit-time-real=600",
            "--log-level=info",
            f"--logfile={log}",
        ]
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self.process = None

    def start(self, timeout=180):
        self.process = subprocess.Popen(
            self.command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited, see {self.log}")
            try:
                if (
                    requests.get(self.base + "/web/login", timeout=10).status_code
                    == 200
                ):
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError(f"Odoo did not answer in {timeout} s, see {self.log}")

    def http_workers(self):
        """The HTTP worker processes (not the gevent one, nor the cron's)."""
        master = psutil.Process(self.process.pid)
        workers = []
        for child in master.children():
            try:
                # the workers are forks of the master; the gevent process is
                # started as ``odoo gevent ...``
                if "gevent" in child.cmdline():
                    continue
            except psutil.Error:
                continue
            workers.append(child)
        return workers

    def serving_workers(self):
        """The HTTP workers holding a client's connection: mid-request."""
        port = int(self.base.rsplit(":", 1)[1])
        serving = []
        for worker in self.http_workers():
            try:
                connections = worker.connections(kind="tcp")
            except psutil.Error:
                continue
            if any(
                conn.status == psutil.CONN_ESTABLISHED and conn.laddr.port == port
                for conn in connections
            ):
                serving.append(worker)
        return serving

    def busiest_worker(self, sample=0.3):
        workers = self.http_workers()
        for worker in workers:
            try:
                worker.cpu_percent(None)
            except psutil.Error:
                pass
        time.sleep(sample)
        best, load = None, -1.0
        for worker in workers:
            try:
                value = worker.cpu_percent(None)
            except psutil.Error:
                continue
            if value > load:
                best, load = worker, value
        return best, load

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass
