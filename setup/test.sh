#!/usr/bin/env bash
# Runs every test of the project against real Odoo 18 and PostgreSQL:
# every addon's tests (the main addon and its bridges, tours included) and the repo-level tests with pytest-odoo,
# then the lint, then the test suites of the apps we extend (coexistence).
# Creates a throwaway database without demo data and drops it at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bootstrap
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
    || apt_install chromium || die "Chromium is needed for the browser tours and cannot be installed: install the 'chromium' package."
command -v wkhtmltopdf >/dev/null || apt_install wkhtmltopdf || die "wkhtmltopdf is needed to render the PDF report: install the 'wkhtmltopdf' package."
"$VENV_DIR/bin/python" -c 'import websocket' || die "websocket-client is missing from $VENV_DIR: tours would be skipped."

DB="${COACHING_TEST_DB:-coaching_test_$$}"
PORT="${COACHING_TEST_HTTP_PORT:-8269}"
CONF="$STATE_DIR/odoo-test-$DB.conf"
write_config "$CONF" "$DB" nodemo "$PORT"
# Repo-level tests reuse the same Odoo, PostgreSQL and Python environment.
export COACHING_ODOO_ROOT="$ODOO_ROOT" COACHING_ADDONS_PATH="$ODOO_ADDONS_PATH" COACHING_VENV="$VENV_DIR"

cleanup() {
    dropdb --if-exists "$DB" 2>/dev/null || true
    rm -rf "$DATA_DIR/filestore/$DB" "$CONF"
}
trap cleanup EXIT

ADDONS=()
while read -r addon; do ADDONS+=("$addon"); done < <(our_addons)
log "Creating the test database '$DB' (no demo data) with $(install_list | tr , ' ') installed"
dropdb --if-exists "$DB"
odoo_bin -c "$CONF" -d "$DB" -i "$(install_list)" --stop-after-init --log-level=warn

status=0
ensure_prettier
log "Lint: ruff, pylint-odoo (OCA mandatory checks), OCA module checks, prettier (XML)"
(cd "$REPO_DIR" && "$VENV_DIR/bin/ruff" check . && "$VENV_DIR/bin/ruff" format --check . \
    && "$VENV_DIR/bin/pylint" --rcfile=.pylintrc-mandatory "${ADDONS[@]}" \
    && "$VENV_DIR/bin/oca-checks-odoo-module" "${ADDONS[@]}" && prettier_xml --check --log-level=warn) || status=$?
[ "$status" -eq 0 ] || log "Lint failed (exit $status): see above. The tests run anyway."

log "Tests: pytest-odoo on ${ADDONS[*]/%//tests} and tests/"
cd "$REPO_DIR"
set +e
"$VENV_DIR/bin/python" -m pytest --odoo-config="$CONF" --odoo-database="$DB" --odoo-http \
    -p no:cacheprovider "$@" "${ADDONS[@]/%//tests}" tests
pytest_status=$?
set -e

log "Coexistence: the test suites of the apps we extend, with our addons installed (setup/coexistence_baseline.txt)"
set +e
"$VENV_DIR/bin/python" setup/coexistence.py --config "$CONF" --database "$DB" --log "$STATE_DIR/coexistence-$DB.log"
coexistence_status=$?
set -e
[ "$pytest_status" -ne 0 ] && exit "$pytest_status"
[ "$coexistence_status" -ne 0 ] && exit "$coexistence_status"
exit "$status"
