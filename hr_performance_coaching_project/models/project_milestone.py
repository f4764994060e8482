from collections import defaultdict
from textwrap import shorten

from odoo import api, fields, models

# A name in a signal's note is cut to this many characters: the note is stored and merged into the open signal.
NOTE_NAME_LENGTH = 80


class ProjectMilestone(models.Model):
    _inherit = "project.milestone"

    coaching_signaled = fields.Boolean(
        string="Coaching Signal Raised",
        readonly=True,
        copy=False,
        help="The coaches of the people assigned to this milestone's tasks were given a signal when it was reached. "
        "Reaching it again raises nothing new.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        milestones = super().create(vals_list)
        milestones.filtered("is_reached")._coaching_signal_reached()
        return milestones

    def write(self, vals):
        result = super().write(vals)
        # After super(): its access check comes first, whatever the caller sent. A milestone signals once
        # (coaching_signaled), so only the reached ones that have not signalled yet are looked at.
        if "is_reached" in vals:
            self.filtered("is_reached")._coaching_signal_reached()
        return result

    # ------------------------------------------------------------------ business methods

    def _coaching_signal_reached(self):
        """Raise a project_milestone key event for the people assigned to the tasks of each milestone just reached,
        once per milestone: unmarking and marking it again raises nothing new."""
        milestones = self.filtered(lambda milestone: not milestone.coaching_signaled)._coaching_own_projects()
        if not milestones:
            return
        # sudo: everyone assigned counts, also on tasks the writer cannot read (private, or followers only), and
        # finding a user's employee reads HR data that a project user has no access to.
        employees_by_milestone = milestones.sudo()._coaching_assigned_employees()
        Signal = self.env["hr.coaching.signal"]
        for milestone in milestones:
            employees = employees_by_milestone.get(milestone.id)
            if not employees:
                continue
            # sudo: the project user who marks the milestone reached seldom coaches the people who worked on it;
            # the signal goes to their coaches and is readable along "who coaches whom" only.
            Signal.sudo()._coaching_log_key_event(
                employees, "project_milestone", note=milestone._coaching_signal_note(), date=milestone.reached_date
            )
        milestones.filtered(lambda milestone: milestone.id in employees_by_milestone).write({"coaching_signaled": True})

    def _coaching_own_projects(self):
        """The milestones of projects that the current user manages or follows: a milestone raises a coaching signal
        only when someone answerable for its project marks it reached, not any project user (docs/security.md)."""
        if self.env.su:
            return self
        user = self.env.user
        # sudo: the project's manager and followers, whatever the user may read of the project's followers.
        return self.filtered(
            lambda milestone: milestone.sudo().project_id.user_id == user
            or user.partner_id in milestone.sudo().project_id.message_partner_ids
        )

    def _coaching_assigned_employees(self):
        """{milestone id: employees} of the users assigned to each milestone's tasks, each user's employee in the
        task's company (else the user's own company). Users without an employee there are skipped."""
        tasks = self.env["project.task"].search_fetch(
            [("milestone_id", "in", self.ids), ("user_ids", "!=", False)], ["milestone_id", "user_ids", "company_id"]
        )
        if not tasks:
            return {}
        employees = self.env["hr.employee"].search_fetch(
            [("user_id", "in", tasks.user_ids.ids)], ["user_id", "company_id"]
        )
        employee_by_user_company = {(employee.user_id.id, employee.company_id.id): employee for employee in employees}
        result = defaultdict(lambda: self.env["hr.employee"])
        for task in tasks:
            for user in task.user_ids:
                company = task.company_id or task.milestone_id.project_id.company_id or user.company_id
                employee = employee_by_user_company.get((user.id, company.id))
                if employee:
                    result[task.milestone_id.id] |= employee
        return dict(result)

    def _coaching_signal_note(self):
        """The project, the milestone and who marked it reached, by name only and bounded: the note is stored, and
        read by coaches in any language."""
        self.ensure_one()
        names = [self.project_id.name, self.name]
        if self.project_id.privacy_visibility == "followers":
            # A private project: its followers only read its names, and the coaches reading the note may not be.
            names = [self.env._("A private project"), self.env._("a milestone")]
        project, milestone, author = (
            shorten(name or "", NOTE_NAME_LENGTH, placeholder="…") for name in (*names, self.env.user.name)
        )
        return f"{project} / {milestone} ({author})"
