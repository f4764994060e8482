from collections import defaultdict

from odoo import models
from odoo.tools import float_is_zero, formatLang


class HrCoachingSession(models.Model):
    _inherit = "hr.coaching.session"

    def _coaching_work_facts(self, coach_side=None):
        """The facts of the project bridge, and the hours: per task, what the employee logged since the last talk,
        beside what was spent on the task in all and its allocated hours. Timesheets and tasks are read with the
        user's rights: hours she may not read in Timesheets, or on a task she cannot open, are not shown. Two more
        queries, whatever the number of timesheets."""
        result = super()._coaching_work_facts(coach_side)
        Line = self.env["account.analytic.line"]
        if not result or not Line.has_access("read"):
            return result
        sessions = self.browse(list(result))
        since = {session.id: session._coaching_facts_since() for session in sessions}
        groups = Line._read_group(
            [
                ("employee_id", "in", sessions.employee_id.ids),
                ("task_id", "!=", False),
                ("date", ">=", min(since.values()).date()),
            ],
            ["employee_id", "task_id", "date:day"],
            ["unit_amount:sum"],
        )
        tasks = self.env["project.task"].search_fetch(
            [("id", "in", list({task.id for _employee, task, _day, _hours in groups}))],
            ["name", "allocated_hours", "effective_hours"],
            order="name, id",
        )
        logged = defaultdict(float)
        for employee, task, day, hours in groups:
            for session in sessions.filtered(lambda session, employee=employee: session.employee_id == employee):
                if day >= since[session.id].date():
                    logged[session.id, task.id] += hours
        for session in sessions:
            result[session.id]["hours"] = [
                {
                    "key": f"hours-{task.id}",
                    "name": task.name,
                    "url": f"/odoo/project.task/{task.id}",
                    "template": self.env._(
                        "Hours: %(name)s, %(hours)s h logged since the last talk; %(spent)s h of %(allocated)s h "
                        "allocated"
                    )
                    if not float_is_zero(task.allocated_hours, precision_digits=2)
                    else self.env._(
                        "Hours: %(name)s, %(hours)s h logged since the last talk; %(spent)s h in all, none allocated"
                    ),
                    "values": {
                        "hours": formatLang(self.env, logged[session.id, task.id], digits=1),
                        "spent": formatLang(self.env, task.effective_hours, digits=1),
                        "allocated": formatLang(self.env, task.allocated_hours, digits=1),
                    },
                }
                for task in tasks
                if not float_is_zero(logged[session.id, task.id], precision_digits=2)
            ]
        return result

    def _coaching_work_facts_titles(self):
        return {**super()._coaching_work_facts_titles(), "hours": self.env._("Hours logged against allocated hours")}
