from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import lock_batch
from odoo.exceptions import AccessError
from odoo.tools import SQL, format_date, format_time

# The colleagues who have not answered are reminded once, this many days before their deadline...
REMINDER_DAYS = 2
# ...when they were asked at least a day earlier: a request sent the day before its deadline is reminder enough.
REMINDER_MIN_AGE = timedelta(days=1)
REQUEST_TEMPLATE = "hr_performance_coaching_survey.mail_template_coaching_feedback_request"
REMINDER_TEMPLATE = "hr_performance_coaching_survey.mail_template_coaching_feedback_reminder"
REMINDER_CRON = "hr_performance_coaching_survey.ir_cron_coaching_feedback_reminder"


class SurveyUserInput(models.Model):
    """An answer can be asked for a coaching talk: it is then the talk's feedback.

    Only the invitation of the talk links an answer to it, as superuser; the respondent fills it through the
    survey's token routes, which also run as superuser. Nobody changes such an answer through the models: a
    survey user could otherwise move their answer to another talk or sign it with someone else's name.
    """

    _inherit = "survey.user_input"

    coaching_session_id = fields.Many2one(
        "hr.coaching.session",
        string="Coaching Talk",
        readonly=True,
        index="btree_not_null",
        # An answer without its talk would fall back to the survey rules, which let survey users read it.
        ondelete="cascade",
    )
    coaching_reminded = fields.Boolean(
        string="Feedback Reminder Sent",
        readonly=True,
        copy=False,
        help="The colleague was reminded once, before the deadline, to give the feedback asked for the talk.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("coaching_session_id") for vals in vals_list):
            raise AccessError(self.env._("Feedback for a coaching talk is asked from the talk, with Ask for Feedback."))
        return super().create(vals_list)

    def write(self, vals):
        self._coaching_check_untouched()
        return super().write(vals)

    def unlink(self):
        self._coaching_check_untouched()
        return super().unlink()

    def _coaching_check_untouched(self):
        if not self.env.su and self.filtered("coaching_session_id"):
            raise AccessError(
                self.env._("Feedback for a coaching talk is given through its survey link and is not changed here.")
            )

    def _coaching_signed(self):
        """True when the respondent chose to show their name with their answers."""
        self.ensure_one()
        return any(line.suggested_answer_id.coaching_sign for line in self.user_input_line_ids)

    def _coaching_answers(self):
        """The written answers, as [(question, text)] in the order of the survey."""
        self.ensure_one()
        lines = self.user_input_line_ids.filtered(
            lambda line: not line.skipped and line.answer_type in ("text_box", "char_box")
        )
        answers = []
        for line in lines.sorted(lambda line: (line.question_sequence, line.question_id.id)):
            text = (line.value_text_box if line.answer_type == "text_box" else line.value_char_box) or ""
            if text.strip():
                answers.append((line.question_id, text.strip()))
        return answers

    # ------------------------------------------------------------------ the request, in words

    def _coaching_moment(self, moment):
        """``moment`` as the colleague reads it: in their time zone, the date in their language's format, the time
        without seconds."""
        self.ensure_one()
        tz = self.partner_id.tz or self.coaching_session_id.employee_id.tz or "UTC"
        local = pytz.utc.localize(moment).astimezone(pytz.timezone(tz))
        return self.env._(
            "%(date)s at %(time)s",
            date=format_date(self.env, local.date()),
            time=format_time(self.env, local.time(), time_format="short"),
        )

    def _coaching_request_text(self):
        """Who asks for feedback on whom, for which talk, by when: said the same in the e-mails and on the survey."""
        self.ensure_one()
        session = self.coaching_session_id
        text = self.env._(
            "%(asker)s asks for your feedback on %(employee)s, to prepare their coaching talk on %(date)s.",
            asker=self.create_uid.name,
            employee=session.employee_id.name,
            date=self._coaching_moment(session.date_scheduled),
        )
        if self.deadline:
            text = self.env._(
                "%(request)s Please answer by %(deadline)s.",
                request=text,
                deadline=self._coaching_moment(self.deadline),
            )
        return text

    def _coaching_send_reminder(self, template_xmlid=REMINDER_TEMPLATE):
        """E-mail each colleague the reminder of their request as a message of their own answer, which only they
        and the coaching officers read: nobody else is told who has not answered yet. (The request itself is Odoo's
        survey invitation, see hr.coaching.feedback.wizard._coaching_invite.)"""
        for answer in self:
            answer.with_context(mail_create_nosubscribe=True).message_post_with_source(
                template_xmlid,
                partner_ids=answer.partner_id.ids,
                # From OdooBot, not from the coach: a message's author reads it, and this one holds the colleague's
                # own link (her answer, her name). The text says who asks.
                author_id=self.env.ref("base.partner_root").id,
                subtype_xmlid="mail.mt_comment",
            )

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        # The request holds the colleague's own link: it goes by e-mail, like Odoo's survey invitations, also to
        # users who read their messages in Odoo.
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if self.coaching_session_id:
            for recipient in recipients:
                recipient["notif"] = "email"
        return recipients

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        # The answer is no page of Odoo the colleague opens: the request's own link takes them to the survey.
        groups = super()._notify_get_recipients_groups(message, model_description, msg_vals=msg_vals)
        if self.coaching_session_id:
            for _name, _check, data in groups:
                data["has_button_access"] = False
        return groups

    # ------------------------------------------------------------------ the reminder cron

    @api.model
    def _coaching_reminder_domain(self, now):
        return [
            ("coaching_session_id", "!=", False),
            ("coaching_session_id.state", "=", "planned"),
            ("coaching_reminded", "=", False),
            ("state", "!=", "done"),
            ("partner_id", "!=", False),
            ("deadline", ">", now),
            ("deadline", "<=", now + timedelta(days=REMINDER_DAYS)),
            ("create_date", "<=", now - REMINDER_MIN_AGE),
        ]

    @api.model
    def _cron_coaching_remind_feedback(self, batch_size=500, now=None):
        """Remind each colleague who has not answered yet, once, some days before the deadline of their request.

        The flag is stored with the reminder in the same transaction, on a batch locked first: a rerun or a second
        worker sends nothing twice. Returns the number of answers left.
        """
        now = now or fields.Datetime.now()
        # sudo: the cron reads and flags the colleagues' answers, which only their respondents read as records.
        Answer = self.sudo()
        domain = Answer._coaching_reminder_domain(now)
        Answer.flush_model()
        query = Answer._search(domain, order="deadline, id", limit=batch_size)
        answers = Answer.browse(
            lock_batch(
                self.env,
                SQL("%s FOR NO KEY UPDATE OF %s SKIP LOCKED", query.select(), SQL.identifier(self._table)),
                REMINDER_CRON,
            )
        )
        answers._coaching_send_reminder()
        answers.write({"coaching_reminded": True})
        remaining = Answer.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(answers), remaining=remaining)
        return remaining
