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
        employees = self.env["hr.employee"].create(
            [{"name": f"Report {i}", "parent_id": self.manager.id} for i in range(count)]
        )
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
