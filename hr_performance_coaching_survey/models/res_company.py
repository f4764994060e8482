from odoo import api, fields, models
from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import check_numbers
from odoo.exceptions import ValidationError

# Above this, no talk would ever show its feedback: refused in words before the database sees it.
MAX_MIN_ANSWERS = 1000


class ResCompany(models.Model):
    _inherit = "res.company"

    coaching_feedback_min_answers = fields.Integer(
        string="Minimum Feedback Answers",
        default=3,
        help="A talk shows the colleagues' feedback only when at least this many answered: with fewer, the coach "
        "could tell who wrote what.",
    )

    @api.constrains("coaching_feedback_min_answers")
    def _check_coaching_feedback_min_answers(self):
        for company in self:
            if not 1 <= company.coaching_feedback_min_answers <= MAX_MIN_ANSWERS:
                raise ValidationError(
                    self.env._(
                        "The feedback of a talk is shown from at least 1 and at most %(highest)s answers, not "
                        "%(count)s.",
                        highest=MAX_MIN_ANSWERS,
                        count=company.coaching_feedback_min_answers,
                    )
                )

    def write(self, vals):
        check_numbers(self, vals, {"coaching_feedback_min_answers": MAX_MIN_ANSWERS})
        return super().write(vals)
