"""Load test with Odoo's prefork server (issue 14), run by hand, not collected by pytest or CI.

    ./tests/benchmarks/run.sh load [--replica] [--platform] [--minutes M] [--users N] [--employees N] [--keep]
        [--db NAME] [--routes-only]
    ./tests/benchmarks/run.sh load --ramp [--step-seconds S] [--replica] [--keep] [--db NAME]

Creates a throwaway database with the addon (no demo data) and the fixture of ``load/fixture.py`` (2,000 employees,
100 managers and 200 employees with users, 50,000 past talks with commitments), starts Odoo with
``--workers 3 --max-cron-threads 1`` on a free loopback port (8700-8799) with the coaching crons due, and drives it
headless with locust (its own virtual environment in the cache folder, made on demand) for M minutes (default 3):
N users (default 50, the platform's capacity that ``--ramp`` found, see the README; three quarters managers, a quarter
employees) plus one HR user, 1-3 s of think time, only at 127.0.0.1. See ``load/locustfile.py`` for what each one
does.

It prints p50 and p95 of each action, of the core page (the ``hr.employee`` kanban's ``web_search_read``, the
platform floor), the errors (failed requests: HTTP errors, RPC errors other than the expected ``UserError``;
plus the ERROR lines of Odoo's log, the crons' included, and every request retried after a write in a read-only
transaction). The last line is
``load users=<n> errors=<e> p95_ratio=<worst coaching action p95 / core p95> rps=<requests/s>``.

With ``--replica``, a streaming hot standby of the local cluster is made first (``load/standby.py``) and Odoo reads
through it (``db_replica_host``/``db_replica_port``); the share of the database's committed transactions that the
standby served during the run is printed. The standby is stopped and removed at the end, the database dropped
unless ``--keep``. ``--db NAME`` reruns on a database kept that way (the addon updated there), and keeps it.
The users log in over ``/web/session/authenticate`` before the load, three at a time (a login costs 600,000 rounds
of pbkdf2 and is not what is measured), and send the session cookie it returned.
Targets: errors=0, p95_ratio <= 1.5.

With ``--ramp`` (``load/ramp.py``), the same database and Odoo server take steps of 10, 20, 30... users, S seconds
each (default 60), in turns for the platform mix (``--platform``) and the coaching mix, until each mix has a step
with a p95 over 2 s or an error. One line per step,
``ramp mix=<platform|coaching> users=<n> p95_ms=<p95> errors=<e> rps=<x> held|failed; ...`` and last
``capacity platform_users=<n> coaching_users=<n> ratio=<coaching/platform>``. Target: ratio >= 0.8. The default of
``--users`` is the platform's capacity measured that way on the 2-core reference machine.

With ``--employees N`` (other than 2,000), the fixture is the big tenant of ``load/fixture.py`` (at 20,000: 200
departments, six levels of managers, 500,000 done talks with a commitment each, built in SQL in a few minutes), and
after the load, ``load/routes.py`` replays each coaching route as a director of a quarter of the company, a manager
of 10 and an employee, one request at a time, and prints Odoo's own time per route and user against the Employees
kanban's for the same user, then, after the usual lines, ``big routes=<n> worst_ratio=<worst route / Employees
kanban>`` (target <= 1.5), with the path of a log holding the EXPLAIN (ANALYZE, BUFFERS) of the worst route's
slowest query. The usual lines are of the load alone.

``--routes-only`` skips the locust run and starts Odoo without a cron worker: only the route replay and its
``big ...`` line, e.g. ``--employees 20000 --keep --routes-only`` once, then ``--db NAME --routes-only`` after each
change (the addon is updated in that database, its migrations run): a few minutes instead of a quarter of an hour.
"""

import argparse
import concurrent.futures
import contextlib
import csv
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

from benchlib import addons_path, odoo_root, psql, throwaway_database

HERE = Path(__file__).resolve().parent / "load"
sys.path.insert(0, str(HERE))

