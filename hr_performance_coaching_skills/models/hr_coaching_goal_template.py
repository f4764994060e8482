from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrCoachingGoalTemplate(models.Model):
    """A goal of the library may expect a skill level: the goals created from it target that level."""

    _inherit = "hr.coaching.goal.template"

    skill_type_id = fields.Many2one(
        "hr.skill.type",
        compute="_compute_skill_type_id",
        store=True,
        readonly=False,
        help="Narrows the choice of the skill; set from the skill when it is chosen.",
    )
    skill_id = fields.Many2one("hr.skill", string="Expected Skill", domain="[('skill_type_id', '=?', skill_type_id)]")
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Expected Level",
        domain="[('skill_type_id', '=', skill_type_id)]",
        help="The goals created from the template are achieved when the employee reaches this level.",
    )

    @api.depends("skill_id")
    def _compute_skill_type_id(self):
        for template in self:
            template.skill_type_id = template.skill_id.skill_type_id or template.skill_type_id

    @api.constrains("skill_id", "skill_level_id")
    def _check_skill_level(self):
        for template in self:
            if bool(template.skill_id) != bool(template.skill_level_id):
                raise ValidationError(
                    self.env._(
                        "The template “%(template)s” expects a skill level: choose both the skill and the level.",
                        template=template.name,
                    )
                )
            if template.skill_id and template.skill_level_id not in template.skill_id.skill_type_id.skill_level_ids:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s is not a level of the skill %(skill)s.",
                        level=template.skill_level_id.name,
                        skill=template.skill_id.name,
                    )
                )

    def _coaching_goal_values(self, date_start=None):
        values = super()._coaching_goal_values(date_start=date_start)
        if self.skill_id:
            values.update(skill_id=self.skill_id.id, skill_level_id=self.skill_level_id.id)
        return values
