"""./setup/run.sh as a user runs it, and our addons' install, upgrade and uninstall on its demo database.

One demo database serves the whole file: run.sh creates it (the main addon, the apps the bridges extend and the
bridges, with demo data), a second run.sh must reuse it, then our addons are upgraded and the main addon is
uninstalled, taking the bridges with it and leaving OCA's appraisals as OCA made them. Every step's Odoo log must be
free of WARNING/ERROR.
"""

import os
import signal
import subprocess
import time
import urllib.request

import pytest

from .conftest import ADDON, OUR_ADDONS, REPO, free_port, log_problems, psql


def states():
    return ",".join(f"'{addon}'" for addon in OUR_ADDONS)


def start_run_sh(env, log_path):
    log = open(log_path, "w")
    proc = subprocess.Popen(
        ["./setup/run.sh"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    proc.log_file = log
    return proc


def wait_for_login(proc, port, timeout):
    """Poll /web/login until it answers 200; fail if run.sh dies or the deadline passes."""
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/web/login"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"run.sh exited with {proc.returncode} before serving")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return response.read().decode()
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"{url} did not answer 200 within {timeout} s")


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    proc.log_file.close()


@pytest.fixture(scope="module")
def demo(base_env, tmp_path_factory):
    db = f"coaching_lifecycle_{os.getpid()}"
    port = free_port()
    env = dict(base_env, COACHING_DB=db, COACHING_HTTP_PORT=str(port))
    logs = tmp_path_factory.mktemp("lifecycle")
    yield {"db": db, "port": port, "env": env, "logs": logs}
    subprocess.run(["dropdb", "--if-exists", db], check=False)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    data_dir = os.environ.get("COACHING_DATA_DIR") or os.path.join(cache, "hr_performance_coaching", "data")
    subprocess.run(["rm", "-rf", os.path.join(data_dir, "filestore", db), os.path.join(data_dir, f"{db}.addon-hash")])
    (REPO / ".state" / f"odoo-{db}.conf").unlink(missing_ok=True)


def odoo(demo, *args, stdin=None):
    """Run odoo-bin on the demo database with run.sh's own config; return the log."""
    conf = REPO / ".state" / f"odoo-{demo['db']}.conf"
    cmd = [
        os.path.join(os.environ["COACHING_VENV"], "bin", "python"),
        os.path.join(os.environ["COACHING_ODOO_ROOT"], "odoo-bin"),
        *args,
        "-c",
        str(conf),
        "-d",
        demo["db"],
    ]
    result = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_01_first_run_installs_demo_and_serves(demo):
    """run.sh creates the demo database with the module and demo data, and serves /web/login."""
    proc = start_run_sh(demo["env"], demo["logs"] / "run1.log")
    try:
        page = wait_for_login(proc, demo["port"], timeout=1200)
    finally:
        stop(proc)
    log = (demo["logs"] / "run1.log").read_text()
    assert "Creating the demo database" in log
    assert f"http://localhost:{demo['port']}" in log and "admin / admin" in log
    assert "login" in page.lower()
    installed = psql(demo["db"], f"SELECT name FROM ir_module_module WHERE name IN ({states()}) AND state='installed'")
    assert sorted(installed.split()) == sorted(OUR_ADDONS), "the main addon and every bridge are installed"
    assert int(psql(demo["db"], "SELECT count(*) FROM hr_coaching_session")) > 0, "demo data is loaded"
    install_log = log.split("Demo logins")[0]
    assert not log_problems(install_log), "\n".join(log_problems(install_log))
    demo["oid"] = psql("postgres", f"SELECT oid FROM pg_database WHERE datname = '{demo['db']}'")


def test_02_second_run_reuses_database(demo):
    """A second run.sh reuses the database (same oid, nothing reinstalled) and serves again."""
    assert demo.get("oid"), "needs the first run"
    proc = start_run_sh(demo["env"], demo["logs"] / "run2.log")
    try:
        wait_for_login(proc, demo["port"], timeout=120)
    finally:
        stop(proc)
    log = (demo["logs"] / "run2.log").read_text()
    assert "Reusing the database" in log
    assert "Creating the demo database" not in log
    assert psql("postgres", f"SELECT oid FROM pg_database WHERE datname = '{demo['db']}'") == demo["oid"]


def test_03_upgrade_is_clean(demo):
    """Upgrading our addons (-u) logs no WARNING or ERROR."""
    log = odoo(demo, "-u", ",".join(OUR_ADDONS), "--stop-after-init")
    assert not log_problems(log), "\n".join(log_problems(log))
    states_after = psql(demo["db"], f"SELECT DISTINCT state FROM ir_module_module WHERE name IN ({states()})")
    assert states_after == "installed"


def test_04_uninstall_is_clean(demo):
    """Uninstalling the main addon logs no WARNING or ERROR, removes its tables and takes the bridges with it."""
    script = (
        f"env['ir.module.module'].search([('name', '=', '{ADDON}')]).button_immediate_uninstall()\n" "env.cr.commit()\n"
    )
    log = odoo(demo, "shell", "--no-http", stdin=script)
    assert not log_problems(log), "\n".join(log_problems(log))
    states_after = psql(demo["db"], f"SELECT DISTINCT state FROM ir_module_module WHERE name IN ({states()})")
    assert states_after == "uninstalled"
    assert psql(demo["db"], "SELECT to_regclass('hr_coaching_session')") == ""


# What OCA's hr_appraisal_oca computes on its own: the users of the managers above, its stored field recomputed when
# the employee's own manager changes. Run after the uninstall: prints one "oca ..." line per check.
OCA_ALLOWED_USERS = """
Employee = env["hr.employee"].with_context(active_test=False)
field = Employee._fields["allowed_user_ids"]
print("oca depends", ",".join(sorted(Employee.pool.field_depends[field])), "recursive", field.recursive)


def chain(employee):
    users, seen, current = set(), set(), employee.parent_id
    while current and current.id not in seen:
        seen.add(current.id)
        users |= set(current.user_id.ids)
        current = current.parent_id
    return users


everyone = Employee.search([])
stored = {employee.id: set(employee.allowed_user_ids.ids) for employee in everyone}
print("oca stored", all(stored[employee.id] == chain(employee) for employee in everyone), "with users above",
      sum(bool(users) for users in stored.values()))
boss = Employee.search([("user_id", "!=", False), ("parent_id", "!=", False)], limit=1)
worker = Employee.create({"name": "Lifecycle Worker"})
worker.parent_id = boss
env.flush_all()
env.invalidate_all()
print("oca recomputed", set(worker.allowed_user_ids.ids) == chain(boss) | set(boss.user_id.ids))
env.cr.rollback()
"""


def test_05_oca_allowed_users_are_oca_again(demo):
    """Once the main addon is uninstalled, OCA's allowed_user_ids is OCA's own again: its dependency (the employee's
    manager, no longer the whole chain above), its table and the values stored in it (the users above each
    employee), recomputed when a manager changes."""
    assert psql(demo["db"], "SELECT state FROM ir_module_module WHERE name = 'hr_appraisal_oca'") == "installed"
    log = odoo(demo, "shell", "--no-http", stdin=OCA_ALLOWED_USERS)
    lines = [line for line in log.splitlines() if line.startswith("oca ")]
    assert lines[0] == "oca depends parent_id recursive False", log
    assert lines[1].startswith("oca stored True with users above ") and not lines[1].endswith(" 0"), log
    assert lines[2] == "oca recomputed True", log
    assert not log_problems(log), "\n".join(log_problems(log))
