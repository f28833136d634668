# Shared settings and helpers of the project's scripts. Sourced, never run.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$ROOT/var"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
ODOO_SRC="${ODOO_SRC:-$HOME/.cache/odoo-src/16.0}"
ODOO_PORT="${ODOO_PORT:-8069}"
ODOO_DB="${ODOO_DB:-komunigi}"
ADDONS="account_customer_wallet,pos_customer_wallet,komunigi_membership,komunigi_contribution"
# Charts of accounts: the Belgian one for the demo company, the generic one that
# Odoo's accounting and POS test bases load on their own test companies.
EXTRA_MODULES="l10n_be,l10n_generic_coa"
LANGUAGES="fr_BE,nl_BE"

# Embedded cluster, unless the usual libpq variables name another server.
# var/pg may be a link to a folder under /var/tmp (see pg.sh): the commands
# run as the PostgreSQL user get the real paths, pg_real_dir below.
PG_DIR="$VAR/pg"
PG_ROLE="${PGUSER:-odoo}"
if [ -n "${PGHOST:-}" ]; then
    PG_EXTERNAL=1
else
    PG_EXTERNAL=0
fi

die() {
    echo "komunigi: $*" >&2
    exit 1
}

say() {
    echo "komunigi: $*" >&2
}

# Commands that must not run as root (PostgreSQL) run as this user.
pg_user() {
    if [ "$(id -u)" = 0 ]; then
        echo "${KOMUNIGI_PG_OS_USER:-postgres}"
    else
        id -un
    fi
}

# as_pg_user CMD ARGS...: CMD as that user, from / when that is another user,
# who may not be allowed to enter the current folder (root's home is mode 700).
as_pg_user() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u "$(pg_user)" -- "$@")
    else
        "$@"
    fi
}

# The cluster's folder with every link resolved: the PostgreSQL user may not
# be allowed to traverse the checkout's path to it.
pg_real_dir() {
    readlink -f "$PG_DIR" || echo "$PG_DIR"
}

# The socket lives in the cluster's folder.
pg_socket_dir() {
    echo "$(pg_real_dir)/run"
}

odoo_addons_path() {
    local path="$ODOO_SRC/odoo/addons"
    # A git checkout keeps most addons in addons/, the nightly archive keeps
    # them all in odoo/addons.
    if [ -d "$ODOO_SRC/addons/web" ]; then
        path="$ODOO_SRC/addons,$path"
    fi
    echo "$path,$ROOT"
}

# Odoo's configuration file for this checkout (written anew at each call, so
# that it follows the environment: port, external PostgreSQL...).
write_odoo_conf() {
    local conf="$VAR/odoo.conf" db_host db_port db_user db_password
    mkdir -p "$VAR/data"
    if [ "$PG_EXTERNAL" = 1 ]; then
        db_host="$PGHOST"
        db_port="${PGPORT:-5432}"
        db_user="${PGUSER:-odoo}"
        db_password="${PGPASSWORD:-False}"
    else
        db_host="$(pg_socket_dir)"
        db_port=5432
        db_user="$PG_ROLE"
        db_password=False
    fi
    if [ ! -s "$VAR/admin_passwd" ]; then
        (umask 077 && head -c 18 /dev/urandom | base64 >"$VAR/admin_passwd")
    fi
    cat >"$conf" <<CONF
[options]
addons_path = $(odoo_addons_path)
data_dir = $VAR/data
db_host = $db_host
db_port = $db_port
db_user = $db_user
db_password = $db_password
admin_passwd = $(cat "$VAR/admin_passwd")
http_interface = ${ODOO_HTTP_INTERFACE:-127.0.0.1}
http_port = $ODOO_PORT
list_db = False
max_cron_threads = 1
without_demo = False
CONF
    echo "$conf"
}

# odoo_bin [shell] ARGS...: Odoo with the checkout's configuration.
odoo_bin() {
    if [ "${1:-}" = shell ]; then
        shift
        "$VENV/bin/odoo" shell -c "$VAR/odoo.conf" --no-http "$@"
    else
        "$VENV/bin/odoo" -c "$VAR/odoo.conf" "$@"
    fi
}
