"""The load test's users: managers, employees and one HR user, calling the JSON-RPC the web client calls.

Run by ``tests/benchmarks/bench_load.py`` with locust's own virtual environment; it reads the fixture description
from the file in $LOAD_FIXTURE. Each request is named after the action it serves (``mgr: ...``, ``emp: ...``,
``hr: ...``, and ``core: hr.employee kanban web_search_read``, the platform floor). A request fails on an HTTP error
or an RPC error, except the expected ``UserError`` (a refusal in words), counted apart as ``expected``.
"""

import itertools
import json
import os
import random
from datetime import date, timedelta

from locust import HttpUser, between, events, task
from specs import (
    CADENCE_FORM,
    HOME_FORM,
    SESSION_FORM,
    analysis_pivot,
    employee_kanban,
    session_kanban_column,
    session_kanban_groups,
    session_kanban_progress,
)

FIXTURE = json.loads(open(os.environ["LOAD_FIXTURE"]).read())
DB = FIXTURE["db"]
EXPECTED = {"odoo.exceptions.UserError"}
# --platform: the same users, think times and number of requests per step as the flows below, every request the
# core page. What the platform alone asks of the machine at this load.
PLATFORM = os.environ.get("LOAD_PLATFORM") == "1"
MANAGER_STEPS = (4, 1, 1, 1, 1, 3, 2, 4, 1)
EMPLOYEE_STEPS = (2, 1, 1, 1, 2)
EXPECTED_COUNT = {"n": 0}


class RpcError(Exception):
    pass


