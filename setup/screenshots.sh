#!/usr/bin/env bash
# Takes the README screenshots (docs/screenshots/*.png) of the demo in headless Chromium.
# Uses the demo server at COACHING_URL (default http://localhost:$COACHING_HTTP_PORT) when it answers; otherwise
# starts ./setup/run.sh (database COACHING_DB) for the time of the pictures and stops it afterwards.
# Extra arguments go to setup/screenshots.py, e.g. --only session_form.png or --out /tmp/shots.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB="${COACHING_DB:-coaching_demo}"
PORT="${COACHING_HTTP_PORT:-8069}"
URL="${COACHING_URL:-http://localhost:$PORT}"
SERVER_PID=""

server_up() { curl -fs -o /dev/null --max-time 5 "$URL/web/login"; }
stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "Stopping the demo server (pid $SERVER_PID)"
        kill -- "-$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
}

command -v chromium >/dev/null || apt_install chromium \
    || die "Chromium is needed for the screenshots and cannot be installed: install the 'chromium' package."
# The Chinese picture needs a font with Chinese characters.
fc-list :lang=zh 2>/dev/null | grep -q . || apt_install fonts-noto-cjk \
    || die "A Chinese font is needed for the Chinese screenshot: install the 'fonts-noto-cjk' package."
"$VENV_DIR/bin/python" -c 'import websocket' 2>/dev/null || bootstrap

if server_up; then
    log "Using the demo server at $URL (database '$DB')"
elif [ -n "${COACHING_URL:-}" ]; then
    die "No Odoo answers at COACHING_URL=$COACHING_URL."
else
    mkdir -p "$STATE_DIR"
    server_log="$STATE_DIR/screenshots-server.log"
    log "Starting the demo server on port $PORT (database '$DB'); its log is in $server_log"
    trap stop_server EXIT
    # In its own process group, so that stopping it also stops an install still running under run.sh.
    COACHING_DB="$DB" COACHING_HTTP_PORT="$PORT" setsid "$REPO_DIR/setup/run.sh" >"$server_log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 900); do
        server_up && break
        kill -0 "$SERVER_PID" 2>/dev/null || die "The demo server stopped: see $server_log."
        sleep 1
    done
    server_up || die "The demo server did not answer within 15 minutes: see $server_log."
fi

"$VENV_DIR/bin/python" "$REPO_DIR/setup/screenshots.py" --url "$URL" --db "$DB" "$@"
