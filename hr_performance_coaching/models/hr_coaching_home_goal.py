from odoo import api, fields, models


class HrCoachingHome(models.TransientModel):
    """My Coaching shows the employee's goals with where each leads (issue 25, item 1): the alignment path is computed
    from her own goals, so she reads the goals above them by name and progress only."""

    _inherit = "hr.coaching.home"  # pylint: disable=consider-merging-classes-inherited

    goal_ids = fields.Many2many("hr.coaching.goal", compute="_compute_goal_ids", string="My Goals")

    @api.depends_context("uid")
    def _compute_goal_ids(self):
        # As the user: the goals' rules give her own goals only.
        goals = self.env["hr.coaching.goal"].search(
            [
                ("goal_type", "=", "personal"),
                ("employee_id", "=", self.env.user.employee_id.id),
                ("state", "in", ("active", "proposed")),
            ]
        )
        for home in self:
            home.goal_ids = goals
