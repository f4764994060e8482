from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import AccessError, ValidationError


class HrCoachingGoalTemplate(models.Model):
    """A goal of the company's library: a name, what achieving it looks like, its sub-goals and how long it usually
    takes. Managers save a goal as a template and create goals from one; everyone of the company reads them."""

    _name = "hr.coaching.goal.template"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Goal Template"
    _order = "name, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    description = fields.Html(help="What achieving it looks like.")
    target = fields.Char(help="What counts as done: a number, a date, a result.")
    duration_months = fields.Integer(
        string="Usual Duration (months)", help="Sets the target date of a goal created from the template."
    )
    line_ids = fields.One2many("hr.coaching.goal.template.line", "template_id", string="Sub-goals", copy=True)

    _sql_constraints = [
        ("duration_positive", "CHECK (duration_months >= 0)", "The usual duration cannot be negative."),
    ]

    def _coaching_check_create(self, vals_list):
        self._coaching_check_library()
        for vals in vals_list:
            if (vals.get("duration_months") or 0) < 0:
                raise ValidationError(self.env._("The usual duration cannot be negative."))

    def _coaching_check_write(self, vals):
        self._coaching_check_library()
        if (vals.get("duration_months") or 0) < 0:
            raise ValidationError(self.env._("The usual duration cannot be negative."))

    def unlink(self):
        self._coaching_check_library()
        return super().unlink()

    def _coaching_check_library(self):
        """The library is kept by those who coach (managers, coaches) and the coaching officers."""
        if not self.env.su and not self.env.user._coaching_plans_talks():
            raise AccessError(self.env._("Only managers, coaches and the coaching officers keep the goal library."))

    def _coaching_goal_values(self, date_start=None):
        """The values of a goal made from this template (hook: the skills bridge adds the skill level)."""
        self.ensure_one()
        start = date_start or fields.Date.context_today(self)
        return {
            "name": self.name,
            "description": self.description,
            "target": self.target,
            "date_target": start + relativedelta(months=self.duration_months) if self.duration_months else False,
        }

    def _coaching_create_goal(self, values):
        """Create, as the user, the goal of this template with ``values`` (its employee or team, the goal it is
        aligned to, its target date), with the template's sub-goals aligned to it. The goals' rules apply."""
        self.ensure_one()
        values = {**self._coaching_goal_values(), **{key: value for key, value in values.items() if value}}
        goal = self.env["hr.coaching.goal"].create(values)
        if self.line_ids:
            self.env["hr.coaching.goal"].create(
                [
                    {
                        "name": line.name,
                        "weight": line.weight,
                        "goal_type": goal.goal_type,
                        "employee_id": goal.employee_id.id,
                        "department_id": goal.department_id.id if goal.goal_type == "team" else False,
                        "parent_id": goal.id,
                        "date_target": goal.date_target,
                    }
                    for line in self.line_ids
                ]
            )
        return goal

    def action_coaching_create_goal(self):
        """Create from Template: the wizard that asks for whom, aligned to what, and when."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Create from Template"),
            "res_model": "hr.coaching.goal.template.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_template_id": self.id},
        }
