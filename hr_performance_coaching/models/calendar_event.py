from odoo import models
from odoo.exceptions import UserError

# What moves a meeting in the calendar, by drag and drop or in its form.
MOVES = {"start", "stop", "start_date", "stop_date", "allday", "duration"}


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def write(self, vals):
        # One search: every write of a user is checked; a superuser's only when it moves a meeting.
        moved = bool(MOVES & vals.keys())
        talks = self._coaching_talks() if moved or not self.env.su else self.env["hr.coaching.session"]
        if not self.env.su and talks:
            # Access first: who may not write the meeting learns nothing of the talk behind it.
            self.check_access("write")
            # A talk's meeting is its coach side's (its time, title, attendees, link to the talk); its employee
            # answers the invitation (her attendee's status) and asks her coach for another time.
            readable = talks.with_env(self.env).search([("id", "in", talks.ids)])
            if refused := talks - readable._coaching_coach_side():
                raise UserError(
                    self.env._(
                        "Ask %(coach)s to move or change your coaching talk: its meeting follows the talk.",
                        coach=refused[0].coach_id.name,
                    )
                )
        result = super().write(vals)
        if moved:
            # The talk follows its meeting, moved by its coach's side in the calendar: My Coaching, the
            # reminders and the cadence read the talk's date.
            for talk in talks.filtered(lambda talk: talk.state == "planned"):
                meeting = talk.calendar_event_id
                if talk.date_scheduled != meeting.start and not meeting.allday:
                    talk.with_env(self.env).write(
                        {"date_scheduled": meeting.start, "duration": min(max(meeting.duration, 0.25), 24.0)}
                    )
        return result

    def _coaching_talks(self):
        """The talks that booked these meetings, as superuser: who may change them is checked by the caller."""
        return (
            self.env["hr.coaching.session"]
            .sudo()
            .with_context(active_test=False)
            .search([("calendar_event_id", "in", self.ids)])
        )
