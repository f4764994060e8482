"""What the benchmarks share: find Odoo, make a throwaway database with the addon, drop it afterwards."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ADDON = "hr_performance_coaching"


def odoo_root():
    """The Odoo source the venv runs (setup/lib.sh installs it editable), or $ODOO_SRC."""
    if os.environ.get("ODOO_SRC"):
        return Path(os.environ["ODOO_SRC"])
    import odoo

    return Path(odoo.__file__).resolve().parents[1]


def psql(db, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql], check=True)


def org_sql(employees, departments):
    """SQL for the departments (temp table bench_dept numbers them) and the employees' resources."""
    return f"""
    INSERT INTO hr_department (name, company_id, active)
         SELECT jsonb_build_object('en_US', 'Bench dept ' || g), 1, true FROM generate_series(1, {departments}) g;
    CREATE TEMP TABLE bench_dept AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM hr_department
     WHERE name->>'en_US' LIKE 'Bench dept %';
    INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active, company_id)
         SELECT 'Bench employee ' || g, 'user', 'UTC', 100, true, 1 FROM generate_series(1, {employees}) g;
    """


def addons_path():
    """The addons path of a benchmark's Odoo: this repository, then Odoo's own addons."""
    root = odoo_root()
    addons = f"{REPO},{root / 'odoo' / 'addons'}"
    if (root / "addons" / "web").is_dir() and not (root / "odoo" / "addons" / "web").is_dir():
        addons += f",{root / 'addons'}"
    return addons


@contextlib.contextmanager
def throwaway_database(name, keep=False, existing=None):
    """Install the addon without demo data in a new database; yield (odoo, registry); drop it at the end.
    With ``existing``, update the addon in that database, yield it, and keep it."""
    root = odoo_root()
    db = existing or f"{name}_{os.getpid()}"
    keep = keep or bool(existing)
    addons = addons_path()
    print(f"[bench] {'updating' if existing else 'installing'} {ADDON} {'in' if existing else 'into'} {db}", flush=True)
    subprocess.run(
        [
            *(
                sys.executable,
                str(root / "odoo-bin"),
                "--addons-path",
                addons,
                "-d",
                db,
                "-u" if existing else "-i",
                ADDON,
            ),
            *("--without-demo=all", "--stop-after-init", "--log-level=warn", "--no-http"),
        ],
        check=True,
    )
    try:
        import odoo
        from odoo.tools import config

        config.parse_config(["--addons-path", addons, "-d", db, "--log-level=warn"])
        yield odoo, odoo.modules.registry.Registry(db), db
    finally:
        if not keep:
            if "odoo.sql_db" in sys.modules:
                sys.modules["odoo.sql_db"].close_all()
            subprocess.run(["dropdb", "--if-exists", db], check=False)
            if "odoo.tools" in sys.modules:
                filestore = Path(sys.modules["odoo.tools"].config["data_dir"]) / "filestore" / db
                subprocess.run(["rm", "-rf", str(filestore)], check=False)
