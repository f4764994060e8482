"""A manager gives feedback and takes the proposed question, on a desktop and at 390 px (issue 26, item 1)."""

from odoo.tests import HttpCase, new_test_user, tagged

# Texts of static/tests/tours/feedback_tour.js.
QUESTION = "Looking back at these two weeks, where do you think you got most stuck?"


@tagged("post_install", "-at_install")
class TestFeedbackTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {
            login: new_test_user(cls.env, login=login, password=login, name=name, groups="base.group_user")
            for login, name in [("tour_fb_manager", "Mark Manager"), ("tour_fb_alice", "Alice Report")]
        }
        cls.user_manager, cls.user_alice = users["tour_fb_manager"], users["tour_fb_alice"]
        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({"name": "Mark Manager", "user_id": cls.user_manager.id})
        cls.alice = Employee.create({"name": "Alice Report", "user_id": cls.user_alice.id, "parent_id": cls.manager.id})

    def _run_tour(self):
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_team_action",
            "hr_performance_coaching_feedback_tour",
            login="tour_fb_manager",
        )
        feedback = self.env["hr.coaching.feedback"].search([("employee_id", "=", self.alice.id)])
        self.assertEqual(
            (len(feedback), feedback.body, feedback.kind, feedback.author_id, feedback.author_side),
            (1, QUESTION, "question", self.user_manager, "coach"),
        )
        message = feedback.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(message.partner_ids, self.user_alice.partner_id, "Alice is told.")

    def test_manager_gives_feedback_and_takes_the_proposed_question(self):
        self._run_tour()

    def test_manager_gives_feedback_at_390_px(self):
        self.browser_size = "390x844"
        self._run_tour()
