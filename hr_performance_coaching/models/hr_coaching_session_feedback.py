from odoo import api, fields, models


# One file per concern: hr_coaching_session.py is being split, the talk gains its parts in their own files.
class HrCoachingSession(models.Model):
    """The feedback given since the last talk, in the planned talk's Reality (issue 26, item 4)."""

    _inherit = "hr.coaching.session"  # pylint: disable=consider-merging-classes-inherited

    since_last_talk_feedback = fields.Html(
        string="Feedback Since the Last Talk",
        compute="_compute_since_last_talk_feedback",
        sanitize=False,
        help="The feedback shared with the coach since the last talk, for the coach side of a planned talk.",
    )

    @api.depends("employee_id", "state", "previous_date")
    @api.depends_context("uid")
    def _compute_since_last_talk_feedback(self):
        sessions = self.filtered(lambda session: session.state == "planned" and session.employee_id)
        coached = sessions._coaching_coach_side()
        # As the reader: the record rules give the coach side what its side wrote and what was shared with it.
        feedbacks = self.env["hr.coaching.feedback"].search(
            [
                ("employee_id", "in", coached.employee_id.ids),
                "|",
                ("share_with_coach", "=", True),
                ("author_side", "=", "coach"),
            ],
            order="date desc, id desc",
        )
        for session in self:
            since = session.previous_date and session.previous_date.date()
            mine = feedbacks.filtered(
                lambda feedback, session=session, since=since: session in coached
                and feedback.employee_id == session.employee_id
                and (not since or feedback.date >= since)
            )
            session.since_last_talk_feedback = mine._coaching_as_list_html()
