#!/usr/bin/env bash
# make run: the demo database (created once), then Odoo in the foreground.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$ROOT/tools/bootstrap.sh"
bash "$ROOT/tools/pg.sh" start
write_odoo_conf >/dev/null
bash "$ROOT/tools/db.sh" ensure "$ODOO_DB"

logins="$(PGHOST="$(grep '^db_host' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
    PGPORT="$(grep '^db_port' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
    PGUSER="$(grep '^db_user' "$VAR/odoo.conf" | cut -d' ' -f3-)" \
    psql -X -tA -d "$ODOO_DB" -c "SELECT login FROM res_users WHERE active" 2>/dev/null || true)"
echo
echo "komunigi demo: http://localhost:$ODOO_PORT  (database $ODOO_DB, Ctrl-C stops Odoo)"
while read -r login role; do
    if grep -qx "$login" <<<"$logins"; then
        printf '  %-14s %-11s password %s\n' "$role" "$login" "$login"
    fi
done <<'LOGINS'
admin administrator
shopadmin shop-admin
cashier cashier
bees_portal member
LOGINS
echo
exec "$VENV/bin/odoo" -c "$VAR/odoo.conf" -d "$ODOO_DB" --db-filter="^$ODOO_DB\$" \
    --log-level="${ODOO_LOG_LEVEL:-warn}"
