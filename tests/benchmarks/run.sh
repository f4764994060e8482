#!/usr/bin/env bash
# Runs a benchmark with the project's Odoo and Python environment: ./tests/benchmarks/run.sh cadence [-n N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../setup/lib.sh"
bootstrap
name="${1:?usage: run.sh <benchmark name, e.g. cadence> [options]}"
shift
export ODOO_SRC="$ODOO_ROOT"
exec "$VENV_DIR/bin/python" "$REPO_DIR/tests/benchmarks/bench_$name.py" "$@"
