# komunigi addons: the two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help bootstrap run test lint bench switch-check stress stop reset clean

help:
	@echo "make run    - demo database and Odoo on http://localhost:$${ODOO_PORT:-8069}"
	@echo "              (WORKERS=2: as in production, 2 HTTP workers and the websocket process)"
	@echo "make test   - fresh test database, then every test (browser tours included)"
	@echo "make lint   - pre-commit on the whole repository"
	@echo "make bench  - wallet benchmarks on a generated database (SCALE=0.1 for a quick run)"
	@echo "make switch-check CIE_ADDONS=<folder>"
	@echo "            - rehearse a shop's switch from Coop IT Easy's wallet modules (SWITCH_DB)"
	@echo "make stress - 8 tills on Odoo with 4 workers for 5 minutes, with faults"
	@echo "              (STRESS_TILLS=3 STRESS_DURATION=60 for a quick run)"
	@echo "make stop   - stop the embedded PostgreSQL"
	@echo "make reset  - drop the demo database (the next make run creates it again)"

bootstrap:
	@bash tools/bootstrap.sh

run:
	@bash tools/run.sh

test:
	@bash tools/test.sh

lint:
	@bash tools/lint.sh

bench:
	@bash tools/bench.sh

switch-check:
	@CIE_ADDONS="$(CIE_ADDONS)" bash tools/switch_check.sh

stress:
	@bash tools/stress.sh

stop:
	@bash tools/pg.sh stop

reset:
	@bash tools/bootstrap.sh && bash tools/pg.sh start && bash tools/db.sh drop $${ODOO_DB:-komunigi}
	@echo "komunigi: demo database dropped"

clean: stop
	@# a checkout the postgres user cannot enter keeps its cluster under /var/tmp
	if [ -L var/pg ]; then rm -rf "$$(readlink -f var/pg)"; fi
	rm -rf var .venv
