from odoo import fields, models
from odoo.exceptions import ValidationError


class HrCoachingGoalTemplateLine(models.Model):
    """A sub-goal of a goal template: created, aligned to the goal, with the goal."""

    _name = "hr.coaching.goal.template.line"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Goal Template Sub-goal"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("hr.coaching.goal.template", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Sub-goal", required=True)
    weight = fields.Float(default=1.0, digits=(16, 1), help="How much it counts in the goal's progress.")
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)

    def _coaching_check_create(self, vals_list):
        self.env["hr.coaching.goal.template"]._coaching_check_library()
        for vals in vals_list:
            self._coaching_check_weight(vals)

    def _coaching_check_write(self, vals):
        self.env["hr.coaching.goal.template"]._coaching_check_library()
        self._coaching_check_weight(vals)

    def unlink(self):
        self.env["hr.coaching.goal.template"]._coaching_check_library()
        return super().unlink()

    def _coaching_check_weight(self, vals):
        if (vals.get("weight") or 0) < 0:
            raise ValidationError(self.env._("The weight of a goal cannot be negative."))
