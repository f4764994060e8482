"""The screens that Odoo routes to a read-only database (a hot standby with ``db_replica_host``) write nothing.

Odoo 18 runs the methods marked ``@api.readonly`` (``web_search_read``, ``web_read``, ``web_read_group``,
``read_group``, ...) on a read-only cursor. In test mode, an ``HttpCase`` request gets a read-only cursor too: a
write there fails with "cannot execute ... in a read-only transaction", and Odoo retries the request on a
read-write cursor, logging a warning from ``odoo.http``. On a real standby that retry costs a second round, and
the standby serves nothing. Each call below is the one the web client makes, with the fields of its view.
"""

from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged

READ_ONLY_RETRY = "retrying with a read/write cursor"


@tagged("post_install", "-at_install")
class TestReadonlyRoutes(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {
            login: new_test_user(cls.env, login=login, password=login, name=name, groups="base.group_user")
            for login, name in [("ro_manager", "Mark Manager"), ("ro_alice", "Alice Report")]
        }
        cls.user_manager, cls.user_alice = users["ro_manager"], users["ro_alice"]
        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({"name": "Mark Manager", "user_id": cls.user_manager.id})
        cls.alice = Employee.create({"name": "Alice Report", "user_id": cls.user_alice.id, "parent_id": cls.manager.id})
        Session = cls.env["hr.coaching.session"]
        cls.done = Session.create(
            {
                "employee_id": cls.alice.id,
                "date_scheduled": datetime(2026, 3, 2, 9, 0),
                "will": "<p>Ship the first draft.</p>",
                "commitment_ids": [(0, 0, {"name": "Write the draft", "date_deadline": "2026-03-20"})],
            }
        )
        cls.done.action_done()
        cls.planned = Session.create({"employee_id": cls.alice.id, "date_scheduled": datetime(2026, 4, 2, 9, 0)})
        cls.goal = cls.env["hr.coaching.goal"].create(
            {"employee_id": cls.alice.id, "name": "Lead the workshop", "session_ids": [(4, cls.done.id)]}
        )
        # My Coaching opens on a record of its own, made by the action (a read-write request).
        cls.home = cls.env["hr.coaching.home"].with_user(cls.user_alice).create({})

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _specification(self, user, model, view_type, view=None):
        """The fields of ``model``'s ``view_type`` view (``view``, else the default one) as ``user`` gets it, as the
        client reads them."""
        view_id = self.env.ref(view).id if view else False
        fields = self.env[model].with_user(user).get_views([(view_id, view_type)])["models"][model]["fields"]
        return {
            name: {"fields": {"display_name": {}}} if field["type"] in ("many2one", "one2many", "many2many") else {}
            for name, field in fields.items()
        }

    def _assert_read_only(self, user, calls):
        """Each call answers on the read-only cursor: no write, so no retry on a read-write one."""
        self.authenticate(user.login, user.login)
        for model, method, args, kwargs, check in calls:
            with self.subTest(model=model, method=method), self.assertNoLogs("odoo.http", "WARNING"):
                check(self._call(model, method, *args, **kwargs))

    def test_manager_screens_are_read_only(self):
        """The coach's kanban, list, form, goals, signals, My Team and the reports' groupings."""
        manager = self.user_manager
        session, team, goal = "hr.coaching.session", "hr.employee.public", "hr.coaching.goal"
        # What the same user reads through the ORM, to compare the groupings with.
        reported = self.env["hr.coaching.report"].with_user(manager).search([])
        reported_commitments = sum(reported.mapped("commitment_count"))
        covered = sum(self.env["hr.coaching.coverage.report"].with_user(manager).search([]).mapped("covered_count"))
        self.assertEqual(reported.session_id, self.done | self.planned)
        self.assertEqual(reported_commitments, 1)
        calls = [
            (
                session,
                "web_search_read",
                [],
                {"specification": self._specification(manager, session, "kanban"), "domain": [], "limit": 40},
                lambda result: self.assertEqual(result["length"], 2),
            ),
            (
                session,
                "web_search_read",
                [],
                {"specification": self._specification(manager, session, "list"), "domain": [], "limit": 80},
                lambda result: self.assertEqual(
                    {record["id"] for record in result["records"]}, {self.done.id, self.planned.id}
                ),
            ),
            (
                session,
                "web_read",
                [[self.done.id]],
                {"specification": self._specification(manager, session, "form")},
                lambda result: self.assertEqual(result[0]["state"], "done"),
            ),
            (
                goal,
                "web_read",
                [[self.goal.id]],
                {"specification": self._specification(manager, goal, "form")},
                lambda result: self.assertEqual(result[0]["name"], "Lead the workshop"),
            ),
            (
                "hr.coaching.signal",
                "web_search_read",
                [],
                {"specification": self._specification(manager, "hr.coaching.signal", "list"), "domain": []},
                lambda result: self.assertIsInstance(result["length"], int),
            ),
            (
                team,
                "web_search_read",
                [],
                {
                    "specification": self._specification(
                        manager, team, "kanban", "hr_performance_coaching.hr_coaching_team_view_kanban"
                    ),
                    "domain": [("coaching_in_my_team", "=", True)],
                },
                lambda result: self.assertEqual([record["id"] for record in result["records"]], [self.alice.id]),
            ),
            (
                "hr.coaching.report",
                "web_read_group",
                [],
                {"domain": [], "groupby": ["department_id"], "fields": ["commitment_count:sum"]},
                lambda result: self.assertEqual(
                    sum(group["commitment_count"] for group in result["groups"]), reported_commitments
                ),
            ),
            (
                "hr.coaching.report",
                "read_group",
                [[], ["commitment_count:sum"], ["date:month"]],
                {"lazy": False},
                lambda result: self.assertEqual(sum(group["__count"] for group in result), len(reported)),
            ),
            (
                "hr.coaching.coverage.report",
                "web_read_group",
                [],
                {"domain": [], "groupby": ["department_id"], "fields": ["covered_count:sum"]},
                lambda result: self.assertEqual(sum(group["covered_count"] for group in result["groups"]), covered),
            ),
        ]
        self._assert_read_only(manager, calls)

    def test_my_coaching_is_read_only(self):
        """The employee's home page and their talk."""
        alice = self.user_alice
        calls = [
            (
                "hr.coaching.home",
                "web_read",
                [[self.home.id]],
                {"specification": self._specification(alice, "hr.coaching.home", "form")},
                lambda result: self.assertEqual(result[0]["next_session_id"]["id"], self.planned.id),
            ),
            (
                "hr.coaching.session",
                "web_read",
                [[self.done.id]],
                {"specification": self._specification(alice, "hr.coaching.session", "form")},
                lambda result: self.assertEqual((result[0]["state"], result[0]["private_note"]), ("done", False)),
            ),
        ]
        self._assert_read_only(alice, calls)
