"""The third red team: what issues 24 to 26 added (quick feedback, weekly check-ins, aligned goals and the goal
library, Coaching Impact). Each attack is made as the attacking user, with the values, ids and context keys an RPC
caller chooses (``call_kw`` passes its ``context`` as given). The first tests are holes: each fails on the code it
was written against. The last ones are attacks that already fail, kept to guard the rules."""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from .common import CoachingCase


class ThirdAttackCase(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Goal = cls.env["hr.coaching.goal"]
        cls.Feedback = cls.env["hr.coaching.feedback"]
        # Alice's personal goal, and her closed talk with Mark with a commitment: what a colleague must not read.
        cls.goal = cls.Goal.create({"employee_id": cls.alice.id, "name": "Handle the burnout after the merger"})
        cls.talk = cls._session(cls.alice)
        cls.commitment = cls.Commitment.create(
            {"session_id": cls.talk.id, "name": "See the doctor about sleep", "date_deadline": date(2026, 3, 20)}
        )
        cls.talk.write({"will": "<p>Rest</p>"})
        cls.talk.action_done()
        cls.planned = cls._session(cls.alice, when=datetime(2026, 12, 30, 9, 0))
        # A manager of another branch: Nina manages Carol, and has nothing to do with Mark's team.
        cls.user_nina = new_test_user(cls.env, login="third_nina", groups="base.group_user", name="Nina Branch")
        cls.nina = cls.env["hr.employee"].create({"name": "Nina Branch", "user_id": cls.user_nina.id})
        cls.carol.parent_id = cls.nina
        # Mark's team and its goal, rolled up from the goals aligned to it.
        cls.sales = cls.env["hr.department"].create({"name": "Third Sales", "manager_id": cls.manager.id})
        cls.team_goal = cls.Goal.create(
            {"goal_type": "team", "department_id": cls.sales.id, "name": "Secret reorganisation plan"}
        )
        cls.aligned = cls.Goal.create(
            {"employee_id": cls.bob.id, "name": "Bob's part", "parent_id": cls.team_goal.id, "progress": 20}
        )
        cls.user_hr = new_test_user(cls.env, login="third_hr", groups="base.group_user,hr.group_hr_user")


@tagged("post_install", "-at_install")
class TestGoalContextDefaults(ThirdAttackCase):
    """High: a ``default_*`` key of the context gives a goal what the values may not (check_links and the goals'
    rules read the values only; the ORM then takes the context's default)."""

    def test_employee_proposal_by_default_employee_is_a_proposal(self):
        # The coachee's own goal, with her employee in the context instead of the values: it was created active,
        # with no coach accepting it, and counted at once in the goals above it.
        goal = (
            self.Goal.with_user(self.user_alice)
            .with_context(default_employee_id=self.alice.id)
            .create({"name": "Lead the Q3 launch"})
        )
        self.assertEqual(goal.employee_id, self.alice)
        self.assertEqual(goal.state, "proposed")

    def test_employee_proposal_links_no_talk_by_default_session_ids(self):
        with self.assertRefused(AccessError, "Your coach links your goals to your talks once they accept them."):
            self.Goal.with_user(self.user_alice).with_context(default_session_ids=[self.planned.id]).create(
                {"name": "Lead the Q3 launch", "employee_id": self.alice.id}
            )
        self.assertFalse(self.planned.goal_ids)

    def test_default_session_ids_link_no_goal_into_a_closed_talk(self):
        with self.assertRefused(UserError, "A closed talk keeps what is attached to it: nothing moves in or out."):
            self.Goal.with_user(self.user_manager).with_context(default_session_ids=[self.talk.id]).create(
                {"name": "Written after the talk", "employee_id": self.alice.id}
            )
        self.assertFalse(self.talk.goal_ids)

    def test_default_parent_id_aligns_to_no_goal_out_of_reach(self):
        # Nina aligned Carol's goal to Mark's team goal, which she may not read: she read its name and progress in
        # the alignment path, and Carol's 100 % moved the team's progress.
        self.assertEqual(self.team_goal.progress, 20)
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.user_nina).with_context(default_parent_id=self.team_goal.id).create(
                {"name": "Carol's goal", "employee_id": self.carol.id, "progress": 100}
            )
        self.assertEqual(self.team_goal.child_ids, self.aligned)
        self.assertEqual(self.team_goal.progress, 20)


