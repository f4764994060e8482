"""Quick feedback that asks instead of tells (issue 26, items 1, 4, 5)."""

from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import format_date

from .common import CoachingCase

VERDICTS_EN = ["Your project is moving too slowly.", "That is not good.", "You should have tested it first."]
VERDICTS_ZH = ["你这个项目推进得太慢了", "你这个报告做得不好", "你应该先和客户确认需求。"]
NOT_VERDICTS = [
    "回顾这两周, 你觉得最大的卡点在哪?",
    "回顾这两周，你觉得最大的卡点在哪？",
    "What would make the demo even clearer for the client?",
    "Thank you for staying late to fix the release.",
    "Your badge photo is on the wiki.",
    # A question is not a verdict, even with a verdict's word in it.
    "Why do you think the release went badly?",
    "你觉得这份报告哪里写得不好？",
    "",
]


@tagged("post_install", "-at_install")
class TestFeedback(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Feedback = cls.env["hr.coaching.feedback"]
        # A manager of another branch: Carol reports to Nina, who has nothing to do with Alice.
        user_nina = new_test_user(cls.env, login="feedback_nina", groups="base.group_user", name="Nina Branch")
        cls.user_nina = user_nina
        cls.nina = cls.env["hr.employee"].create({"name": "Nina Branch", "user_id": user_nina.id})
        cls.carol.parent_id = cls.nina
        # About Alice: Bob's own, Bob's shared with her coach, Mark's (the coach side).
        cls.bob_private, cls.bob_shared = cls.Feedback.with_user(cls.user_bob).create(
            [
                {"employee_id": cls.alice.id, "body": "Thank you for the clear release notes."},
                {
                    "employee_id": cls.alice.id,
                    "body": "What made the client call go so well?",
                    "share_with_coach": True,
                },
            ]
        )
        cls.mark_own = cls.Feedback.with_user(cls.user_manager).create(
            {"employee_id": cls.alice.id, "body": "Which part of the workshop do you want to run next time?"}
        )
        cls.all = cls.bob_private | cls.bob_shared | cls.mark_own

    def _read_as(self, user):
        return self.Feedback.with_user(user).search([("id", "in", self.all.ids)])

    # ------------------------------------------------------------------ the verdict detector

    def test_verdict_detector_in_english_and_chinese(self):
        for text in VERDICTS_EN + VERDICTS_ZH:
            self.assertIs(self.Feedback._coaching_is_verdict(text), True, text)
        for text in NOT_VERDICTS:
            self.assertIs(self.Feedback._coaching_is_verdict(text), False, text)

    def test_verdict_markers_are_data_that_hr_edits(self):
        text = "This deck is confusing."
        self.assertIs(self.Feedback._coaching_is_verdict(text), False)
        user_hr = new_test_user(self.env, login="feedback_hr", groups="base.group_user,hr.group_hr_user")
        self.env["hr.coaching.verdict.marker"].with_user(user_hr).create({"name": "Confusing", "lang": "en_US"})
        self.assertIs(self.Feedback._coaching_is_verdict(text), True)
        with self.assertRaises(AccessError):
            self.env["hr.coaching.verdict.marker"].with_user(self.user_bob).create({"name": "meh", "lang": "en_US"})

    def test_a_verdict_is_offered_a_question_and_is_sent_as_written_if_wished(self):
        with Form(self.Feedback.with_user(self.user_manager).with_context(default_employee_id=self.alice.id)) as form:
            self.assertIn("Where do you think you are most stuck at the moment?", form.ask_prompts)
            form.body = "This report is not good."
            self.assertTrue(form.is_verdict)
            self.assertEqual(
                form.proposed_question,
                "If you were reading this report, what key information would you want in the first three pages?",
            )
        sent = form.record
        self.assertEqual((sent.body, sent.kind), ("This report is not good.", "observation"), "Never blocked.")

    def test_the_manager_accepts_the_proposed_question(self):
        with Form(self.Feedback.with_user(self.user_manager).with_context(default_employee_id=self.alice.id)) as form:
            form.body = "Your project is moving too slowly."
            form.use_question = True
            self.assertFalse(form.is_verdict)
        self.assertEqual(form.record.body, "Looking back at these two weeks, where do you think you got most stuck?")
        self.assertEqual(form.record.kind, "question")

    def test_the_prompts_follow_the_goal_or_the_commitment(self):
        goal = self.env["hr.coaching.goal"].create({"employee_id": self.alice.id, "name": "Lead the workshop"})
        context = {"default_employee_id": self.alice.id, "default_goal_id": goal.id}
        with Form(self.Feedback.with_user(self.user_manager).with_context(**context)) as form:
            self.assertIn("What is the goal you care about and most want to reach right now?", form.ask_prompts)
            self.assertNotIn("most stuck", form.ask_prompts)
            form.body = "Which customer would you like to run it for?"
        self.assertEqual(form.record.goal_id, goal)
        self.assertEqual(form.record.kind, "question")

    # ------------------------------------------------------------------ who reads what, as each actor

    def test_the_employee_reads_all_the_feedback_about_her(self):
        self.assertEqual(self._read_as(self.user_alice), self.all)

    def test_the_author_colleague_reads_what_he_wrote_only(self):
        self.assertEqual(self._read_as(self.user_bob), self.bob_private | self.bob_shared)

    def test_another_colleague_reads_none(self):
        self.assertEqual(self._read_as(self.user_carol), self.Feedback)
        with self.assertRaises(AccessError):
            self.bob_shared.with_user(self.user_carol).read(["body"])

    def test_the_coach_side_reads_its_own_and_what_was_shared(self):
        for user in (self.user_manager, self.user_director):
            self.assertEqual(self._read_as(user), self.bob_shared | self.mark_own, user.name)
        with self.assertRaises(AccessError):
            self.bob_private.with_user(self.user_manager).read(["body"])

    def test_the_designated_coach_reads_what_the_coach_side_wrote_and_what_was_shared(self):
        user_dan = new_test_user(self.env, login="feedback_dan", groups="base.group_user")
        self.alice.coach_id = self.env["hr.employee"].create({"name": "Dan", "user_id": user_dan.id})
        self.assertEqual(self._read_as(user_dan), self.bob_shared | self.mark_own)

    def test_a_manager_of_another_branch_reads_none(self):
        self.assertEqual(self._read_as(self.user_nina), self.Feedback)

    def test_the_coaching_officer_reads_what_the_coach_side_wrote_and_what_was_shared(self):
        self.assertEqual(self._read_as(self.user_officer), self.bob_shared | self.mark_own)

    def test_only_the_author_changes_or_withdraws_it(self):
        self.bob_private.with_user(self.user_bob).write({"body": "Thanks for the clear notes!", "kind": "recognition"})
        self.assertEqual(self.bob_private.body, "Thanks for the clear notes!")
        for user in (self.user_alice, self.user_manager, self.user_officer, self.user_carol):
            with self.assertRaises(AccessError, msg=user.name):
                self.bob_shared.with_user(user).write({"body": "Changed"})
            with self.assertRaises(AccessError, msg=user.name):
                self.bob_shared.with_user(user).unlink()
        self.bob_private.with_user(self.user_bob).unlink()
        self.assertFalse(self.bob_private.exists())

    def test_what_it_is_about_and_who_wrote_it_stay(self):
        with self.assertRefused(UserError, "A feedback stays about what it was given on"):
            self.bob_private.with_user(self.user_bob).write({"employee_id": str(self.bob.id)})
        with self.assertRefused(UserError, "can only be changed with the buttons"):
            self.bob_private.with_user(self.user_bob).write({"author_id": self.user_carol.id})
        with self.assertRefused(UserError, "can only be changed with the buttons"):
            self.Feedback.with_user(self.user_bob).create(
                {"employee_id": self.alice.id, "body": "Hi", "author_id": self.user_carol.id}
            )
        with self.assertRefused(UserError, "can only be changed with the buttons"):
            self.bob_private.with_user(self.user_bob).write({"author_side": "coach"})
        self.assertEqual(
            (self.bob_shared.author_side, self.mark_own.author_side, self.mark_own.author_id),
            ("colleague", "coach", self.user_manager),
        )

    def test_nobody_gives_feedback_to_herself_or_empty(self):
        for employee_id in (self.alice.id, str(self.alice.id)):
            with self.assertRefused(UserError, "Feedback is for a colleague"):
                self.Feedback.with_user(self.user_alice).create({"employee_id": employee_id, "body": "I did well."})
        with self.assertRefused(UserError, "Write your feedback first"):
            self.Feedback.with_user(self.user_bob).create({"employee_id": self.alice.id, "body": "   "})
        with self.assertRefused(UserError, "is about her own goals and commitments only"):
            goal = self.env["hr.coaching.goal"].create({"employee_id": self.bob.id, "name": "Bob's goal"})
            self.Feedback.with_user(self.user_manager).create(
                {"employee_id": self.alice.id, "body": "Hi", "goal_id": goal.id}
            )

    def test_never_in_analytics_per_person(self):
        views = self.env["ir.ui.view"].search(
            [("model", "=", "hr.coaching.feedback"), ("type", "in", ("graph", "pivot"))]
        )
        self.assertFalse(views)
        action = self.env.ref("hr_performance_coaching.hr_coaching_feedback_action")
        self.assertEqual(action.view_mode, "list,form")
        reports = [name for name in self.env.registry if name.startswith("hr.coaching.") and "report" in name]
        for name in reports:
            self.assertFalse(
                [f for f in self.env[name]._fields.values() if f.comodel_name == "hr.coaching.feedback"], name
            )

    # ------------------------------------------------------------------ she is told, and answers

    def test_the_employee_is_told_and_answers_in_the_thread(self):
        message = self.bob_private.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.user_alice.partner_id)
        self.assertEqual(message.author_id, self.user_bob.partner_id)
        self.assertIn("Bob Report gave you feedback:", message.body)
        self.assertIn(self.user_alice.partner_id, self.bob_private.message_partner_ids)
        self.bob_private.with_user(self.user_alice).message_post(
            body="Thanks, Bob!", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(self.bob_private.message_ids[0].author_id, self.user_alice.partner_id)
        self.assertIn(self.user_bob.partner_id, self.bob_private.message_ids[0].notified_partner_ids)

    def test_the_employee_is_told_in_her_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_performance_coaching"], ["zh_CN"], overwrite=True)
        self.user_alice.lang = "zh_CN"
        feedback = self.Feedback.with_user(self.user_manager).create(
            {"employee_id": self.alice.id, "body": "回顾这两周，你觉得最大的卡点在哪？"}
        )
        message = feedback.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("Mark Manager给了你一条反馈：", message.body)

    def test_a_chinese_verdict_is_offered_the_seeds_question(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_performance_coaching"], ["zh_CN"], overwrite=True)
        Feedback = self.Feedback.with_user(self.user_manager).with_context(lang="zh_CN")
        feedback = Feedback.new({"employee_id": self.alice.id, "body": "你这个报告做得不好"})
        self.assertTrue(feedback.is_verdict)
        self.assertEqual(feedback.proposed_question, "如果你是这份报告的阅读者，你希望在前三页看到什么关键信息？")
        feedback = Feedback.new({"employee_id": self.alice.id, "body": "你这个项目推进得太慢了"})
        self.assertEqual(feedback.proposed_question, "回顾这两周，你觉得最大的卡点在哪？")

    def test_a_verdict_like_none_of_the_bank_is_offered_the_first_prompt(self):
        # "Wrong" shares no word with any verdict of the question bank: no question of the bank is closest to it.
        with Form(self.Feedback.with_user(self.user_manager).with_context(default_employee_id=self.alice.id)) as form:
            form.body = "Wrong."
            self.assertTrue(form.is_verdict)
            bank = self.env["hr.coaching.template.question"].search([("replaces", "!=", False)]).mapped("name")
            self.assertNotIn(form.proposed_question, bank)
            self.assertEqual(form.proposed_question, "Where do you think you are most stuck at the moment?")

    # ------------------------------------------------------------------ into the next talk (item 4)

    def test_the_planned_talk_shows_the_feedback_since_the_last_talk(self):
        today = fields.Date.context_today(self.Feedback)
        last = self._done_session(self.alice, when=datetime.combine(today - timedelta(days=20), datetime.min.time()))
        before = self.Feedback.with_user(self.user_bob).create(
            {"employee_id": self.alice.id, "body": "Old and shared", "share_with_coach": True}
        )
        before.sudo().date = last.date_scheduled.date() - timedelta(days=1)
        planned = self._session(self.alice, when=datetime.combine(today + timedelta(days=7), datetime.min.time()))
        shown = planned.with_user(self.user_manager).since_last_talk_feedback
        self.assertIn(f'href="/odoo/hr.coaching.feedback/{self.bob_shared.id}"', shown)
        self.assertIn(f'href="/odoo/hr.coaching.feedback/{self.mark_own.id}"', shown)
        self.assertNotIn(f'/{self.bob_private.id}"', shown, "Not shared with the coach.")
        self.assertNotIn("Old and shared", shown, "Given before the last talk.")
        self.assertFalse(planned.with_user(self.user_alice).since_last_talk_feedback, "The coach side's panel.")
        self.assertFalse(last.with_user(self.user_manager).since_last_talk_feedback, "A closed talk has none.")

    def test_the_coach_copies_a_feedback_into_reality_or_the_agenda(self):
        later = self._session(self.alice, when=datetime(2026, 3, 23, 9, 0))
        planned = self._session(self.alice, when=datetime(2026, 3, 9, 9, 0), reality="<p>Before</p>")
        feedback = self.bob_shared.with_user(self.user_manager)
        action = feedback.action_copy_to_agenda()
        self.assertEqual(action["res_id"], planned.id, "The next talk, not a later one.")
        self.assertFalse(later.topic_ids)
        self.assertEqual(planned.topic_ids.mapped("name"), ["What made the client call go so well?"])
        self.assertEqual(planned.topic_ids.side, "coach")
        feedback.action_copy_to_reality()
        self.assertFalse(later.reality)
        self.assertEqual(
            str(planned.reality),
            f"<p>Before</p><p>“What made the client call go so well?” <small>(Bob Report, "
            f"{format_date(self.env, self.bob_shared.date)})</small></p>",
        )
        with self.assertRefused(UserError, "Only her coach and managers bring a feedback into her talks"):
            self.bob_shared.with_user(self.user_bob).action_copy_to_agenda()

    # ------------------------------------------------------------------ the project review (item 5)

    def test_a_milestone_signal_proposes_the_project_review(self):
        Signal = self.env["hr.coaching.signal"].with_user(self.user_manager)
        review = self.env.ref("hr_performance_coaching.hr_coaching_template_project_review")
        self.assertEqual(
            review.question_ids.mapped("name"),
            [
                "What went well in this project, and what made it go well?",
                "What did not go as planned, and what got in the way?",
                "What have we learnt that we did not know at the start?",
                "What will you do differently in the next project, starting when?",
            ],
        )
        signal = Signal._coaching_log_key_event(self.alice, "project_milestone", date=date(2026, 3, 1))
        action = signal.action_plan_session()
        self.assertEqual(self.Session.browse(action["res_id"]).template_id, review)
        signal = Signal._coaching_log_key_event(self.bob, "promotion", date=date(2026, 3, 1))
        action = signal.action_plan_session()
        self.assertEqual(
            self.Session.browse(action["res_id"]).template_id,
            self.env.ref("hr_performance_coaching.hr_coaching_template_key_event"),
        )
