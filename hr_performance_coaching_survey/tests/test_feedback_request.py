"""The colleague's request names the person, the talk and the deadline; one reminder before the deadline."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form

from .common import FeedbackCase

REQUEST = "Mark Manager asks for your feedback on Alice Report"


class TestFeedbackRequest(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["hr_performance_coaching_survey"], ["zh_CN"], overwrite=True)
        cls.user_bob.write({"tz": "Europe/Brussels", "lang": "en_US"})
        cls.user_carol.write({"tz": "Asia/Shanghai", "lang": "zh_CN"})

    def _ask_by(self, session, colleagues, deadline):
        self.env["hr.coaching.feedback.wizard"].with_user(self.user_manager).with_context(
            default_session_id=session.id
        ).create({"colleague_ids": [Command.set(colleagues.ids)], "deadline": deadline}).action_send()

    def _mail_to(self, employee):
        return self.env["mail.mail"].search([("recipient_ids", "in", employee.user_id.partner_id.ids)])

    @freeze_time("2026-02-20 08:00:00")
    def test_the_request_names_who_asks_whom_why_and_by_when(self):
        """Each colleague reads, in their language and time zone, who asks for feedback on whom, for which talk and by
        when (the talk's time by default), with their own link; as a message to them, not an internal note."""
        answers = self._ask(self.user_manager, self.bob | self.carol)
        bob = self._answer_of(self.bob)
        self.assertEqual(set(answers.mapped("deadline")), {datetime(2026, 3, 2, 9, 0)})
        mail = self._mail_to(self.bob)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, REQUEST)
        # From OdooBot: the coach, author of nothing here, reads neither the message nor the link in it.
        self.assertEqual(mail.author_id, self.env.ref("base.partner_root"))
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.user_manager)
            .search([("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)])
        )
        body = str(mail.body_html)
        self.assertIn(
            f"{REQUEST}, to prepare their coaching talk on 03/02/2026 at 10:00 AM. "
            "Please answer by 03/02/2026 at 10:00 AM.",
            body,
        )
        self.assertIn(f"answer_token={bob.access_token}", body)
        self.assertNotIn("Internal communication", body)
        self.assertNotIn(":00:00", body)
        # Sent by Odoo's survey invitation (survey.invite, issue 23, item 5), as survey sends its own: an e-mail to the
        # colleague alone, one invitation per language, from OdooBot, each answer new and linked to the talk.
        self.assertEqual(mail.recipient_ids, self.bob.user_id.partner_id)
        self.assertFalse(mail.mail_message_id.model)
        invites = self.env["survey.invite"].search([("coaching_session_id", "=", self.talk.id)], order="id")
        self.assertEqual(
            [(invite.partner_ids, invite.author_id, invite.existing_mode) for invite in invites],
            [
                (self.bob.user_id.partner_id, self.env.ref("base.partner_root"), "new"),
                (self.carol.user_id.partner_id, self.env.ref("base.partner_root"), "new"),
            ],
        )
        self.assertEqual(set(invites.mapped("template_id.name")), {"Coaching: feedback request to a colleague"})
        # Nobody follows the answer: the coach gets no copy of what is sent to the colleague.
        self.assertFalse(answers.message_follower_ids)
        self.assertFalse(self.env["mail.mail"].search([("recipient_ids", "in", self.user_manager.partner_id.ids)]))
        zh_mail = self._mail_to(self.carol)
        self.assertEqual(zh_mail.subject, "Mark Manager请您对Alice Report提供反馈")
        self.assertIn(
            "Mark Manager请您对Alice Report提供反馈，用于准备其2026年03月02日 17:00的辅导面谈。"
            "请在2026年03月02日 17:00前回答。",
            str(zh_mail.body_html),
        )

    @freeze_time("2026-02-20 08:00:00")
    def test_the_deadline_defaults_to_the_talk_and_is_never_past(self):
        """The wizard proposes the talk's time; a talk already past its date gets a week; a past deadline is
        refused in words."""
        Wizard = self.env["hr.coaching.feedback.wizard"].with_user(self.user_manager)
        wizard = Form(Wizard.with_context(default_session_id=self.talk.id))
        self.assertEqual(wizard.deadline, datetime(2026, 3, 2, 9, 0))
        late = self._session(self.bob, when=datetime(2026, 2, 10, 9, 0))
        wizard = Form(Wizard.with_context(default_session_id=late.id))
        self.assertEqual(wizard.deadline, datetime(2026, 2, 27, 8, 0))
        wizard = Wizard.with_context(default_session_id=self.talk.id).create(
            {"colleague_ids": [Command.set(self.bob.ids)], "deadline": datetime(2026, 2, 19, 17, 0)}
        )
        with self.assertRefused(UserError, "The answer deadline is already past: choose a later one."):
            wizard.action_send()
        self.assertFalse(self._answer_of(self.bob))

    def test_one_reminder_before_the_deadline_to_who_has_not_answered(self):
        """Some days before the deadline each colleague who has not answered gets one reminder, once, whatever the
        batches and reruns; those who answered, asked too late or for a talk no longer planned get none."""
        now = fields.Datetime.now()
        self._ask_by(self.talk, self.bob | self.carol | self.dave, now + timedelta(days=5))
        self._fill(self._answer_of(self.carol), "Carol helps.", "Carol tries.")
        cancelled = self._session(self.bob)
        self._ask_by(cancelled, self.erin, now + timedelta(days=5))
        cancelled.action_cancel()
        Answer = self.env["survey.user_input"]
        reminders = self.env["mail.mail"].search_count([("subject", "=like", "Reminder:%")])
        self.assertEqual(reminders, 0)
        self.assertEqual(Answer._cron_coaching_remind_feedback(now=now + timedelta(days=2)), 0, "too early")
        later = now + timedelta(days=3, hours=12)
        self.assertEqual(Answer._cron_coaching_remind_feedback(batch_size=1, now=later), 1)
        self.assertEqual(Answer._cron_coaching_remind_feedback(batch_size=1, now=later), 0)
        self.assertEqual(Answer._cron_coaching_remind_feedback(now=later), 0)
        self.assertEqual(Answer._cron_coaching_remind_feedback(now=later + timedelta(hours=12)), 0)
        mails = self.env["mail.mail"].search([("subject", "=like", "Reminder:%")])
        self.assertEqual(sorted(mails.recipient_ids.mapped("name")), ["Bob Report", "Dave Colleague"])
        self.assertEqual(set(mails.mapped("subject")), {f"Reminder: {REQUEST}"})
        bob = str(mails.filtered(lambda mail: mail.recipient_ids.name == "Bob Report").body_html)
        self.assertIn(f"answer_token={self._answer_of(self.bob).access_token}", bob)
        self.assertIn(f"{REQUEST}, to prepare their coaching talk on 03/02/2026 at 10:00 AM. Please answer by", bob)
        self.assertEqual(
            self.talk.feedback_input_ids.filtered("coaching_reminded").partner_id.mapped("name"),
            ["Bob Report", "Dave Colleague"],
        )

    def test_a_late_request_gets_no_reminder(self):
        """Asked the day before the deadline, the request is reminder enough."""
        now = fields.Datetime.now()
        self._ask_by(self.talk, self.bob, now + timedelta(days=1))
        Answer = self.env["survey.user_input"]
        self.assertEqual(Answer._cron_coaching_remind_feedback(now=now + timedelta(hours=12)), 0)
        self.assertFalse(self.env["mail.mail"].search([("subject", "=like", "Reminder:%")]))
