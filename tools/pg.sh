#!/usr/bin/env bash
# The embedded PostgreSQL cluster under var/pg: unix socket only, started on
# demand, run as a non-root user. Does nothing when PGHOST names a server.
#   tools/pg.sh start | stop | status | restart
# (restart: a fast shutdown and a start, as make stress injects it)
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

pg_bindir() {
    local dir
    for dir in "${PG_BINDIR:-}" /usr/lib/postgresql/*/bin; do
        if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
            echo "$dir"
            return
        fi
    done
    if command -v initdb >/dev/null; then
        dirname "$(command -v initdb)"
    fi
}

ensure_binaries() {
    if [ -n "$(pg_bindir)" ]; then
        return
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing PostgreSQL with apt-get..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    [ -n "$(pg_bindir)" ] ||
        die "PostgreSQL is not installed: install it (Debian: apt-get install postgresql) or set PGHOST to a server."
}

ensure_os_user() {
    if [ "$(id -u)" = 0 ] && ! id "$(pg_user)" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$(pg_user)"
    fi
}

# Real paths, for the commands run as the PostgreSQL user (see pg_real_dir).
pg_data() {
    echo "$(pg_real_dir)/data"
}

pg_log() {
    echo "$(pg_real_dir)/postgresql.log"
}

is_running() {
    [ -f "$(pg_data)/postmaster.pid" ] &&
        as_pg_user "$(pg_bindir)/pg_ctl" -D "$(pg_data)" status >/dev/null 2>&1
}

make_cluster_dir() {
    # var/pg itself, unless the PostgreSQL user cannot reach it (a checkout in
    # root's home) or the socket path would be too long for a unix socket:
    # then a folder of its own under /var/tmp, linked from var/pg.
    mkdir -p "$VAR"
    local socket="$VAR/pg/run/.s.PGSQL.5432"
    if [ "${#socket}" -lt 100 ] && as_pg_user test -x "$VAR" 2>/dev/null; then
        mkdir -p "$PG_DIR"
    else
        local real
        real="/var/tmp/komunigi-pg-$(echo "$ROOT" | sha256sum | cut -c1-12)"
        mkdir -p "$real"
        ln -sfn "$real" "$PG_DIR"
    fi
    if [ "$(id -u)" = 0 ]; then
        chown "$(pg_user)" "$(pg_real_dir)"
    fi
    chmod 700 "$(pg_real_dir)"
}

init_cluster() {
    local bin
    bin="$(pg_bindir)"
    make_cluster_dir
    as_pg_user "$bin/initdb" -D "$(pg_data)" --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --username="$(pg_user)" >/dev/null
    as_pg_user mkdir -p "$(pg_socket_dir)"
    cat >>"$(pg_data)/postgresql.conf" <<EOF
# komunigi: private cluster, unix socket only
listen_addresses = ''
unix_socket_directories = '$(pg_socket_dir)'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_connections = 100
EOF
}

start() {
    if [ "$PG_EXTERNAL" = 1 ]; then
        return
    fi
    ensure_binaries
    ensure_os_user
    [ -f "$(pg_data)/PG_VERSION" ] || init_cluster
    if ! is_running; then
        as_pg_user "$(pg_bindir)/pg_ctl" -D "$(pg_data)" -l "$(pg_log)" -w -t 60 start >/dev/null ||
            die "PostgreSQL did not start, see $(pg_log)"
    fi
    # The dedicated role Odoo connects as (Odoo refuses the postgres role).
    if ! as_pg_user psql -h "$(pg_socket_dir)" -d postgres -U "$(pg_user)" -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'" | grep -q 1; then
        as_pg_user psql -h "$(pg_socket_dir)" -d postgres -U "$(pg_user)" -qc \
            "CREATE ROLE \"$PG_ROLE\" LOGIN CREATEDB" >/dev/null
    fi
}

stop() {
    if [ "$PG_EXTERNAL" = 1 ] || [ ! -f "$(pg_data)/PG_VERSION" ]; then
        return
    fi
    if is_running; then
        as_pg_user "$(pg_bindir)/pg_ctl" -D "$(pg_data)" -m fast -w stop >/dev/null
        say "PostgreSQL stopped."
    fi
}

restart() {
    if [ "$PG_EXTERNAL" = 1 ]; then
        die "PGHOST names a server of its own: it is not restarted from here."
    fi
    as_pg_user "$(pg_bindir)/pg_ctl" -D "$(pg_data)" -l "$(pg_log)" -m fast -w -t 60 restart >/dev/null ||
        die "PostgreSQL did not restart, see $(pg_log)"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
restart) restart ;;
status) if is_running; then echo running; else echo stopped; fi ;;
*) die "usage: tools/pg.sh start|stop|status|restart" ;;
esac
