#!/usr/bin/env bash
# make run: the demo database (created once), then Odoo in the foreground.
# WORKERS=N runs Odoo as in production: N HTTP worker processes, a cron
# worker and the gevent process that serves the websocket (the bus) on
# ODOO_GEVENT_PORT (ODOO_PORT + 3 by default, 8072).
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WORKERS="${WORKERS:-0}"
ODOO_GEVENT_PORT="${ODOO_GEVENT_PORT:-$((ODOO_PORT + 3))}"
[[ "$WORKERS" =~ ^[0-9]+$ ]] ||
    die "WORKERS must be a number of HTTP worker processes (0, the default: one threaded process)."

# Measured on a fresh clone, 2 cores (see README.md): 6 min 05 s, of which
# the virtualenv 1 min 12 s (downloads included), the demo database 4 min 50 s.
FIRST_RUN_MINUTES="about 6 minutes on 2 cores"
DB_MINUTES="about 5 minutes on 2 cores"

minutes() {
    printf '%d min %02d s' $(($1 / 60)) $(($1 % 60))
}

psql_conf() {
    PGHOST="$(grep '^db_host' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
        PGPORT="$(grep '^db_port' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
        PGUSER="$(grep '^db_user' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
        psql -X -tA "$@"
}

venv_status() {
    local count
    if [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
        echo "downloading the Odoo 16 source"
        return
    fi
    count="$(find "$VENV"/lib/python3*/site-packages -maxdepth 1 -name '*.dist-info' 2>/dev/null | wc -l)"
    echo "$count packages in .venv"
}

db_status() {
    local row
    row="$(psql_conf -d "$ODOO_DB" -F' ' -c "SELECT
        count(*) FILTER (WHERE state = 'installed'),
        count(*) FILTER (WHERE state IN ('to install', 'to upgrade')),
        (SELECT name FROM ir_module_module WHERE state = 'installed'
         ORDER BY write_date DESC, id DESC LIMIT 1)
        FROM ir_module_module" 2>/dev/null || true)"
    if [ -z "$row" ]; then
        echo "initialising the database"
        return
    fi
    read -r installed todo last <<<"$row"
    if [ "$todo" = 0 ]; then
        echo "$installed modules installed (last: ${last:-none}), finishing this step"
    else
        echo "$installed modules installed, $todo more to install in this step (last: ${last:-none})"
    fi
}

# with_progress WHAT STATUS CMD...: CMD; while it runs, say every half
# minute that WHAT goes on, for how long, and what the function STATUS tells.
# CMD runs in a session of its own (a background command ignores Ctrl-C):
# Ctrl-C or a TERM stops it with all its processes.
with_progress() {
    local what="$1" status="$2" pid rc=0 t0=$SECONDS next=$((SECONDS + 20))
    shift 2
    setsid "$@" &
    pid=$!
    trap 'kill -TERM -- -"$pid" 2>/dev/null; wait "$pid" || true; exit 130' INT TERM
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1
        if [ $SECONDS -ge $next ] && kill -0 "$pid" 2>/dev/null; then
            say "  ... $what, $(minutes $((SECONDS - t0))): $("$status")"
            next=$((SECONDS + 30))
        fi
    done
    wait "$pid" || rc=$?
    trap - INT TERM
    return $rc
}

db_is_complete() {
    local addon
    for addon in ${ADDONS//,/ }; do
        bash "$ROOT/tools/db.sh" has "$ODOO_DB" "$addon" || return 1
    done
}

t0=$SECONDS
first=0
if [ ! -x "$PY" ]; then
    first=1
    say "first run: the virtualenv, then the demo database, $FIRST_RUN_MINUTES; later runs start in seconds."
fi
with_progress "virtualenv" venv_status bash "$ROOT/tools/bootstrap.sh"
bash "$ROOT/tools/pg.sh" start
write_odoo_conf >/dev/null
if ! db_is_complete; then
    first=1
    say "the demo database $ODOO_DB is built once, $DB_MINUTES: base, the Belgian chart and languages, then the addons."
fi
with_progress "database $ODOO_DB" db_status bash "$ROOT/tools/db.sh" ensure "$ODOO_DB"
if [ "$first" = 1 ]; then
    say "set up in $(minutes $((SECONDS - t0))), starting Odoo."
fi

logins="$(psql_conf -d "$ODOO_DB" -c "SELECT login FROM res_users WHERE active" 2>/dev/null || true)"
server=()
echo
if [ "$WORKERS" -gt 0 ]; then
    server=(--workers="$WORKERS" --gevent-port="$ODOO_GEVENT_PORT")
    echo "komunigi demo: http://localhost:$ODOO_PORT  ($WORKERS workers, websocket on port $ODOO_GEVENT_PORT;"
    echo "  database $ODOO_DB, Ctrl-C stops Odoo)"
else
    echo "komunigi demo: http://localhost:$ODOO_PORT  (database $ODOO_DB, Ctrl-C stops Odoo)"
fi
while read -r login role; do
    if grep -qx "$login" <<<"$logins"; then
        printf '  %-14s %-11s password %s\n' "$role" "$login" "$login"
    fi
done <<'LOGINS'
admin administrator
shopadmin shop-admin
cashier cashier
anne wallet-member
coordinator coordinator
coreteam core-team
bees_portal komunigi-member
spp_portal spp-delegate
LOGINS
echo
exec "$VENV/bin/odoo" -c "$VAR/odoo.conf" -d "$ODOO_DB" --db-filter="^$ODOO_DB\$" \
    "${server[@]}" --log-level="${ODOO_LOG_LEVEL:-warn}"
