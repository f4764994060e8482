"""Takes the README screenshots of hr_performance_coaching from a running demo server.

Drives headless Chromium through the DevTools protocol (websocket-client, no Playwright):
logs in through /web/session/authenticate, hands the session cookie to the browser, opens each
view, waits until the web client is idle, and saves a PNG per view in docs/screenshots/.

Usage: python setup/screenshots.py [--url http://localhost:8069] [--db coaching_demo] [--out docs/screenshots]
"""

import argparse
import base64
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import websocket

REPO_DIR = Path(__file__).resolve().parent.parent
MODULE = "hr_performance_coaching"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]
# The web client is idle: a view (or a client action such as Coaching Impact) is mounted and nothing is loading or
# blocking the screen.
IDLE_JS = """(() => !!document.querySelector('.o_action_manager :is(.o_view_controller, .o_hr_coaching_impact)')
    && !document.querySelector('.o_loading_indicator, .o-main-components-container .o_blockUI')
    && document.readyState === 'complete')()"""


# Notifications that may pop up meanwhile (e.g. "The page is out of date" after the assets were built) hide the view.
HIDE_NOTIFICATIONS_JS = """(() => {
    const style = document.createElement('style');
    style.textContent = '.o_notification_manager { display: none !important; }';
    document.head.appendChild(style);
    return true;
})()"""


def log(message):
    print(f"[screenshots] {message}", file=sys.stderr, flush=True)


