"""pytest settings of the whole repository.

In CI a skipped test fails the run: a browser test skipped for lack of
Chromium or websocket-client would otherwise look like a pass.
"""

import os

import pytest


def _in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if _in_ci() and skipped:
        terminalreporter.write_line(
            f"CI: {len(skipped)} test(s) skipped, which fails the run:", red=True
        )
        for report in skipped:
            terminalreporter.write_line(f"  {report.nodeid}: {report.longrepr}")


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if _in_ci() and skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
