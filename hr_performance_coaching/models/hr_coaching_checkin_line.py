from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .hr_coaching_mixin_tools import is_internal_write


class HrCoachingCheckinLine(models.Model):
    """One active goal in a weekly check-in, with the progress she gives it that week (prefilled with the goal's)."""

    _name = "hr.coaching.checkin.line"
    _description = "Weekly Check-in Goal"
    _inherit = ["hr.coaching.scope.mixin"]
    _order = "checkin_id, id"
    # The check-in makes its lines, of the employee's active goals.
    _coaching_internal_fields = frozenset({"checkin_id", "goal_id"})

    checkin_id = fields.Many2one(
        "hr.coaching.checkin", string="Check-in", required=True, index=True, ondelete="cascade"
    )
    goal_id = fields.Many2one("hr.coaching.goal", required=True, ondelete="cascade")
    progress = fields.Integer(string="Progress (%)", help="From 0 to 100.")
    employee_id = fields.Many2one(related="checkin_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="checkin_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("progress_range", "CHECK (progress BETWEEN 0 AND 100)", "Progress is a percentage from 0 to 100."),
    ]

    @api.constrains("progress")
    def _check_progress(self):
        if self.filtered(lambda line: not 0 <= line.progress <= 100):
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    def _coaching_check_create(self, vals_list):
        if not self.env.su and not is_internal_write():
            raise AccessError(self.env._("The goals of a check-in come with it: they cannot be added by hand."))

    def _coaching_check_write(self, vals):
        progress = vals.get("progress")
        if progress not in (None, False) and (not isinstance(progress, int) or not 0 <= progress <= 100):
            # Checked before the database sees it: a huge number would not fit its column.
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))
        if not self.env.su and not is_internal_write():
            # Access first (the record rules: her own check-in), then its week, as the check-in's own fields.
            self.check_access("write")
            self.checkin_id._coaching_check_write({})
