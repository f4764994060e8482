"""The big tenant's route replay (issue 23): Odoo's own time per route for a director, a manager and an employee.

Run by ``bench_load.py --employees N`` after the usual locust run, on the same Odoo (3 workers), once locust has
stopped. Three users of the big shape (``fixture.big_roles``) log in: the first director (a quarter of the company
below them: 5,000 people at 20,000), the first manager of 10 below them and that manager's first report. Each of
them then opens, one request after the other as the web client does:

- ``employees kanban``: Odoo's Employees kanban (``hr.employee`` ``web_search_read`` with the kanban's fields), the
  baseline;
- ``my team``: My Team's kanban (``hr.employee.public`` ``web_search_read``, the action's domain and its default
  filter *Needs a talk*);
- ``sessions kanban``: the talks' kanban with its default filter *My talks* (``web_read_group`` by state,
  ``read_progress_bar``, a ``web_search_read`` per column), as the locustfile does;
- ``sessions kanban, all``: the same without the filter, every talk the user may read;
- ``talk form``: ``web_read`` of the form of the employee's latest done talk (which all three may read);
- ``my coaching``: ``/web/action/run`` of My Coaching, then the ``web_read`` of its page;
- ``goals``: the goals' list with its default filter *Active*;
- ``signals``: the signals' list with its default filter *To act on*;
- ``analysis pivot``: the four ``read_group`` of the analysis pivot as the locustfile asks for them.

Each route runs once to warm the workers' caches, then ``REPEATS`` times; its server time is Odoo's own time (SQL
plus Python, from the request log lines: ``bench_load.server_times``) summed over the route's requests, the median
of the repetitions. A route's ratio is its server time over the Employees kanban's for the same user;
``worst_ratio`` is the largest ratio over every route and user. The last line is
``big routes=<coaching routes> worst_ratio=<worst route / Employees kanban>`` (target <= 1.5).

The director's two screens that aggregate his whole organisation (the analysis pivot over the done talks of his
year, the sessions kanban without its filter over all his talks) are then measured against their floor: the same
groupings and counts in bare SQL, timed in this process (median of ``REPEATS``), over his organisation's talks
alone (the employees his record rules give), with no ORM, no record rule, no name to sort by, and an index made for
exactly these queries (``FLOOR_INDEX``: his employees first, then the filters, covering every column read; created
in the transaction and rolled back with it). No implementation of those screens, as the web client asks for them,
can be faster on this machine; the lines ``floor ...`` give their ratios to his Employees kanban.

The worst route is then run again in this process, through the ORM as its user, with ``odoo.sql_db``'s query log
(each query's text and time); the slowest query gets ``EXPLAIN (ANALYZE, BUFFERS)`` (in a transaction rolled back),
written with the table to a log file whose path is printed.
"""

import json
import logging
import re
import statistics
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

from specs import (
    HOME_FORM,
    SESSION_FORM,
    analysis_pivot,
    employee_kanban,
    session_kanban_column,
    session_kanban_groups,
    session_kanban_progress,
)

REPEATS = 5
# The floor's index (see the docstring): the director's employees first, so that his talks are read from it alone.
FLOOR_INDEX = (
    "CREATE INDEX bench_floor_index ON hr_coaching_session (employee_id, state, (date_scheduled::date)) "
    "INCLUDE (active, company_id, department_id, date_scheduled, commitment_kept_count, commitment_reviewed_count)"
)
BASELINE = "employees kanban"
REQUEST_LINE = re.compile(
    r'"POST (/web/dataset/call_\w+/\S+|/web/action/run) HTTP/1.1" \d+ - (\d+) ([\d.]+) ([\d.]+)(?: (\S+))?'
)


def say(message):
    print(f"[load] {message}", flush=True)


