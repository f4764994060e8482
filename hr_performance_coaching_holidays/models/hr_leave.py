from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import format_date

# A return older than this is no news to talk about: the first run after install leaves the history alone.
RETURN_LOOKBACK_DAYS = 30
# How far after a leave its employee's first working day back is looked for.
RETURN_SEARCH_DAYS = 31


class HrLeave(models.Model):
    _inherit = "hr.leave"

    coaching_return_signaled = fields.Boolean(
        string="Return Signalled",
        readonly=True,
        copy=False,
        # That a coaching signal was raised is not the employee's to read on her own leave.
        groups="hr_holidays.group_hr_holidays_user",
        help="The employee's return from this leave has raised a coaching signal: it is raised once per leave.",
    )

    @api.model
    def _cron_coaching_return_from_leave(self, batch_size=500, today=None):
        """Raise a ``return_from_leave`` key event for each long validated leave whose employee is back at work.

        Each leave raises it once: it is marked in the same transaction, and an edit afterwards changes nothing.
        Returns the number left for another run.
        """
        today = today or fields.Date.context_today(self)
        returns = self._coaching_returns(today)
        batch, rest = returns[:batch_size], returns[batch_size:]
        Signal = self.env["hr.coaching.signal"]
        for leave, day_back in batch:
            # sudo: the cron's user coaches nobody; the signal goes to the employee's coach.
            Signal.sudo()._coaching_log_key_event(
                leave.employee_id, "return_from_leave", note=leave._coaching_return_note(), date=day_back
            )
        self.browse([leave.id for leave, _day in batch]).write({"coaching_return_signaled": True})
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(rest))
        return len(rest)

    @api.model
    def _coaching_returns(self, today):
        """[(leave, first working day back)] of the long validated leaves not yet signalled whose employee is back
        at work on ``today`` or earlier, the earliest return first."""
        leaves = self.search(
            [
                ("state", "=", "validate"),
                ("coaching_return_signaled", "=", False),
                ("request_date_to", "<", today),
                ("request_date_to", ">=", today - timedelta(days=RETURN_LOOKBACK_DAYS)),
            ],
            order="request_date_to, id",
        )
        long_leaves = leaves.filtered(
            lambda leave: (leave.request_date_to - leave.request_date_from).days + 1
            >= leave.employee_id.company_id.coaching_leave_min_days
        )
        days_back = long_leaves._coaching_days_back()
        returns = [(leave, days_back[leave]) for leave in long_leaves if days_back[leave] and days_back[leave] <= today]
        return sorted(returns, key=lambda item: (item[1], item[0].id))

    def _coaching_days_back(self):
        """{leave: the first day after it on which its employee works}, by the employee's working schedule, their
        other leaves and the public holidays; False when none comes within ``RETURN_SEARCH_DAYS``. One query per
        working schedule, not per leave."""
        days_back = {}
        by_calendar = defaultdict(lambda: self.browse())
        for leave in self:
            by_calendar[leave.employee_id.resource_calendar_id] |= leave
        for calendar, leaves in by_calendar.items():
            if not calendar:
                # Flexible hours: no schedule says when they work, the day after the leave is the day back.
                days_back.update({leave: leave.request_date_to + timedelta(days=1) for leave in leaves})
                continue
            # A day's margin either side: the intervals are told in each employee's time zone.
            start = pytz.utc.localize(datetime.combine(min(leaves.mapped("request_date_to")), time.min))
            end = pytz.utc.localize(
                datetime.combine(max(leaves.mapped("request_date_to")) + timedelta(days=RETURN_SEARCH_DAYS), time.max)
            )
            intervals = calendar._work_intervals_batch(start, end, resources=leaves.employee_id.resource_id)
            for leave in leaves:
                work_days = sorted({begin.date() for begin, _end, _meta in intervals[leave.employee_id.resource_id.id]})
                days_back[leave] = next(
                    (
                        day
                        for day in work_days
                        if leave.request_date_to < day <= leave.request_date_to + timedelta(days=RETURN_SEARCH_DAYS)
                    ),
                    False,
                )
        return days_back

    def _coaching_return_note(self):
        """The dates of the leave, not its type: the note is stored and read by coaches whom Time Off may not show
        the type ("Sick Time Off"), docs/security.md."""
        self.ensure_one()
        return self.env._(
            "Back from leave, %(date_from)s to %(date_to)s.",
            date_from=format_date(self.env, self.request_date_from),
            date_to=format_date(self.env, self.request_date_to),
        )
