from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGoalAlignmentTour(HttpCase):
    """Issue 25, items 1 and 2, in a real browser: in a planned talk the coach reads the goal's alignment path and
    re-prioritises it, on a desktop and at 390 px."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = {
            login: new_test_user(cls.env, login=login, password=login, name=name, groups="base.group_user")
            for login, name in [("goal_tour_manager", "Mark Manager"), ("goal_tour_alice", "Alice Report")]
        }
        cls.user_manager = users["goal_tour_manager"]
        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({"name": "Mark Manager", "user_id": cls.user_manager.id})
        cls.alice = Employee.create(
            {"name": "Alice Report", "user_id": users["goal_tour_alice"].id, "parent_id": cls.manager.id}
        )
        sales = cls.env["hr.department"].create({"name": "SMB Sales", "manager_id": cls.manager.id})
        cls.alice.department_id = sales
        Goal = cls.env["hr.coaching.goal"]
        company_goal = Goal.create({"name": "Grow ARR", "goal_type": "company"})
        team_goal = Goal.create(
            {"name": "Cut churn in SMB", "goal_type": "team", "department_id": sales.id, "parent_id": company_goal.id}
        )
        cls.goal = Goal.create({"name": "Ship v2 onboarding", "employee_id": cls.alice.id, "parent_id": team_goal.id})
        cls.talk = cls.env["hr.coaching.session"].create(
            {
                "employee_id": cls.alice.id,
                "date_scheduled": fields.Datetime.now() + timedelta(days=7),
                "goal_ids": [Command.link(cls.goal.id)],
            }
        )

    def _reprioritise(self):
        url = f"/odoo/action-hr_performance_coaching.hr_coaching_session_action/{self.talk.id}"
        self.start_tour(url, "hr_performance_coaching_goal_alignment_tour", login="goal_tour_manager")
        self.assertEqual((self.goal.target, self.goal.agreed_session_id), ("Live for 20 clients", self.talk))
        note = self.goal.message_ids.filtered(lambda message: "Re-prioritised" in (message.body or ""))
        self.assertEqual(
            str(note.body), f"<p>Re-prioritised in the talk “{self.talk.display_name}”: The launch moved to June</p>"
        )

    def test_reprioritise_from_the_talk(self):
        self._reprioritise()

    def test_reprioritise_from_the_talk_at_390_px(self):
        self.browser_size = "390x844"
        self._reprioritise()
