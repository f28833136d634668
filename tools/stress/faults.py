"""The faults, each injected at a moment of the run that the report gives."""

import os
import signal
import subprocess
import threading
import time


class Faults(threading.Thread):
    """Injects the faults on a schedule relative to the run's duration.

    - from the start: one till's requests slowed (``slow_seconds`` each)
    - at 20 %: an HTTP worker SIGKILLed while orders are being synced
    - at 35 %: one till offline for ``offline_seconds``, then its queue
      resent twice
    - at 60 %: PostgreSQL restarted with a fast shutdown (embedded cluster)
    """

    def __init__(self, run, server, tills, options):
        super().__init__(name="faults", daemon=True)
        self.run_state = run
        self.server = server
        self.tills = tills
        self.options = options
        self.injected = []

    def log(self, fault, **details):
        moment = round(time.monotonic() - self.run_state.started, 1)
        entry = {"fault": fault, "at_seconds": moment, **details}
        self.injected.append(entry)
        self.run_state.stats.event(f"t={moment:6.1f}s fault {fault}: {details}")

    def wait_until(self, fraction):
        target = self.run_state.started + self.options.duration * fraction
        while time.monotonic() < target:
            if self.run_state.stop.wait(min(0.2, max(target - time.monotonic(), 0))):
                return False
        return True

    def run(self):
        opts = self.options
        try:
            slow = self.tills[min(1, len(self.tills) - 1)]
            if opts.slow_seconds:
                slow.slow = opts.slow_seconds
                self.log("slow_till", till=slow.number, seconds=opts.slow_seconds)
            if opts.kill_worker and self.wait_until(0.2):
                self.kill_worker()
            offline = self.tills[min(2, len(self.tills) - 1)]
            if opts.offline_seconds and self.wait_until(0.35):
                offline.go_offline(opts.offline_seconds)
                self.log(
                    "till_offline",
                    till=offline.number,
                    seconds=opts.offline_seconds,
                    queued=len(offline.queue),
                )
            if opts.pg_restart and self.wait_until(0.6):
                self.restart_postgresql()
        except Exception as error:  # reported, fails the run
            self.log("error", error=repr(error))

    def kill_worker(self):
        """SIGKILL an HTTP worker serving a request while a sync is in flight
        (and no other request, when that moment comes within 30 s)."""
        stats = self.run_state.stats
        deadline = time.monotonic() + 30
        serving = []
        while time.monotonic() < deadline:
            in_flight = stats.in_flight("create_from_ui")
            if in_flight:
                serving = self.server.serving_workers()
                alone = sum(stats.flights.values()) == in_flight
                if serving and (alone or time.monotonic() > deadline - 10):
                    break
            time.sleep(0.005)
        if serving:
            worker, load = serving[0], 0.0
        else:
            worker, load = self.server.busiest_worker(sample=0.05)
        if worker is None:
            self.log("worker_killed", error="no HTTP worker found")
            return
        os.kill(worker.pid, signal.SIGKILL)
        self.log(
            "worker_killed",
            pid=worker.pid,
            serving=bool(serving),
            cpu_percent=round(load, 1),
            syncs_in_flight=in_flight,
            requests_in_flight=sum(stats.flights.values()),
        )

    def restart_postgresql(self):
        start = time.monotonic()
        result = subprocess.run(
            ["bash", str(self.options.root / "tools" / "pg.sh"), "restart"],
            capture_output=True,
            text=True,
            check=False,
        )
        self.log(
            "postgresql_restarted",
            mode="fast",
            seconds=round(time.monotonic() - start, 1),
            returncode=result.returncode,
            output=(result.stdout + result.stderr).strip()[-300:],
        )
