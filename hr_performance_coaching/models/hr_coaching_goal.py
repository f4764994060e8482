from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_coaching_mixin_tools import internal_write

GOAL_STATES = [("active", "Active"), ("achieved", "Achieved"), ("dropped", "Dropped")]


class HrCoachingGoal(models.Model):
    """A development goal of an employee: the Goal of GROW, threaded from one talk to the next.

    The talks where it was discussed and the commitments that serve it make its thread; its progress is tracked
    in the chatter. The employee reads their own goals and updates the progress; the coach side manages them.
    """

    _name = "hr.coaching.goal"
    _description = "Development Goal"
    _inherit = ["hr.coaching.mixin"]
    _coaching_side_depends = ("employee_id",)
    _order = "state, date_target, id desc"
    _coaching_talk_links = ("session_ids",)
    # The commitments serve the goal from their side (their goal_id).
    _coaching_internal_fields = frozenset({"state", "date_achieved", "commitment_ids"})

    # Fields the employee may update on their own goal.
    EMPLOYEE_WRITABLE_FIELDS = {"progress"}

    name = fields.Char(string="Goal", required=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.context.get("default_employee_id"),
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one(
        "hr.department", related="employee_id.department_id", store=True, index=True, string="Team"
    )
    description = fields.Html(help="What achieving it looks like, in the employee's words.")
    date_target = fields.Date(string="Target Date", tracking=True)
    state = fields.Selection(GOAL_STATES, required=True, default="active", tracking=True, index=True)
    date_achieved = fields.Date(readonly=True, copy=False, help="When the goal was marked achieved.")
    progress = fields.Integer(
        string="Progress (%)", tracking=True, help="From 0 to 100; each change is in the chatter."
    )
    session_ids = fields.Many2many(
        "hr.coaching.session",
        "hr_coaching_goal_session_rel",
        "goal_id",
        "session_id",
        string="Talks",
        help="The talks where this goal was discussed.",
    )
    commitment_ids = fields.One2many("hr.coaching.commitment", "goal_id", string="Commitments")
    session_count = fields.Integer(compute="_compute_counts", string="Talks Count")

    _sql_constraints = [
        ("progress_range", "CHECK (progress BETWEEN 0 AND 100)", "Progress is a percentage from 0 to 100."),
    ]

    @api.depends("session_ids")
    def _compute_counts(self):
        for goal in self:
            goal.session_count = len(goal.session_ids)

    @api.constrains("progress")
    def _check_progress(self):
        if self.filtered(lambda goal: not 0 <= goal.progress <= 100):
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    @api.constrains("employee_id", "session_ids", "commitment_ids")
    def _check_same_employee(self):
        """A goal is one employee's: only their talks discuss it and only their commitments serve it. Also checked
        from the talk and the commitment side (``_check_goals``)."""
        for goal in self:
            goal._coaching_check_employee(goal.session_ids.employee_id | goal.commitment_ids.employee_id)

    def _coaching_check_employee(self, employees):
        """Refuse, in words, a goal of ``self`` discussed with or served for another employee than its own."""
        for goal in self:
            if others := employees - goal.employee_id:
                raise ValidationError(
                    self.env._(
                        "The goal “%(goal)s” is %(employee)s's: it cannot be discussed in a talk with %(other)s.",
                        goal=goal.name,
                        employee=goal.employee_id.name,
                        other=others[0].name,
                    )
                )

    # ------------------------------------------------------------------ CRUD

    def _coaching_check_create(self, vals_list):
        for vals in vals_list:
            self._check_selection_values(vals)
            self._check_progress_value(vals)
            if not self.env.su and vals.get("employee_id"):
                self.env.user._coaching_check_manages(self.env["hr.employee"].browse(vals["employee_id"]))
            if vals.get("state") == "achieved":
                vals.setdefault("date_achieved", fields.Date.context_today(self))

    def _coaching_check_write(self, vals):
        self._check_selection_values(vals)
        self._check_progress_value(vals)
        if not self.env.su:
            coach_side = self._coaching_coach_side()
            if (self - coach_side) and vals.keys() - self.EMPLOYEE_WRITABLE_FIELDS:
                raise AccessError(self.env._("You can only update the progress of your own goals."))
            # A goal given to another employee must stay in the user's scope: the guard checks it after the write.
        if "state" in vals:
            vals["date_achieved"] = fields.Date.context_today(self) if vals["state"] == "achieved" else False

    def _check_progress_value(self, vals):
        progress = vals.get("progress")
        if progress not in (None, False) and not 0 <= progress <= 100:
            # Checked before the database sees it: a huge number would not fit its column.
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    def _coaching_coach_side(self):
        if self.env.su:
            return self
        managed = self.env.user._coaching_manages(self.employee_id)
        return self.filtered(lambda goal: goal.employee_id in managed)

    # ------------------------------------------------------------------ actions

    def action_achieve(self):
        self._coaching_set_state("achieved", self.env._("Only an active goal can be marked achieved."))
        return True

    def action_drop(self):
        self._coaching_set_state("dropped", self.env._("Only an active goal can be dropped."))
        return True

    def action_reopen(self):
        if any(goal.state == "active" for goal in self):
            raise UserError(self.env._("The goal is already active."))
        with internal_write():
            self.write({"state": "active"})
        return True

    def _coaching_set_state(self, state, refusal):
        if any(goal.state != "active" for goal in self):
            raise UserError(refusal)
        with internal_write():
            self.write({"state": state, **({"progress": 100} if state == "achieved" else {})})

    def _coaching_achieve(self, reason):
        """Mark these goals achieved with ``reason`` in their chatter: the entry point for other modules, e.g. a
        skill level reached. Runs whoever triggered it; the goals are the employee's."""
        goals = self.filtered(lambda goal: goal.state == "active")
        if goals:
            # sudo: the fact that proves the goal may be recorded by someone outside the coach side.
            goals.sudo().write({"state": "achieved", "progress": 100})
            for goal in goals:
                goal.sudo().message_post(body=reason, subtype_xmlid="mail.mt_note")
        return goals
