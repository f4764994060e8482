"""The survey's own routes: the respondent answers with their link; the results pages keep the feedback private."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import FeedbackCase


@tagged("post_install", "-at_install")
class TestFeedbackOverHttp(HttpCase, FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        wizard = (
            cls.env["hr.coaching.feedback.wizard"]
            .with_user(cls.user_manager)
            .with_context(default_session_id=cls.talk.id)
            .create({"colleague_ids": [Command.set((cls.bob | cls.carol | cls.dave).ids)]})
        )
        wizard.action_send()

    def _submit(self, answer, helps, try_):
        """Open the link, begin and submit the one page, as the survey's own pages do."""
        survey_token = self.survey.access_token
        response = self.url_open(f"/survey/start/{survey_token}?answer_token={answer.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Feedback for a coaching talk", response.text)
        self.make_jsonrpc_request(f"/survey/begin/{survey_token}/{answer.access_token}", {})
        return self.make_jsonrpc_request(
            f"/survey/submit/{survey_token}/{answer.access_token}",
            {
                str(self.question_helps.id): helps,
                str(self.question_try.id): try_,
                str(self.question_sign.id): str(self.sign_no.id),
            },
        )

    def test_respondents_answer_through_their_link(self):
        """Without logging in, and logged in as themselves, colleagues answer through the token routes; the
        answers reach the talk."""
        self._submit(self._answer_of(self.carol), "Carol helps.", "Carol tries.")
        self.authenticate("coach_bob", "coach_bob")
        self._submit(self._answer_of(self.bob), "Bob helps.", "Bob tries.")
        self.authenticate("feedback_dave", "feedback_dave")
        self._submit(self._answer_of(self.dave), "Dave helps.", "Dave tries.")
        answers = self.env["survey.user_input"].search([("coaching_session_id", "=", self.talk.id)])
        self.assertEqual(set(answers.mapped("state")), {"done"})
        self.assertEqual(
            sorted(text for text in answers.user_input_line_ids.mapped("value_text_box") if text),
            ["Bob helps.", "Bob tries.", "Carol helps.", "Carol tries.", "Dave helps.", "Dave tries."],
        )
        self.assertEqual(self.talk.with_user(self.user_manager).feedback_done_count, 3)

    def test_results_pages_show_no_feedback_to_survey_managers(self):
        """The survey's results page and its print page show no answer to a survey manager who coaches nobody, nor
        to the coach."""
        for employee in (self.bob, self.carol, self.dave):
            self._fill(self._answer_of(employee), f"{employee.name} helps.", "Something to try.")
        self.authenticate("feedback_sam", "feedback_sam")
        results = self.url_open(f"/survey/results/{self.survey.id}")
        self.assertEqual(results.status_code, 200)
        self.assertIn("What does this person do that helps you or the team?", results.text)
        for text in ("Bob Report helps.", "Carol Outsider helps.", "Something to try."):
            self.assertNotIn(text, results.text)
        printed = self.url_open(f"/survey/print/{self.survey.access_token}")
        self.assertEqual(printed.status_code, 200)
        self.assertNotIn("Bob Report helps.", printed.text)
        # The coach, a survey user like Odoo's default users, reads them in the talk, not on the results page.
        self.authenticate("coach_manager", "coach_manager")
        results = self.url_open(f"/survey/results/{self.survey.id}")
        self.assertEqual(results.status_code, 200)
        self.assertNotIn("Bob Report helps.", results.text)

    def test_the_survey_names_the_person_and_the_talk(self):
        """The colleague's survey says who asks for feedback on whom, for which talk and by when."""
        answer = self._answer_of(self.carol)
        response = self.url_open(f"/survey/{self.survey.access_token}/{answer.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Mark Manager asks for your feedback on Alice Report, to prepare their coaching talk on 03/02/2026 at "
            "9:00 AM. Please answer by ",
            response.text,
        )

    def test_the_link_answers_once(self):
        """Once submitted, the colleague's link shows their thanks, offers no retake, and opens no second answer;
        submitting again is refused."""
        answer = self._answer_of(self.carol)
        self._submit(answer, "Carol helps.", "Carol tries.")
        survey_token = self.survey.access_token
        done = self.url_open(f"/survey/start/{survey_token}?answer_token={answer.access_token}")
        self.assertEqual(done.status_code, 200)
        self.assertIn("Thank you", done.text)
        self.assertNotIn("/survey/retry/", done.text)
        retry = self.url_open(f"/survey/retry/{survey_token}/{answer.access_token}")
        self.assertEqual(retry.status_code, 200)
        self.assertNotIn("/survey/retry/", retry.text)
        carol = [("survey_id", "=", self.survey.id), ("partner_id", "=", self.carol.user_id.partner_id.id)]
        self.assertEqual(self.env["survey.user_input"].search_count(carol), 1)
        again = self.make_jsonrpc_request(
            f"/survey/submit/{survey_token}/{answer.access_token}",
            {str(self.question_helps.id): "Changed.", str(self.question_try.id): "Changed."},
        )
        self.assertEqual(again, [{}, {"error": "unauthorized"}])
        self.assertNotIn("Changed.", answer.user_input_line_ids.mapped("value_text_box"))