class Client:
    """One user's JSON-RPC over HTTP, with the session cookie of their login."""

    def __init__(self, base_url, db, login, password):
        self.base_url = base_url
        payload = {"db": db, "login": login, "password": password}
        result, headers = self._post("/web/session/authenticate", payload)
        cookie = SimpleCookie()
        for header in headers.get_all("Set-Cookie") or []:
            cookie.load(header)
        self.session_id = cookie["session_id"].value
        self.uid = result["uid"]
        self.context = {**result["user_context"], "allowed_company_ids": [1]}

    def _post(self, url, params, cookie=None):
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        headers = {"Content-Type": "application/json"}
        if cookie:
            headers["Cookie"] = f"session_id={cookie}"
        request = urllib.request.Request(self.base_url + url, data=json.dumps(body).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=300) as response:
            answer = json.loads(response.read())
            if answer.get("error"):
                raise RuntimeError(f"{url}: {json.dumps(answer['error'])[:1000]}")
            return answer["result"], response.headers

    def call(self, model, method, args, kwargs):
        kwargs = {**kwargs, "context": {**self.context, **kwargs.get("context", {})}}
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self._post(f"/web/dataset/call_kw/{model}/{method}", params, self.session_id)[0]

    def action(self, action_id):
        return self._post("/web/action/run", {"action_id": action_id, "context": self.context}, self.session_id)[0]


class InProcess:
    """The same calls through the ORM in this process, as ``uid`` (for the EXPLAIN of the worst route)."""

    def __init__(self, odoo, env, context):
        self.odoo, self.env, self.context = odoo, env, context

    def call(self, model, method, args, kwargs):
        kwargs = {**kwargs, "context": {**self.context, **kwargs.get("context", {})}}
        return self.odoo.api.call_kw(self.env[model], method, args, kwargs)

    def action(self, action_id):
        # /web/action/run: the server action of My Coaching, as the controller runs it.
        action = self.env["ir.actions.server"].browse(action_id).with_context(self.context)
        return action.run()


def list_spec(env, model, view_type, view=None):
    """The fields of ``model``'s view as the user (``env``) gets them, as the web client reads them."""
    view_id = env.ref(view).id if view else False
    fields = env[model].get_views([(view_id, view_type)])["models"][model]["fields"]
    return {
        name: {"fields": {"display_name": {}}} if field["type"] in ("many2one", "one2many", "many2many") else {}
        for name, field in fields.items()
    }


def make_routes(specs, talk_id, home_action_id):
    """{route: function(client)}: each function makes the route's requests with ``client`` (HTTP or in-process)."""

    def employees_kanban(c):
        c.call("hr.employee", "web_search_read", [], employee_kanban())

    def my_team(c):
        c.call(
            "hr.employee.public",
            "web_search_read",
            [],
            {
                "domain": ["&", ("coaching_in_my_team", "=", True), ("coaching_needs_talk", "=", True)],
                "specification": specs["team"],
                "offset": 0,
                "limit": 40,
                "order": "",
                "count_limit": 10001,
                "context": {"bin_size": True},
            },
        )

    def sessions_kanban(c, domain):
        groups = c.call("hr.coaching.session", "web_read_group", [], session_kanban_groups(domain))
        c.call("hr.coaching.session", "read_progress_bar", [], session_kanban_progress(domain))
        for group in groups["groups"]:
            if group.get("state_count"):
                c.call("hr.coaching.session", "web_search_read", [], session_kanban_column(group["__domain"]))

    def sessions_kanban_my(c):
        uid = c.context["uid"]
        sessions_kanban(c, ["|", ("coach_user_id", "=", uid), ("employee_user_id", "=", uid)])

    def sessions_kanban_all(c):
        sessions_kanban(c, [])

    def talk_form(c):
        c.call("hr.coaching.session", "web_read", [[talk_id]], {"specification": SESSION_FORM})

    def my_coaching(c):
        action = c.action(home_action_id)
        c.call(
            "hr.coaching.home",
            "web_read",
            [[action["res_id"]]],
            {"specification": HOME_FORM, "context": {"form_view_initial_mode": "edit"}},
        )

    def listing(model, spec, domain):
        def route(c):
            c.call(
                model,
                "web_search_read",
                [],
                {
                    "domain": domain,
                    "specification": specs[spec],
                    "offset": 0,
                    "limit": 80,
                    "order": "",
                    "count_limit": 10001,
                },
            )

        return route

    def pivot(c):
        for kwargs in analysis_pivot():
            c.call("hr.coaching.report", "read_group", [], kwargs)

    return {
        BASELINE: employees_kanban,
        "my team": my_team,
        "sessions kanban": sessions_kanban_my,
        "sessions kanban, all": sessions_kanban_all,
        "talk form": talk_form,
        "my coaching": my_coaching,
        "goals": listing("hr.coaching.goal", "goal", [("state", "=", "active")]),
        "signals": listing("hr.coaching.signal", "signal", [("state", "in", ["open", "scheduled"])]),
        "analysis pivot": pivot,
    }


