#!/usr/bin/env bash
# make switch-check CIE_ADDONS=<folder>: rehearse the switch of a shop from
# Coop IT Easy's wallet modules to ours, on a database of its own.
#   CIE_ADDONS    a folder holding their account_customer_wallet,
#                 pos_customer_wallet and portal_customer_wallet (16.0)
#   SWITCH_DB     the rehearsal's database (default komunigi_switch), dropped
#                 and created anew; a copy of it before the switch is kept as
#                 SWITCH_DB_theirs
#   SWITCH_REUSE=1  start from that copy instead of building it again
#   SWITCH_HTTP_PORT  the port Odoo serves the member's pages on (ODOO_PORT,
#                 and the next one for its websocket)
# 1. their modules on Odoo core (l10n_be, l10n_generic_coa, no demo data) and a
#    shop's history built through the ORM (tools/switch_check.py history);
# 2. every wallet's balance as their module shows it and as the ledger says;
# 3. on a copy, a taxed wallet top-up product: the update stops before any write;
#    the addons path switched to ours, `-u account_customer_wallet,pos_customer_wallet`;
# 4. our balances, then the open session closed, then our balances again;
# 5. a shop admin tops up, a cashier takes wallet payments and closes a session;
#    a member reads their wallet on the portal.
# Prints a table and a summary; the exit status is not zero on any difference,
# on a failed step or on a module left in an inconsistent state.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CIE_ADDONS="${CIE_ADDONS:-}"
SWITCH_DB="${SWITCH_DB:-komunigi_switch}"
[ -n "$CIE_ADDONS" ] || die "usage: make switch-check CIE_ADDONS=<folder of Coop IT Easy's modules>"
CIE_ADDONS="$(cd "$CIE_ADDONS" && pwd)"
for module in account_customer_wallet pos_customer_wallet portal_customer_wallet; do
    [ -f "$CIE_ADDONS/$module/__manifest__.py" ] || die "$CIE_ADDONS has no $module"
