from odoo.tests import HttpCase, tagged

from .common import FeedbackCase


@tagged("post_install", "-at_install")
class TestFeedbackTour(HttpCase, FeedbackCase):
    def test_ask_for_feedback_at_390_px(self):
        """On a phone-sized screen Ask for Feedback is a button of the talk's form, not hidden in the action menu;
        the coach, who has no HR rights, picks a colleague in the list a phone shows and asks them."""
        self.browser_size = "390x844"
        self.start_tour(
            f"/odoo/action-hr_performance_coaching.hr_coaching_session_action/{self.talk.id}",
            "hr_performance_coaching_survey_mobile_tour",
            login="coach_manager",
        )
        self.assertEqual(self._answer_of(self.bob).state, "new")
