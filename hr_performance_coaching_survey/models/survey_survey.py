from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    is_coaching_feedback = fields.Boolean(
        string="Coaching Feedback Template",
        help="Coaches can use this survey to ask colleagues for feedback before a coaching talk. Its answers are "
        "then linked to the talk and read only by the talk's coach side and the coaching officers.",
    )
