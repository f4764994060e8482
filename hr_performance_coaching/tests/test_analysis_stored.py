import importlib.util
import json
from datetime import date, datetime
from pathlib import Path

from odoo.tools import SQL

from .common import CoachingCase

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.6.0"
STORED = ["previous_done_date", "is_latest_done", "commitment_count", "commitment_kept_count"]


class TestAnalysisStored(CoachingCase):
    """What the coaching analysis shows of each talk is stored on the talk (issue 24, item 5): the previous done talk
    and the latest done talk of the employee (archived talks took place), the counts of its commitments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finn = cls.env["hr.employee"].create({"name": "Finn Stored", "parent_id": cls.manager.id})
        cls.Report = cls.env["hr.coaching.report"]

    def _places(self, employee):
        """(day, state, day of the previous done talk, latest done) of each talk of ``employee``, archived too."""
        self.env.flush_all()
        self.env.invalidate_all()
        talks = self.Session.with_context(active_test=False).search([("employee_id", "=", employee.id)])
        return [
            (
                talk.date_scheduled.day,
                talk.state,
                talk.previous_done_date and talk.previous_done_date.day,
                talk.is_latest_done,
            )
            for talk in talks.sorted(lambda talk: (talk.date_scheduled, talk.id))
        ]

    def _close(self, talk, held_on=None):
        talk = talk.with_user(self.user_manager)
        if held_on:
            talk.date_scheduled = held_on
        talk.will = "<p>Ship it.</p>"
        talk.action_done()

    def test_previous_done_talk_when_a_talk_closes(self):
        """A talk that closes takes the previous done talk of its employee (not a cancelled or planned one) and
        becomes the latest; a talk that is not done has neither."""
        self._done_session(self.finn, datetime(2026, 3, 2, 9, 0))
        self._session(self.finn, datetime(2026, 3, 5, 9, 0)).action_cancel()
        planned = self._session(self.finn, datetime(2026, 3, 12, 9, 0))
        self._session(self.finn, datetime(2026, 3, 20, 9, 0))
        self.assertEqual(
            self._places(self.finn),
            [
                (2, "done", False, True),
                (5, "cancelled", False, False),
                (12, "planned", False, False),
                (20, "planned", False, False),
            ],
        )
        self._close(planned)
        self.finn.write({"coaching_status": "on_track"})
        self.assertEqual(
            self._places(self.finn),
            [
                (2, "done", False, False),
                (5, "cancelled", False, False),
                (12, "done", 2, True),
                (20, "planned", False, False),
            ],
        )
        row = self.Report.search([("session_id", "=", planned.id)])
        self.assertEqual((row.days_since_previous, row.within_cadence), (10, True))

    def test_an_archived_talk_still_took_place(self):
        """An archived done talk stays the previous talk of the next one and the latest of its employee, also for a
        talk closed after the archiving; the analysis leaves it out but counts the days from it."""
        self._done_session(self.finn, datetime(2026, 3, 2, 9, 0))
        archived = self._done_session(self.finn, datetime(2026, 3, 9, 9, 0))
        archived.with_user(self.user_manager).action_archive()
        self.assertEqual(self._places(self.finn), [(2, "done", False, False), (9, "done", 2, True)])
        self._close(self._session(self.finn, datetime(2026, 3, 16, 9, 0)))
        self.assertEqual(
            self._places(self.finn), [(2, "done", False, False), (9, "done", 2, False), (16, "done", 9, True)]
        )
        rows = self.Report.search([("employee_id", "=", self.finn.id)], order="date")
        self.assertEqual([(row.date.day, row.days_since_previous) for row in rows], [(2, 0), (16, 7)])

    def test_a_reopened_or_moved_talk_moves_the_others(self):
        """A done talk set back to planned (a data fix) is nobody's previous talk any more; a planned talk closed as
        held before a done talk takes its place between them."""
        self._done_session(self.finn, datetime(2026, 3, 2, 9, 0))
        reopened = self._done_session(self.finn, datetime(2026, 3, 9, 9, 0))
        self._done_session(self.finn, datetime(2026, 3, 16, 9, 0))
        reopened.sudo()._write_state("planned")
        self.assertEqual(
            self._places(self.finn), [(2, "done", False, False), (9, "planned", False, False), (16, "done", 2, True)]
        )
        self._close(self._session(self.finn, datetime(2026, 3, 20, 9, 0)), held_on=datetime(2026, 3, 12, 9, 0))
        self.assertEqual(
            self._places(self.finn),
            [(2, "done", False, False), (9, "planned", False, False), (12, "done", 2, False), (16, "done", 12, True)],
        )

    def test_other_employees_and_companies_not_counted(self):
        """The previous talk is the same employee's: a talk of a colleague, or of someone of another company, in
        between changes nothing."""
        Employee = self.env["hr.employee"]
        boss = Employee.create({"name": "Other Boss", "company_id": self.other_company.id})
        oscar = Employee.create({"name": "Oscar Other", "company_id": self.other_company.id, "parent_id": boss.id})
        self._done_session(self.finn, datetime(2026, 3, 2, 9, 0))
        self._done_session(self.alice, datetime(2026, 3, 9, 9, 0))
        self._done_session(oscar, datetime(2026, 3, 12, 9, 0))
        self._done_session(self.finn, datetime(2026, 3, 16, 9, 0))
        self.assertEqual(self._places(self.finn), [(2, "done", False, False), (16, "done", 2, True)])
        self.assertEqual(self._places(self.alice), [(9, "done", False, True)])
        self.assertEqual(self._places(oscar), [(12, "done", False, True)])

    def test_commitment_counts_follow_the_commitments(self):
        """The talk's counts of the commitments made in it (all, kept, reviewed) follow each commitment added,
        reviewed, changed or removed; the analysis reads them."""
        talk = self._session(self.finn, datetime(2026, 3, 2, 9, 0))
        self.Commitment.create(
            [{"session_id": talk.id, "name": name, "date_deadline": date(2026, 3, 20)} for name in ("A", "B", "C")]
        )
        self._close(talk)
        counts = ["commitment_count", "commitment_kept_count", "commitment_reviewed_count"]
        self.assertEqual([talk[fname] for fname in counts], [3, 0, 0])
        first, second, third = talk.commitment_ids.sorted("id")
        first.outcome, second.outcome = "kept", "missed"
        self.env.flush_all()
        self.assertEqual([talk[fname] for fname in counts], [3, 1, 2])
        second.outcome = "kept"
        self.env.flush_all()
        row = self.Report.search([("session_id", "=", talk.id)])
        self.assertEqual((row.commitment_count, row.kept_count, row.reviewed_count, row.kept_rate), (3, 2, 2, 100.0))
        planned = self._session(self.finn, datetime(2026, 3, 30, 9, 0))
        made = self.Commitment.create({"session_id": planned.id, "name": "D", "date_deadline": date(2026, 4, 20)})
        self.assertEqual(planned.commitment_count, 1)
        made.unlink()
        self.env.flush_all()
        self.assertEqual(planned.commitment_count, 0)

    def test_migration_fills_the_columns(self):
        """The migration to 1.6.0 makes the columns before the ORM and fills them for the talks of before, in SQL:
        the same values as the talks' own upkeep."""
        first = self._done_session(self.finn, datetime(2026, 3, 2, 9, 0), commitments=[("A", date(2026, 3, 10))])
        first.commitment_ids.outcome = "kept"
        self._done_session(self.finn, datetime(2026, 3, 16, 9, 0), commitments=[("B", date(2026, 3, 30))])
        self._session(self.finn, datetime(2026, 3, 20, 9, 0))
        self.env.flush_all()
        expected = self._places(self.finn)
        talks = self.Session.search([("employee_id", "=", self.finn.id)])
        counts = [(talk.commitment_count, talk.commitment_kept_count) for talk in talks]
        self.assertEqual(counts, [(0, 0), (1, 0), (1, 1)])
        self.env.cr.execute(
            """UPDATE hr_coaching_session SET previous_done_date = NULL, is_latest_done = NULL, commitment_count = NULL,
                      commitment_kept_count = NULL, commitment_reviewed_count = NULL"""
        )
        self.env.invalidate_all()
        for step in ("pre-migrate", "post-migrate"):
            spec = importlib.util.spec_from_file_location(f"coaching_migration_1_6_0_{step}", MIGRATION / f"{step}.py")
            migration = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(migration)
            migration.migrate(self.env.cr, "18.0.1.5.0")
        self.assertEqual(self._places(self.finn), expected)
        self.assertEqual([(talk.commitment_count, talk.commitment_kept_count) for talk in talks], counts)
        self.assertEqual(talks.mapped("commitment_reviewed_count"), [0, 0, 1])

    def _manager_group_query(self):
        """The query of the pivot's read_group for the manager: done talks, kept rate per month."""
        Report = self.Report.with_user(self.user_manager)
        query = Report._search([("state", "=", "done")])
        return SQL(
            "SELECT date_trunc('month', %s), SUM(%s) FROM %s WHERE %s GROUP BY 1",
            Report._field_to_sql(Report._table, "date", query),
            Report._field_to_sql(Report._table, "kept_count", query),
            query.from_clause,
            query.where_clause,
        )

    def test_manager_read_group_reads_his_rows(self):
        """A manager's read_group on the analysis is one query, however many talks other branches have; its plan
        scans the talks once, with the record rules' filter, and nothing else: no window, no join of the commitments
        or of other talks (the benchmark shows it at 50,000 talks)."""
        first = self._done_session(self.alice, datetime(2026, 2, 2, 9, 0), commitments=[("A", date(2026, 2, 6))])
        first.commitment_ids.outcome = "kept"
        self._done_session(self.alice, datetime(2026, 2, 9, 9, 0))
        elsewhere = self.env["hr.employee"].create(
            [{"name": f"Elsewhere {n}", "parent_id": self.carol.id} for n in range(3)]
        )
        Report = self.Report.with_user(self.user_manager)
        args = ([("state", "=", "done")], ["kept_rate:avg"], ["date:month"])
        Report.read_group(*args)  # the rules' cache
        for talks in (2, 20):
            for employee in elsewhere:
                for day in range(talks // 2):
                    self._done_session(employee, datetime(2026, 1, 1 + day, 9, 0))
            self.env.flush_all()
            with self.assertQueryCount(1):
                [group] = Report.read_group(*args)
            self.assertEqual(group["date:month"], "February 2026")
            self.assertEqual((group["date_count"], group["kept_rate"]), (2, 100.0))
        self.env.cr.execute(SQL("EXPLAIN (FORMAT JSON) %s", self._manager_group_query()))
        plan = self.env.cr.fetchone()[0][0]["Plan"]

        def nodes(node):
            yield node
            for child in node.get("Plans", ()):
                yield from nodes(child)

        every = list(nodes(plan))
        self.assertEqual({node["Relation Name"] for node in every if "Relation Name" in node}, {"hr_coaching_session"})
        self.assertNotIn("WindowAgg", {node["Node Type"] for node in every})
        [scan] = [node for node in every if node.get("Relation Name")]
        self.assertIn("coach_id", json.dumps(scan))
