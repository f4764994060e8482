from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

# Texts typed by the tours in static/tests/tours/coaching_tour.js.
TOPIC = "How do I get more time for the workshop"
PREPARATION = "The last workshop went well, the questions were hard"
GOAL = "Lead the customer workshop on my own"
WILL = "Rehearse twice with Bob before the end of the month"
COMMITMENT = "Rehearse the workshop with Bob"
PRIVATE_NOTE = "Consider Alice for the team lead role next year"
REVIEW_WILL = "Run the next workshop alone and ask two clients for feedback"


@tagged("post_install", "-at_install")
class TestCoachingTour(HttpCase):
    """The coaching loop in a real browser: a manager plans and closes a talk, the employee reads it
    without the private note, and the next talk reviews the commitment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Same organisation as CoachingCase (tests/common.py); passwords equal logins for the browser.
        users = {
            login: new_test_user(cls.env, login=login, password=login, name=name, groups="base.group_user")
            for login, name in [
                ("tour_director", "Diane Director"),
                ("tour_manager", "Mark Manager"),
                ("tour_alice", "Alice Report"),
            ]
        }
        cls.user_manager = users["tour_manager"]
        cls.user_alice = users["tour_alice"]
        Employee = cls.env["hr.employee"]
        director = Employee.create({"name": "Diane Director", "user_id": users["tour_director"].id})
        cls.manager = Employee.create(
            {"name": "Mark Manager", "user_id": cls.user_manager.id, "parent_id": director.id}
        )
        cls.alice = Employee.create({"name": "Alice Report", "user_id": cls.user_alice.id, "parent_id": cls.manager.id})
        cls.Session = cls.env["hr.coaching.session"]

    def test_coaching_loop_tours(self):
        """A manager plans, fills and closes a GROW talk; the employee cannot see its private note;
        the next talk records the commitment's outcome and closes."""
        self.start_tour("/odoo", "hr_performance_coaching_session_tour", login="tour_manager")

        session = self.Session.search([("employee_id", "=", self.alice.id)])
        self.assertEqual(len(session), 1, "The tour planned one session for Alice.")
        self.assertEqual(session.state, "done")
        self.assertEqual(session.coach_id, self.manager, "The coach defaulted to Alice's manager.")
        self.assertEqual(session.template_id, self.env.ref("hr_performance_coaching.hr_coaching_template_grow"))
        self.assertIn(GOAL, session.goal)
        self.assertIn(WILL, session.will)
        self.assertIn(PRIVATE_NOTE, session.private_note)
        commitment = session.commitment_ids
        self.assertEqual(commitment.mapped("name"), [COMMITMENT])
        self.assertEqual(commitment.state, "open")
        self.assertEqual(commitment.owner_id, self.alice)
        self.assertGreater(commitment.date_deadline, session.date_scheduled.date())

        self.start_tour("/odoo", "hr_performance_coaching_employee_tour", login="tour_alice")
        self.assertFalse(session.with_user(self.user_alice).private_note, "Alice's own read path hides the note.")

        next_session = self.Session.with_user(self.user_manager).create(
            {"employee_id": self.alice.id, "date_scheduled": session.date_scheduled + timedelta(days=14)}
        )
        self.assertEqual(next_session.review_commitment_ids, commitment, "The commitment is carried to the next talk.")

        self.start_tour("/odoo", "hr_performance_coaching_review_tour", login="tour_manager")
        self.assertEqual(next_session.state, "done")
        self.assertIn(REVIEW_WILL, next_session.will)
        self.assertEqual(commitment.outcome, "kept")
        self.assertEqual(commitment.state, "done")
        self.assertEqual(commitment.review_session_id, next_session)

    def test_coach_creates_a_goal_in_a_talk_and_finds_it_on_its_thread(self):
        """Issue 13: in the Goal section of a planned talk the coach creates a goal; the goal's thread lists the
        talk."""
        session = self.Session.with_user(self.user_manager).create(
            {"employee_id": self.alice.id, "date_scheduled": fields.Datetime.now() + timedelta(days=7)}
        )
        url = f"/odoo/action-hr_performance_coaching.hr_coaching_session_action/{session.id}"
        self.start_tour(url, "hr_performance_coaching_goal_tour", login="tour_manager")
        goal = session.goal_ids
        self.assertEqual(goal.mapped("name"), ["Lead the customer workshop alone"])
        self.assertEqual((goal.employee_id, goal.session_ids), (self.alice, session))

    def test_employee_prepares_in_my_coaching_and_rates(self):
        """The employee adds a talking point and writes their preparation in My Coaching; once the coach has
        closed the talk, they rate it from their past talks."""
        session = self.Session.with_user(self.user_manager).create(
            {"employee_id": self.alice.id, "date_scheduled": fields.Datetime.now() + timedelta(days=7)}
        )
        self.start_tour("/odoo", "hr_performance_coaching_my_coaching_tour", login="tour_alice")
        self.assertEqual(session.topic_ids.mapped("name"), [TOPIC])
        self.assertEqual(session.topic_ids.side, "employee")
        self.assertIn(PREPARATION, session.employee_prep)

        session.with_user(self.user_manager).write({"will": "<p>Block two hours a week for the workshop</p>"})
        session.with_user(self.user_manager).action_done()
        self.start_tour("/odoo", "hr_performance_coaching_rate_tour", login="tour_alice")
        self.assertEqual(session.employee_rating, "4")

    def test_plan_and_close_at_390_px(self):
        """On a phone-sized screen the manager plans a talk, fills its agenda, shows the questions beside the sections
        and writes the Will (without them), and closes the talk, with the buttons in sight (issue 22, items 5, 9)."""
        self.browser_size = "390x844"
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_session_action",
            "hr_performance_coaching_mobile_tour",
            login="tour_manager",
        )
        session = self.Session.search([("employee_id", "=", self.alice.id)])
        self.assertEqual(session.state, "done")
        self.assertEqual(session.will, "<p>Share the workshop slides with the team on Friday</p>")
        self.assertTrue(self.user_manager.coaching_show_questions)
        self.assertEqual(session.topic_ids.mapped("name"), ["Feedback from the last workshop"])

    def test_new_manager_plans_a_first_talk_from_the_onramp(self):
        """Issue 22, item 12: a manager who has never coached finds the on-ramp on My Team and plans a first talk
        with one report in one click, with the First talk template."""
        user = new_test_user(
            self.env, login="tour_newmgr", password="tour_newmgr", name="Nick Newmanager", groups="base.group_user"
        )
        Employee = self.env["hr.employee"]
        newmgr = Employee.create({"name": "Nick Newmanager", "user_id": user.id, "parent_id": self.manager.id})
        nora, ned = Employee.create(
            [{"name": "Nora New", "parent_id": newmgr.id}, {"name": "Ned New", "parent_id": newmgr.id}]
        )
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_team_action",
            "hr_performance_coaching_first_week_tour",
            login="tour_newmgr",
        )
        talk = self.Session.search([("employee_id", "=", nora.id)])
        self.assertEqual(
            (talk.coach_id, talk.template_id, talk.state),
            (newmgr, self.env.ref("hr_performance_coaching.hr_coaching_template_first_talk"), "planned"),
        )
        self.assertLessEqual(talk.date_scheduled.date(), fields.Date.today() + timedelta(days=7))
        self.assertFalse(self.Session.search([("employee_id", "=", ned.id)]), "one click plans one talk")

    def test_signals_are_cards_with_their_reason_at_390_px(self):
        """Issue 22, items 9 and 15: on a phone the signals are cards with their reason, planned from the card."""
        signal = (self.env["hr.employee"].with_user(self.user_manager).browse(self.alice.id))._coaching_log_key_event(
            "promotion"
        )
        self.browser_size = "390x844"
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_signal_action",
            "hr_performance_coaching_signals_mobile_tour",
            login="tour_manager",
        )
        self.assertEqual(signal.state, "scheduled")
        self.assertEqual(
            (signal.session_id.name, signal.session_id.trigger_type), ("Promotion: Alice Report", "key_event")
        )

    def test_coverage_graph_names_the_team(self):
        """Coverage per Team, a coaching graph view, names each bar by the team's own name; hovering it shows the full
        path. Odoo's own graphs are left as they are."""
        management = self.env["hr.department"].create({"name": "Management"})
        rnd = self.env["hr.department"].create({"name": "Research & Development", "parent_id": management.id})
        team = self.env["hr.employee"].create(
            [{"name": f"Engineer {i}", "department_id": rnd.id, "parent_id": self.manager.id} for i in range(5)]
        )
        # Two of the five had a talk lately: 40 % coverage.
        when = fields.Datetime.now() - timedelta(days=3)
        for employee in team[:2]:
            session = self.Session.create(
                {"employee_id": employee.id, "date_scheduled": when, "will": "<p>Ship the first draft.</p>"}
            )
            session.action_done()
        self.env["hr.coaching.cadence"]._coaching_refresh(team)
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_report_action_coverage",
            "hr_performance_coaching_coverage_tour",
            login="tour_manager",
        )
        # Odoo's own graphs keep their labels: the team's path, as Odoo shortens it (issue 23, item 5).
        self.start_tour(
            "/odoo/action-hr.open_view_employee_list_my?view_type=graph",
            "hr_performance_coaching_core_graph_tour",
            login="admin",
        )

    def test_employee_prepares_on_a_phone_with_the_coachs_point(self):
        """Issue 22, items 1 and 9: at 390 px the employee adds a point and her preparation in My Coaching while her
        coach's point is on the agenda; the page saves only her changes, shows her point at once, Ask for a Talk is a
        visible button, and she rates a past talk in a review dialog without Delete, its text read-only."""
        session = self.Session.with_user(self.user_manager).create(
            {"employee_id": self.alice.id, "date_scheduled": fields.Datetime.now() + timedelta(days=7)}
        )
        self.env["hr.coaching.topic"].with_user(self.user_manager).create(
            {"session_id": session.id, "name": "Your quarter"}
        )
        past = self.Session.with_user(self.user_manager).create(
            {
                "employee_id": self.alice.id,
                "date_scheduled": fields.Datetime.now() - timedelta(days=14),
                "will": "<p>Block two hours a week for the workshop</p>",
            }
        )
        self.env["hr.coaching.commitment"].with_user(self.user_manager).create(
            {
                "session_id": past.id,
                "name": "Ask two customers for written feedback on the workshop before the end of the quarter",
                "date_deadline": fields.Date.today() + timedelta(days=30),
            }
        )
        past.with_user(self.user_manager).action_done()
        self.browser_size = "390x844"
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_home_action",
            "hr_performance_coaching_employee_phone_tour",
            login="tour_alice",
        )
        topics = session.topic_ids.sorted("id")
        self.assertEqual(topics.mapped("name"), ["Your quarter", "Time for the workshop next month"])
        self.assertEqual(topics.mapped("side"), ["coach", "employee"])
        self.assertEqual(topics.author_id, self.user_manager | self.user_alice)
        self.assertIn("The slides are late because of the release", session.employee_prep)
        signal = self.env["hr.coaching.signal"].search([("employee_id", "=", self.alice.id)])
        self.assertEqual(signal.mapped("note"), ["I would like to talk about the release"])
        self.assertEqual(past.employee_rating, "4", "She rated the past talk in its review dialog.")
        self.assertIn("Block two hours a week for the workshop", past.will)