@tagged("post_install", "-at_install")
class TestFeedbackContextDefaults(ThirdAttackCase):
    """High: the feedback's subject given as a context default escapes its checks."""

    def test_no_feedback_to_herself_by_default_employee(self):
        with self.assertRefused(UserError, "Feedback is for a colleague: for yourself, ask your coach for a talk"):
            self.Feedback.with_user(self.user_alice).with_context(default_employee_id=self.alice.id).create(
                {"body": "I did great this week.", "share_with_coach": True}
            )
        self.assertFalse(self.Feedback.search([("author_id", "=", self.user_alice.id)]))

    def test_colleague_links_no_goal_or_commitment_out_of_reach(self):
        # Bob linked Alice's goal and her closed talk's commitment by id and read their names back through the
        # link ((id, name) is read as superuser): "See the doctor about sleep".
        for key, record in (("default_goal_id", self.goal), ("default_commitment_id", self.commitment)):
            with self.subTest(key=key), self.assertRaises(AccessError):
                self.Feedback.with_user(self.user_bob).with_context(**{key: record.id}).create(
                    {"employee_id": self.alice.id, "body": "How is it going?"}
                )
        self.assertFalse(self.Feedback.search([("author_id", "=", self.user_bob.id)]))


@tagged("post_install", "-at_install")
class TestImpactThirdAttack(ThirdAttackCase):
    """Coaching Impact: ``compute_impact`` is public (RPC), its domain the caller's; the dataset below the minimum."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("hr_performance_coaching.analysis_min_appraisals", 5)
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                """INSERT INTO hr_appraisal (employee_id, company_id, state, visibility, date_close, active,
                                             performance_rating_raw, manager_feedback_published)
                   VALUES (%(e)s, %(c)s, '3_done', 'all', '2026-01-01', true, '2', true),
                          (%(e)s, %(c)s, '3_done', 'all', '2026-07-01', true, '4', true)""",
                e=cls.alice.id,
                c=cls.company.id,
            )
        )
        cls.env.invalidate_all()

    def test_compute_impact_refuses_bad_domains_in_words(self):
        # A psycopg2 error (a date that is not one, a list compared with an id) and an AssertionError (not a list).
        impact = self.env["hr.coaching.impact"].with_user(self.user_manager)
        for domain in ([("date", "=", "notadate")], [("id", "=", [1, [2]])], "abc"):
            with self.subTest(domain=domain), self.assertRaises(UserError), self.env.cr.savepoint():
                impact.compute_impact(domain)

    def test_below_the_minimum_search_read_lists_no_row(self):
        # One appraisal with a previous one, a minimum of 5: the page, read_group and web_search_read show nothing,
        # but search_read gave Alice's row with her ratings (2, then 4).
        Data = self.env["hr.coaching.impact.data"].with_user(self.user_manager)
        self.assertFalse(self.env["hr.coaching.impact"].with_user(self.user_manager).get_dashboard_data()["enough"])
        self.assertEqual(Data.web_search_read([], {"rating": {}}), {"length": 0, "records": []})
        self.assertEqual(Data.search_read([], ["employee_id", "rating", "previous_rating"]), [])


@tagged("post_install", "-at_install")
class TestValueShapesThirdAttack(ThirdAttackCase):
    """Bad input gets words, not a TypeError or an AttributeError (RPC callers choose the shapes)."""

    def test_goal_numbers_as_text(self):
        for user, vals in (
            (self.user_alice, {"progress": "abc"}),
            (self.user_alice, {"progress": [45]}),
            (self.user_manager, {"weight": "abc"}),
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                self.goal.with_user(user).write(vals)
        self.assertEqual((self.goal.progress, self.goal.weight), (0, 1.0))

    def test_goal_template_numbers_as_text(self):
        Template = self.env["hr.coaching.goal.template"].with_user(self.user_manager)
        for vals in (
            {"name": "Onboard well", "duration_months": "abc"},
            {"name": "Onboard well", "line_ids": [Command.create({"name": "Meet the team", "weight": "abc"})]},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                Template.create(vals)
        self.assertFalse(self.env["hr.coaching.goal.template"].search([("name", "=", "Onboard well")]))

    def test_feedback_body_not_a_text(self):
        for body in (["Why?"], 123, {"text": "Why?"}):
            with self.subTest(body=body), self.assertRaises(UserError), self.env.cr.savepoint():
                self.Feedback.with_user(self.user_bob).create({"employee_id": self.alice.id, "body": body})


@tagged("post_install", "-at_install")
class TestCheckinThirdAttack(ThirdAttackCase):
    def test_copy_tells_nothing_of_a_talk_out_of_reach(self):
        # Access first, existence after: Carol's own check-in, copied "into" Alice's talk, answered an access error,
        # and into a talk that does not exist, the refusal in words: she learned which talks exist.
        self.company.coaching_checkin = True
        checkin = self.env["hr.coaching.checkin"].with_user(self.user_carol).create({})
        messages = []
        for session_id in (self.planned.id, self.planned.id + 100000):
            with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                checkin.with_context(coaching_session_id=session_id).action_copy_to_reality()
            messages.append(str(caught.exception))
        self.assertEqual(messages, ["Copy a check-in from the planned talk of the same employee."] * 2)
        self.assertFalse(self.planned.reality)


@tagged("post_install", "-at_install")
class TestThirdAttackHeld(ThirdAttackCase):
    """Attacks that fail as they should."""

    def test_private_feedback_reaches_only_the_employee_and_its_author(self):
        feedback = self.Feedback.with_user(self.user_bob).create(
            {"employee_id": self.alice.id, "body": "Your estimates were off again."}
        )
        self.env.invalidate_all()
        for user in (self.user_manager, self.user_carol, self.user_nina, self.user_hr, self.user_officer):
            with self.subTest(user=user.login):
                self.assertEqual(self.Feedback.with_user(user).search_read([("id", "=", feedback.id)], ["body"]), [])
        self.assertEqual(
            self.Feedback.with_user(self.user_alice).search_read([("id", "=", feedback.id)], ["body"]),
            [{"id": feedback.id, "body": "Your estimates were off again."}],
        )
        # The coach side does not copy what it may not read into the talk.
        for method in ("action_copy_to_reality", "action_copy_to_agenda"):
            with self.subTest(method=method), self.assertRaises(AccessError), self.env.cr.savepoint():
                getattr(self.Feedback.with_user(self.user_manager).browse(feedback.id), method)()
        self.assertFalse(self.planned.topic_ids)

    def test_feedback_author_side_and_subject_stay(self):
        feedback = self.Feedback.with_user(self.user_bob).create({"employee_id": self.alice.id, "body": "Why?"})
        self.assertEqual((feedback.author_id, feedback.author_side), (self.user_bob, "colleague"))
        for vals in ({"author_side": "coach"}, {"author_id": self.user_manager.id}, {"employee_id": self.bob.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError), self.env.cr.savepoint():
                feedback.with_user(self.user_bob).write(vals)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Feedback.with_user(self.user_bob).with_context(default_author_side="coach").create(
                {"employee_id": self.alice.id, "body": "Why not?"}
            )
        self.assertEqual((feedback.author_id, feedback.author_side), (self.user_bob, "colleague"))

    def test_other_branch_and_hr_reach_no_goal(self):
        proposal = self.Goal.with_user(self.user_alice).create({"name": "Mentor", "employee_id": self.alice.id})
        self.assertEqual(proposal.state, "proposed")
        with self.assertRaises(AccessError):
            proposal.with_user(self.user_nina).action_accept()
        self.assertEqual(proposal.state, "proposed")
        self.assertFalse(self.Goal.with_user(self.user_hr).search([("goal_type", "!=", "company")]))
        with self.assertRaises(AccessError):
            self.env["hr.coaching.impact"].with_user(self.user_hr).get_dashboard_data({})

    def test_other_company_gives_and_reads_no_feedback(self):
        outsider = new_test_user(
            self.env, login="third_outsider", groups="base.group_user", company_id=self.other_company.id
        )
        outsider.company_ids = self.other_company
        Feedback = self.Feedback.with_user(outsider)
        for employee_id in (self.alice.id, str(self.alice.id), [self.alice.id]):
            with self.subTest(employee_id=employee_id), self.assertRaises(AccessError), self.env.cr.savepoint():
                Feedback.create({"employee_id": employee_id, "body": "Why?"})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Feedback.with_context(allowed_company_ids=[self.company.id]).search([])
        self.assertFalse(Feedback.search([]))


@tagged("post_install", "-at_install")
class TestFeedbackDefaultsOverRpc(HttpCase):
    """The same hole as the web client's RPC sends it: ``web_save`` with the caller's own context."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager = new_test_user(cls.env, login="rt3_manager", password="rt3_manager")
        cls.user_alice = new_test_user(cls.env, login="rt3_alice", password="rt3_alice")
        cls.user_bob = new_test_user(cls.env, login="rt3_bob", password="rt3_bob")
        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({"name": "Mark Manager", "user_id": cls.user_manager.id})
        cls.alice, cls.bob = Employee.create(
            [
                {"name": "Alice Report", "user_id": cls.user_alice.id, "parent_id": cls.manager.id},
                {"name": "Bob Report", "user_id": cls.user_bob.id, "parent_id": cls.manager.id},
            ]
        )
        cls.goal = cls.env["hr.coaching.goal"].create(
            {"employee_id": cls.alice.id, "name": "Handle the burnout after the merger"}
        )

    def test_colleague_reads_no_goal_name_over_rpc(self):
        self.authenticate("rt3_bob", "rt3_bob")
        with self.assertRaisesRegex(Exception, "AccessError"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/hr.coaching.feedback/web_save",
                {
                    "model": "hr.coaching.feedback",
                    "method": "web_save",
                    "args": [[], {"employee_id": self.alice.id, "body": "How is it going?"}],
                    "kwargs": {
                        "specification": {"goal_id": {"fields": {"display_name": {}}}},
                        "context": {"default_goal_id": self.goal.id},
                    },
                },
            )
        self.assertFalse(self.env["hr.coaching.feedback"].search([("author_id", "=", self.user_bob.id)]))
