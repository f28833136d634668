#!/usr/bin/env bash
# make test: a fresh database with every addon and its demo data, then
# pytest-odoo with the HTTP server on (browser tours in headless Chromium),
# coverage per addon at the end. KEEP_DB=1 keeps the database, REUSE_DB=1
# reuses a kept one (for a quicker run while developing).
# Arguments are passed to pytest (e.g. a path or -k EXPR) instead of the
# default selection: every addon's tests/ and the top-level tests/.
# TEST_WORKERS=N runs the tests in N processes (pytest-xdist), each on its
# own copy of the database; by default one per core, at most 2 (0: one
# process, no copy).
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TEST_DB="${TEST_DB:-komunigi_test}"

ensure_chromium() {
    if command -v chromium >/dev/null || command -v google-chrome >/dev/null ||
        command -v chromium-browser >/dev/null; then
        return
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Chromium with apt-get for the browser tests..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        say "Chromium is not installed: the browser tests will be skipped (apt-get install chromium)."
    fi
}

bash "$ROOT/tools/bootstrap.sh"
bash "$ROOT/tools/pg.sh" start
ensure_chromium
write_odoo_conf >/dev/null
start=$(date +%s)
if [ -n "${REUSE_DB:-}" ]; then
    bash "$ROOT/tools/db.sh" ensure "$TEST_DB"
else
    bash "$ROOT/tools/db.sh" create "$TEST_DB"
fi
say "database $TEST_DB ready in $(($(date +%s) - start)) s"

if [ $# -eq 0 ]; then
    set -- "$ROOT"/*/tests "$ROOT/tests"
    set -- $(for d in "$@"; do [ -d "$d" ] && echo "$d"; done)
fi

cleanup() {
    if [ -z "${KEEP_DB:-}" ]; then
        bash "$ROOT/tools/db.sh" drop "$TEST_DB" || true
    else
        say "database $TEST_DB kept (KEEP_DB)"
    fi
}
trap cleanup EXIT

cores="$(nproc 2>/dev/null || echo 1)"
workers="${TEST_WORKERS:-$((cores < 2 ? 0 : 2))}"
parallel=()
if [ "$workers" -gt 0 ]; then
    # whole test classes per process: their set-up is the costly part
    parallel=(-n "$workers" --dist loadscope)
fi

cd "$ROOT"
rm -f .coverage .coverage.*
status=0
"$PY" -m pytest "${parallel[@]}" \
    --cov --cov-config="$ROOT/.coveragerc" --cov-report= \
    --odoo-config="$VAR/odoo.conf" --odoo-database="$TEST_DB" --odoo-http \
    --odoo-log-level="${ODOO_LOG_LEVEL:-warn}" --durations=8 "$@" || status=$?
"$VENV/bin/python" "$ROOT/tools/coverage_summary.py" || true
say "tests finished in $(($(date +%s) - start)) s"
exit $status
