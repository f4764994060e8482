#!/usr/bin/env bash
# Runs every test of the project against real Odoo 18 and PostgreSQL:
# every addon's tests (the main addon and its bridges, tours included) and the repo-level tests with pytest-odoo,
# the lint, and, at the same time on a copy of the database, the test suites of the apps we extend (coexistence).
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

# The suites of the apps we extend (setup/coexistence.py) run in two parts of about the same length, one per core:
# the background part from the start, on a copy of the database with its own HTTP port; the other after our tests.
CO_DB="${DB}_coexistence"
CO_CONF="$STATE_DIR/odoo-test-$CO_DB.conf"
CO_OUT="$STATE_DIR/coexistence-$DB.out"
write_config "$CO_CONF" "$CO_DB" nodemo "$((PORT + 1))"

cleanup() {
    if [ -n "${co_pid:-}" ]; then
        pkill -TERM -P "$co_pid" 2>/dev/null || true
        kill "$co_pid" 2>/dev/null || true
        wait "$co_pid" 2>/dev/null || true
    fi
    for db in "$DB" "$CO_DB"; do
        dropdb --if-exists "$db" 2>/dev/null || true
        rm -rf "${DATA_DIR:?}/filestore/$db"
    done
    rm -f "$CONF" "$CO_CONF" "$CO_OUT"
}
trap cleanup EXIT

ADDONS=()
while read -r addon; do ADDONS+=("$addon"); done < <(our_addons)
log "Creating the test database '$DB' (no demo data) with $(install_list | tr , ' ') installed"
dropdb --if-exists "$DB"
odoo_bin -c "$CONF" -d "$DB" -i "$(install_list)" --stop-after-init --log-level=warn

log "Coexistence, background part: the suites of the apps we extend, with our addons installed, on a copy of" \
    "the database (setup/coexistence_baseline.txt); reported at the end"
dropdb --if-exists "$CO_DB"
createdb -T "$DB" "$CO_DB"
[ -d "$DATA_DIR/filestore/$DB" ] && cp -a "$DATA_DIR/filestore/$DB" "$DATA_DIR/filestore/$CO_DB"
"$VENV_DIR/bin/python" "$REPO_DIR/setup/coexistence.py" --config "$CO_CONF" --database "$CO_DB" \
    --part background --log "$STATE_DIR/coexistence-$CO_DB.log" >"$CO_OUT" 2>&1 &
co_pid=$!

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
    -p no:cacheprovider --durations=10 "$@" "${ADDONS[@]/%//tests}" tests
pytest_status=$?
set -e

log "Coexistence, foreground part: the other suites of the apps we extend, with our addons installed"
set +e
"$VENV_DIR/bin/python" setup/coexistence.py --config "$CONF" --database "$DB" --part foreground \
    --log "$STATE_DIR/coexistence-$DB.log"
coexistence_status=$?
log "Coexistence, background part: waiting for it"
wait "$co_pid"
background_status=$?
co_pid=
set -e
cat "$CO_OUT"
[ "$coexistence_status" -eq 0 ] && coexistence_status=$background_status
[ "$pytest_status" -ne 0 ] && exit "$pytest_status"
[ "$coexistence_status" -ne 0 ] && exit "$coexistence_status"
exit "$status"
