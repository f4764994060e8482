from collections import defaultdict

from odoo import api, models


class HrEmployeeSkill(models.Model):
    """A skill level set in the employee form, by an import or by any module proves the goals that target it."""

    _inherit = "hr.employee.skill"

    @api.model_create_multi
    def create(self, vals_list):
        employee_skills = super().create(vals_list)
        employee_skills._coaching_achieve_goals()
        return employee_skills

    def write(self, vals):
        res = super().write(vals)
        if vals.keys() & {"employee_id", "skill_id", "skill_level_id"}:
            self._coaching_achieve_goals()
        return res

    def _coaching_achieve_goals(self):
        """Achieve the active goals of these employees that target these skills at a level now reached: one search
        for the whole batch."""
        if not self:
            return
        # sudo: whoever sets the level (HR, the employee, an import) proves the goal without reading it.
        goals = (
            self.env["hr.coaching.goal"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    ("employee_id", "in", self.employee_id.ids),
                    ("skill_id", "in", self.skill_id.ids),
                ]
            )
        )
        line_by_key = {(line.employee_id.id, line.skill_id.id): line for line in self}
        goals_by_line = defaultdict(lambda: goals.browse())
        for goal in goals:
            line = line_by_key.get((goal.employee_id.id, goal.skill_id.id))
            if line and goal.skill_level_id.level_progress <= line.skill_level_id.level_progress:
                goals_by_line[line] |= goal
        for line, reached in goals_by_line.items():
            reached._coaching_achieve(
                self.env._(
                    "Skill reached: %(skill)s, %(level)s", skill=line.skill_id.name, level=line.skill_level_id.name
                )
            )