class OdooUser(HttpUser):
    """A user who runs ``flow`` over and over; with --platform, ``platform_steps`` core pages instead."""

    abstract = True
    wait_time = between(1, 3)
    logins = None  # an iterator: each user of the class takes the next login
    platform_steps = ()

    def on_start(self):
        # Logged in over /web/session/authenticate before the load (bench_load.log_in): its session cookie.
        self.login = next(self.logins)
        session = FIXTURE["sessions"][self.login]
        self.client.cookies.set("session_id", session["session_id"])
        self.uid = session["uid"]
        self.odoo_context = {**session["user_context"], "allowed_company_ids": [1]}

    def rpc(self, url, params, name, records=False):
        """One JSON-RPC call; returns its result, or None after an expected UserError. Fails the request on an HTTP
        error or any other RPC error, and raises RpcError then so that the flow starts over. With ``records``, an
        empty result fails too: the record the web client opens is not there (e.g. not yet on a standby)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": random.randint(1, 10**9), "params": params}
        with self.client.post(url, json=payload, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                raise RpcError(name)
            try:
                body = response.json()
            except ValueError:
                response.failure("not JSON")
                raise RpcError(name) from None
            error = body.get("error")
            if not error:
                if records and not body.get("result"):
                    response.failure("the record read is missing")
                    raise RpcError(name)
                response.success()
                return body.get("result")
            data = error.get("data") or {}
            if data.get("name") in EXPECTED:
                EXPECTED_COUNT["n"] += 1
                response.success()
                return None
            response.failure(f"{data.get('name')}: {(data.get('message') or error.get('message'))[:200]}")
            raise RpcError(name)

    def call_kw(self, model, method, args, kwargs=None, name=None, context=None, records=False):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.odoo_context, **(context or {})}
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            name=name or f"{model} {method}",
            records=records,
        )

    def call_button(self, model, method, ids, name):
        return self.rpc(
            f"/web/dataset/call_button/{model}/{method}",
            {"model": model, "method": method, "args": [ids], "kwargs": {"context": self.odoo_context}},
            name=name,
        )

    def core_page(self):
        """The platform floor: the Employees kanban, as any internal user opens it."""
        kwargs = employee_kanban()
        context = kwargs.pop("context")
        self.call_kw(
            "hr.employee",
            "web_search_read",
            [],
            kwargs,
            name="core: hr.employee kanban web_search_read",
            context=context,
        )

    @task
    def act(self):
        try:
            if PLATFORM and self.platform_steps:
                self.platform_flow()
            else:
                self.flow()
        except RpcError:
            pass

    def flow(self):
        raise NotImplementedError

    def platform_flow(self):
        for index, requests in enumerate(self.platform_steps):
            if index:
                self.wait()
            for _request in range(requests):
                self.core_page()


class Manager(OdooUser):
    """Opens the sessions kanban, opens a planned talk, writes GROW, adds a commitment, closes the talk with its
    review, plans the next talk, opens the analysis pivot."""

    fixed_count = int(os.environ.get("LOAD_MANAGERS", "45"))
    logins = itertools.cycle(FIXTURE["managers"])
    platform_steps = MANAGER_STEPS

    def kanban(self):
        domain = ["|", ("coach_user_id", "=", self.uid), ("employee_user_id", "=", self.uid)]
        groups = self.call_kw(
            "hr.coaching.session",
            "web_read_group",
            [],
            session_kanban_groups(domain),
            name="mgr: session kanban web_read_group",
        )
        self.call_kw(
            "hr.coaching.session",
            "read_progress_bar",
            [],
            session_kanban_progress(domain),
            name="mgr: session kanban read_progress_bar",
        )
        planned = []
        for group in (groups or {}).get("groups", []):
            if not group.get("state_count"):
                continue
            result = self.call_kw(
                "hr.coaching.session",
                "web_search_read",
                [],
                session_kanban_column(group["__domain"]),
                name="mgr: session kanban web_search_read",
            )
            if group["state"] == "planned":
                planned = [r["id"] for r in result["records"]]
        return planned

    def open_session(self, session_id):
        records = self.call_kw(
            "hr.coaching.session",
            "web_read",
            [[session_id]],
            {"specification": SESSION_FORM},
            name="mgr: session form web_read",
            records=True,
        )
        if not records:
            raise RpcError("session form: no record")
        return records[0]

    def save(self, session_id, vals, name):
        return self.call_kw(
            "hr.coaching.session",
            "web_save",
            [[session_id], vals],
            {"specification": SESSION_FORM},
            name=name,
        )

    def pivot(self):
        for kwargs in analysis_pivot():
            self.call_kw("hr.coaching.report", "read_group", [], kwargs, name="mgr: analysis pivot read_group")

    def flow(self):
        planned = self.kanban()
        self.wait()
        if not planned:
            return
        session_id = random.choice(planned[:10])
        session = self.open_session(session_id)
        if session["state"] != "planned" or not session["is_coach_side"]:
            return
        self.wait()
        grow = {stage: f"<p>{stage} written under load</p>" for stage in ("goal", "reality", "options", "will")}
        if self.save(session_id, grow, "mgr: write GROW web_save") is None:
            return
        self.wait()
        # A month after the talk, as the manager would pick it: the addon refuses a deadline before the talk, and
        # a talk planned with "plan next" is a month or more ahead.
        talk_day = date.fromisoformat(session["date_scheduled"][:10]) if session["date_scheduled"] else date.today()
        deadline = (max(date.today(), talk_day) + timedelta(days=30)).isoformat()
        commitment = {"name": "Practise under load", "date_deadline": deadline}
        if self.save(session_id, {"commitment_ids": [[0, "virtual_1", commitment]]}, "mgr: add commitment") is None:
            return
        self.wait()
        self.core_page()
        self.wait()
        session = self.open_session(session_id)
        reviews = [
            [1, c["id"], {"outcome": "kept"}]
            for c in session["review_commitment_ids"]
            if c["state"] != "dropped" and not c["outcome"]
        ]
        if reviews and self.save(session_id, {"review_commitment_ids": reviews}, "mgr: review web_save") is None:
            return
        if self.call_button("hr.coaching.session", "action_done", [session_id], "mgr: close action_done") is None:
            return
        self.wait()
        action = self.call_button("hr.coaching.session", "action_plan_next", [session_id], "mgr: plan next")
        if action and action.get("res_id"):
            # The web client opens the new talk at once.
            self.open_session(action["res_id"])
        self.wait()
        self.pivot()
        self.wait()
        self.core_page()


class Employee(OdooUser):
    """Opens My Coaching, writes their preparation, adds a talking point, rates a closed talk."""

    fixed_count = int(os.environ.get("LOAD_EMPLOYEES", "15"))
    logins = itertools.cycle(FIXTURE["employees"])
    platform_steps = EMPLOYEE_STEPS

    def home(self):
        action = self.rpc(
            "/web/action/run",
            {"action_id": FIXTURE["home_action_id"], "context": self.odoo_context},
            name="emp: My Coaching action",
        )
        records = self.call_kw(
            "hr.coaching.home",
            "web_read",
            [[action["res_id"]]],
            {"specification": HOME_FORM},
            name="emp: My Coaching web_read",
            context={"form_view_initial_mode": "edit"},
            records=True,
        )
        if not records:
            raise RpcError("home: no record")
        return records[0]

    def save_home(self, home, vals, name):
        return self.call_kw(
            "hr.coaching.home", "web_save", [[home["id"]], vals], {"specification": HOME_FORM}, name=name
        )

    def flow(self):
        home = self.home()
        self.wait()
        if home["next_session_id"]:
            self.save_home(home, {"next_prep": "<p>What I want to talk about</p>"}, "emp: write preparation")
            self.wait()
            point = {"sequence": 10, "done": False, "name": "A point of mine"}
            self.save_home(home, {"next_topic_ids": [[0, "virtual_1", point]]}, "emp: add topic")
            self.wait()
        self.core_page()
        self.wait()
        if home["past_session_ids"]:
            talk = home["past_session_ids"][0]["id"]
            self.call_kw(
                "hr.coaching.session",
                "web_read",
                [[talk]],
                {"specification": SESSION_FORM},
                name="emp: open a closed talk web_read",
            )
            self.call_kw(
                "hr.coaching.session",
                "web_save",
                [[talk], {"employee_rating": random.choice("12345")}],
                {"specification": SESSION_FORM},
                name="emp: rate web_save",
            )


class HrOfficer(OdooUser):
    """Changes a cadence rule once a minute (every month / every two months), which wakes the cadence cron."""

    fixed_count = 1
    wait_time = between(58, 62)
    logins = itertools.repeat(FIXTURE["hr"])
    every = 1

    def flow(self):
        rule = FIXTURE["cadence_rule_id"]
        self.call_kw(
            "hr.coaching.cadence",
            "web_read",
            [[rule]],
            {"specification": CADENCE_FORM},
            name="hr: cadence rule web_read",
        )
        self.every = 2 if self.every == 1 else 1
        self.call_kw(
            "hr.coaching.cadence",
            "web_save",
            [[rule], {"interval_number": self.every}],
            {"specification": CADENCE_FORM},
            name="hr: change cadence rule",
        )


@events.quitting.add_listener
def _report_expected(environment, **_kwargs):
    print(f"[load] expected UserErrors (refusals in words): {EXPECTED_COUNT['n']}", flush=True)
