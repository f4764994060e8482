from odoo import api, fields, models
from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import check_numbers
from odoo.exceptions import ValidationError

# A leave longer than ten years is no leave: the bound keeps the number within its column.
NUMBER_LIMITS = {"coaching_leave_min_days": 3660}


class ResCompany(models.Model):
    _inherit = "res.company"

    coaching_leave_min_days = fields.Integer(
        string="Long Leave",
        default=14,
        help="A validated leave of at least this many calendar days raises a coaching signal on the employee's "
        "first working day back.",
    )

    @api.constrains("coaching_leave_min_days")
    def _check_coaching_leave_min_days(self):
        if short := self.filtered(lambda company: company.coaching_leave_min_days < 1):
            raise ValidationError(
                self.env._(
                    "A long leave of %(company)s lasts at least 1 calendar day, not %(days)s.",
                    company=short[0].name,
                    days=short[0].coaching_leave_min_days,
                )
            )

    def write(self, vals):
        check_numbers(self, vals, NUMBER_LIMITS)
        return super().write(vals)
