from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrCoachingGoal(models.Model):
    """A goal may target a skill level: reaching it in the employee's skills proves the goal."""

    _inherit = "hr.coaching.goal"

    skill_type_id = fields.Many2one(
        "hr.skill.type",
        compute="_compute_skill_type_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Narrows the choice of the skill; set from the skill when it is chosen.",
    )
    skill_id = fields.Many2one(
        "hr.skill",
        string="Target Skill",
        tracking=True,
        index="btree_not_null",
        domain="[('skill_type_id', '=?', skill_type_id)]",
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Target Level",
        compute="_compute_skill_level_id",
        store=True,
        readonly=False,
        tracking=True,
        domain="[('skill_type_id', '=', skill_type_id)]",
        help="The goal is achieved when the employee's level of the skill reaches this one (or a higher one).",
    )
    current_skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Current Level",
        compute="_compute_current_skill_level_id",
        help="The employee's level of the target skill today, as in their skills.",
    )

    @api.depends("skill_id")
    def _compute_skill_type_id(self):
        for goal in self:
            goal.skill_type_id = goal.skill_id.skill_type_id or goal.skill_type_id

    @api.depends("skill_type_id")
    def _compute_skill_level_id(self):
        for goal in self:
            # A level of another type is cleared when the type changes; a level of the same type is kept.
            if goal.skill_level_id.skill_type_id == goal.skill_type_id:
                goal.skill_level_id = goal.skill_level_id
            else:
                goal.skill_level_id = False

    @api.depends("employee_id", "skill_id")
    def _compute_current_skill_level_id(self):
        # hr_skills lets every internal user read every employee's skills ("Employee skill: employee: read all"),
        # so whoever reads the goal reads the level with their own rights: no sudo.
        targeted = self.filtered("skill_id")
        employee_skills = self.env["hr.employee.skill"].search(
            [("employee_id", "in", targeted.employee_id.ids), ("skill_id", "in", targeted.skill_id.ids)]
        )
        level_by_key = {(line.employee_id.id, line.skill_id.id): line.skill_level_id for line in employee_skills}
        for goal in self:
            goal.current_skill_level_id = level_by_key.get((goal.employee_id.id, goal.skill_id.id), False)

    @api.constrains("skill_type_id", "skill_id", "skill_level_id")
    def _check_skill_level(self):
        for goal in self:
            if not goal.skill_id and not goal.skill_level_id:
                continue
            if not goal.skill_id or not goal.skill_level_id:
                raise ValidationError(
                    self.env._(
                        "The goal “%(goal)s” targets a skill level: choose both the skill and the level.",
                        goal=goal.name,
                    )
                )
            skill_type = goal.skill_id.skill_type_id
            if goal.skill_type_id != skill_type or goal.skill_level_id not in skill_type.skill_level_ids:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s is not a level of the skill %(skill)s (%(type)s).",
                        level=goal.skill_level_id.name,
                        skill=goal.skill_id.name,
                        type=skill_type.name,
                    )
                )

    def _coaching_template_values(self):
        values = super()._coaching_template_values()
        if self.skill_id:
            values.update(skill_id=self.skill_id.id, skill_level_id=self.skill_level_id.id)
        return values
