#!/usr/bin/env bash
# Runs a benchmark with the project's Odoo and Python environment, e.g. ./tests/benchmarks/run.sh cadence [-n N],
# ./tests/benchmarks/run.sh load [--replica] [--platform] [--minutes M] [--users N] [--employees 20000] [--routes-only] or
# ./tests/benchmarks/run.sh load --ramp [--step-seconds S] [--replica] (tests/benchmarks/bench_load.py).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../setup/lib.sh"
bootstrap
name="${1:?usage: run.sh <benchmark: cadence, analytics or load> [options]}"
shift
export ODOO_SRC="$ODOO_ROOT"
exec "$VENV_DIR/bin/python" "$REPO_DIR/tests/benchmarks/bench_$name.py" "$@"
