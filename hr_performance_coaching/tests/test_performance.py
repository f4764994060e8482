from datetime import datetime, timedelta

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import CoachingCase

KANBAN_SPEC = {
    "employee_id": {"fields": {"display_name": {}}},
    "coach_id": {"fields": {"display_name": {}}},
    "date_scheduled": {},
    "trigger_type": {},
    "state": {},
    "employee_user_id": {"fields": {}},
    "open_commitment_count": {},
    "activity_ids": {"fields": {}},
    "activity_state": {},
}


@tagged("post_install", "-at_install")
class TestKanbanQueries(CoachingCase):
    def _make_sessions(self, count):
        employees = self._reports(count)
        sessions = self.Session.create(
            [
                {"employee_id": employee.id, "date_scheduled": datetime(2026, 5, 1) + timedelta(hours=i)}
                for i, employee in enumerate(employees)
            ]
        )
        self.Commitment.create(
            [{"session_id": s.id, "name": "Step", "date_deadline": datetime(2026, 6, 1).date()} for s in sessions]
        )
        return sessions

    def _kanban_read(self, sessions):
        """Return (result, number of queries) of the kanban's web_search_read as the manager.

        No limit: a full page would add a count query that says nothing about the cost per card.
        """
        Session = self.Session.with_user(self.user_manager).with_context(bin_size=True)
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = Session.web_search_read([("id", "in", sessions.ids)], KANBAN_SPEC)
        return result, self.cr.sql_log_count - before

    def test_kanban_query_count_is_flat(self):
        """Reading the session kanban as a manager costs the same queries for 8 and for 80 cards, at most 15."""
        small, large = self._make_sessions(8), self._make_sessions(80)
        self._kanban_read(small)  # warm the registry, view and record-rule caches
        with self.assertQueryCount(15):
            result_small, queries_small = self._kanban_read(small)
        with self.assertQueryCount(15):
            result_large, queries_large = self._kanban_read(large)
        self.assertEqual(result_small["length"], 8)
        self.assertEqual(result_large["length"], 80)
        self.assertEqual(queries_small, queries_large, "the kanban must not cost a query per card")
        self.assertEqual({r["open_commitment_count"] for r in result_large["records"]}, {1})


@tagged("post_install", "-at_install")
class TestRuleQueries(CoachingCase):
    """Issue 23, item 2: in a company of 20,000, each request of a manager of 10 read all 500,000 talks, because
    the record rules' subqueries, inside the OR of the rules, keep PostgreSQL from the indexes."""

    MODELS = ("hr.coaching.session", "hr.coaching.goal", "hr.coaching.signal", "hr.coaching.report")

    def test_rules_are_lists_of_ids(self):
        """Who coaches whom reaches the SQL of the rules as lists of ids, never as a subquery of the employees."""
        self._session(self.alice)
        for model in self.MODELS:
            for user in (self.user_manager, self.user_alice, self.user_director):
                where = self.env[model].with_user(user)._search([]).where_clause.code
                self.assertNotIn("hr_employee", where, (model, user.login))

    def test_my_sessions_filter_is_lists_of_ids(self):
        """The talks' default filter, My Sessions, reaches the SQL as lists of ids too, and finds the same talks."""
        arch = etree.fromstring(self.env.ref("hr_performance_coaching.hr_coaching_session_view_search").arch)
        filter_my = arch.xpath("//filter[@name='filter_my']")[0].get("domain")
        coached, own = self._session(self.alice), self._session(self.manager, coach_id=self.director.id)
        self._session(self.bob, coach_id=self.director.id)  # the manager reads it, not among his own
        for user, expected in ((self.user_manager, coached | own), (self.user_alice, coached)):
            domain = safe_eval(filter_my, {"uid": user.id})
            Session = self.Session.with_user(user)
            self.assertNotIn("hr_employee", Session._search(domain).where_clause.code, user.login)
            self.assertEqual(Session.search(domain), expected, user.login)

    def test_search_of_a_manager_is_one_query(self):
        """Once the rules are cached, a manager's search of the talks is one query: the hierarchy is not walked
        again, level by level, at each search."""
        self._session(self.alice)
        Session = self.Session.with_user(self.user_manager)
        Session.search([])  # warm the record rules' cache
        with self.assertQueryCount(1):
            self.assertEqual(Session.search([]).employee_id, self.alice)


