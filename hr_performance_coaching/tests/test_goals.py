from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestGoals(CoachingCase):
    """Development goals (issue 13): picked in a talk's Goal stage, served by commitments, threaded through the
    talks; the employee reads their own and updates the progress, the coach side manages them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Goal = cls.env["hr.coaching.goal"]

    def test_coach_creates_a_goal_from_the_talk_and_the_thread_grows(self):
        """In the Goal stage the coach creates a goal for the talk's employee; later talks pick it again; a
        commitment serves it; the goal's thread lists each talk with its Will and the commitments' outcomes."""
        first = self._session(self.alice, datetime(2026, 3, 2, 9, 0))
        # The Goal field's quick create, with the context the talk's form gives it.
        goal_id, _name = (
            self.Goal.with_user(self.user_manager)
            .with_context(default_employee_id=self.alice.id)
            .name_create("Lead a customer workshop alone")
        )
        with Form(first.with_user(self.user_manager)) as form:
            form.goal_ids.add(self.Goal.browse(goal_id))
            form.will = "<p>Co-host the March workshop</p>"
        goal = first.goal_ids
        self.assertEqual((goal.employee_id, goal.state, goal.progress), (self.alice, "active", 0))
        self.Commitment.with_user(self.user_manager).create(
            {"session_id": first.id, "name": "Co-host in March", "date_deadline": date(2026, 3, 20), "goal_id": goal.id}
        )
        first.with_user(self.user_manager).action_done()
        second = self.Session.with_user(self.user_manager).create(
            {
                "employee_id": self.alice.id,
                "date_scheduled": datetime(2026, 4, 2, 9, 0),
                "goal_ids": [Command.link(goal.id)],
            }
        )
        second.review_commitment_ids.outcome = "kept"
        second.will = "<p>Run the May workshop alone</p>"
        second.action_done()
        thread = goal.with_user(self.user_manager)
        self.assertEqual(thread.session_ids.sorted("date_scheduled").mapped("will"), [first.will, second.will])
        self.assertEqual(thread.session_count, 2)
        self.assertEqual(thread.commitment_ids.mapped("outcome"), ["kept"])

    def test_employee_reads_own_goals_and_updates_only_the_progress(self):
        goal = self.Goal.create({"employee_id": self.alice.id, "name": "Present at the all-hands"})
        self.env.cr.precommit.run()  # as if created in an earlier transaction: its changes are tracked
        mine = goal.with_user(self.user_alice).with_context(tracking_disable=False)
        self.assertEqual(self.Goal.with_user(self.user_alice).search([]), goal)
        mine.progress = 40
        self.assertEqual(goal.progress, 40)
        self.env.cr.precommit.run()  # the tracking is written at commit time
        tracked = goal.message_ids.tracking_value_ids.filtered(lambda value: value.field_id.name == "progress")
        self.assertEqual(tracked.new_value_integer, 40)
        with self.assertRaises(AccessError):
            mine.name = "Something easier"
        with self.assertRaises(AccessError):
            mine.action_achieve()
        # Her own new goal is a proposal, which her coach side accepts (issue 25, item 1).
        proposal = self.Goal.with_user(self.user_alice).create({"employee_id": self.alice.id, "name": "Self-made"})
        self.assertEqual(proposal.state, "proposed")
        with self.assertRefused(ValidationError, "percentage from 0 to 100"):
            mine.progress = 150

    def test_only_along_who_coaches_whom(self):
        goal = self.Goal.create({"employee_id": self.alice.id, "name": "Present at the all-hands"})
        for user in (self.user_bob, self.user_carol):
            Goal = self.Goal.with_user(user)
            self.assertFalse(Goal.search([]), user.login)
            self.assertEqual(Goal.search_count([("id", "=", goal.id)]), 0, user.login)
            self.assertFalse(Goal.name_search("all-hands"), user.login)
            self.assertFalse(Goal._read_group([], [], ["__count"])[0][0], user.login)
            with self.assertRaises(AccessError):
                goal.with_user(user).read(["name"])
        for user in (self.user_manager, self.user_director, self.user_officer):
            self.assertEqual(self.Goal.with_user(user).search([("id", "=", goal.id)]), goal, user.login)
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.user_carol).create({"employee_id": self.alice.id, "name": "Not mine to set"})
        achieved = goal.with_user(self.user_manager)
        achieved.action_achieve()
        self.assertEqual((goal.state, goal.progress, goal.date_achieved is not False), ("achieved", 100, True))
        with self.assertRefused(UserError, "Only an active goal"):
            achieved.action_drop()

    def test_a_goal_stays_with_its_employee(self):
        """A goal cannot be discussed in another employee's talk, nor served by their commitments."""
        goal = self.Goal.create({"employee_id": self.alice.id, "name": "Present at the all-hands"})
        bob_talk = self._session(self.bob)
        with self.assertRefused(ValidationError, "cannot be discussed in a talk with Bob Report"):
            bob_talk.with_user(self.user_manager).goal_ids = [Command.link(goal.id)]
        with self.assertRefused(ValidationError, "cannot be discussed in a talk with Bob Report"):
            self.Commitment.create(
                {"session_id": bob_talk.id, "name": "Help", "date_deadline": date(2026, 3, 9), "goal_id": goal.id}
            )

    def test_appraisal_lists_the_goals_of_its_period_and_analytics_count_achieved_ones(self):
        talk = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Go</p>")
        kept, dropped = self.Goal.create(
            [
                {"employee_id": self.alice.id, "name": "Workshop", "session_ids": [Command.link(talk.id)]},
                {"employee_id": self.alice.id, "name": "Blog", "session_ids": [Command.link(talk.id)]},
            ]
        )
        self.Goal.create({"employee_id": self.alice.id, "name": "Not discussed"})
        talk.action_done()
        kept.action_achieve()
        dropped.action_drop()
        appraisal = self.env["hr.appraisal"].create({"employee_id": self.alice.id, "date_close": date(2026, 4, 30)})
        history = appraisal.with_user(self.user_manager).coaching_goal_ids
        self.assertEqual(
            sorted(history.mapped(lambda goal: (goal.name, goal.state))),
            [("Blog", "dropped"), ("Workshop", "achieved")],
        )
        department = self.env["hr.department"].create({"name": "Coaching R&D"})
        self.alice.department_id = department
        achieved = self.Goal.with_user(self.user_manager)._read_group(
            [("state", "=", "achieved")], ["department_id"], ["__count"]
        )
        self.assertEqual(achieved, [(department, 1)])
