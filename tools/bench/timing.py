"""Timing of a block: wall time and SQL queries, the fastest of a few runs."""

import gc
import resource
import time

REPEAT = 5  # runs of each quick measure: the fastest is kept


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Timer:
    """Wall time and number of SQL queries of a block."""

    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        # as timeit does: no garbage collection of earlier runs' objects
        # falling at random inside a measure
        gc.collect()
        gc.disable()
        self.queries = self.cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        gc.enable()
        self.queries = self.cr.sql_log_count - self.queries


class Timing:
    """Repeated runs of a measure (mixed into the Bench)."""

    def best_of(self, env, func):
        """Run ``func`` REPEAT times on a cold ORM cache.

        :return: (Timer of the fastest run, result of the last run)
        """
        best = result = None
        for _run in range(REPEAT):
            env.invalidate_all()
            with Timer(env.cr) as timer:
                result = func()
            if best is None or timer.seconds < best.seconds:
                best = timer
        return best, result

    def best_of_pair(self, env, ours, floor):
        """Run ``ours`` and ``floor`` REPEAT times each, taking turns.

        :return: (fastest Timer of ours, of floor, result of ours' last run)
        """
        best = {"ours": None, "floor": None}
        result = None
        for run in range(REPEAT):
            turns = [("ours", ours), ("floor", floor)]
            for name, func in turns if run % 2 else turns[::-1]:
                env.invalidate_all()
                with Timer(env.cr) as timer:
                    value = func()
                if name == "ours":
                    result = value
                if best[name] is None or timer.seconds < best[name].seconds:
                    best[name] = timer
        return best["ours"], best["floor"], result