done
case "$CIE_ADDONS" in
"$ROOT" | "$ROOT"/*) die "CIE_ADDONS must be outside this repository" ;;
esac

conf="$(write_odoo_conf)"
work="$VAR/switch/$SWITCH_DB"
log="$work/odoo.log"
rm -rf "$work"
mkdir -p "$work"
: >"$log"
core_path="$(odoo_addons_path)"
core_path="${core_path%,"$ROOT"}"
# their configuration: core and their modules; ours: core and this repository
sed "s|^addons_path = .*|addons_path = $core_path,$CIE_ADDONS|" "$conf" >"$work/theirs.conf"
sed "s|^addons_path = .*|addons_path = $core_path,$ROOT|" "$conf" >"$work/ours.conf"

odoo_with() {
    local which="$1"
    shift
    "$VENV/bin/odoo" -c "$work/$which.conf" -d "$SWITCH_DB" --no-http "$@"
}

# phase CONF NAME: run a phase of tools/switch_check.py in Odoo's shell
phase() {
    say "switch check: $2..."
    SWITCH_PHASE="$2" SWITCH_STATE="$work/state.json" \
        "$VENV/bin/odoo" shell -c "$work/$1.conf" -d "$SWITCH_DB" --no-http \
        --log-level=warn <"$ROOT/tools/switch_check.py" >>"$log" 2>&1 ||
        die "the phase $2 failed, see $log"
    # the shell prints a script's error and goes on
    if grep -q "^Traceback" "$log"; then
        die "the phase $2 failed, see $log"
    fi
}

psql_switch() {
    PGHOST="$(grep '^db_host' "$conf" | cut -d' ' -f3-)" \
        PGPORT="$(grep '^db_port' "$conf" | cut -d' ' -f3-)" \
        PGUSER="$(grep '^db_user' "$conf" | cut -d' ' -f3-)" \
        PGOPTIONS="-c client_min_messages=warning" psql -X -q "$@"
}

snapshot="${SWITCH_DB}_theirs"
filestore="$VAR/data/filestore"
if [ "${SWITCH_REUSE:-0}" = 1 ] && [ -f "$VAR/switch/$snapshot.json" ]; then
    # SWITCH_REUSE=1: start again from the last run's database before the switch
    say "switch check: $SWITCH_DB copied from $snapshot (SWITCH_REUSE=1)..."
    psql_switch -d postgres -c "DROP DATABASE IF EXISTS \"$SWITCH_DB\" WITH (FORCE)" >/dev/null
    psql_switch -d postgres -c "CREATE DATABASE \"$SWITCH_DB\" TEMPLATE \"$snapshot\"" >/dev/null
    rm -rf "${filestore:?}/$SWITCH_DB"
    if [ -d "$filestore/$snapshot" ]; then
        cp -a "$filestore/$snapshot" "$filestore/$SWITCH_DB"
    fi
    cp "$VAR/switch/$snapshot.json" "$work/state.json"
else
    say "switch check: database $SWITCH_DB with Coop IT Easy's modules (log in ${log#"$ROOT"/})..."
    psql_switch -d postgres -c "DROP DATABASE IF EXISTS \"$SWITCH_DB\" WITH (FORCE)" >/dev/null
    rm -rf "$VAR/data/filestore/$SWITCH_DB"
    odoo_with theirs -i base --without-demo=all --stop-after-init --log-level=warn >>"$log" 2>&1 ||
        die "installing base failed, see $log"
    phase theirs country
    odoo_with theirs -i l10n_be --without-demo=all --stop-after-init --log-level=warn >>"$log" 2>&1 ||
        die "installing l10n_be failed, see $log"
    odoo_with theirs -i "l10n_generic_coa,point_of_sale,account_customer_wallet,pos_customer_wallet,portal_customer_wallet" \
        --without-demo=all --stop-after-init --log-level=warn >>"$log" 2>&1 ||
        die "installing Coop IT Easy's modules failed, see $log"
    phase theirs history
    phase theirs before
    # kept for SWITCH_REUSE=1
    psql_switch -d postgres -c "DROP DATABASE IF EXISTS \"$snapshot\" WITH (FORCE)" >/dev/null
    psql_switch -d postgres -c "CREATE DATABASE \"$snapshot\" TEMPLATE \"$SWITCH_DB\"" >/dev/null
    rm -rf "${filestore:?}/$snapshot"
    if [ -d "$filestore/$SWITCH_DB" ]; then
        cp -a "$filestore/$SWITCH_DB" "$filestore/$snapshot"
    fi
    cp "$work/state.json" "$VAR/switch/$snapshot.json"
fi

# a wallet top-up product taxed as their setup allowed: on a copy, the update
# stops at once with its sentence and writes nothing
taxed="${SWITCH_DB}_taxed"
taxed_problem=""
say "switch check: a taxed wallet top-up product stops the update before any write..."
psql_switch -d postgres -c "DROP DATABASE IF EXISTS \"$taxed\" WITH (FORCE)" >/dev/null
psql_switch -d postgres -c "CREATE DATABASE \"$taxed\" TEMPLATE \"$SWITCH_DB\"" >/dev/null
psql_switch -d "$taxed" -c "
    INSERT INTO product_taxes_rel (prod_id, tax_id)
    SELECT template.id, tax.id
      FROM product_template template
      JOIN res_company company ON company.customer_wallet_account_id IS NOT NULL
      JOIN account_tax tax
        ON tax.company_id = company.id AND tax.type_tax_use = 'sale'
     WHERE template.is_customer_wallet_product
  ORDER BY tax.id
     LIMIT 1" >/dev/null
schema_of() {
    psql_switch -d "$1" -tA -c "
        SELECT latest_version FROM ir_module_module
         WHERE name = 'account_customer_wallet'
         UNION ALL
        SELECT count(*)::varchar FROM information_schema.columns
         WHERE table_name = 'res_company' AND column_name = 'customer_wallet_enabled'"
}
taxed_before="$(schema_of "$taxed")"
taxed_log="$work/update_taxed.log"
if odoo_with ours -d "$taxed" -u account_customer_wallet,pos_customer_wallet \
    --stop-after-init --log-level=warn >"$taxed_log" 2>&1; then
    taxed_problem="the update went on with a taxed wallet top-up product"
elif ! grep -q "are taxed or booked on another income account than the wallet account" "$taxed_log"; then
    taxed_problem="the update with a taxed wallet top-up product failed without its sentence, see $taxed_log"
elif [ "$(schema_of "$taxed")" != "$taxed_before" ]; then
    taxed_problem="the update stopped by a taxed wallet top-up product wrote to the database"
fi
psql_switch -d postgres -c "DROP DATABASE IF EXISTS \"$taxed\" WITH (FORCE)" >/dev/null
rm -rf "${filestore:?}/$taxed"

say "switch check: switching to this repository's addons and updating..."
update_log="$work/update.log"
odoo_with ours -u account_customer_wallet,pos_customer_wallet --stop-after-init \
    --log-level=info >"$update_log" 2>&1 || {
    grep -E "ERROR|CRITICAL|Error" "$update_log" | tail -20 >&2 || true
    die "the update failed, see $update_log"
}
# a start after the update: no module left half-way
odoo_with ours --stop-after-init --log-level=info >"$work/start.log" 2>&1 ||
    die "Odoo does not start on the switched database, see $work/start.log"
warnings="$(grep -hE "inconsistent states|ERROR|CRITICAL" "$update_log" "$work/start.log" || true)"

phase ours after
phase ours close
phase ours rights

# the member's portal pages, served by the switched database
say "switch check: the member's portal pages..."
http_port="${SWITCH_HTTP_PORT:-$ODOO_PORT}"
"$VENV/bin/odoo" -c "$work/ours.conf" -d "$SWITCH_DB" --http-port="$http_port" \
    --gevent-port=$((http_port + 1)) --db-filter="^$SWITCH_DB\$" --max-cron-threads=0 \
    --log-level=warn >"$work/http.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$http_port"
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$url/web/login" && break
    sleep 1
done
SWITCH_PHASE=portal SWITCH_STATE="$work/state.json" SWITCH_URL="$url" \
    "$PY" "$ROOT/tools/switch_check.py" >>"$log" 2>&1 ||
    die "reading the member's portal pages failed, see $log"
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
trap - EXIT

status=0
SWITCH_PHASE=report SWITCH_STATE="$work/state.json" "$PY" "$ROOT/tools/switch_check.py" || status=$?
if [ -n "$taxed_problem" ]; then
    echo "$taxed_problem" >&2
    status=1
else
    echo "taxed top-up:  the update stopped before any write, naming the product"
fi
if [ -n "$warnings" ]; then
    echo "the update or the start after it logged:" >&2
    echo "$warnings" | head -20 >&2
    status=1
fi
exit "$status"
