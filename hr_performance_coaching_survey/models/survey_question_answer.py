from odoo import fields, models


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    coaching_sign = fields.Boolean(
        string="Signs the Feedback",
        help="In a coaching feedback survey, the respondent who picks this choice shows their name with their "
        "answers. Without it, the coach reads the answers without names.",
    )
