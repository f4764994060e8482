from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import format_date

from .hr_coaching_mixin_tools import PREP_REMINDER, RATING_REQUEST, internal_write

# A rating request not answered within this many days is withdrawn: nothing is recorded.
RATING_REQUEST_DAYS = 14

INVITATION = "hr_performance_coaching.mail_template_coaching_invitation"


class HrCoachingSessionMail(models.AbstractModel):
    """What the employee is told of her talk: the invitation, the reminder to prepare, the recap and the rating
    request. The talk's own part, kept apart from the talk's content and rules (``hr.coaching.session`` inherits
    it)."""

    _name = "hr.coaching.session.mail"
    _description = "Coaching Talk: Messages to the Employee"

    def _coaching_employee_partner(self):
        self.ensure_one()
        return self.employee_id.user_id.partner_id or self.employee_id.work_contact_id

    def _coaching_invite(self):
        """Make the employee a follower of her planned talk and tell her, in her language, when it is and how to
        prepare: one message, with the meeting for her calendar when there is one."""
        for session in self.filtered(lambda session: session.state == "planned"):
            partner = session._coaching_employee_partner()
            if not partner:
                continue
            # sudo: planning the talk tells the employee, whatever the planner may do in their chatter.
            session.sudo().message_subscribe(partner_ids=partner.ids)
            session.sudo().message_post_with_source(
                INVITATION,
                message_type="comment",
                partner_ids=partner.ids,
                subtype_xmlid="mail.mt_comment",
                attachment_ids=session._coaching_meeting_file().ids,
            )

    def _coaching_meeting_file(self):
        """The talk's meeting as an .ics file for the invitation, attached to the message when it is posted."""
        meeting = self._coaching_own_meetings()
        content = meeting and meeting._get_ics_file().get(meeting.id)
        if not content:
            return self.env["ir.attachment"]
        # sudo: the file is made for the message, as the calendar's own invitations do; posting gives it to the talk.
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "invitation.ics",
                    "raw": content,
                    "mimetype": "text/calendar",
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )

    def _coaching_send_recap(self):
        """The recap of a done talk to the employee, in their language, and a request to rate it."""
        for session in self:
            partner = session._coaching_employee_partner()
            if not partner:
                continue
            # sudo: the employee is told whoever closes the talk.
            session.sudo().message_post_with_source(
                "hr_performance_coaching.mail_template_coaching_recap",
                message_type="comment",
                partner_ids=partner.ids,
                subtype_xmlid="mail.mt_comment",
            )
            user = session.employee_id.user_id
            if user:
                session._coaching_schedule_reminders(
                    RATING_REQUEST, [(session, user, fields.Date.context_today(self), False)]
                )

    def _coaching_close_preparation_reminder(self):
        # sudo: the reminder is the employee's; it closes as soon as they prepared, whoever wrote.
        self.sudo().activity_feedback([PREP_REMINDER], feedback=self.env._("Prepared."))

    def _coaching_prep_summary(self):
        return self.env._(
            "Prepare your coaching talk of %(date)s",
            date=format_date(
                self.env,
                fields.Datetime.context_timestamp(self.with_context(tz=self.employee_id.tz), self.date_scheduled),
            ),
        )

    @api.model
    def _cron_remind_preparation(self, batch_size=1000, today=None):
        """Remind each employee to prepare their talk, once, their company's preparation days before it; and
        withdraw the rating requests left unanswered for two weeks. Returns the number of talks left."""
        today = today or fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        domain = [
            ("state", "=", "planned"),
            ("coaching_prep_reminded", "=", False),
            ("employee_id.user_id", "!=", False),
            *expression.OR(
                [
                    [
                        ("company_id", "=", company.id),
                        (
                            "date_scheduled",
                            "<",
                            fields.Datetime.to_datetime(today + timedelta(days=company.coaching_prep_days + 1)),
                        ),
                        ("date_scheduled", ">=", fields.Datetime.to_datetime(today)),
                    ]
                    for company in companies
                ]
            ),
        ]
        sessions = self._coaching_lock_batch(
            domain, "date_scheduled, id", batch_size, "hr_performance_coaching.ir_cron_coaching_preparation"
        )
        # Due the day it arrives, so that it counts among her activities of the day, and e-mailed to her whatever
        # the company chose for the coaches' reminders: the talk's date is in its summary.
        summary = lambda talk: talk._coaching_prep_summary()  # noqa: E731 - in each employee's language
        sessions._coaching_schedule_reminders(
            PREP_REMINDER, [(session, session.employee_id.user_id, today, summary) for session in sessions], notify=True
        )
        with internal_write():
            sessions.with_context(tracking_disable=True).write({"coaching_prep_reminded": True})
        expired = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("activity_type_id", "=", self.env.ref(RATING_REQUEST).id),
                ("date_deadline", "<", today - timedelta(days=RATING_REQUEST_DAYS)),
            ]
        )
        expired.unlink()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(sessions), remaining=remaining)
        return remaining