def log_slice(logfile, offset):
    """The request log lines written after ``offset``: [(route, queries, seconds)], and the new offset."""
    with open(logfile, "rb") as f:
        f.seek(offset)
        data = f.read()
    lines = []
    for line in data.decode(errors="replace").splitlines():
        if match := REQUEST_LINE.search(line):
            lines.append((match.group(1), int(match.group(2)), float(match.group(3)) + float(match.group(4))))
    return lines, offset + len(data)


def timed(route, client, logfile):
    """One run of ``route``: (server seconds, queries, requests), from Odoo's request log."""
    offset = Path(logfile).stat().st_size
    requests = []
    call, action = client.call, client.action
    client.call = lambda *args: requests.append(args[:2]) or call(*args)
    client.action = lambda *args: requests.append(args) or action(*args)
    try:
        route(client)
    finally:
        client.call, client.action = call, action
    expected = len(requests)
    for _attempt in range(50):
        lines, _end = log_slice(logfile, offset)
        if len(lines) >= expected:
            break
        time.sleep(0.1)
    return sum(seconds for _r, _q, seconds in lines), sum(queries for _r, queries, _s in lines), len(lines)


def explain_worst(odoo, registry, uid, context, route, out):
    """Run ``route`` as ``uid`` through the ORM with the query log on; EXPLAIN (ANALYZE, BUFFERS) its slowest query
    into ``out``; returns (milliseconds, first line of the query)."""
    queries = []

    class Collect(logging.Handler):
        def emit(self, record):
            message = record.getMessage()
            if match := re.match(r"\[([\d.]+) ms\] query: (.*)", message, re.S):
                queries.append((float(match.group(1)), match.group(2)))

    logger = logging.getLogger("odoo.sql_db")
    handler, level, propagate = Collect(), logger.level, logger.propagate
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, context)
        client = InProcess(odoo, env, context)
        route(client)  # warm the caches of this process
        env.invalidate_all()
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        try:
            route(client)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate
        selects = [(ms, q) for ms, q in queries if q.lstrip().upper().startswith(("SELECT", "WITH", "("))]
        if not selects:
            return None
        ms, query = max(selects)
        cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
        plan = "\n".join(row[0] for row in cr.fetchall())
        cr.rollback()
    with open(out, "a") as f:
        f.write(
            f"\n{len(queries)} queries; the slowest ({ms:.1f} ms):\n{query}\n\nEXPLAIN (ANALYZE, BUFFERS):\n{plan}\n"
        )
    return ms, query.splitlines()[0][:120]


def floor(odoo, registry, uid):
    """The director's floor (see the module's docstring): {screen: (seconds, number of queries)}."""
    since = (date.today() - timedelta(days=365)).isoformat()
    talks = "FROM hr_coaching_session WHERE active AND company_id = 1 AND employee_id = ANY(%(ids)s)"
    month = "date_trunc('month', date_scheduled::date::timestamp)"
    pivot = [
        f"SELECT {keys + ', ' if keys else ''}COUNT(*), SUM(commitment_kept_count), SUM(commitment_reviewed_count) "
        f"{talks} AND state = 'done' AND date_scheduled::date >= %(since)s{' GROUP BY ' + keys if keys else ''}"
        for keys in ("", "department_id", month, f"department_id, {month}")
    ]
    # The kanban's counts per column (web_read_group), and again for its progress bars (read_progress_bar).
    kanban = [f"SELECT state, COUNT(*) {talks} GROUP BY state"] * 2
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].browse(uid)
        ids = sorted(set(user._coaching_own_employee_ids(archived=True)) | set(user._coaching_managed_domain()[0][2]))
        cr.execute(FLOOR_INDEX)
        cr.execute("ANALYZE hr_coaching_session")
        result = {}
        for screen, queries in (("analysis pivot", pivot), ("sessions kanban, all", kanban)):
            runs = []
            for _repeat in range(REPEATS + 1):  # the first warms the cache
                start = time.perf_counter()
                for query in queries:
                    cr.execute(query, {"ids": ids, "since": since})
                    cr.fetchall()
                runs.append(time.perf_counter() - start)
            result[screen] = (statistics.median(runs[1:]), len(queries))
        cr.rollback()
    return result


