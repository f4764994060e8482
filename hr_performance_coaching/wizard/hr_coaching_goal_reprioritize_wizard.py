from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..models.hr_coaching_goal import GOAL_PRIORITIES
from ..models.hr_coaching_mixin_tools import internal_write

# The goal's fields a re-prioritisation changes.
REPRIORITIZED_FIELDS = ("priority", "date_target", "weight", "target")


class HrCoachingGoalReprioritizeWizard(models.TransientModel):
    """In a talk, the coach side and the employee agree new priorities for one of her goals: its priority, target
    date, weight or target, or they drop it; the change is tracked on the goal with the talk and the reason."""

    _name = "hr.coaching.goal.reprioritize.wizard"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Re-prioritise a Goal in a Talk"

    session_id = fields.Many2one("hr.coaching.session", string="Talk", required=True, readonly=True)
    goal_id = fields.Many2one("hr.coaching.goal", required=True, readonly=True)
    priority = fields.Selection(GOAL_PRIORITIES)
    date_target = fields.Date(string="Target Date")
    weight = fields.Float(digits=(16, 1), help="How much the goal counts in the progress of the goal above it.")
    target = fields.Char(help="What counts as done: a number, a date, a result.")
    drop = fields.Boolean(string="Drop the Goal", help="The goal no longer matters: it is dropped.")
    reason = fields.Text(required=True, help="Why the priorities change: written in the goal's thread.")

    def action_confirm(self):
        self.ensure_one()
        session, goal = self.session_id, self.goal_id
        if not session._is_coach_side():
            raise AccessError(self.env._("Only the coach's side of the talk re-prioritises its goals."))
        if goal not in session.goal_ids:
            raise UserError(
                self.env._(
                    "“%(goal)s” is not discussed in this talk: pick it in the talk's Goal section first.",
                    goal=goal.name,
                )
            )
        changes = {fname: self[fname] for fname in REPRIORITIZED_FIELDS if self[fname] != goal[fname]}
        if self.weight < 0:
            raise UserError(self.env._("The weight of a goal cannot be negative."))
        if not changes and not self.drop:
            raise UserError(
                self.env._("Nothing changes: set a new priority, date, weight or target, or drop the goal.")
            )
        # With the user's own rights: the goal's rules decide who changes it.
        if changes:
            goal.write(changes)
        if self.drop:
            goal.action_drop()
        with internal_write():
            goal.write({"agreed_session_id": session.id})
        goal.message_post(
            body=self.env._(
                "Re-prioritised in the talk “%(talk)s”: %(reason)s", talk=session.display_name, reason=self.reason
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
