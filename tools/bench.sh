#!/usr/bin/env bash
# make bench: the wallet's benchmarks on a generated database of their own.
#   SCALE=0.1 make bench      a tenth of the default dataset (100 000 partners)
#   BENCH_ONLY=pos_load,pos_orders   only these measures (see
#                             cd tools && python -m bench --help; the code in tools/bench/)
#   BENCH_DB=name             the database (default komunigi_bench_<scale>: one per
#                             scale, its dataset generated once and reused)
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SCALE="${SCALE:-1}"
BENCH_DB="${BENCH_DB:-komunigi_bench_${SCALE//./_}}"

bash "$ROOT/tools/bootstrap.sh"
bash "$ROOT/tools/pg.sh" start
write_odoo_conf >/dev/null
mkdir -p "$VAR/log" "$VAR/bench"
if ! bash "$ROOT/tools/db.sh" has "$BENCH_DB" pos_customer_wallet; then
    say "creating database $BENCH_DB (no demo data)..."
    bash "$ROOT/tools/db.sh" drop "$BENCH_DB"
    odoo_bin -d "$BENCH_DB" -i pos_customer_wallet,l10n_generic_coa --without-demo=all \
        --stop-after-init --log-level=warn >"$VAR/log/db-$BENCH_DB.log" 2>&1 ||
        die "creating $BENCH_DB failed, see $VAR/log/db-$BENCH_DB.log"
else
    # the dataset is kept: bring its addons to the code being measured
    odoo_bin -d "$BENCH_DB" -u account_customer_wallet,pos_customer_wallet \
        --stop-after-init --log-level=warn >"$VAR/log/db-$BENCH_DB.log" 2>&1 ||
        die "updating $BENCH_DB failed, see $VAR/log/db-$BENCH_DB.log"
fi
cd "$ROOT/tools"
exec "$PY" -m bench -c "$VAR/odoo.conf" -d "$BENCH_DB" --scale "$SCALE" \
    ${BENCH_OUTPUT:+--output "$BENCH_OUTPUT"} ${BENCH_ONLY:+--only "$BENCH_ONLY"}