def replay(odoo, registry, base_url, description, logfile):
    """Replay every route as the three users; print one line per route and user; return the ``big ...`` line."""
    roles = description["big"]
    clients = {
        role: Client(base_url, description["db"], login, description["password"]) for role, login in roles.items()
    }
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        employee = env["res.users"].browse(clients["employee"].uid).employee_id
        cr.execute(
            "SELECT id FROM hr_coaching_session WHERE employee_id = %s AND state = 'done' ORDER BY date_scheduled DESC"
            " LIMIT 1",
            [employee.id],
        )
        talk_id = cr.fetchone()[0]
        routes_of = {}
        for role, client in clients.items():
            user_env = env(user=client.uid, context=client.context)
            specs = {
                "team": list_spec(
                    user_env, "hr.employee.public", "kanban", "hr_performance_coaching.hr_coaching_team_view_kanban"
                ),
                "goal": list_spec(user_env, "hr.coaching.goal", "list"),
                "signal": list_spec(user_env, "hr.coaching.signal", "list"),
            }
            routes_of[role] = make_routes(specs, talk_id, description["home_action_id"])
        cr.rollback()
    results = {}
    say(f"big tenant: {description.get('employee_count')} employees; Odoo's own time per route (median of {REPEATS})")
    say(f"{'route':<22} {'user':<9} {'login':<10} {'server ms':>9} {'queries':>7} {'requests':>8} {'ratio':>6}")
    for role, client in clients.items():
        times = {}
        for name, route in routes_of[role].items():
            route(client)  # warm-up
            runs = [timed(route, client, logfile) for _repeat in range(REPEATS)]
            seconds = statistics.median(run[0] for run in runs)
            queries = statistics.median(run[1] for run in runs)
            times[name] = (seconds, queries, runs[0][2])
        base = times[BASELINE][0]
        for name, (seconds, queries, requests) in times.items():
            ratio = seconds / base if base else 0
            results[(name, role)] = (seconds, ratio)
            say(
                f"{name:<22} {role:<9} {roles[role]:<10} {seconds * 1000:>9.0f} {queries:>7.0f} {requests:>8} "
                f"{ratio:>6.2f}"
            )
    coaching = {key: value for key, value in results.items() if key[0] != BASELINE}
    (worst_route, worst_role), (worst_seconds, worst_ratio) = max(coaching.items(), key=lambda item: item[1][1])
    out = Path(tempfile.mkstemp(prefix="load_big_", suffix=".log")[1])
    with open(out, "w") as f:
        f.write(f"big tenant, {description.get('employee_count')} employees, {date.today()}\n")
        for (name, role), (seconds, ratio) in results.items():
            f.write(f"{name:<22} {role:<9} {seconds * 1000:>9.0f} ms ratio {ratio:.2f}\n")
        f.write(f"\nworst: {worst_route} as the {worst_role} ({roles[worst_role]})\n")
    base = results[(BASELINE, "director")][0]
    floors = floor(odoo, registry, clients["director"].uid)
    with open(out, "a") as f:
        for screen, (seconds, count) in floors.items():
            line = (
                f"floor of the director's {screen}: {count} queries in bare SQL {seconds * 1000:.0f} ms, ratio "
                f"{seconds / base:.2f} (the route: {results[(screen, 'director')][0] * 1000:.0f} ms, ratio "
                f"{results[(screen, 'director')][1]:.2f})"
            )
            say(line)
            f.write(line + "\n")
    client = clients[worst_role]
    found = explain_worst(odoo, registry, client.uid, client.context, routes_of[worst_role][worst_route], out)
    if found:
        say(f"worst: {worst_route} as the {worst_role}; its slowest query ({found[0]:.0f} ms): {found[1]}")
    say(f"EXPLAIN (ANALYZE, BUFFERS) of it in {out}")
    return f"big routes={len({name for name, _role in coaching})} worst_ratio={worst_ratio:.2f}"
