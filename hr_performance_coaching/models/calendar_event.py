from odoo import models
from odoo.exceptions import UserError

# What moves a meeting in the calendar, by drag and drop or in its form.
MOVES = {"start", "stop", "start_date", "stop_date", "allday", "duration"}


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def write(self, vals):
        talks = self.browse() if self.env.su or not MOVES & vals.keys() else self._coaching_talks()
        if talks:
            # Access first: the talk's date is its coach's side's; its employee asks for another time.
            readable = talks.with_env(self.env).search([("id", "in", talks.ids)])
            if refused := talks - readable._coaching_coach_side():
                raise UserError(
                    self.env._(
                        "Ask %(coach)s to move your coaching talk: its meeting follows the talk.",
                        coach=refused[0].coach_id.name,
                    )
                )
        result = super().write(vals)
        if MOVES & vals.keys():
            # The talk follows its meeting, moved by its coach's side in the calendar: My Coaching, the
            # reminders and the cadence read the talk's date.
            for talk in talks or self._coaching_talks():
                meeting = talk.calendar_event_id
                if talk.date_scheduled != meeting.start and not meeting.allday:
                    talk.with_env(self.env).write(
                        {"date_scheduled": meeting.start, "duration": min(max(meeting.duration, 0.25), 24.0)}
                    )
        return result

    def _coaching_talks(self):
        """The planned talks that booked these meetings, as superuser: who may move them is checked by the caller."""
        return (
            self.env["hr.coaching.session"]
            .sudo()
            .search(
                [
                    ("calendar_event_id", "in", self.ids),
                    ("state", "=", "planned"),
                ]
            )
        )
