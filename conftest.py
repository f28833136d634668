"""pytest settings of the whole repository.

In CI a skipped test fails the run: a browser test skipped for lack of
Chromium or websocket-client would otherwise look like a pass.

With pytest-xdist (``tools/test.sh`` on two cores), pytest-odoo gives each
process its own copy of the test database, made and dropped with
``createdb``/``dropdb``: those find the server in the libpq variables, set
from Odoo's configuration for that moment only (a test that runs the
project's scripts must not see them: they would take the embedded cluster
for another server).
"""

import os

import pytest

# libpq variable: Odoo's option
_LIBPQ_OPTIONS = {"PGHOST": "db_host", "PGPORT": "db_port", "PGUSER": "db_user"}
_libpq_set = {}


def _in_xdist_worker():
    return bool(os.environ.get("PYTEST_XDIST_WORKER"))


def pytest_collection_finish(session):
    # after the collection (a test may be skipped on PGHOST when collected),
    # before the fixtures
    from odoo.tools import config

    # No cron thread in the tests' HTTP server (pytest-odoo starts Odoo's
    # threaded server, which spawns them): the tests run the jobs they test
    # themselves, and the daily clean-up of the filestore would delete, in
    # the filestore the test processes share, the files that the other
    # process's tests have just written.
    config["max_cron_threads"] = 0
    if not _in_xdist_worker():
        return

    for variable, option in _LIBPQ_OPTIONS.items():
        if variable not in os.environ and config.get(option):
            _libpq_set[variable] = os.environ[variable] = str(config[option])


@pytest.fixture(scope="session", autouse=True)
def _libpq_only_for_the_database_copy():
    # after pytest-odoo's load_registry (a plugin's fixture: set up first,
    # torn down last), which copied the database, and before it drops it
    for variable in _libpq_set:
        os.environ.pop(variable, None)
    # pytest-cov's variables would measure the Odoo servers that the bench,
    # the stress run and the workers' test start: much slower, and their
    # code (tools/) is not the addons'
    for variable in [name for name in os.environ if name.startswith("COV_CORE_")]:
        os.environ.pop(variable)
    yield
    os.environ.update(_libpq_set)


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


def pytest_collection_modifyitems(session, config, items):
    # The top-level tests (the bench, the stress run, Odoo with workers) run
    # Odoo in processes of their own for a minute or two each: first, so that
    # with two test processes the other one works meanwhile and none of them
    # is left alone at the end.
    top_level = os.path.join(str(config.rootpath), "tests") + os.sep
    items.sort(key=lambda item: not str(item.path).startswith(top_level))
