"""./setup/run.sh as a user runs it, and our addons' install, upgrade and uninstall on its demo database.

One demo database serves the whole file: run.sh creates it (the main addon, the apps the bridges extend and the
bridges, with demo data), a second run.sh must reuse it, then our addons are upgraded and the main addon is
uninstalled, taking the bridges with it. Every step's Odoo log must be free of WARNING/ERROR.
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