@tagged("post_install", "-at_install")
class TestCadenceCronQueries(CoachingCase):
    TODAY = datetime(2026, 4, 10).date()  # the talks of 2 March are overdue past the grace days

    def _overdue_team(self, count):
        """``count`` reports of the manager whose monthly talk, last held on 2 March, is neglected."""
        employees = self._reports(count)
        for employee in employees:
            self._done_session(employee, datetime(2026, 3, 2, 9, 0))
        return employees

    def _cron_queries(self):
        """The queries of one cadence batch, flush included: plan the talks, remind, escalate, store."""
        Cadence = self.env["hr.coaching.cadence"]
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.assertEqual(Cadence._cron_check_cadence(batch_size=1000, today=self.TODAY), 0)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_cadence_batch_query_count_is_flat(self):
        """One cadence batch costs the same queries for 4 and for 40 neglected talks: a talk planned, a reminder,
        a signal and its escalation each, at most 69 queries (64 with the main addon alone; the bridges installed
        beside it in ./setup/test.sh's database add 5; the batch's lock takes a savepoint, 2 of them; the rules in use
        are checked, 1, and their work takes a savepoint, 2, so that a misconfigured rule is skipped; whether the
        coach's manager coaches the employees, 3 per manager; the commitment counts the analysis stores on the new
        talks, 1). The talks and
        signals it creates are complete at their insert (their department and sort key are precomputed): no UPDATE
        of them follows."""
        self._overdue_team(2)
        self._cron_queries()  # warms the registry's and the ORM's caches on the same path
        small = self._overdue_team(4)
        with self.assertQueryCount(69):
            queries_small = self._cron_queries()
        large = self._overdue_team(40)
        with self.assertQueryCount(69):
            queries_large = self._cron_queries()
        self.assertEqual(queries_small, queries_large, "the cadence cron must not cost a query per employee")
        Activity = self.env["mail.activity"]
        for team in (small, large):
            sessions = self.Session.search([("employee_id", "in", team.ids), ("state", "=", "planned")])
            self.assertEqual(len(sessions), len(team))
            reminders = Activity.search([("res_model", "=", sessions._name), ("res_id", "in", sessions.ids)])
            self.assertEqual(sorted(reminders.mapped("res_name")), sorted(sessions.mapped("display_name")))
            self.assertEqual(set(team.mapped("coaching_status")), {"overdue"})
            # Precomputed at the insert, as their computes give them.
            self.assertEqual(sessions.department_id, team.department_id)
            self.assertEqual(sessions.mapped("date_sort"), [session.date_scheduled.timestamp() for session in sessions])
            signals = self.env["hr.coaching.signal"].search([("employee_id", "in", team.ids)])
            self.assertEqual(len(signals), len(team))
            self.assertEqual(signals.department_id, team.department_id)


@tagged("post_install", "-at_install")
class TestEmployeeReadCost(CoachingCase):
    def test_reading_employees_computes_no_cadence_field(self):
        """A user without HR rights who reads employees (the Employees kanban) gets their public columns without
        the coaching cadence fields being computed for each of them: those are a prefetch group of their own, read
        only when asked for, and then shown to the managers only."""
        employees = self.env["hr.employee"].with_user(self.user_manager).search([("id", "in", self.alice.ids)])
        self.env.invalidate_all()
        self.assertEqual(employees.mapped("name"), [self.alice.name])
        public = self.env["hr.employee.public"].with_user(self.user_manager).browse(employees.ids)
        status = public._fields["coaching_status"]
        self.assertFalse(self.env.cache.contains(public, status), "the name's fetch computed the cadence fields")
        # Asked for, they are read: the manager sees the status of their report.
        self.alice.sudo().coaching_status = "overdue"
        self.env.invalidate_all()
        self.assertEqual(employees.mapped("coaching_status"), ["overdue"])


