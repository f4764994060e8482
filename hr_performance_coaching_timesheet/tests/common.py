from datetime import timedelta

from odoo.addons.hr_performance_coaching_project.tests.common import WorkFactsCase


class WorkHoursCase(WorkFactsCase):
    """The work facts of the project bridge, with Alice's timesheets: her coach approves timesheets, she logs her own,
    Bob logs on one of her tasks; the director reads no timesheet."""

    # The panel's queries with the hours, whatever the number of tasks and timesheets: the project bridge's, and three.
    facts_query_budget = 17

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager.groups_id += cls.env.ref("hr_timesheet.group_hr_timesheet_approver")
        (cls.user_alice | cls.user_bob).groups_id += cls.env.ref("hr_timesheet.group_hr_timesheet_user")
        cls.task_due.allocated_hours = 10.0
        cls.Line = cls.env["account.analytic.line"]
        cls.Line.create(
            [
                cls._timesheet(cls.alice, cls.task_due, 2.0, 1),
                cls._timesheet(cls.alice, cls.task_due, 3.0, 4),
                cls._timesheet(cls.alice, cls.task_due, 4.0, 15),
                cls._timesheet(cls.alice, cls.task_home, 1.5, 2),
                cls._timesheet(cls.bob, cls.task_home, 2.0, 2),
                cls._timesheet(cls.bob, cls.task_blog, 2.0, 2),
                cls._timesheet(cls.alice, cls.task_private, 1.0, 3),
            ]
        )

    @classmethod
    def _timesheet(cls, employee, task, hours, days_ago):
        return {
            "name": f"Work on {task.name}",
            "employee_id": employee.id,
            "project_id": task.project_id.id,
            "task_id": task.id,
            "unit_amount": hours,
            "date": (cls.now - timedelta(days=days_ago)).date(),
        }
