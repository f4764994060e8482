from odoo import fields, models
from odoo.exceptions import UserError


class HrCoachingCloseWizard(models.TransientModel):
    """The coach closes a talk before its planned time: it was held earlier, and is dated when it was held."""

    _name = "hr.coaching.close.wizard"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Close a Coaching Talk Held Early"

    session_id = fields.Many2one("hr.coaching.session", string="Talk", required=True, readonly=True)
    planned_on = fields.Datetime(related="session_id.date_scheduled", string="Planned for")
    held_on = fields.Datetime(
        string="Held on",
        required=True,
        default=fields.Datetime.now,
        help="When the talk took place: it is dated then, and so is its meeting.",
    )

    def action_confirm(self):
        self.ensure_one()
        if self.held_on > fields.Datetime.now():
            raise UserError(
                self.env._("A talk cannot have been held in the future: keep its planned date, or close it later.")
            )
        # With the user's own rights: the talk's rules decide who dates and closes it.
        session = self.session_id
        session._coaching_check_closable()
        session.date_scheduled = self.held_on
        session.action_done()
        return {"type": "ir.actions.act_window_close"}
