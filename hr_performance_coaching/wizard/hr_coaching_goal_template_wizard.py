from odoo import api, fields, models

from ..models.hr_coaching_goal import GOAL_TYPES


class HrCoachingGoalTemplateWizard(models.TransientModel):
    """Create from Template: a goal of the library for an employee or a team, with its sub-goals, due after the
    template's usual duration."""

    _name = "hr.coaching.goal.template.wizard"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Create a Goal from a Template"

    template_id = fields.Many2one("hr.coaching.goal.template", required=True)
    goal_type = fields.Selection(GOAL_TYPES, string="Level", required=True, default="personal")
    employee_id = fields.Many2one("hr.employee")
    department_id = fields.Many2one("hr.department", string="Team")
    parent_id = fields.Many2one("hr.coaching.goal", string="Aligned To")
    date_target = fields.Date(
        string="Target Date", compute="_compute_date_target", store=True, readonly=False, precompute=True
    )

    @api.depends("template_id")
    def _compute_date_target(self):
        for wizard in self:
            wizard.date_target = (
                wizard.template_id._coaching_goal_values()["date_target"] if wizard.template_id else False
            )

    def action_confirm(self):
        self.ensure_one()
        # As the user: the goals' rules decide who sets a goal for whom.
        goal = self.template_id._coaching_create_goal(
            {
                "goal_type": self.goal_type,
                "employee_id": self.employee_id.id if self.goal_type == "personal" else False,
                "department_id": self.department_id.id if self.goal_type == "team" else False,
                "parent_id": self.parent_id.id,
                "date_target": self.date_target,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.coaching.goal",
            "res_id": goal.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
