from odoo import fields, models


class HrCoachingRequestWizard(models.TransientModel):
    """An employee asks for a talk with their coach, for themselves."""

    _name = "hr.coaching.request.wizard"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Ask for a Coaching Talk"

    reason = fields.Text(required=True, help="What you would like to talk about: your coach reads it.")

    def action_confirm(self):
        self.ensure_one()
        self.env["hr.coaching.signal"]._coaching_request_talk(self.reason)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Your coach has been told that you would like a talk."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
