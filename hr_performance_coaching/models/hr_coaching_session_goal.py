from odoo import api, fields, models


class HrCoachingSession(models.Model):
    """The talk's Goal stage shows where each of its goals leads (issue 25, items 1 and 2): the goals with their
    alignment path and priority, and the coach side re-prioritises them from there."""

    # Its own file, as asked while hr_coaching_session.py is split (the talk's goals, issue 25).
    _inherit = "hr.coaching.session"  # pylint: disable=consider-merging-classes-inherited

    goal_alignment_ids = fields.Many2many(
        "hr.coaching.goal",
        compute="_compute_goal_alignment_ids",
        string="Goals and Their Alignment",
        help="The talk's goals, each with the goals above it.",
    )

    @api.depends("goal_ids")
    def _compute_goal_alignment_ids(self):
        for session in self:
            session.goal_alignment_ids = session.goal_ids
