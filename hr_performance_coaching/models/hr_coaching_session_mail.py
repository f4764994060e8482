from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression

from .hr_coaching_mixin_tools import internal_write
from .hr_coaching_session import PREP_REMINDER, RATING_REQUEST, RATING_REQUEST_DAYS


class HrCoachingSession(models.Model):
    """What the employee is told of her talk: the invitation, the reminder to prepare, the recap and the rating
    request."""

    _inherit = "hr.coaching.session"

    def _coaching_employee_partner(self):
        self.ensure_one()
        return self.employee_id.user_id.partner_id or self.employee_id.work_contact_id

    def _coaching_invite(self):
        """Make the employee a follower of their planned talk and tell them, in their language, how to prepare."""
        for session in self.filtered(lambda session: session.state == "planned"):
            partner = session._coaching_employee_partner()
            if not partner:
                continue
            # sudo: planning the talk tells the employee, whatever the planner may do in their chatter.
            session.sudo().message_subscribe(partner_ids=partner.ids)
            session.sudo().message_post_with_source(
                "hr_performance_coaching.mail_template_coaching_invitation",
                partner_ids=partner.ids,
                subtype_xmlid="mail.mt_note",
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
                partner_ids=partner.ids,
                subtype_xmlid="mail.mt_note",
            )
            user = session.employee_id.user_id
            if user:
                session._coaching_schedule_reminders(
                    RATING_REQUEST, [(session, user, fields.Date.context_today(self), False)]
                )

    def _coaching_close_preparation_reminder(self):
        # sudo: the reminder is the employee's; it closes as soon as they prepared, whoever wrote.
        self.sudo().activity_feedback([PREP_REMINDER], feedback=self.env._("Prepared."))

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
        sessions._coaching_schedule_reminders(
            PREP_REMINDER,
            [(session, session.employee_id.user_id, session.date_scheduled.date(), False) for session in sessions],
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
