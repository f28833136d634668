#!/usr/bin/env bash
# Databases of the checkout, built the same way for the demo and the tests:
# a Belgian company (chart l10n_be, EUR), French and Dutch loaded, the four
# addons with their demo data.
#   tools/db.sh ensure NAME   create NAME unless it is already complete; in a
#                             complete one, update the addons whose version changed
#   tools/db.sh create NAME   drop and create NAME
#   tools/db.sh drop NAME
#   tools/db.sh has NAME MODULE  whether MODULE is installed in NAME
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

psql_db() {
    local db="$1"
    shift
    PGHOST="$(grep '^db_host' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
        PGPORT="$(grep '^db_port' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
        PGUSER="$(grep '^db_user' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
        PGOPTIONS="-c client_min_messages=warning" psql -X -q -d "$db" "$@"
}

has_module() {
    local state
    state="$(psql_db "$1" -tAc "SELECT state FROM ir_module_module
        WHERE name = '$2'" 2>/dev/null || true)"
    [ "$state" = installed ]
}

# odoo_shell DB LOG: run the Python script read on stdin in Odoo's shell.
odoo_shell() {
    odoo_bin shell -d "$1" --log-level=warn >>"$2" 2>&1
}

is_complete() {
    # Complete: every addon of the project installed.
    local count
    count="$(psql_db "$1" -tAc "SELECT count(*) FROM ir_module_module
        WHERE state = 'installed'
        AND name = ANY (string_to_array('$ADDONS', ','))" 2>/dev/null || echo 0)"
    [ "$count" = "$(echo "$ADDONS" | tr ',' '\n' | wc -l)" ]
}

# update_changed NAME: update the addons whose manifest version is newer than
# the one installed in NAME (a kept database after a change of schema).
update_changed() {
    local db="$1" addon version installed changed=() log="$VAR/log/db-$1.log"
    for addon in ${ADDONS//,/ }; do
        version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
            "$ROOT/$addon/__manifest__.py")"
        installed="$(psql_db "$db" -tAc "SELECT latest_version FROM ir_module_module
            WHERE name = '$addon' AND state = 'installed'" 2>/dev/null || true)"
        [ "$version" = "$installed" ] || changed+=("$addon")
    done
    [ ${#changed[@]} -eq 0 ] && return 0
    local list
    list="$(IFS=,; echo "${changed[*]}")"
    say "updating $list in $db..."
    odoo_bin -d "$db" -u "$list" --stop-after-init --log-level=warn >>"$log" 2>&1 ||
        die "updating $list in $db failed, see $log"
}

drop() {
    psql_db postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$VAR/data/filestore/$1"
}

create() {
    local db="$1" log="$VAR/log/db-$1.log"
    drop "$db"
    mkdir -p "$VAR/log"
    : >"$log"
    say "creating database $db (a few minutes; log in ${log#"$ROOT"/})..."
    # 1. base with demo data, then make the main company Belgian, so that
    #    accounting installs the Belgian chart in EUR.
    odoo_bin -d "$db" -i base --stop-after-init --log-level=warn >>"$log" 2>&1 ||
        die "installing base in $db failed, see $log"
    odoo_shell "$db" "$log" <<'PY' || die "setting up the demo company of $db failed, see $log"
env.ref("base.main_company").country_id = env.ref("base.be")
env.cr.commit()
PY
    # 2. the Belgian chart first (it must be the company's), with the languages.
    odoo_bin -d "$db" -i l10n_be --load-language="$LANGUAGES" --stop-after-init \
        --log-level=warn >>"$log" 2>&1 ||
        die "installing l10n_be in $db failed, see $log"
    # 3. the project's addons, and the generic chart the test bases load.
    odoo_bin -d "$db" -i "$EXTRA_MODULES,$ADDONS" --stop-after-init \
        --log-level=warn >>"$log" 2>&1 ||
        die "installing the addons in $db failed, see $log"
    is_complete "$db" || die "the addons are not all installed in $db, see $log"
    # Odoo installs an addon whose demo data fails without them, and says so
    # only in its log: the demo and the tests need them all.
    local no_demo
    no_demo="$(psql_db "$db" -tAc "SELECT string_agg(name, ', ') FROM ir_module_module
        WHERE state = 'installed' AND NOT demo
        AND name = ANY (string_to_array('$ADDONS', ','))")"
    [ -z "$no_demo" ] || die "the demo data of $no_demo failed to load in $db, see $log"
    # 4. the company's name and address last (stock's demo data renames it).
    odoo_shell "$db" "$log" <<'PY' || die "naming the demo company of $db failed, see $log"
env.ref("base.main_company").write({
    "name": "BEES coop (demo)",
    "street": "Rue Van Hammée 19",
    "zip": "1030",
    "city": "Schaerbeek",
    "state_id": False,
    "phone": "+32 2 555 01 11",
    "email": "info@example.com",
})
env.cr.commit()
PY
    # 5. the asset bundles the screens call (backend, website and portal, point
    #    of sale, reports, tours), built once: a test builds a missing bundle
    #    in its own transaction, rolled back with it, and the next test builds
    #    it again (the backend's takes 15 to 30 s here).
    odoo_shell "$db" "$log" <<'PY' || die "building the asset bundles of $db failed, see $log"
env.cr.execute(r"""
    SELECT DISTINCT (regexp_matches(arch_db::text, 't-call-assets=\\?"([^"\\]+)', 'g'))[1]
      FROM ir_ui_view
     WHERE active
""")
# test suites, dark mode, and screens the shops do not open
SKIPPED = ("qunit", "tests_assets", "dark_mode", "discuss_public", "project.", "stock.")
for (bundle,) in sorted(env.cr.fetchall()):
    if any(part in bundle for part in SKIPPED):
        continue
    env["ir.qweb"]._get_asset_nodes(bundle, css=True, js=True)
env.cr.commit()
PY
}

write_odoo_conf >/dev/null
case "${1:-}" in
ensure)
    if is_complete "$2"; then
        update_changed "$2"
    else
        create "$2"
    fi
    ;;
create) create "$2" ;;
drop) drop "$2" ;;
has) has_module "$2" "$3" ;;
*) die "usage: tools/db.sh ensure|create|drop NAME, or has NAME MODULE" ;;
esac
