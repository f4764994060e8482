from datetime import timedelta

from odoo import Command, fields
from odoo.addons.hr_performance_coaching.tests.common import CoachingCase
from odoo.tests import new_test_user


class MilestoneCoachingCase(CoachingCase):
    """The coaching organisation of the main addon, plus a project user who runs a project in which Alice and Bob
    have tasks for the "Go-live" milestone, and a project of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_pm = new_test_user(
            cls.env,
            login="coach_pm",
            name="Paula Project",
            groups="base.group_user,project.group_project_user",
            company_id=cls.company.id,
        )
        cls.user_no_employee = new_test_user(
            cls.env, login="coach_noemp", name="Nora Freelance", groups="base.group_user", company_id=cls.company.id
        )
        cls.user_other_pm, cls.user_oscar, cls.user_olivia = (
            new_test_user(
                cls.env,
                login=login,
                name=name,
                groups=groups,
                company_id=cls.other_company.id,
                company_ids=[Command.set(cls.other_company.ids)],
            )
            for login, name, groups in [
                ("coach_other_pm", "Otto Project", "base.group_user,project.group_project_user"),
                ("coach_oscar", "Oscar Other", "base.group_user"),
                ("coach_olivia", "Olivia Other Manager", "base.group_user"),
            ]
        )
        Employee = cls.env["hr.employee"]
        cls.olivia = Employee.create(
            {"name": "Olivia Other Manager", "user_id": cls.user_olivia.id, "company_id": cls.other_company.id}
        )
        cls.oscar = Employee.create(
            {
                "name": "Oscar Other",
                "user_id": cls.user_oscar.id,
                "company_id": cls.other_company.id,
                "parent_id": cls.olivia.id,
            }
        )
        Project = cls.env["project.project"]
        cls.project = Project.create(
            {
                "name": "Website Relaunch",
                "company_id": cls.company.id,
                "allow_milestones": True,
                "user_id": cls.user_pm.id,
            }
        )
        cls.other_project = Project.create(
            {
                "name": "Warehouse Move",
                "company_id": cls.other_company.id,
                "allow_milestones": True,
                "user_id": cls.user_other_pm.id,
            }
        )
        cls.Milestone = cls.env["project.milestone"]
        cls.milestone, cls.milestone_launch, cls.other_milestone = cls.Milestone.create(
            [
                {"name": "Go-live", "project_id": cls.project.id},
                {"name": "Launch", "project_id": cls.project.id},
                {"name": "New Shelves", "project_id": cls.other_project.id},
            ]
        )
        cls.Task = cls.env["project.task"]
        cls.Task.create(
            [
                {
                    "name": "Rebuild the home page",
                    "project_id": cls.project.id,
                    "milestone_id": cls.milestone.id,
                    "user_ids": [Command.set(cls.user_alice.ids)],
                },
                {
                    "name": "Migrate the blog",
                    "project_id": cls.project.id,
                    "milestone_id": cls.milestone.id,
                    "user_ids": [Command.set((cls.user_alice | cls.user_bob).ids)],
                },
                {
                    "name": "Announce the launch",
                    "project_id": cls.project.id,
                    "milestone_id": cls.milestone_launch.id,
                    "user_ids": [Command.set(cls.user_bob.ids)],
                },
                {
                    "name": "Order the shelves",
                    "project_id": cls.other_project.id,
                    "milestone_id": cls.other_milestone.id,
                    "user_ids": [Command.set((cls.user_oscar | cls.user_alice).ids)],
                },
            ]
        )
        cls.Signal = cls.env["hr.coaching.signal"]
        cls.key_event_template = cls.env.ref("hr_performance_coaching.hr_coaching_template_key_event")

    def _milestone_signals(self, employees):
        """The key event signals of ``employees``, as superuser."""
        return self.Signal.search([("employee_id", "in", employees.ids), ("signal_type", "=", "key_event")])


class WorkFactsCase(MilestoneCoachingCase):
    """Alice's work since her last talk, ten days ago, in Website Relaunch and in Secret Merger, a private project
    that her manager (her coach) does not follow; her next talk is in two days."""

    # The queries of the panel, whatever the number of tasks (the talk's own fields read before); one more when the
    # timesheet bridge is installed (it checks whether the reader may read timesheets).
    facts_query_budget = 13

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now()
        # Noon: the same day in any time zone the dates are shown in.
        cls.noon = cls.now.replace(hour=12, minute=0, second=0, microsecond=0)
        cls.last_talk = cls._done_session(cls.alice, when=cls.now - timedelta(days=10))
        cls.talk = cls._session(cls.alice, when=cls.now + timedelta(days=2))
        cls.private_project = cls.env["project.project"].create(
            {
                "name": "Secret Merger",
                "company_id": cls.company.id,
                "allow_milestones": True,
                "privacy_visibility": "followers",
                "user_id": cls.user_pm.id,
            }
        )
        cls.private_milestone = cls.Milestone.create({"name": "Signing", "project_id": cls.private_project.id})
        alice = [Command.set(cls.user_alice.ids)]
        (
            cls.task_closed,
            cls.task_closed_before,
            cls.task_overdue,
            cls.task_due,
            cls.task_cancelled,
            cls.task_private,
        ) = cls.Task.create(
            [
                {"name": "Write the style guide", "project_id": cls.project.id, "user_ids": alice},
                {"name": "Audit the old site", "project_id": cls.project.id, "user_ids": alice},
                {
                    "name": "Fix the checkout",
                    "project_id": cls.project.id,
                    "user_ids": alice,
                    "date_deadline": cls.noon - timedelta(days=2),
                },
                {
                    "name": "Plan the launch party",
                    "project_id": cls.project.id,
                    "user_ids": alice,
                    "date_deadline": cls.noon + timedelta(days=5),
                },
                {"name": "Translate the blog", "project_id": cls.project.id, "user_ids": alice},
                {
                    "name": "Prepare the data room",
                    "project_id": cls.private_project.id,
                    "milestone_id": cls.private_milestone.id,
                    "user_ids": alice,
                    "date_deadline": cls.noon + timedelta(days=3),
                },
            ]
        )
        (cls.task_closed | cls.task_closed_before).write({"state": "1_done"})
        cls.task_cancelled.write({"state": "1_canceled"})
        cls.task_closed.date_last_stage_update = cls.noon - timedelta(days=3)
        cls.task_closed_before.date_last_stage_update = cls.now - timedelta(days=20)
        (cls.milestone | cls.private_milestone).write({"is_reached": True})
        # Alice's own tasks of the milestone fixture: "Rebuild the home page" and "Migrate the blog" (Go-live), open.
        cls.task_home, cls.task_blog = cls.Task.search(
            [("name", "in", ("Rebuild the home page", "Migrate the blog"))], order="name desc"
        )

    def _day(self, days):
        """The day ``days`` from today, as an English user reads it."""
        return (self.noon + timedelta(days=days)).strftime("%m/%d/%Y")

    def _facts(self, user, session=None):
        """{section: [(key, line)]} of the talk's panel as ``user``."""
        session = (session or self.talk).with_user(user)
        facts = session._coaching_work_facts().get(session.id, {})
        return {
            section: [(fact["key"], session._coaching_fact_line(fact)) for fact in lines]
            for section, lines in facts.items()
            if lines
        }

    def _count_queries(self, user, warm=True):
        """The queries of the panel as ``user``, within ``facts_query_budget``, on a talk whose own fields are read
        (the form reads them anyway). Not ``warm``: a first run that fills the caches of rules and groups, not
        counted."""
        self.env.invalidate_all()
        talk = self.talk.with_user(user)
        talk.read(["state"])
        # What the tasks' creation left to flush (notifications on the bus) is not the panel's.
        self.env.flush_all()
        self.env.cr.flush()
        if not warm:
            self.assertTrue(talk.work_facts)
            return None
        before = self.cr.sql_log_count
        with self.assertQueryCount(self.facts_query_budget):
            self.assertTrue(talk.work_facts)
        return self.cr.sql_log_count - before
