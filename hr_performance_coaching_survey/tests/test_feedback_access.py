from odoo import Command
from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import COACHING_DUE
from odoo.exceptions import AccessError

from .common import FeedbackCase

INPUT = "survey.user_input"
LINE = "survey.user_input.line"


class TestFeedbackAccess(FeedbackCase):
    """Who reads the feedback as records, through the survey's own models, whatever survey group they have."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Carol and Dave answer without a name, Bob signs: a minimum of 2 unnamed answers shows the three.
        cls.company.coaching_feedback_min_answers = 2
        cls.answers = cls._ask_as_superuser(cls.bob | cls.carol | cls.dave)
        cls.other_survey = cls.env["survey.survey"].create({"title": "Canteen"})
        cls.canteen = cls.other_survey._create_answer(partner=cls.user_erin.partner_id, check_attempts=False)

    @classmethod
    def _ask_as_superuser(cls, colleagues):
        wizard = (
            cls.env["hr.coaching.feedback.wizard"]
            .with_context(default_session_id=cls.talk.id)
            .create({"colleague_ids": [Command.set(colleagues.ids)]})
        )
        wizard.action_send()
        return cls.env[INPUT].search([("coaching_session_id", "=", cls.talk.id)])

    def setUp(self):
        super().setUp()
        for employee, text in ((self.bob, "Bob"), (self.carol, "Carol"), (self.dave, "Dave")):
            self._fill(self._answer_of(employee), f"{text} helps.", f"{text} tries.", sign=employee == self.bob)

    def _feedback_seen(self, user):
        """The coaching answers and lines ``user`` finds: through search_read, read_group and export."""
        Input, Line = self.env[INPUT].with_user(user), self.env[LINE].with_user(user)
        domain = [("survey_id", "=", self.survey.id)]
        inputs = Input.search_read(domain, ["partner_id"])
        lines = Line.search_read(domain, ["value_text_box"])
        groups = Input.read_group(domain, ["partner_id"], ["partner_id"])
        exported = Input.search(domain).export_data(["partner_id", "user_input_line_ids/value_text_box"])["datas"]
        return {
            "inputs": sorted(row["partner_id"][1] for row in inputs),
            "lines": sorted(row["value_text_box"] for row in lines if row["value_text_box"]),
            "groups": sorted(group["partner_id"][1] for group in groups),
            "exported": sorted(row[1] for row in exported if row[1]),  # the answers' texts
        }

    def test_the_coach_reads_the_answers_only_in_the_talk(self):
        """The coach finds no answer record (they hold the names) but reads the answers in the talk."""
        self.assertEqual(
            self._feedback_seen(self.user_manager), {"inputs": [], "lines": [], "groups": [], "exported": []}
        )
        talk = (
            self.env["hr.coaching.session"]
            .with_user(self.user_manager)
            .search_read([("id", "=", self.talk.id)], ["feedback_answers", "feedback_done_count"])[0]
        )
        self.assertEqual(talk["feedback_done_count"], 3)
        for text in ("Bob helps.", "Carol helps.", "Dave tries.", "Bob Report"):
            self.assertIn(text, talk["feedback_answers"])
        self.assertNotIn("Carol Outsider", talk["feedback_answers"])

    def test_the_managers_above_read_it_in_the_talk_too(self):
        """The director stands above the coach: coach side, same reading."""
        self.assertIn("Dave tries.", str(self.talk.with_user(self.user_director).feedback_answers))
        self.assertEqual(self._feedback_seen(self.user_director)["inputs"], [])

    def test_the_employee_reads_nothing_of_the_records(self):
        """The coached employee finds no answer, even once the feedback is shared and the talk done."""
        self.talk.feedback_shared = True
        self.talk.will = "<p>Try it.</p>"
        self.talk.action_done()
        self.assertEqual(
            self._feedback_seen(self.user_alice), {"inputs": [], "lines": [], "groups": [], "exported": []}
        )
        self.assertIn("Bob helps.", str(self.talk.with_user(self.user_alice).feedback_summary))

    def test_a_respondent_reads_only_their_own_answer(self):
        """Bob answered: he finds his answer and its lines, nobody else's."""
        self.assertEqual(
            self._feedback_seen(self.user_bob),
            {
                "inputs": ["Bob Report"],
                "lines": ["Bob helps.", "Bob tries."],
                "groups": ["Bob Report"],
                "exported": ["Bob helps.", "Bob tries."],
            },
        )
        self.assertFalse(self.talk.with_user(self.user_bob).feedback_answers)

    def test_other_colleagues_and_survey_managers_read_nothing(self):
        """A colleague nobody asked and a survey manager who coaches nobody find no coaching answer; the survey
        manager still reads the other surveys' answers."""
        empty = {"inputs": [], "lines": [], "groups": [], "exported": []}
        self.assertEqual(self._feedback_seen(self.user_erin), empty)
        self.assertEqual(self._feedback_seen(self.user_survey_manager), empty)
        Input = self.env[INPUT].with_user(self.user_survey_manager)
        self.assertEqual(Input.search([]), self.canteen)
        self.assertEqual(self.env[LINE].with_user(self.user_survey_manager).search_count([]), 0)
        with self.assertRaises(AccessError):
            self.answers.with_user(self.user_survey_manager).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.talk.with_user(self.user_survey_manager).feedback_answers  # noqa: B018

    def test_officers_read_all(self):
        """A coaching officer, without any survey group, reads every coaching answer and no other survey's."""
        self.assertEqual(
            self._feedback_seen(self.user_officer),
            {
                "inputs": ["Bob Report", "Carol Outsider", "Dave Colleague"],
                "lines": ["Bob helps.", "Bob tries.", "Carol helps.", "Carol tries.", "Dave helps.", "Dave tries."],
                "groups": ["Bob Report", "Carol Outsider", "Dave Colleague"],
                "exported": ["Bob helps.", "Bob tries.", "Carol helps.", "Carol tries.", "Dave helps.", "Dave tries."],
            },
        )
        self.assertEqual(self.env[INPUT].with_user(self.user_officer).search([]), self.answers)

    def test_nobody_moves_or_forges_an_answer(self):
        """Through the models, a respondent cannot sign as someone else, move the answer to another talk, or
        delete it; and nobody creates feedback for a talk outside the invitation."""
        bob = self._answer_of(self.bob).with_user(self.user_bob)
        for vals in ({"partner_id": self.user_carol.partner_id.id}, {"coaching_session_id": False}):
            with self.assertRefused(AccessError, "is given through its survey link"):
                bob.write(vals)
        with self.assertRefused(AccessError, "is given through its survey link"):
            bob.user_input_line_ids[:1].write({"value_text_box": "Forged"})
        with self.assertRefused(AccessError, "is given through its survey link"):
            bob.unlink()
        with self.assertRefused(AccessError, "is asked from the talk"):
            self.env[INPUT].with_user(self.user_erin).create(
                {
                    "survey_id": self.survey.id,
                    "partner_id": self.user_erin.partner_id.id,
                    "coaching_session_id": self.talk.id,
                }
            )
        self.assertEqual(self._answer_of(self.bob).partner_id, self.user_bob.partner_id)

    def test_the_rule_is_one_definition(self):
        """The global rules call res.users._coaching_feedback_domain, for answers and their lines alike."""
        for xmlid in ("survey_user_input_rule_coaching", "survey_user_input_line_rule_coaching"):
            rule = self.env.ref(f"hr_performance_coaching_survey.{xmlid}")
            self.assertTrue(rule["global"])
            self.assertIn("user._coaching_feedback_domain(company_ids", rule.domain_force)

    def test_the_employee_still_cannot_close_the_coach_reminder(self):
        """Extending the talk keeps it a coaching document: its coach's reminder stays the coach side's to close."""
        reminder = self.talk._coaching_schedule_reminders(
            COACHING_DUE,
            [(self.talk, self.user_manager, self._days(0), "")],
        )
        with self.assertRefused(AccessError, "Only the coach's side can close or change this coaching reminder."):
            reminder.with_user(self.user_alice).action_feedback(feedback="Done by me")
        self.assertTrue(reminder.exists())
