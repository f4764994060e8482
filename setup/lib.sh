#!/usr/bin/env bash
# Shared bootstrap for ./setup/run.sh and ./setup/test.sh.
# Sourced, not executed. Every step is idempotent: a second call reuses what the first one made.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDON=hr_performance_coaching
# The apps the bridge addons extend: installed with ours everywhere, so that each bridge (auto_install) follows.
DEPENDENCY_APPS="hr_skills,survey,hr_holidays,project,hr_timesheet"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/hr_performance_coaching"
ODOO_CACHE_DIR="$CACHE_DIR/odoo-18.0"
ODOO_ARCHIVE_URL="${ODOO_ARCHIVE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
PYTHON_BIN="${PYTHON:-python3.11}"
VENV_DIR="${COACHING_VENV:-$CACHE_DIR/venv}"
STATE_DIR="$REPO_DIR/.state"
DATA_DIR="${COACHING_DATA_DIR:-$CACHE_DIR/data}"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[setup] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

APT_UPDATED=""
apt_install() {
    # Installs Debian packages that are missing; does nothing when all are there.
    local missing=() p
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || return 1
    log "Installing Debian packages: ${missing[*]}"
    if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq >&2 || return 1; APT_UPDATED=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# ---------------------------------------------------------------- Odoo source
odoo_root_in() {
    # Prints the Odoo root found in $1 (the folder itself or its only sub-folder), or nothing.
    local dir="$1" sub
    [ -d "$dir" ] || return 0
    if [ -f "$dir/odoo/release.py" ] && [ -d "$dir/odoo/addons/base" ]; then echo "$dir"; return 0; fi
    for sub in "$dir"/*/; do
        if [ -f "$sub/odoo/release.py" ] && [ -d "$sub/odoo/addons/base" ]; then echo "${sub%/}"; return 0; fi
    done
}

check_odoo_version() {
    grep -qE "^version_info = \(18, 0," "$1/odoo/release.py" \
        || die "The Odoo source at $1 is not Odoo 18.0 (see $1/odoo/release.py)."
}

download_odoo() {
    local tmp
    command -v curl >/dev/null || return 1
    log "Downloading the official Odoo 18.0 source into $ODOO_CACHE_DIR"
    tmp="$(mktemp -d)"
    if curl -fsSL --retry 2 --connect-timeout 20 "$ODOO_ARCHIVE_URL" -o "$tmp/odoo.tar.gz" \
        && mkdir -p "$ODOO_CACHE_DIR" && tar -xzf "$tmp/odoo.tar.gz" -C "$ODOO_CACHE_DIR"; then
        rm -rf "$tmp"; return 0
    fi
    rm -rf "$tmp"; rm -rf "$ODOO_CACHE_DIR"; return 1
}

resolve_odoo_src() {
    # Order: $ODOO_SRC, then the cache folder, then the official archive. Sets ODOO_ROOT.
    ODOO_ROOT=""
    if [ -n "${ODOO_SRC:-}" ]; then
        ODOO_ROOT="$(odoo_root_in "$ODOO_SRC")"
        [ -n "$ODOO_ROOT" ] || die "ODOO_SRC=$ODOO_SRC holds no Odoo source tree (no odoo/release.py and odoo/addons/base)."
    else
        ODOO_ROOT="$(odoo_root_in "$ODOO_CACHE_DIR")"
        if [ -z "$ODOO_ROOT" ] && [ "${COACHING_NO_DOWNLOAD:-}" != 1 ] && download_odoo; then
            ODOO_ROOT="$(odoo_root_in "$ODOO_CACHE_DIR")"
        fi
    fi
    if [ -z "$ODOO_ROOT" ]; then
        die "No Odoo 18.0 source found. Provide it in one of three ways:
  1. set ODOO_SRC to an Odoo 18.0 source tree (official archive, git checkout, or any tree with odoo/addons);
  2. unpack it into the cache folder $ODOO_CACHE_DIR;
  3. let the set-up download the official archive ($ODOO_ARCHIVE_URL), which needs internet access."
    fi
    ODOO_ROOT="$(cd "$ODOO_ROOT" && pwd)"
    check_odoo_version "$ODOO_ROOT"
    # odoo/addons always comes first. A git checkout keeps most apps in a top-level addons/; a tree whose
    # odoo/addons already holds them (official archive, packaged trees) must not let an older addons/ shadow them.
    ODOO_ADDONS_PATH="$ODOO_ROOT/odoo/addons"
    if [ ! -d "$ODOO_ROOT/odoo/addons/web" ] && [ -d "$ODOO_ROOT/addons/web" ]; then
        ODOO_ADDONS_PATH="$ODOO_ADDONS_PATH,$ODOO_ROOT/addons"
    fi
    export ODOO_ROOT ODOO_ADDONS_PATH
}

# ---------------------------------------------------------------- PostgreSQL
ensure_postgres() {
    if [ -n "${PGHOST:-}" ]; then
        log "Using the PostgreSQL server at ${PGHOST}:${PGPORT:-5432} as ${PGUSER:-$(id -un)}"
        psql -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1 \
            || die "Cannot reach PostgreSQL at PGHOST=$PGHOST PGPORT=${PGPORT:-5432} as ${PGUSER:-$(id -un)}."
        return 0
    fi
    if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
        apt_install postgresql || die "PostgreSQL is not installed and cannot be installed (not root, or no apt). Install it, or set PGHOST/PGPORT/PGUSER/PGPASSWORD."
    fi
    local ver name port status
    read -r ver name port status _ < <(pg_lsclusters -h | head -n 1)
    if [ "$status" != online ]; then
        log "Starting PostgreSQL cluster $ver/$name"
        as_root pg_ctlcluster "$ver" "$name" start || die "Cannot start PostgreSQL cluster $ver/$name."
    fi
    export PGPORT="$port"
    local me; me="$(id -un)"
    [ "$me" != postgres ] || die "Odoo refuses to run as the database superuser 'postgres': run as another user."
    if ! psql -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
        log "Creating PostgreSQL role '$me'"
        as_root su postgres -c "psql -p $port -qc \"CREATE ROLE \\\"$me\\\" LOGIN CREATEDB\"" >/dev/null \
            || die "Cannot create the PostgreSQL role '$me'."
    fi
    psql -d postgres -Atqc "SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user" | grep -q t \
        || die "PostgreSQL role '$me' cannot create databases."
}

db_exists() { [ "$(psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# ---------------------------------------------------------------- Python environment
ensure_system_packages() {
    # Build headers for Odoo's requirements, Chromium for tours, wkhtmltopdf for PDF reports.
    local pkgs=(libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev)
    apt_install "${pkgs[@]}" || log "Could not install the build headers (${pkgs[*]}); pip may fail to build."
    command -v wkhtmltopdf >/dev/null || apt_install wkhtmltopdf || log "wkhtmltopdf is missing: PDF reports will not render."
}

ensure_venv() {
    local stamp key
    command -v "$PYTHON_BIN" >/dev/null || die "$PYTHON_BIN is required (Odoo 18 runs on Python 3.10 to 3.12)."
    key="$( (cat "$ODOO_ROOT/requirements.txt" "$REPO_DIR/requirements.txt"; echo "$ODOO_ROOT") | sha1sum | cut -c1-16)"
    stamp="$VENV_DIR/.coaching-stamp"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && "$VENV_DIR/bin/python" -c 'import odoo' 2>/dev/null; then
        return 0
    fi
    ensure_system_packages
    log "Building the Python environment in $VENV_DIR (a few minutes the first time)"
    [ -x "$VENV_DIR/bin/python" ] || "$PYTHON_BIN" -m venv "$VENV_DIR"
    local pip=("$VENV_DIR/bin/python" -m pip --disable-pip-version-check -q)
    local constraints="$CACHE_DIR/build-constraints.txt"
    mkdir -p "$CACHE_DIR"
    # cbor2 5.4 (pinned by Odoo) no longer builds with setuptools 81+; pip passes PIP_CONSTRAINT to build envs.
    echo 'setuptools<81' > "$constraints"
    PIP_CONSTRAINT="$constraints" "${pip[@]}" install 'setuptools<81' wheel >&2
    PIP_CONSTRAINT="$constraints" "${pip[@]}" install -r "$ODOO_ROOT/requirements.txt" >&2
    # Editable in compat mode: a plain path entry, so wheels installing under odoo/addons extend it, not hide it.
    PIP_CONSTRAINT="$constraints" "${pip[@]}" install --no-deps --no-build-isolation -e "$ODOO_ROOT" \
        --config-settings editable_mode=compat >&2
    PIP_CONSTRAINT="$constraints" "${pip[@]}" install -r "$REPO_DIR/requirements.txt" >&2
    "$VENV_DIR/bin/python" -c 'import odoo, odoo.release; assert odoo.release.version_info[:2] == (18, 0)' \
        || die "Odoo did not install into $VENV_DIR."
    echo "$key" > "$stamp"
}

ensure_prettier() {
    # Prettier and its XML plugin for the lint, from the npm registry, kept in the cache folder.
    PRETTIER_DIR="$CACHE_DIR/node"
    local want="prettier@3.3.3 @prettier/plugin-xml@3.4.1"
    if [ "$(cat "$PRETTIER_DIR/.stamp" 2>/dev/null)" = "$want" ] && [ -x "$PRETTIER_DIR/node_modules/.bin/prettier" ]; then
        return 0
    fi
    command -v npm >/dev/null || apt_install nodejs npm || die "npm is needed for the XML lint (prettier): install nodejs and npm."
    log "Installing $want"
    mkdir -p "$PRETTIER_DIR"
    # shellcheck disable=SC2086
    npm install --prefix "$PRETTIER_DIR" --silent --no-audit --no-fund $want >&2 || die "npm could not install $want."
    echo "$want" > "$PRETTIER_DIR/.stamp"
}

prettier_xml() {
    local addon globs=()
    for addon in $(our_addons); do globs+=("$addon/**/*.xml"); done
    "$PRETTIER_DIR/node_modules/.bin/prettier" --config "$REPO_DIR/.prettierrc.yml" \
        --plugin="$PRETTIER_DIR/node_modules/@prettier/plugin-xml/src/plugin.js" "$@" "${globs[@]}"
}

# ---------------------------------------------------------------- Odoo config
write_config() {
    # $1: config path, $2: database, $3: "demo" or "nodemo", $4: http port
    local conf="$1" db="$2" demo="$3" port="$4" without_demo=all
    [ "$demo" = demo ] && without_demo=False
    mkdir -p "$(dirname "$conf")" "$DATA_DIR"
    cat > "$conf" <<CONF
[options]
addons_path = $REPO_DIR,$ODOO_ADDONS_PATH
data_dir = $DATA_DIR
db_name = $db
dbfilter = ^$db\$
list_db = False
http_port = $port
http_interface = ${COACHING_HTTP_INTERFACE:-127.0.0.1}
without_demo = $without_demo
max_cron_threads = ${COACHING_CRON_THREADS:-1}
log_level = info
CONF
    [ -n "${PGHOST:-}" ] && echo "db_host = $PGHOST" >> "$conf"
    [ -n "${PGPORT:-}" ] && echo "db_port = $PGPORT" >> "$conf"
    [ -n "${PGUSER:-}" ] && echo "db_user = $PGUSER" >> "$conf"
    [ -n "${PGPASSWORD:-}" ] && echo "db_password = $PGPASSWORD" >> "$conf"
    return 0
}

# ---------------------------------------------------------------- our addons
our_addons() {
    # Our addons, one a line: the main addon first, then every top-level hr_performance_coaching* folder with a
    # manifest (the bridges to other apps).
    local dir
    echo "$ADDON"
    for dir in "$REPO_DIR"/"$ADDON"_*/; do
        [ -f "$dir/__manifest__.py" ] && basename "$dir"
    done
    return 0
}

install_list() {
    # What -i installs: the main addon, the apps the bridges extend, and the bridges (comma-separated).
    local bridges
    bridges="$(our_addons | tail -n +2 | paste -sd, -)"
    echo "$ADDON,$DEPENDENCY_APPS${bridges:+,$bridges}"
}

addon_hash() {
    # Changes when any file of our addons changes (tests excluded), or when an addon comes or goes.
    # shellcheck disable=SC2046
    (cd "$REPO_DIR" && find $(our_addons) -type f ! -path '*/__pycache__/*' ! -path '*/tests/*' -print0 \
        | sort -z | xargs -0 sha1sum) | sha1sum | cut -c1-16
}

odoo_bin() { "$VENV_DIR/bin/python" "$ODOO_ROOT/odoo-bin" "$@"; }

bootstrap() {
    resolve_odoo_src
    log "Odoo 18.0 source: $ODOO_ROOT"
    ensure_postgres
    ensure_venv
    export PATH="$VENV_DIR/bin:$PATH"
}
