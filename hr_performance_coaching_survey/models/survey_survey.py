from odoo import api, fields, models
from odoo.exceptions import UserError


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    is_coaching_feedback = fields.Boolean(
        string="Coaching Feedback Template",
        help="Coaches can use this survey to ask colleagues for feedback before a coaching talk. Its answers are "
        "then linked to the talk and read only by the talk's coach side and the coaching officers.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coaching_feedback(self):
        # Deleting the survey would delete, with its answers, the feedback of every talk that used it.
        # sudo: whether a talk used the survey is answered whatever answers the user may read.
        used = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group([("survey_id", "in", self.ids), ("coaching_session_id", "!=", False)], ["survey_id"])
        )
        if used:
            raise UserError(
                self.env._(
                    "%(survey)s holds the feedback of coaching talks: archive it instead of deleting it.",
                    survey=used[0][0].title,
                )
            )