# A talk's form as the web client reads it: the talk, its talking points, the commitments it reviews and makes.
FORM_SPEC = {
    "employee_id": {"fields": {"display_name": {}}},
    "state": {},
    "is_coach_side": {},
    "will": {},
    "topic_ids": {"fields": {"name": {}}},
    "review_commitment_ids": {"fields": {"name": {}, "outcome": {}}},
    "commitment_ids": {"fields": {"name": {}, "date_deadline": {}}},
}


@tagged("post_install", "-at_install")
class TestRuleQueriesPerUser(CoachingCase):
    """Who coaches whom costs the record rules one query per user, not one per level of the hierarchy at each use of
    a rule (issue 23, item 1: a third of the queries of a talk's form and saves under load)."""

    def _form_and_save(self, session, user):
        """(queries of the form's web_read, queries of a save of the Will) as ``user``, warm caches."""
        talk = self.Session.with_user(user).browse(session.id)
        talk.web_read(FORM_SPEC)  # warm the registry, view and record-rule caches
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        talk.web_read(FORM_SPEC)
        read = self.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        talk.web_save({"will": "<p>Ship it.</p>"}, FORM_SPEC)
        talk.env.flush_all()
        return read, self.cr.sql_log_count - before

    def test_form_and_save_cost_the_same_at_any_depth(self):
        """The director reads and saves a talk of Alice, two levels below her, then five levels below her after a
        re-organisation: the same queries (before, a query more per level and per rule applied)."""
        done = self._done_session(self.alice, datetime(2026, 2, 2, 9), commitments=[("Draft", datetime(2026, 3, 1))])
        talk = self._session(self.alice, datetime(2026, 3, 2, 9))
        self.env["hr.coaching.topic"].create({"session_id": talk.id, "name": "Roadmap"})
        self.assertEqual(talk.review_commitment_ids, done.commitment_ids)
        shallow = self._form_and_save(talk, self.user_director)
        # Three new levels between the director and Alice's manager.
        boss = self.director
        for level in range(3):
            boss = self.env["hr.employee"].create({"name": f"Level {level}", "parent_id": boss.id})
        self.manager.parent_id = boss
        deep = self._form_and_save(talk, self.user_director)
        self.assertEqual(deep, shallow)
        self.assertEqual(shallow, (16, 20))

    def test_a_reorganisation_counts_at_once(self):
        """The rules' domains are cached per user: moving Alice under Carol changes who reads her talk in the same
        transaction, for her former director (whose cached domain had her) and for Carol alike. The talk's coach,
        her manager, keeps it."""
        talk = self._session(self.alice)
        self.assertEqual(talk.coach_id, self.manager)
        readers = {
            user: self.Session.with_user(user)
            for user in (self.user_director, self.user_carol, self.user_bob, self.user_manager)
        }

        def reads():
            return {user.login for user, Session in readers.items() if Session.search([("id", "=", talk.id)])}

        self.assertEqual(reads(), {"coach_director", "coach_manager"})
        self.alice.parent_id = self.carol
        self.assertEqual(reads(), {"coach_carol", "coach_manager"})
        # Her designated coach reads it too, until HR takes him off.
        self.alice.coach_id = self.bob
        self.assertEqual(reads(), {"coach_carol", "coach_bob", "coach_manager"})
        self.alice.coach_id = False
        self.assertEqual(reads(), {"coach_carol", "coach_manager"})
        # Carol's user leaves her employee: she coaches nobody any more.
        self.carol.user_id = False
        self.assertEqual(reads(), {"coach_manager"})
