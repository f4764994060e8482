#!/usr/bin/env bash
# Breaks the rules that matter one at a time in a copy of the addon and tells whether the tests notice:
# ./setup/mutants.sh [--only NAME ...] [--list]. A maintainers' tool, not part of CI. See setup/mutants.py.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bootstrap
export COACHING_ADDONS_PATH="$ODOO_ADDONS_PATH" COACHING_ODOO_BIN="$ODOO_ROOT/odoo-bin"
exec "$VENV_DIR/bin/python" "$REPO_DIR/setup/mutants.py" "$@"