class OdooSession:
    """A JSON-RPC session on the Odoo server, used to log in and to find the records to show."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.ids = itertools.count(1)
        info = self.rpc("/web/session/authenticate", {"db": db, "login": login, "password": password})
        if not info.get("uid"):
            raise SystemExit(f"Cannot log in as {login!r} on {self.url} (database {db!r}).")
        self.uid = info["uid"]
        self.session_id = next(c.value for c in self.cookies if c.name == "session_id")

    def rpc(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self.ids), "params": params}
        request = urllib.request.Request(
            self.url + path, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
        )
        with self.opener.open(request, timeout=60) as response:
            answer = json.load(response)
        if answer.get("error"):
            raise SystemExit(f"{path}: {answer['error'].get('data', {}).get('message') or answer['error']}")
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


class Chromium:
    """A headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, binary, width, height):
        self.width, self.height = width, height
        self.profile = tempfile.mkdtemp(prefix="coaching-shots-")
        self.process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._debugging_port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            pages = [t for t in json.load(response) if t["type"] == "page"]
        if not pages:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
            with urllib.request.urlopen(request, timeout=10) as response:
                pages = [json.load(response)]
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Network.enable")
        self.resize(width, height)

    def _debugging_port(self):
        active_port = Path(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"Chromium exited at start-up (code {self.process.returncode}).")
            if active_port.exists() and active_port.read_text().strip():
                return int(active_port.read_text().splitlines()[0])
            time.sleep(0.1)
        raise SystemExit("Chromium did not open its DevTools port within 30 s.")

    def send(self, method, **params):
        message_id = next(self.ids)
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript error in {expression[:60]!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def resize(self, width, height):
        self.width, self.height = width, height
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def set_session(self, url, session_id):
        host = urllib.parse.urlparse(url).hostname
        self.send("Network.clearBrowserCookies")
        self.send("Network.setCookie", name="session_id", value=session_id, domain=host, path="/", httpOnly=True)

    def goto(self, url):
        self.send("Page.navigate", url=url)

    def wait_until(self, expression, timeout=60, settle=1.5):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.evaluate(expression):
                    # Stable twice in a row, then let animations and lazy images finish.
                    time.sleep(0.5)
                    if self.evaluate(expression):
                        time.sleep(settle)
                        return
            except RuntimeError:
                pass  # the page is navigating: its context is gone for a moment
            time.sleep(0.3)
        raise TimeoutError(f"The page did not become ready within {timeout} s: {expression}")

    def screenshot(self, path, crop_at=None):
        """Saves the viewport; with crop_at, only down to the bottom of that element (plus a margin)."""
        params = {"format": "png", "captureBeyondViewport": False}
        if crop_at:
            bottom = self.evaluate(
                f"Math.ceil(document.querySelector({json.dumps(crop_at)}).getBoundingClientRect().bottom)"
            )
            height = min(bottom + 4, self.send("Page.getLayoutMetrics")["cssVisualViewport"]["clientHeight"])
            params["clip"] = {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1}
        data = self.send("Page.captureScreenshot", **params)["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:  # best effort: the process is killed below anyway
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def find_records(manager, officer):
    """The records each picture shows, looked up in the demo data the way a user would see them."""
    sessions = manager.call(
        "hr.coaching.session",
        "search_read",
        [("state", "=", "done"), ("coach_id.user_id", "=", manager.uid), ("review_commitment_ids", "!=", False)],
        fields=["employee_id", "date_scheduled", "review_commitment_ids"],
    )
    if not sessions:
        raise SystemExit("No done demo session with reviewed commitments: is the demo data installed?")

    def richness(session):
        # The session whose review shows the most kinds of outcome, then the most commitments.
        reviewed = manager.call(
            "hr.coaching.commitment", "read", session["review_commitment_ids"], ["outcome", "state"]
        )
        kinds = {c["outcome"] or c["state"] for c in reviewed}
        return len(kinds), len(reviewed), session["date_scheduled"]

    session = max(sessions, key=richness)
    employee_id = session["employee_id"][0]
    officer.call("hr.employee", "read", [employee_id], ["name"])  # the officer reads the full employee form
    return session["id"], employee_id


def find_agenda(manager):
    """The manager's planned talk with the fullest shared agenda."""
    planned = manager.call(
        "hr.coaching.session",
        "search_read",
        [("state", "=", "planned"), ("coach_id.user_id", "=", manager.uid), ("topic_ids", "!=", False)],
        fields=["topic_ids"],
    )
    if not planned:
        raise SystemExit("No planned demo talk with an agenda: is the demo data installed?")
    return max(planned, key=lambda session: len(session["topic_ids"]))["id"]


# Runs in the page before a picture: clicks menu items by their text, as a user would.
CLICK_JS = """(async (selector, labels) => {
    const pause = () => new Promise(resolve => setTimeout(resolve, 400));
    for (const label of labels) {
        const item = [...document.querySelectorAll(selector)].find(el => el.textContent.trim() === label);
        if (!item) { return false; }
        item.click();
        await pause();
    }
    return true;
})"""


# The goal hierarchy opens on the top goals: unfold the company's goal, then a team goal under it.
UNFOLD_JS = """(async (names) => {
    const pause = () => new Promise(resolve => setTimeout(resolve, 600));
    for (const name of names) {
        const node = [...document.querySelectorAll('.o_hierarchy_node')].find(
            el => (el.querySelector('.o_hierarchy_node_header') || {}).textContent?.includes(name));
        const button = node && node.querySelector('button[name=hierarchy_search_subsidiaries]');
        if (!button) { return false; }
        button.click();
        await pause();
    }
    return true;
})(["Grow recurring revenue", "Ship invoicing v2"])"""


# My Team opens on "Needs a talk": the pictures show the whole team, as after removing the filter.
ALL_TEAM_JS = """(() => {
    const remove = document.querySelector('.o_searchview_facet .o_facet_remove');
    if (remove) { remove.click(); }
    return true;
})()"""


# Quick feedback (issue 26): Marc gives Sharlene feedback from her card and writes a verdict; the composer offers
# the question of the bank instead.
GIVE_FEEDBACK_JS = """(async () => {
    const card = [...document.querySelectorAll('.o_kanban_record')].find(el => el.textContent.includes('Sharlene'));
    const button = card && card.querySelector('button.o_coaching_give_feedback');
    if (!button) { return false; }
    button.click();
    for (let tries = 0; tries < 50; tries++) {
        const body = document.querySelector('.modal .o_field_widget[name="body"] textarea');
        if (body) {
            body.value = 'This report is not good.';
            body.dispatchEvent(new Event('input', { bubbles: true }));
            body.dispatchEvent(new Event('change', { bubbles: true }));
            return true;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    return false;
})()"""


def click(selector, *labels):
    return f"{CLICK_JS}({json.dumps(selector)}, {json.dumps(list(labels))})"


def find_goal(manager):
    """The manager's goal threaded through the most talks."""
    goals = manager.call("hr.coaching.goal", "search_read", [("session_ids", "!=", False)], fields=["session_ids"])
    if not goals:
        raise SystemExit("No demo goal discussed in a talk: is the demo data installed?")
    return max(goals, key=lambda goal: len(goal["session_ids"]))["id"]


def best_planned_talk(manager, field, score):
    """The manager's planned talk whose ``field`` (a bridge's) scores highest by ``score``, among those where it is
    set, or None when the bridge is not installed or it is set on none."""
    try:
        planned = manager.call(
            "hr.coaching.session",
            "search_read",
            [("state", "=", "planned"), ("coach_id.user_id", "=", manager.uid)],
            fields=[field],
        )
    except Exception:  # the bridge is not installed: no picture of it
        return None
    planned = [session for session in planned if session[field]]
    return max(planned, key=lambda session: score(session[field]))["id"] if planned else None


def find_facts(manager):
    """The manager's planned talk with the most facts of the work since the last talk (the project bridge), or None
    without it."""
    return best_planned_talk(manager, "work_facts", lambda facts: facts.count("o_coaching_fact"))


# Brings the talk's "Since the last talk" panel (in the Reality stage) to the middle of the screen.
SCROLL_TO_FACTS_JS = """(() => {
    const panel = document.querySelector("div[name='work_facts']");
    if (!panel) { return false; }
    panel.scrollIntoView({ block: "center" });
    return true;
})()"""


def find_aligned_talk(manager):
    """The manager's planned talk about a goal aligned to a team or company goal (issue 25), or None."""
    talks = manager.call(
        "hr.coaching.session",
        "search",
        [("state", "=", "planned"), ("goal_ids.parent_id", "!=", False), ("coach_id.user_id", "=", manager.uid)],
        limit=1,
    )
    return talks[0] if talks else None


def find_feedback(manager):
    """The manager's planned talk with the most feedback answers (the survey bridge), or None without it."""
    return best_planned_talk(manager, "feedback_done_count", lambda count: count)


def install_language(admin, code):
    """Install ``code`` with Odoo's own wizard (Settings, Languages), once."""
    if admin.call("res.lang", "search", [("code", "=", code)]):
        return
    [lang] = admin.call("res.lang", "search", [("code", "=", code), ("active", "=", False)])
    wizard = admin.call("base.language.install", "create", {"lang_ids": [(6, 0, [lang])]})
    admin.call("base.language.install", "lang_install", [wizard])


# Coaching Impact has drawn its charts.
IMPACT_READY = "!!document.querySelector('.o_hr_coaching_impact_estimate_chart canvas')"


def shots(session_id, employee_id, agenda_id, goal_id=None, feedback_id=None, facts_id=None, aligned_id=None):
    """What to take: file, login, URL path, when the page is ready, viewport height, what to do before."""
    action = f"action-{MODULE}"
    form_ready = "!!document.querySelector('.o_form_view .o_form_sheet')"
    return [
        {
            "file": "sessions_kanban.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_session_action",
            "ready": "!!document.querySelector('.o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)')",
        },
        {
            # The manager's landing page: each report with status, last and next talk, commitments and signals.
            "file": "my_team.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_team_action",
            "ready": "!!document.querySelector('.o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)')",
            "before": [ALL_TEAM_JS],
        },
        {
            # A done talk: the review of the last talk's commitments, then Goal, Reality, Options, Will.
            "file": "session_form.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_session_action/{session_id}",
            "ready": form_ready,
            "height": 2400,
            "crop_at": ".o_form_sheet",
        },
        {
            "file": "employee_coaching_status.png",
            "login": "admin",
            "path": f"/odoo/action-hr.open_view_employee_list_my/{employee_id}",
            "ready": form_ready,
            "before": [click(".o_notebook .nav-link", "Coaching")],
            "crop_at": ".o_form_sheet",
        },
        {
            # Done sessions per month, stacked by occasion (routine, ad hoc, key event, signal).
            "file": "coaching_analysis.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_report_action",
            "ready": "!!document.querySelector('.o_graph_renderer canvas')",
        },
        {
            # The employee's own page: the next talk's agenda and her preparation.
            "file": "my_coaching.png",
            "login": "sharlene",
            "path": f"/odoo/{action}.hr_coaching_home_action",
            "ready": form_ready,
            "height": 760,
        },
        {
            # The same page on a phone (390 px): agenda, commitments and past talks as cards, Ask for a Talk in sight.
            "file": "my_coaching_mobile.png",
            "login": "sharlene",
            "path": f"/odoo/{action}.hr_coaching_home_action",
            "ready": form_ready,
            "width": 390,
            "height": 1250,
        },
        {
            # The weekly check-in on a phone (390 px), opened from My Coaching: her goals' progress, her workload,
            # how she feels, what blocks her, and Send to My Coach in sight (issue 26).
            "file": "checkin_mobile.png",
            "login": "sharlene",
            "path": f"/odoo/{action}.hr_coaching_home_action",
            "ready": f"{form_ready} && !!document.querySelector(\"button[name='action_open_checkin']\")",
            "before": [click("button[name='action_open_checkin']", "Weekly Check-in")],
            "width": 390,
            "height": 1100,
        },
        {
            # My Team for a manager who reads Chinese.
            "file": "my_team_zh_CN.png",
            "login": "demo",
            "lang": "zh_CN",
            "path": f"/odoo/{action}.hr_coaching_team_action",
            "ready": "!!document.querySelector('.o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)')",
            "before": [ALL_TEAM_JS],
        },
        {
            # A planned talk as the coach opens it: the shared agenda and the employee's preparation first.
            "file": "session_agenda.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_session_action/{agenda_id}",
            "ready": form_ready,
            "height": 1100,
            "crop_at": ".o_form_sheet",
        },
        {
            # A development goal and its thread: the talks where it was discussed, the commitments that serve it.
            "file": "goal_form.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_goal_action/{goal_id}",
            "ready": form_ready,
            "height": 1000,
            "crop_at": ".o_form_sheet",
        },
        {
            # 360 feedback before a talk (hr_performance_coaching_survey): the answers, shown from three.
            "file": "feedback.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_session_action/{feedback_id}",
            "ready": form_ready,
            "before": [click(".o_notebook .nav-link", "Feedback")],
            "height": 1300,
            "crop_at": ".o_form_sheet",
            "skip": not feedback_id,
        },
        {
            # Coaching Impact (HR): the verdict first, the estimate with its interval, regression to the mean beside
            # the naive bands, the calibration per coach.
            "file": "coaching_impact.png",
            "login": "admin",
            "path": f"/odoo/{action}.hr_coaching_impact_action",
            "ready": IMPACT_READY,
            "width": 1440,
            "height": 1700,
            "crop_at": ".o_hr_coaching_impact_content",
        },
        {
            # The same page on a phone (390 px): the verdict first, the charts one under the other.
            "file": "coaching_impact_mobile.png",
            "login": "admin",
            "path": f"/odoo/{action}.hr_coaching_impact_action",
            "ready": IMPACT_READY,
            "width": 390,
            "height": 1900,
        },
        {
            "file": "coaching_impact_zh_CN.png",
            "login": "admin",
            "lang": "zh_CN",
            "path": f"/odoo/{action}.hr_coaching_impact_action",
            "ready": IMPACT_READY,
            "width": 1440,
            "height": 1700,
            "crop_at": ".o_hr_coaching_impact_content",
        },
        {
            # Quick feedback (issue 26): the composer reads a verdict and offers a question; it stays a dialog.
            "file": "quick_feedback.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_team_action",
            "ready": "!!document.querySelector('.o_kanban_renderer .o_kanban_record:not(.o_kanban_ghost)')",
            "before": [ALL_TEAM_JS, GIVE_FEEDBACK_JS],
            "dialog": True,
        },
        {
            # The facts of the work since the last talk in the Reality stage (hr_performance_coaching_project and
            # hr_performance_coaching_timesheet): tasks, milestones and hours, each copied into Reality in one click.
            "file": "session_facts.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_session_action/{facts_id}",
            "ready": form_ready + " && !!document.querySelector('div[name=work_facts] .o_coaching_fact')",
            "before": [SCROLL_TO_FACTS_JS],
            "height": 900,
            "skip": not facts_id,
        },
        {
            # Issue 25: the company's goal, the teams' goals that serve it and the people's goals under them.
            "file": "goal_hierarchy.png",
            "login": "admin",
            "path": f"/odoo/{action}.hr_coaching_goal_action_hierarchy",
            "ready": "!!document.querySelector('.o_hierarchy_view .o_hierarchy_node')",
            "before": [UNFOLD_JS],
            "height": 760,
        },
        {
            # Issue 25: the talk's Goal stage, each goal with the goals above it, to re-prioritise from there.
            "file": "session_goal_alignment.png",
            "login": "demo",
            "path": f"/odoo/{action}.hr_coaching_session_action/{aligned_id}",
            "ready": "!!document.querySelector('.o_field_widget[name=goal_alignment_ids] .o_data_row')",
            "before": [
                "(document.querySelector('.o_field_widget[name=goal_alignment_ids]')"
                ".scrollIntoView({block: 'center'}), true)"
            ],
            "height": 900,
            "skip": not aligned_id,
        },
        {
            "file": "settings.png",
            "login": "admin",
            "path": f"/odoo/{action}.action_coaching_config_settings",
            "ready": "!!document.querySelector('.o_setting_container, .o_settings_container, .app_settings_block')",
        },
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("COACHING_URL", "http://localhost:8069"))
    parser.add_argument("--db", default=os.environ.get("COACHING_DB", "coaching_demo"))
    parser.add_argument("--out", default=str(REPO_DIR / "docs" / "screenshots"))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_BIN") or shutil.which("chromium"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--only", nargs="*", help="file names to take (default: all)")
    args = parser.parse_args()
    if not args.chromium:
        raise SystemExit("Chromium is missing: install the 'chromium' package or set CHROMIUM_BIN.")

    sessions = {
        "demo": OdooSession(args.url, args.db, "demo", "demo"),
        "admin": OdooSession(args.url, args.db, "admin", "admin"),
        "sharlene": OdooSession(args.url, args.db, "sharlene", "sharlene"),
    }
    session_id, employee_id = find_records(sessions["demo"], sessions["admin"])
    agenda_id = find_agenda(sessions["demo"])
    goal_id = find_goal(sessions["demo"])
    feedback_id = find_feedback(sessions["demo"])
    facts_id = find_facts(sessions["demo"])
    aligned_id = find_aligned_talk(sessions["demo"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser = Chromium(args.chromium, args.width, 900)
    try:
        current_login = None
        for shot in shots(session_id, employee_id, agenda_id, goal_id, feedback_id, facts_id, aligned_id):
            name = shot["file"]
            if (args.only and name not in args.only) or shot.get("skip"):
                continue
            if shot["login"] != current_login:
                browser.set_session(args.url, sessions[shot["login"]].session_id)
                current_login = shot["login"]
            user = sessions[shot["login"]]
            if shot.get("lang"):
                install_language(sessions["admin"], shot["lang"])
            user.call("res.users", "write", [user.uid], {"lang": shot.get("lang", "en_US")})
            browser.resize(shot.get("width", args.width), shot.get("height", 900))
            browser.goto(args.url.rstrip("/") + shot["path"])
            browser.wait_until(f"({IDLE_JS}) && ({shot['ready']})")
            for step in shot.get("before", []):
                if not browser.evaluate(step):
                    raise SystemExit(f"{name}: the page is not as expected, cannot run {step[-80:]}")
                browser.wait_until(IDLE_JS, settle=0.5)
            browser.wait_until(IDLE_JS, settle=1.0)
            error = browser.evaluate(
                "(document.querySelector('.o_error_dialog, .o_dialog .modal-title') || {}).textContent || ''"
            )
            if error and not shot.get("dialog"):
                raise SystemExit(f"{name}: the page shows a dialog: {error.strip()}")
            browser.evaluate(HIDE_NOTIFICATIONS_JS)
            browser.screenshot(out / name, crop_at=shot.get("crop_at"))
            log(f"{out / name} ({current_login}: {shot['path']})")
    finally:
        browser.close()
        for user in sessions.values():
            user.call("res.users", "write", [user.uid], {"lang": "en_US"})


if __name__ == "__main__":
    main()
