from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

# Without a talk before, the panel shows the check-ins of these last weeks.
SINCE_WEEKS = 4


class HrCoachingSession(models.Model):
    """*Since the last talk* in the planned talk's Reality: the employee's check-ins since then, their trend and
    her blockers, each with its link, read with the reader's own rights (the coach side reads the sent ones)."""

    # A file of its own, not the talk's 844 lines (issue 26): pylint would have it merged there.
    _inherit = "hr.coaching.session"  # pylint: disable=consider-merging-classes-inherited

    since_last_talk_checkin_ids = fields.Many2many(
        "hr.coaching.checkin",
        compute="_compute_since_last_talk_checkins",
        string="Check-ins Since the Last Talk",
    )
    since_last_talk_checkins = fields.Html(
        compute="_compute_since_last_talk_checkins",
        string="Check-in Trend Since the Last Talk",
        sanitize=False,
    )

    @api.depends("employee_id", "date_scheduled", "state")
    @api.depends_context("uid", "lang")
    def _compute_since_last_talk_checkins(self):
        planned = self.filtered(lambda session: session.state == "planned" and session.employee_id)
        Checkin = self.env["hr.coaching.checkin"]
        checkins = Checkin.search_fetch(
            [("employee_id", "in", planned.employee_id.ids), ("state", "=", "done")],
            ["employee_id", "date", "workload", "feeling", "blocker", "request"],
            order="date, id",
        )
        for session in self:
            if session not in planned:
                session.since_last_talk_checkin_ids = Checkin
                session.since_last_talk_checkins = False
                continue
            start = (
                session.previous_date.date()
                if session.previous_date
                else fields.Date.context_today(self) - timedelta(weeks=SINCE_WEEKS)
            )
            mine = checkins.filtered(
                lambda checkin, session=session, start=start: checkin.employee_id == session.employee_id
                and checkin.date > start
            )
            session.since_last_talk_checkin_ids = mine
            session.since_last_talk_checkins = session._coaching_checkin_panel(mine) if mine else False

    def _coaching_checkin_panel(self, checkins):
        """The trend of ``checkins`` (workload and feeling per week) and the blockers and requests, with links."""
        workload = " → ".join(checkin.workload or "-" for checkin in checkins)
        feeling = " → ".join(checkin.feeling or "-" for checkin in checkins)
        rows = Markup("").join(
            Markup('<li><a href="/odoo/hr.coaching.checkin/%s">%s</a>%s%s</li>')
            % (
                checkin.id,
                checkin.display_name,
                Markup(" · ") + self.env._("Blocker: %(text)s", text=checkin.blocker) if checkin.blocker else "",
                Markup(" · ") + self.env._("Request: %(text)s", text=checkin.request) if checkin.request else "",
            )
            for checkin in checkins
        )
        return Markup("<p><strong>%s</strong> %s</p><p><strong>%s</strong> %s</p><ul>%s</ul>") % (
            self.env._("Workload (1: overloaded, 5: light):"),
            workload,
            self.env._("Feeling (1: very low, 5: great):"),
            feeling,
            rows,
        )
