#!/usr/bin/env bash
# Regenerates setup/coexistence_baseline.txt: runs the test suites of the apps the addon extends on a throwaway
# database where those apps are installed WITHOUT our addon, and lists the tests that fail there. ./setup/test.sh
# runs the same suites with our addon installed and fails on any failing test that is not in this list.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bootstrap
DB="coaching_baseline_$$"
PORT="${COACHING_TEST_HTTP_PORT:-8269}"
CONF="$STATE_DIR/odoo-test-$DB.conf"
write_config "$CONF" "$DB" nodemo "$PORT"
cleanup() { dropdb --if-exists "$DB" 2>/dev/null || true; rm -rf "$DATA_DIR/filestore/$DB" "$CONF"; }
trap cleanup EXIT
log "Creating '$DB' with the apps we extend, without our addons"
odoo_bin -c "$CONF" -d "$DB" -i "hr_appraisal_oca,calendar,digest,$DEPENDENCY_APPS" --stop-after-init --log-level=warn
cd "$REPO_DIR"
"$VENV_DIR/bin/python" setup/coexistence.py --config "$CONF" --database "$DB" --log "$STATE_DIR/coexistence-baseline.log" --write
