from datetime import datetime, timedelta

from odoo.tests import tagged

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
        a signal and its escalation each, at most 65 queries (60 with the main addon alone; the bridges installed
        beside it in ./setup/test.sh's database add 5; the batch's lock takes a savepoint, 2 of them; whether the
        coach's manager coaches the employees, 3 per manager). The talks and
        signals it creates are complete at their insert (their department and sort key are precomputed): no UPDATE
        of them follows."""
        self._overdue_team(2)
        self._cron_queries()  # warms the registry's and the ORM's caches on the same path
        small = self._overdue_team(4)
        with self.assertQueryCount(65):
            queries_small = self._cron_queries()
        large = self._overdue_team(40)
        with self.assertQueryCount(65):
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
