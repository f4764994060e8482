from datetime import timedelta

from odoo import api, fields, models

# My Team shows the last check-ins of each employee as a small trend.
TREND_SHOWN = 4


class HrEmployeePublic(models.Model):
    """My Team: the last four check-ins of each employee as a small trend, read with the reader's own rights (the
    coach side reads the check-ins its employees sent; the others read none, and see nothing)."""

    _inherit = "hr.employee.public"

    coaching_checkin_trend = fields.Char(
        string="Check-in Trend",
        compute="_compute_coaching_checkin_trend",
        help="Workload and feeling of the last four check-ins, oldest first (1: overloaded or very low, 5: light or "
        "great).",
    )

    @api.depends_context("uid", "lang")
    def _compute_coaching_checkin_trend(self):
        # The last weeks only: a trend of four weeks needs no older check-in.
        since = fields.Date.context_today(self) - timedelta(weeks=2 * TREND_SHOWN)
        checkins = self.env["hr.coaching.checkin"].search_fetch(
            [("employee_id", "in", self.ids), ("state", "=", "done"), ("date", ">=", since)],
            ["employee_id", "workload", "feeling"],
            order="date desc, id desc",
        )
        by_employee = {}
        for checkin in checkins:
            last = by_employee.setdefault(checkin.employee_id.id, [])
            if len(last) < TREND_SHOWN:
                last.append(checkin)
        for employee in self:
            last = list(reversed(by_employee.get(employee.id, [])))
            employee.coaching_checkin_trend = (
                self.env._(
                    "Workload %(workload)s · Feeling %(feeling)s",
                    workload=" ".join(checkin.workload or "-" for checkin in last),
                    feeling=" ".join(checkin.feeling or "-" for checkin in last),
                )
                if last
                else False
            )
