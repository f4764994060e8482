import contextvars
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models

from .hr_coaching_mixin_tools import format_when, internal_write

# Set while the cadence cron plans talks by itself (a Python context variable: no request can set it).
_QUIET_PLANNING = contextvars.ContextVar("hr_performance_coaching_quiet_planning", default=False)
# A new talk starts at this hour of the coach's day, unless the coach's working calendar says otherwise.
DEFAULT_HOUR = time(10, 0)
# How far the planning looks for a working day in the coach's calendar.
CALENDAR_LOOKAHEAD_DAYS = 14


class HrCoachingSessionCalendar(models.AbstractModel):
    """When a talk takes place: its time in the coach's day and calendar, and its meeting. The talk's own part,
    kept apart from the talk's content and rules (``hr.coaching.session`` inherits it)."""

    _name = "hr.coaching.session.calendar"
    _description = "Coaching Talk: Time and Meeting"

    @api.model
    def _coaching_plan_due(self, due, today):
        """The planned talk of each due employee of ``due`` [(employee, rule, due date)]: the first one planned,
        or a routine talk planned here on the due date with the employee's coach.

        Returns {employee id: session}.
        """
        employees = self.env["hr.employee"].browse([employee.id for employee, _rule, _date in due])
        planned = {}
        for session in self.search_fetch(
            [("employee_id", "in", employees.ids), ("state", "=", "planned")],
            ["employee_id", "coach_id"],
            order="date_scheduled, id",
        ):
            planned.setdefault(session.employee_id.id, session)
        default_template = self.env["hr.coaching.template"]._find_for_trigger("routine")
        calendars = {}
        new_vals = [
            {
                "employee_id": employee.id,
                "coach_id": coach.id,
                "date_scheduled": self._coaching_default_time(
                    employee, coach, today, day=max(due_date, today), cache=calendars
                ),
                "trigger_type": "routine",
                "template_id": (rule.template_id or default_template).id,
            }
            for employee, rule, due_date in due
            if employee.id not in planned and (coach := employee._coaching_coach())
        ]
        if new_vals:
            # Planned by the cadence, not yet by the coach: no meeting, no invitation until the coach sets the time.
            token = _QUIET_PLANNING.set(True)
            try:
                sessions = self.with_context(tracking_disable=True, mail_create_nosubscribe=True).create(new_vals)
            finally:
                _QUIET_PLANNING.reset(token)
            planned.update({session.employee_id.id: session for session in sessions})
        return planned

    @api.model
    def _coaching_tz(self, coach):
        tz_name = coach.tz or coach.user_id.tz or self.env.user.tz or "UTC"
        try:
            return pytz.timezone(tz_name)
        except pytz.UnknownTimeZoneError:
            return pytz.utc

    @api.model
    def _coaching_local_time(self, moment, coach):
        """``moment`` (naive UTC) in the coach's time zone."""
        return pytz.utc.localize(moment).astimezone(self._coaching_tz(coach))

    @api.model
    def _coaching_default_time(self, employee, coach, today, day=None, at=DEFAULT_HOUR, cache=None):
        """When a new talk of ``employee`` with ``coach`` should take place, as a naive UTC datetime.

        The day: ``day``, else the employee's due date if it is still ahead, else the next day. The time: ``at``
        in the coach's time zone. Both are clamped to the coach's working calendar: the first working day from
        there, at ``at`` if the coach works then, otherwise when the coach's day starts. ``cache`` (a dict) lets a
        batch share the calendar's intervals.
        """
        if day is None:
            # sudo: the due date is the cadence's bookkeeping, read whatever the planner may read of hr.employee.
            due = employee.sudo().coaching_due_date
            day = due if due and due > today else today + timedelta(days=1)
        tz = self._coaching_tz(coach)
        target = tz.localize(datetime.combine(day, at))
        calendar = coach.resource_calendar_id or coach.company_id.resource_calendar_id
        if not calendar:
            return target.astimezone(pytz.utc).replace(tzinfo=None)
        key = (calendar.id, tz.zone, day)
        if cache is None or key not in cache:
            start = tz.localize(datetime.combine(day, time.min))
            intervals = calendar._work_intervals_batch(start, start + timedelta(days=CALENDAR_LOOKAHEAD_DAYS), tz=tz)[
                False
            ]
            by_day = defaultdict(list)
            for begin, end, _attendance in intervals:
                by_day[begin.date()].append((begin, end))
            found = min(by_day.items(), default=None)
            if cache is not None:
                cache[key] = found
        else:
            found = cache[key]
        if not found:
            return target.astimezone(pytz.utc).replace(tzinfo=None)
        work_day, periods = found
        wanted = tz.localize(datetime.combine(work_day, at))
        moment = next(
            (wanted for begin, end in periods if begin <= wanted < end),
            next((begin for begin, _end in periods if begin >= wanted), periods[0][0]),
        )
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    def _coaching_create_meetings(self):
        """A calendar meeting for coach and employee, when the company asks for it."""
        vals_list, sessions = [], []
        for session in self:
            if session.state != "planned" or not session.company_id.coaching_calendar_event:
                continue
            partners = (session.coach_id.user_id.partner_id | session.employee_id.user_id.partner_id) or (
                session.coach_id.work_contact_id | session.employee_id.work_contact_id
            )
            vals_list.append(
                {
                    "name": session._coaching_meeting_name(),
                    "start": session.date_scheduled,
                    "stop": session.date_scheduled + timedelta(hours=session.duration or 1.0),
                    "user_id": session.coach_id.user_id.id or self.env.user.id,
                    "partner_ids": [Command.set(partners.ids)],
                    # Who is coached, by whom and when is for the two of them: others see a busy slot.
                    "privacy": "private",
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": session.id,
                }
            )
            sessions.append(session)
        if vals_list:
            # Planning the talk books the coach's and the employee's time; their calendars are not the user's own.
            # The employee's invitation carries the meeting: no second e-mail from the calendar.
            events = (
                self.env["calendar.event"]
                .sudo()
                .with_context(mail_create_nosubscribe=True, no_mail_to_attendees=True)
                .create(vals_list)
            )
            with internal_write():
                for session, event in zip(sessions, events, strict=True):
                    session.calendar_event_id = event

    @api.model
    def _coaching_next_planned(self, employees):
        """A function giving the first talk planned for an employee at or after a moment, with one search for all
        of ``employees``: ``next_talk(employee, moment)``, an empty recordset when none is planned.

        As superuser: what comes next is the employee's, whatever the current user may read.
        """
        planned = self.sudo().search(
            [("employee_id", "in", employees.ids), ("state", "=", "planned")], order="date_scheduled, id"
        )
        by_employee = defaultdict(list)
        for session in planned:
            by_employee[session.employee_id.id].append(session)

        def next_talk(employee, moment):
            return next((s for s in by_employee[employee.id] if s.date_scheduled >= moment), self.sudo().browse())

        return next_talk

    def _coaching_book(self):
        """Book the talk: the meeting in both calendars (when the company wants it) and the employee's invitation."""
        self._coaching_create_meetings()
        self._coaching_invite()
        # sudo: booking is part of planning, whoever plans; the flag is the addon's own bookkeeping.
        self.sudo().write({"coaching_booked": True})
        # sudo: a booked talk answers the employee's requests and the neglect signals, whoever books it.
        self.env["hr.coaching.signal"].sudo()._coaching_answer_requests(self)

    def _coaching_own_meetings(self):
        """The meetings these talks booked themselves, as superuser: the attendees' calendars are not the user's."""
        return (
            self.sudo()
            .with_context(active_test=False)
            .calendar_event_id.filtered(lambda event: event.res_model == self._name and event.res_id in self.ids)
        )

    def _coaching_move_meetings(self):
        """Keep each planned talk's meeting at the talk's time, named after its date (a talk closed early moves its
        meeting to when it was held, just before it closes). Calendar tells the attendees of a new time, once."""
        for session in self.filtered(lambda session: session.state == "planned"):
            meeting = session._coaching_own_meetings()
            if not meeting:
                continue
            wanted = {
                "name": session._coaching_meeting_name(),
                "start": session.date_scheduled,
                "stop": session.date_scheduled + timedelta(hours=session.duration or 1.0),
            }
            if changed := {fname: value for fname, value in wanted.items() if meeting[fname] != value}:
                meeting.write(changed)

    def write(self, vals):
        coaches = {session.id: session.coach_id for session in self} if "coach_id" in vals else {}
        result = super().write(vals)
        if coaches:
            self._coaching_hand_meetings(coaches)
        return result

    def _coaching_hand_meetings(self, coaches):
        """Hand each talk's meeting to its coach when he changed: the new coach organises it and attends instead of
        ``coaches[talk id]``, the former one; the employee stays invited. The same meeting: nothing is booked twice."""
        for session in self:
            former = coaches.get(session.id)
            meeting = session._coaching_own_meetings()
            if not meeting or not former or former == session.coach_id:
                continue
            coach = session.coach_id
            # The partners the booking invited for a coach: his user's, else his work contact.
            leaving = (former.user_id.partner_id | former.work_contact_id) - session._coaching_employee_partner()
            joining = coach.user_id.partner_id or coach.work_contact_id
            vals = {"partner_ids": [Command.unlink(partner.id) for partner in leaving - joining]}
            if joining:
                vals["partner_ids"].append(Command.link(joining.id))
            # As when the talk was booked: its coach organises it, else whoever hands it to him.
            vals["user_id"] = coach.user_id.id or self.env.user.id
            if session.state == "planned":
                vals["name"] = session._coaching_meeting_name()
            # _coaching_own_meetings is superuser: the coaches' calendars are not the user's own.
            meeting.write(vals)

    def _coaching_meeting_name(self):
        """The meeting's title: the talk's name in its coach's language, which says its date."""
        self.ensure_one()
        return self.with_context(lang=self.coach_id.user_id.lang or self.env.lang).display_name

    def _coaching_rhythm_date(self):
        """The first date of this talk's rhythm still ahead: every ``recurrence_weeks`` weeks after it, on the same
        weekday at the same time of the coach's day (across daylight saving changes)."""
        self.ensure_one()
        tz = self._coaching_tz(self.coach_id)
        local = self._coaching_local_time(self.date_scheduled, self.coach_id).replace(tzinfo=None)
        now = fields.Datetime.now()
        while True:
            local += timedelta(weeks=self.recurrence_weeks)
            moment = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            if moment > now:
                return moment

    def _coaching_when(self, tz_name=None):
        """The talk's date and time for a message, in the reader's language (the context's) and ``tz_name``: the
        date as the language writes it, the time without seconds (“Mar 10, 2026, 9:00 AM”, “2026年3月10日 09:00”)."""
        self.ensure_one()
        return format_when(self.env, self.date_scheduled, tz_name)
