#!/usr/bin/env bash
# Brings up Odoo 18 with hr_performance_coaching, its bridge addons (hr_performance_coaching_* : skills, survey,
# time off, project, each with the app it extends) and their demo data on http://localhost:8069.
# Idempotent: a second run reuses the Python environment and the database, installs a bridge added since, and
# only updates our addons when their code changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB="${COACHING_DB:-coaching_demo}"
PORT="${COACHING_HTTP_PORT:-8069}"
CONF="$STATE_DIR/odoo-$DB.conf"

bootstrap
write_config "$CONF" "$DB" demo "$PORT"
stamp="$DATA_DIR/$DB.addon-hash"
current="$(addon_hash)"

installed() { psql -d "$DB" -Atqc "SELECT state FROM ir_module_module WHERE name = '$1'" 2>/dev/null || true; }
missing=()
for addon in $(our_addons); do
    [ "$(installed "$addon")" = installed ] || missing+=("$addon")
done

if ! db_exists "$DB" || [ "$(installed "$ADDON")" != installed ]; then
    log "Creating the demo database '$DB' with $(install_list | tr , ' ') and demo data (a few minutes)"
    odoo_bin -c "$CONF" -d "$DB" -i "$(install_list)" --stop-after-init
    echo "$current" > "$stamp"
elif [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} (and the apps they extend) in '$DB'"
    odoo_bin -c "$CONF" -d "$DB" -i "$(install_list)" --stop-after-init
    echo "$current" > "$stamp"
elif [ "$(cat "$stamp" 2>/dev/null)" != "$current" ]; then
    log "The addons changed since the last run: updating $(our_addons | paste -sd ' ' -) in '$DB'"
    odoo_bin -c "$CONF" -d "$DB" -u "$(our_addons | paste -sd, -)" --stop-after-init
    echo "$current" > "$stamp"
else
    log "Reusing the database '$DB' (the addons are up to date)"
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
