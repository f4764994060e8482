from odoo import api, fields, models


class HrCoachingHome(models.TransientModel):
    """My Coaching: the weekly check-in, when her company has them."""

    _inherit = "hr.coaching.home"

    checkin_enabled = fields.Boolean(compute="_compute_checkin", string="Weekly Check-ins")
    checkin_state = fields.Selection(
        [("missing", "To Start"), ("draft", "To Fill"), ("done", "Sent")],
        compute="_compute_checkin",
        string="This Week's Check-in",
    )

    @api.depends_context("uid")
    def _compute_checkin(self):
        employee = self.env.user.employee_id
        checkin = self.env["hr.coaching.checkin"]._coaching_week_checkin(employee) if employee else False
        for home in self:
            home.checkin_enabled = bool(employee.company_id.coaching_checkin)
            home.checkin_state = checkin.state if checkin else "missing"

    def action_open_checkin(self):
        return self.env["hr.coaching.checkin"].action_open_mine()
