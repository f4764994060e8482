from odoo import api, fields, models
from odoo.exceptions import AccessError


class SurveyInvite(models.TransientModel):
    """Odoo's survey invitation, sent for a coaching talk: each answer it creates is linked to the talk."""

    _inherit = "survey.invite"

    coaching_session_id = fields.Many2one(
        "hr.coaching.session",
        string="Coaching Talk",
        readonly=True,
        ondelete="cascade",
        help="The talk the invited colleagues give their feedback for; set by Ask for Feedback only.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # Only Ask for Feedback, as superuser after its own checks, invites colleagues for a talk.
        if not self.env.su and any(vals.get("coaching_session_id") for vals in vals_list):
            raise AccessError(self.env._("Feedback for a coaching talk is asked from the talk, with Ask for Feedback."))
        return super().create(vals_list)

    def _get_answers_values(self):
        values = super()._get_answers_values()
        if self.coaching_session_id:
            values["coaching_session_id"] = self.coaching_session_id.id
        return values
