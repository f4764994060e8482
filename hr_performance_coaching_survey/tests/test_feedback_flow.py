from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import FeedbackCase


class TestFeedbackFlow(FeedbackCase):
    def test_ask_creates_one_answer_per_colleague_and_sends_the_invitation(self):
        """The coach's request makes one answer per colleague, linked to the talk, and one invitation e-mail each
        with the colleague's own link."""
        answers = self._ask(self.user_manager, self.bob | self.carol | self.dave)
        self.assertEqual(answers.survey_id, self.survey)
        self.assertEqual(set(answers.partner_id.mapped("name")), {"Bob Report", "Carol Outsider", "Dave Colleague"})
        self.assertEqual(set(answers.mapped("state")), {"new"})
        for answer in answers:
            mail = self.env["mail.mail"].search([("recipient_ids", "in", answer.partner_id.ids)])
            self.assertEqual(len(mail), 1, answer.partner_id.name)
            self.assertIn(f"answer_token={answer.access_token}", str(mail.body_html))
            self.assertEqual(mail.author_id, self.env.ref("base.partner_root"), "not the coach, who would read it")
        self.assertEqual(self.talk.with_user(self.user_manager).feedback_asked_count, 3)
        self.assertEqual(self.talk.with_user(self.user_manager).feedback_done_count, 0)

    def test_asking_again_only_adds_new_colleagues(self):
        """A colleague already asked is not asked twice; asking only them again is refused in words."""
        self._ask(self.user_manager, self.bob)
        answers = self._ask(self.user_manager, self.bob | self.carol)
        self.assertEqual(set(answers.partner_id.mapped("name")), {"Bob Report", "Carol Outsider"})
        with self.assertRefused(UserError, "already asked for feedback on this talk"):
            self._ask(self.user_manager, self.bob)

    def test_bad_requests_are_refused_in_words(self):
        """Only the coach side asks, before the talk, colleagues other than the employee."""
        with self.assertRefused(UserError, "Only the coach and the managers of Alice Report"):
            self._ask(self.user_alice, self.bob)
        with self.assertRaises(AccessError):
            self._ask(self.user_carol, self.bob)
        with self.assertRefused(UserError, "Alice Report gives their own view in the talk"):
            self._ask(self.user_manager, self.alice | self.bob)
        with self.assertRefused(UserError, "Choose at least one colleague"):
            self._ask(self.user_manager, self.env["hr.employee"])
        done = self._done_session(self.bob)
        with self.assertRefused(UserError, "is not planned"):
            self._ask(self.user_manager, self.carol, session=done)
        other = self.env["survey.survey"].create({"title": "Canteen"})
        Wizard = (
            self.env["hr.coaching.feedback.wizard"]
            .with_user(self.user_manager)
            .with_context(default_session_id=self.talk.id)
        )
        for forged in (str(other.id), "0", "not a number"):
            wizard = Wizard.create({"survey_choice": forged, "colleague_ids": [Command.set(self.bob.ids)]})
            with self.assertRefused(UserError, "The chosen survey is not a coaching feedback survey"):
                wizard.action_send()
        wizard = Wizard.create({"colleague_ids": [Command.set(self.bob.ids)]})
        self.survey.is_coaching_feedback = False
        with self.assertRefused(UserError, "The chosen survey is not a coaching feedback survey"):
            wizard.action_send()
        self.assertFalse(self.env["survey.user_input"].search([("coaching_session_id", "!=", False)]))

    def test_answers_show_from_the_minimum_without_names_unless_signed(self):
        """Below the company's minimum of answers *without a name* the coach reads only how many answered (a signed
        answer does not count toward it); from it, each answer without a name, except the one that was signed."""
        self._ask(self.user_manager, self.bob | self.carol | self.dave | self.erin)
        bob, carol, dave, erin = (self._answer_of(e) for e in (self.bob, self.carol, self.dave, self.erin))
        self._fill(bob, "Bob helps.", "Bob tries.", sign=True)
        self._fill(carol, "Carol helps.", "Carol tries.", example="Carol's example.")
        self._fill(dave, "Dave helps.", "Dave tries.")
        talk = self.talk.with_user(self.user_manager)
        self.assertEqual(
            str(talk.feedback_answers), "<p>3 of 4 answered, 2 without a name: shown from 3 without a name.</p>"
        )
        self.assertFalse(talk.feedback_summary)
        self._fill(erin, "Erin helps.", "Erin tries.")
        talk.invalidate_recordset()
        self.assertEqual(talk.feedback_done_count, 4)
        html = str(talk.feedback_answers)
        for text in ("Bob helps.", "Carol tries.", "Carol&#39;s example.", "Dave tries.", "Erin tries.", "Bob Report"):
            self.assertIn(text, html)
        for hidden in ("Carol Outsider", "Dave Colleague", "Erin Colleague", "May the coach see your name"):
            self.assertNotIn(hidden, html)
        # Only the anonymous answers are numbered: the numbers do not tell where the signed one stands.
        self.assertEqual(html.count("<h5>Colleague "), 3)
        self.assertIn("<h5>Colleague 3</h5>", html)
        self.assertNotIn("Colleague 4", html)

    def test_one_more_answer_never_shows_alone(self):
        """Once shown, the answers without a name grow by whole groups of the minimum: asking one more colleague
        and comparing does not tell what that colleague wrote."""
        first = self.bob | self.carol | self.dave
        self._ask(self.user_manager, first)
        for employee in first:
            self._fill(self._answer_of(employee), f"{employee.name} helps.", f"{employee.name} tries.")
        talk = self.talk.with_user(self.user_manager)
        self.assertIn("Dave Colleague helps.", str(talk.feedback_summary))
        self._ask(self.user_manager, self.erin)
        self._fill(self._answer_of(self.erin), "Erin alone helps.", "Erin alone tries.")
        talk.invalidate_recordset()
        self.assertEqual(talk.feedback_done_count, 4)
        for field in ("feedback_answers", "feedback_summary"):
            self.assertNotIn("Erin alone", str(talk[field]), field)
        self.assertEqual(str(talk.feedback_answers).count("<h5>Colleague "), 3)

    def test_the_minimum_is_a_company_setting(self):
        """With a minimum of 1 the first answer shows; a minimum below 1 is refused in words."""
        self.assertEqual(self.company.coaching_feedback_min_answers, 3)
        self._ask(self.user_manager, self.bob | self.carol)
        settings = self.env["res.config.settings"].create({"coaching_feedback_min_answers": 1})
        settings.execute()
        self._fill(self._answer_of(self.bob), "Bob helps.", "Bob tries.")
        self.assertIn("Bob helps.", str(self.talk.with_user(self.user_manager).feedback_answers))
        with self.assertRefused(ValidationError, "at least 1 and at most 1000 answers, not 0"):
            self.company.coaching_feedback_min_answers = 0
        with self.assertRefused(ValidationError, "is out of range for Minimum Feedback Answers: give at most 1000"):
            self.company.coaching_feedback_min_answers = 99999999999

    def test_the_employee_reads_the_summary_once_done_and_shared(self):
        """The employee reads nothing of the feedback before the talk is done and shared; then the answers to each
        question, sorted by their text, and no name, not even a signed one."""
        self._ask(self.user_manager, self.bob | self.carol | self.dave | self.erin)
        self._fill(self._answer_of(self.bob), "Zealous reviews.", "Bob tries.", sign=True)
        self._fill(self._answer_of(self.carol), "Asks good questions.", "Carol tries.")
        self._fill(self._answer_of(self.dave), "Keeps the board tidy.", "Dave tries.")
        self._fill(self._answer_of(self.erin), "Answers fast.", "Erin tries.")
        talk = self.talk.with_user(self.user_alice)
        fields = ["feedback_answers", "feedback_summary", "feedback_asked_count", "feedback_done_count"]
        nothing = {"feedback_answers": False, "feedback_summary": False, "feedback_asked_count": 0}
        self.assertEqual(talk.read(fields)[0], {"id": talk.id, **nothing, "feedback_done_count": 0})
        self.talk.with_user(self.user_manager).feedback_shared = True
        talk.invalidate_recordset()
        self.assertFalse(talk.feedback_summary, "shared, but the talk is not done yet")
        self.talk.will = "<p>Try it.</p>"
        self.talk.action_done()
        talk.invalidate_recordset()
        self.assertEqual(
            str(talk.feedback_summary),
            "<h5>What does this person do that helps you or the team?</h5>"
            "<ul><li>Answers fast.</li><li>Asks good questions.</li><li>Keeps the board tidy.</li>"
            "<li>Zealous reviews.</li></ul>"
            "<h5>What is one thing they could try?</h5>"
            "<ul><li>Bob tries.</li><li>Carol tries.</li><li>Dave tries.</li><li>Erin tries.</li></ul>",
        )
        self.assertFalse(talk.feedback_answers)
        self.assertEqual(talk.feedback_done_count, 0)

    def test_only_the_coach_side_shares(self):
        """The employee cannot share the feedback with themselves."""
        with self.assertRefused(AccessError, "You can only write your preparation and your rating"):
            self.talk.with_user(self.user_alice).feedback_shared = True
        self.assertFalse(self.talk.feedback_shared)

    def test_a_coach_without_survey_group_uses_the_wizard(self):
        """A coach who is no survey user chooses among the feedback surveys, and only them, and asks through the
        form, without reading any survey as a record (Odoo's survey keeps those to its groups)."""
        survey_user = self.env.ref("survey.group_survey_user")
        self.user_manager.groups_id = [Command.unlink(survey_user.id)]
        self.env["survey.survey"].create({"title": "Canteen"})
        second = self.env["survey.survey"].create({"title": "Feedback after a project", "is_coaching_feedback": True})
        self.env["survey.survey"].create({"title": "Old feedback", "is_coaching_feedback": True, "active": False})
        Wizard = self.env["hr.coaching.feedback.wizard"].with_user(self.user_manager)
        self.assertEqual(
            Wizard.fields_get(["survey_choice"])["survey_choice"]["selection"],
            [(str(self.survey.id), "Feedback for a coaching talk"), (str(second.id), "Feedback after a project")],
        )
        Survey = self.env["survey.survey"].with_user(self.user_manager)
        with self.assertRaises(AccessError):
            Survey.search([])
        with self.assertRaises(AccessError):
            self.survey.with_user(self.user_manager).read(["title"])
        wizard = Form(Wizard.with_context(default_session_id=self.talk.id))
        self.assertEqual(wizard.survey_choice, str(self.survey.id))
        wizard.survey_choice = str(second.id)
        wizard.colleague_ids.add(self.env["hr.employee.public"].browse(self.bob.id))
        wizard.save().action_send()
        self.assertEqual(self._answer_of(self.bob).survey_id, second)

    def test_employees_read_no_survey(self):
        """The bridge gives nobody read access to surveys: a plain employee reads none, feedback surveys included,
        as in Odoo's survey alone."""
        survey_user = self.env.ref("survey.group_survey_user")
        (self.user_alice | self.user_carol).groups_id = [Command.unlink(survey_user.id)]
        for user in (self.user_alice, self.user_carol):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["survey.survey"].with_user(user).search([("is_coaching_feedback", "=", True)])
            with self.assertRaises(AccessError, msg=user.login):
                self.survey.with_user(user).read(["title"])

    def test_a_survey_with_coaching_feedback_is_not_deleted(self):
        """Deleting the survey would delete the talks' feedback: refused in words, archiving works."""
        self._ask(self.user_manager, self.bob)
        with self.assertRefused(UserError, "holds the feedback of coaching talks: archive it"):
            self.survey.with_user(self.user_survey_manager).unlink()
        self.survey.with_user(self.user_survey_manager).action_archive()
        self.assertFalse(self.survey.active)
