from odoo.tests import HttpCase, new_test_user, tagged

# Typed by the tour in static/tests/tours/checkin_tour.js.
BLOCKER = "Waiting for the test server"


@tagged("post_install", "-at_install")
class TestCheckinTour(HttpCase):
    """The weekly check-in in a real browser, on a phone-sized screen (issue 26, item 2)."""

    def test_employee_fills_a_checkin_at_390_px(self):
        """At 390 px the employee opens this week's check-in from My Coaching, moves her goal's progress, gives her
        workload, her feeling and her blocker, and sends it: the check-in is sent with her answers, the goal moved."""
        self.env.company.coaching_checkin = True
        manager_user = new_test_user(self.env, login="ci_manager", password="ci_manager", name="Mark Manager")
        alice_user = new_test_user(self.env, login="ci_alice", password="ci_alice", name="Alice Report")
        Employee = self.env["hr.employee"]
        manager = Employee.create({"name": "Mark Manager", "user_id": manager_user.id})
        alice = Employee.create({"name": "Alice Report", "user_id": alice_user.id, "parent_id": manager.id})
        goal = self.env["hr.coaching.goal"].create(
            {"employee_id": alice.id, "name": "Lead the workshop on my own", "progress": 20}
        )
        self.browser_size = "390x844"
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_home_action",
            "hr_performance_coaching_checkin_phone_tour",
            login="ci_alice",
        )
        checkin = self.env["hr.coaching.checkin"].search([("employee_id", "=", alice.id)])
        self.assertEqual(
            (checkin.state, checkin.workload, checkin.feeling, checkin.blocker), ("done", "2", "4", BLOCKER)
        )
        self.assertEqual(checkin.line_ids.mapped("progress"), [60])
        self.assertEqual(goal.progress, 60)
        # The coach reads it.
        self.assertEqual(checkin.with_user(manager_user).blocker, BLOCKER)
