#!/usr/bin/env bash
# make lint: pre-commit on the whole repository, hooks from PyPI and npm only.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$ROOT/tools/bootstrap.sh"
cd "$ROOT"
"$VENV/bin/pre-commit" run --all-files --show-diff-on-failure "$@"
