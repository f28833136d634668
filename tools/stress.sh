#!/usr/bin/env bash
# make stress: many tills on a multi-worker Odoo, with faults (tools/stress/).
#   STRESS_TILLS=8 STRESS_DURATION=300   the defaults
#   STRESS_DB=komunigi_stress            the database (all addons + demo, built
#                                        once by tools/db.sh, reused)
#   STRESS_ARGS="--no-pg-restart ..."    more options (python -m stress --help)
# It restarts PostgreSQL once: it runs on the embedded cluster only.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STRESS_DB="${STRESS_DB:-komunigi_stress}"
if [ "$PG_EXTERNAL" = 1 ]; then
    die "make stress restarts PostgreSQL: it runs on the embedded cluster only, unset PGHOST."
fi

bash "$ROOT/tools/bootstrap.sh"
bash "$ROOT/tools/pg.sh" start
mkdir -p "$VAR/log" "$VAR/stress"
# a copy of the configuration: the other scripts rewrite var/odoo.conf
cp "$(write_odoo_conf)" "$VAR/stress/odoo.conf"
bash "$ROOT/tools/db.sh" ensure "$STRESS_DB"
cd "$ROOT/tools"
# shellcheck disable=SC2086
exec "$PY" -m stress -c "$VAR/stress/odoo.conf" -d "$STRESS_DB" --port "$ODOO_PORT" \
    --tills "${STRESS_TILLS:-8}" --duration "${STRESS_DURATION:-300}" \
    ${STRESS_OUTPUT:+--output "$STRESS_OUTPUT"} ${STRESS_ARGS:-}
