#!/usr/bin/env bash
# Brings up Odoo 18 with hr_performance_coaching and its demo data on http://localhost:8069.
# Idempotent: a second run reuses the Python environment and the database, and only updates the
# module when its code changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB="${COACHING_DB:-coaching_demo}"
PORT="${COACHING_HTTP_PORT:-8069}"
CONF="$STATE_DIR/odoo-$DB.conf"

bootstrap
write_config "$CONF" "$DB" demo "$PORT"
stamp="$DATA_DIR/$DB.addon-hash"
current="$(addon_hash)"

if ! db_exists "$DB" || [ "$(psql -d "$DB" -Atqc "SELECT state FROM ir_module_module WHERE name = '$ADDON'" 2>/dev/null)" != installed ]; then
    log "Creating the demo database '$DB' with $ADDON and demo data (a few minutes)"
    odoo_bin -c "$CONF" -d "$DB" -i "$ADDON" --stop-after-init
    echo "$current" > "$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$current" ]; then
    log "The addon changed since the last run: updating $ADDON in '$DB'"
    odoo_bin -c "$CONF" -d "$DB" -u "$ADDON" --stop-after-init
    echo "$current" > "$stamp"
else
    log "Reusing the database '$DB' (the addon is up to date)"
fi

cat >&2 <<MSG

  Odoo 18 with Performance Coaching: http://localhost:$PORT  (database '$DB')
  Demo logins (user / password):
    admin / admin   HR manager and coaching officer (Mitchell Admin)
    demo  / demo    manager of an R&D team, himself coached by Mitchell Admin (Marc Demo)
    sharlene / sharlene   a developer of Marc's team, coached by him (Sharlene Rhodes): My Coaching
  Stop with Ctrl+C.

MSG
exec "$VENV_DIR/bin/python" "$ODOO_ROOT/odoo-bin" -c "$CONF" -d "$DB"
