from datetime import timedelta

from odoo import Command

from .common import WorkHoursCase


class TestWorkHours(WorkHoursCase):
    def test_coach_reads_the_hours_he_may_read(self):
        """The coach (a timesheet approver) reads the hours Alice logged since the last talk (not before it, not
        Bob's), beside the task's hours in all and its allocated hours; not her hours in the private project."""
        self.assertEqual(
            self._facts(self.user_manager)["hours"],
            [
                (
                    f"hours-{self.task_due.id}",
                    "Hours: Plan the launch party, 5.0 h logged since the last talk; 9.0 h of 10.0 h allocated",
                ),
                (
                    f"hours-{self.task_home.id}",
                    "Hours: Rebuild the home page, 1.5 h logged since the last talk; 3.5 h in all, none allocated",
                ),
            ],
        )

    def test_hours_of_the_day_of_the_last_talk_count(self):
        """The day of the last talk is part of the time since it: the hours logged that day are counted."""
        self.Line.create(self._timesheet(self.alice, self.task_home, 0.5, 10))
        self.assertIn(
            (
                f"hours-{self.task_home.id}",
                "Hours: Rebuild the home page, 2.0 h logged since the last talk; 4.0 h in all, none allocated",
            ),
            self._facts(self.user_manager)["hours"],
        )

    def test_employee_reads_her_own_hours(self):
        """Alice reads her own hours as Timesheets lets her: not those of the private project she does not follow,
        though she may open its task."""
        self.assertEqual(
            [key for key, _line in self._facts(self.user_alice)["hours"]],
            [f"hours-{self.task_due.id}", f"hours-{self.task_home.id}"],
        )

    def test_no_hours_without_timesheet_rights(self):
        """The director coaches Alice but reads no timesheet: his panel has her tasks and no hours."""
        facts = self._facts(self.user_director)
        self.assertNotIn("hours", facts)
        self.assertIn("open", facts)

    def test_copy_hours_into_reality(self):
        """The coach copies the hours of a task into Reality."""
        talk = self.talk.with_user(self.user_manager)
        talk.action_copy_fact_to_reality(f"hours-{self.task_due.id}")
        self.assertEqual(
            talk.reality,
            "<p>Hours: Plan the launch party, 5.0 h logged since the last talk; 9.0 h of 10.0 h allocated</p>",
        )
        panel = talk.work_facts
        self.assertIn("Hours logged against allocated hours (2)", panel)


class TestWorkHoursQueries(WorkHoursCase):
    def _add_tasks(self, count):
        """``count`` more tasks of Alice, each with a timesheet of hers since the last talk."""
        tasks = self.Task.create(
            [
                {
                    "name": f"Task {i}",
                    "project_id": self.project.id,
                    "user_ids": [Command.set(self.user_alice.ids)],
                    "allocated_hours": 4.0,
                }
                for i in range(count)
            ]
        )
        self.Line.create([self._timesheet(self.alice, task, 1.0, i % 9) for i, task in enumerate(tasks)])

    def test_query_budget_does_not_grow_with_timesheets(self):
        """The coach's panel with hours on 5 and on 50 more tasks: the same queries."""
        self._add_tasks(5)
        self._count_queries(self.user_manager, warm=False)
        with_5 = self._count_queries(self.user_manager)
        self._add_tasks(45)
        self.assertEqual(self._count_queries(self.user_manager), with_5)
        self.assertEqual(len(self._facts(self.user_manager)["hours"]), 2 + 50)
        self.assertEqual(self.now - timedelta(days=10), self.talk.previous_date)