import fixture  # noqa: E402
import ramp  # noqa: E402
import routes  # noqa: E402
import standby  # noqa: E402

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hr_performance_coaching"
LOCUST_VENV = CACHE / "locust-venv"
LOCUST_SPEC = "locust>=2.30,<3"
DATA_DIR = Path(os.environ.get("COACHING_DATA_DIR") or CACHE / "data")
CORE = "core: hr.employee kanban web_search_read"


def say(message):
    print(f"[load] {message}", flush=True)


def ensure_locust():
    """locust in its own virtual environment: Odoo's pins gevent and greenlet, locust needs newer ones."""
    locust = LOCUST_VENV / "bin" / "locust"
    if not locust.exists():
        say(f"installing locust into {LOCUST_VENV}")
        subprocess.run([shutil.which("python3.11") or "python3", "-m", "venv", str(LOCUST_VENV)], check=True)
        pip = [str(LOCUST_VENV / "bin" / "python"), "-m", "pip", "-q", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", LOCUST_SPEC], check=True)
    return locust


def free_ports(count, start=8700, end=8800):
    ports = []
    for port in range(start, end):
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise SystemExit(f"No {count} free loopback ports in {start}..{end - 1}.")


def write_config(path, db, http_port, gevent_port, logfile, replica_port=None, crons=1):
    lines = [
        "[options]",
        f"addons_path = {addons_path()}",
        f"data_dir = {DATA_DIR}",
        f"db_name = {db}",
        f"dbfilter = ^{db}$",
        "list_db = False",
        "http_interface = 127.0.0.1",
        f"http_port = {http_port}",
        f"gevent_port = {gevent_port}",
        "workers = 3",
        f"max_cron_threads = {crons}",
        # Odoo's defaults, written down: a request or cron job is killed after 120 s real, 60 s CPU.
        "limit_time_real = 120",
        "limit_time_cpu = 60",
        "limit_time_real_cron = 600",
        "without_demo = all",
        "log_level = info",
        f"logfile = {logfile}",
    ]
    if replica_port:
        lines += [f"db_replica_host = {standby.SOCKET_DIR}", f"db_replica_port = {replica_port}"]
    for key in ("host", "port", "user", "password"):
        if os.environ.get(f"PG{key.upper()}"):
            lines.append(f"db_{key} = {os.environ[f'PG{key.upper()}']}")
    path.write_text("\n".join(lines) + "\n")


def start_odoo(conf, http_port, db):
    process = subprocess.Popen(
        [sys.executable, str(odoo_root() / "odoo-bin"), "-c", str(conf)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}/web/login?db={db}"
    for _attempt in range(120):
        if process.poll() is not None:
            raise SystemExit(f"Odoo stopped at start (exit {process.returncode}): see its log")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        time.sleep(1)
    else:
        raise SystemExit("Odoo did not answer within 2 minutes")
    # Every worker loads the registry on its first request: not part of the measure.
    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        list(pool.map(lambda _i: urllib.request.urlopen(url, timeout=60).read(), range(24)))
    return process


def serve(workdir, db, replica_port=None, crons=1):
    """Odoo on two free loopback ports, with the run's configuration: (process, base URL, log file)."""
    http_port, gevent_port = free_ports(2)
    conf, logfile = workdir / "odoo.conf", workdir / "odoo.log"
    write_config(conf, db, http_port, gevent_port, logfile, replica_port, crons)
    started = time.perf_counter()
    process = start_odoo(conf, http_port, db)
    say(
        f"Odoo on 127.0.0.1:{http_port}, 3 workers, {crons} cron worker{'s' if crons != 1 else ''}"
        + (f", reads on the standby (port {replica_port})" if replica_port else "")
        + f", ready in {time.perf_counter() - started:.1f} s; log {logfile}"
    )
    return process, f"http://127.0.0.1:{http_port}", logfile


def most_users(description):
    """The most users the fixture has for ``select_users`` (three quarters managers, a quarter employees)."""
    managers, employees = len(description["managers"]), len(description["employees"])
    fits = [n for n in range(1, 4 * managers + 2) if round(n * 0.75) <= managers and n - round(n * 0.75) <= employees]
    return max(fits)


def select_users(description, users):
    """The fixture's description for ``users`` users: the first managers (three quarters) and employees."""
    managers = round(users * 0.75)
    return {
        **description,
        "managers": description["managers"][:managers],
        "employees": description["employees"][: users - managers],
    }


def log_in(base_url, description):
    """Every user logs in over ``/web/session/authenticate``, as the web client's login does, before the load:
    three at a time (one per worker). A login costs Odoo 600,000 rounds of pbkdf2 (half a second of CPU here), which
    is the platform's and not what is measured; the users then send the session cookie each login returned.
    Users with a session in ``description["sessions"]`` already (an earlier step of --ramp) keep it."""
    sessions = description.setdefault("sessions", {})
    logins = [
        login
        for login in (*description["managers"], *description["employees"], description["hr"])
        if login not in sessions
    ]
    if not logins:
        return

    def authenticate(login):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": description["db"], "login": login, "password": description["password"]},
        }
        request = urllib.request.Request(
            f"{base_url}/web/session/authenticate",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            body = json.loads(response.read())
            cookie = SimpleCookie()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie.load(header)
        if body.get("error") or not body.get("result", {}).get("uid"):
            raise SystemExit(f"{login} could not log in: {body.get('error')}")
        result = body["result"]
        session = {
            "session_id": cookie["session_id"].value,
            "uid": result["uid"],
            "user_context": result["user_context"],
        }
        return login, session, time.perf_counter() - started

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        done = list(pool.map(authenticate, logins))
    sessions.update({login: session for login, session, _seconds in done})
    seconds = sorted(seconds for _login, _session, seconds in done)
    say(
        f"{len(done)} users logged in over /web/session/authenticate in {time.perf_counter() - started:.1f} s "
        f"(p50 {seconds[len(seconds) // 2] * 1000:.0f} ms each)"
    )


def stop_odoo(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_locust(locust, fixture_file, host, users, minutes, prefix, platform=False, output=None):
    """locust, headless, for ``minutes``; its statistics in ``prefix``_stats.csv; its summary on stdout, or in
    the file ``output``."""
    managers = round(users * 0.75)
    env = {
        **os.environ,
        "LOAD_PLATFORM": "1" if platform else "0",
        "LOAD_FIXTURE": str(fixture_file),
        "LOAD_MANAGERS": str(managers),
        "LOAD_EMPLOYEES": str(users - managers),
    }
    env.pop("PYTHONPATH", None)
    with open(output, "w") if output else contextlib.nullcontext() as out:
        subprocess.run(
            [
                str(locust),
                *("-f", str(HERE / "locustfile.py"), "--headless", "--host", host),
                *("-u", str(users + 1), "-r", "10", "-t", f"{minutes * 60:.0f}s", "--stop-timeout", "15"),
                *("--csv", str(prefix), "--only-summary", "--reset-stats", "--loglevel", "WARNING"),
            ],
            env=env,
            check=False,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
        )


def read_stats(prefix):
    with open(f"{prefix}_stats.csv") as f:
        rows = list(csv.DictReader(f))
    failures = []
    if Path(f"{prefix}_failures.csv").exists():
        with open(f"{prefix}_failures.csv") as f:
            failures = list(csv.DictReader(f))
    return rows, failures


def read_log(logfile, offset=0):
    """Odoo's log from byte ``offset`` (the size it had when a step of --ramp began)."""
    with open(logfile, "rb") as f:
        f.seek(offset)
        return f.read().decode(errors="replace")


def log_problems(logfile, offset=0):
    """From Odoo's log: the ERROR records, the requests retried after writing in a read-only transaction, the
    concurrency failures that Odoo retried (the unresolved ones also fail their request), the readonly cursor
    fallbacks."""
    records = []
    for line in read_log(logfile, offset).splitlines():
        if re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ", line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    errors, readonly, retried, replica_down = [], [], 0, 0
    for record in records:
        level = record.split(" ", 4)[3] if record.count(" ") >= 4 else ""
        if "read-only transaction" in record:
            readonly.append(record)
        elif "Failed to open a readonly cursor" in record:
            replica_down += 1
        elif level in ("ERROR", "CRITICAL"):
            if "bad query" in record and ("could not serialize" in record or "deadlock detected" in record):
                retried += 1
            elif "Request timed out" in record:
                # A connection whose request did not come within Odoo's socket timeout (2 s): the client's
                # failed request, counted there.
                continue
            else:
                errors.append(record)
    return errors, readonly, retried, replica_down


def server_times(logfile, offset=0):
    """Odoo's own time per JSON-RPC route (SQL + Python, from its request log lines), without the wait in the
    socket's queue: {route: [seconds]}; and the requests per cursor mode that Odoo 18 logs at the end of the line
    (ro: read-only cursor, on the standby when there is one; rw; ro->rw: retried on the primary after a write)."""
    times, modes = {}, {}
    pattern = re.compile(
        r'"POST (/web/dataset/call_\w+/\S+|/web/action/run) HTTP/1.1" \d+ - \d+ ([\d.]+) ([\d.]+)(?: (\S+))?'
    )
    for line in read_log(logfile, offset).splitlines():
        if match := pattern.search(line):
            times.setdefault(match.group(1), []).append(float(match.group(2)) + float(match.group(3)))
            modes[match.group(4)] = modes.get(match.group(4), 0) + 1
    return times, modes


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def measure(locust, description, base_url, logfile, prefix, users, seconds, platform=False):
    """One step of --ramp: ``users`` users (and the HR user) for ``seconds``, after logging in those who are not yet;
    what they saw (locust's statistics) and what Odoo's log says of the same time, as a ``ramp.Step``."""
    step = select_users(description, users)
    log_in(base_url, step)
    description.setdefault("sessions", {}).update(step["sessions"])
    fixture_file = Path(f"{prefix}_fixture.json")
    fixture_file.write_text(json.dumps(step))
    offset = Path(logfile).stat().st_size
    run_locust(locust, fixture_file, base_url, users, seconds / 60, prefix, platform, output=f"{prefix}_locust.txt")
    rows, failures = read_stats(prefix)
    total = next(row for row in rows if row["Name"] == "Aggregated")
    actions = {row["Name"]: float(row["95%"]) for row in rows if row["Type"] and row["95%"] not in ("", "N/A")}
    log_errors, readonly, _retried, _replica_down = log_problems(logfile, offset)
    for record in [*log_errors, *readonly][:3]:
        say(f"odoo log: {record[:1500]}")
    for failure in failures[:3]:
        say(f"failed: {failure['Occurrences']} x {failure['Name']}: {failure['Error'][:300]}")
    times, _modes = server_times(logfile, offset)
    routes = {route: percentile(values, 0.95) * 1000 for route, values in times.items()}
    worst_action = max(actions, key=actions.get, default="")
    worst_route = max(routes, key=routes.get, default="")
    return ramp.Step(
        users=users,
        # No request at all (locust could not start its users) holds nothing.
        p95_ms=float(total["95%"]) if int(total["Request Count"]) else float("inf"),
        errors=int(total["Failure Count"]) + len(log_errors) + len(readonly),
        rps=float(total["Requests/s"]),
        worst_action=worst_action,
        worst_action_ms=actions.get(worst_action, 0),
        worst_route=worst_route.removeprefix("/web/dataset/call_kw/"),
        worst_route_ms=routes.get(worst_route, 0),
    )


def routes_only(odoo, registry, base_url, description, logfile):
    """The route replay of ``load/routes.py`` on a server that serves nothing else (no locust, no cron worker):
    to measure a change of the routes again on a big tenant kept with ``--keep`` (``--db``), in minutes."""
    big_line = routes.replay(odoo, registry, base_url, description, logfile)
    print(big_line, flush=True)
    return big_line


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replica", action="store_true", help="read through a streaming hot standby")
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument(
        "--users", type=int, default=50, help="managers and employees (plus one HR user); default: the ramp's capacity"
    )
    parser.add_argument(
        "--platform",
        action="store_true",
        help="the platform alone: the same users, think times and requests per step, every request the core page",
    )
    parser.add_argument(
        "--ramp",
        action="store_true",
        help="step the users up (10, 20, ...) for the platform and the coaching mix: the users each holds",
    )
    parser.add_argument("--step-seconds", type=float, default=60, help="length of a step of --ramp")
    parser.add_argument(
        "--employees",
        type=int,
        default=fixture.EMPLOYEES,
        help="other than 2,000: the big tenant (load/fixture.py's big shape) and the route replay of load/routes.py",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database (and the run's folder)")
    parser.add_argument("--db", help="run on this database, kept from an earlier run (--keep), and keep it")
    parser.add_argument(
        "--routes-only",
        action="store_true",
        help="the big tenant's route replay alone: no locust run and no cron worker (with --employees N or --db)",
    )
    args = parser.parse_args()

    locust = ensure_locust()
    workdir = Path(tempfile.mkdtemp(prefix="load_"))
    process = replica_port = big_line = None
    with throwaway_database("bench_load", keep=args.keep, existing=args.db) as (odoo, registry, db):
        try:
            if args.db:
                with registry.cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    description = fixture.describe(env)
                    cr.execute(fixture.CRONS_DUE)
            else:
                description = fixture.build(odoo, registry, db, psql, employees=args.employees)
            description["db"] = db
            fixture_file = workdir / "fixture.json"
            odoo.sql_db.close_all()
            primary_port = int(os.environ.get("PGPORT") or 5432)
            if args.replica:
                replica_port = standby.create(primary_port)
            process, base_url, logfile = serve(workdir, db, replica_port, crons=0 if args.routes_only else 1)
            if args.routes_only:
                if "big" not in description:
                    raise SystemExit("--routes-only replays the big tenant's routes: give --employees N or its --db")
                big_line = routes_only(odoo, registry, base_url, description, logfile)
                return
            if args.ramp:

                def step(users, platform):
                    prefix = workdir / f"ramp_{'platform' if platform else 'coaching'}_{users}"
                    return measure(locust, description, base_url, logfile, prefix, users, args.step_seconds, platform)

                ramp.run(step, most_users(description), say)
                if args.keep:
                    say(f"kept: database {db}, run folder {workdir}")
                else:
                    shutil.rmtree(workdir, ignore_errors=True)
                return
            description = select_users(description, args.users)
            log_in(base_url, description)
            fixture_file.write_text(json.dumps(description))
            before = (
                (standby.xact_commit(primary_port, db), standby.xact_commit(replica_port, db)) if replica_port else None
            )
            run_locust(
                locust,
                fixture_file,
                base_url,
                args.users,
                args.minutes,
                workdir / "locust",
                platform=args.platform,
            )
            after = (
                (standby.xact_commit(primary_port, db), standby.xact_commit(replica_port, db)) if replica_port else None
            )
            if "big" in description:
                # The usual lines are of the load alone: the route replay's requests are logged after this copy.
                shutil.copyfile(logfile, workdir / "odoo-load.log")
                big_line = routes.replay(odoo, registry, base_url, description, logfile)
        finally:
            if process:
                stop_odoo(process)
            if replica_port:
                standby.stop()
        with registry.cursor() as cr:
            cr.execute(
                """SELECT c.cron_name, c.lastcall, COUNT(p.id) FROM ir_cron c
                     LEFT JOIN ir_cron_progress p ON p.cron_id = c.id
                    WHERE c.id IN (SELECT res_id FROM ir_model_data
                                    WHERE module = 'hr_performance_coaching' AND model = 'ir.cron')
                    GROUP BY 1, 2 ORDER BY 1"""
            )
            for name, lastcall, runs in cr.fetchall():
                say(f"cron {name}: last run {lastcall or 'never'}, {runs} batches during the run")
        odoo.sql_db.close_all()

    rows, failures = read_stats(workdir / "locust")
    by_name = {row["Name"]: row for row in rows if row["Type"] != ""}
    total = next(row for row in rows if row["Name"] == "Aggregated")
    say(f"{'action':<45} {'requests':>8} {'fails':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for name in sorted(by_name, key=lambda n: (n == CORE, n)):
        row = by_name[name]
        say(f"{name:<45} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>8} {row['95%']:>8}")
    say("Odoo's own time per route (SQL + Python, no queue):")
    say(f"{'route':<70} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
    times, modes = server_times(workdir / ("odoo-load.log" if big_line else "odoo.log"))
    for route, values in sorted(times.items()):
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        say(f"{route:<70} {len(values):>8} {p50:>8.0f} {p95:>8.0f}")
    core_route = "/web/dataset/call_kw/hr.employee/web_search_read"
    own = {route: percentile(values, 0.95) for route, values in times.items() if route != core_route}
    if core_route in times and own:
        worst_route = max(own, key=own.get)
        core_own = percentile(times[core_route], 0.95)
        say(
            f"Odoo's own time: worst coaching route {worst_route} p95 {own[worst_route] * 1000:.0f} ms against "
            f"core p95 {core_own * 1000:.0f} ms: ratio {own[worst_route] / core_own:.2f}"
        )
    say("requests per cursor: " + ", ".join(f"{mode or '?'} {count}" for mode, count in sorted(modes.items())))
    for failure in failures:
        say(f"failed: {failure['Occurrences']} x {failure['Name']}: {failure['Error'][:300]}")
    log_errors, readonly, retried, replica_down = log_problems(workdir / "odoo.log")
    for record in log_errors[:10]:
        say(f"odoo log: {record[:1500]}")
    for record in readonly[:10]:
        say(f"read-only write: {record[:1500]}")
    failed = int(total["Failure Count"])
    errors = failed + len(log_errors) + len(readonly)
    say(
        f"errors: {failed} failed requests, {len(log_errors)} ERROR lines in Odoo's log, "
        f"{len(readonly)} requests retried after a write in a read-only transaction; "
        f"{retried} concurrency failures retried by Odoo"
    )
    if args.replica:
        primary, replica = after[0] - before[0], after[1] - before[1]
        share = replica / (primary + replica) if primary + replica else 0
        say(
            f"standby: served {replica} of {primary + replica} committed transactions of {db} during the run "
            f"({share:.0%}); primary {primary}; readonly cursor fallbacks {replica_down}"
        )
    core = float(by_name[CORE]["95%"])
    coaching = {n: float(r["95%"]) for n, r in by_name.items() if n != CORE and r["95%"] != "N/A"}
    if args.platform or not coaching:
        coaching = {CORE: core}
    worst = max(coaching, key=coaching.get)
    if args.platform:
        say("platform only: every request was the core page (p95_ratio 1 by construction)")
    else:
        say(f"worst coaching action: {worst} (p95 {coaching[worst]:.0f} ms) against core p95 {core:.0f} ms")
    if args.keep:
        say(f"kept: database {db}, run folder {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"load users={args.users} errors={errors} p95_ratio={coaching[worst] / core:.2f} "
        f"rps={float(total['Requests/s']):.1f}"
    )
    if big_line:
        print(big_line)


if __name__ == "__main__":
    main()
