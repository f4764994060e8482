"""The second red team's findings (issue 21), each reproduced as the attacking user, with the values and context
that user would send over RPC: each is refused or returns nothing, and nothing changed."""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..models.hr_coaching_mixin_tools import internal_write
from .common import CoachingCase


class SecondAttackCase(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Alice's closed talk with Mark, with a private note about her, and a commitment.
        cls.talk = cls._session(cls.alice, private_note="<p>Alice struggles with estimates</p>")
        cls.kept = cls.Commitment.create(
            {"session_id": cls.talk.id, "name": "Estimate the next story", "date_deadline": date(2026, 3, 20)}
        )
        cls.talk.write({"will": "<p>Estimate with the team</p>"})
        cls.talk.action_done()
        cls.Note = cls.env["hr.coaching.session.note"]

    def _notes_read_by(self, user, employee):
        return self.Note.with_user(user).search([("employee_id", "=", employee.id)])


@tagged("post_install", "-at_install")
class TestNobodyCoachesThemselves(SecondAttackCase):
    """High: with Employee Editing, an employee named herself (or a colleague) as her coach and read the notes."""

    def test_employee_editing_does_not_reach_the_coaching_relations(self):
        self.env["ir.config_parameter"].sudo().set_param("hr.hr_employee_self_edit", True)
        alice = self.user_alice
        coach_before = self.alice.coach_id
        for fname, value in (
            ("coach_id", self.alice.id),
            ("coach_id", self.bob.id),
            ("employee_parent_id", self.alice.id),
            # Second outside attack: the department sets the manager (its manager becomes hers).
            ("department_id", self.env["hr.department"].create({"name": "Carol's", "manager_id": self.carol.id}).id),
        ):
            with self.subTest(fname=fname), self.assertRefused(AccessError, "set by HR"):
                alice.with_user(alice).write({fname: value})
        self.assertEqual(self.alice.coach_id, coach_before)
        self.assertEqual(self.alice.parent_id, self.manager)
        self.assertFalse(self.alice.department_id)
        # What Employee Editing is for still works.
        alice.with_user(alice).write({"mobile_phone": "+32 470 00 00 00"})
        self.assertEqual(self.alice.mobile_phone, "+32 470 00 00 00")

    def test_herself_as_coach_set_by_hr_grants_nothing(self):
        self.alice.coach_id = self.alice
        self.assertFalse(self._notes_read_by(self.user_alice, self.alice))
        self.assertFalse(self.Session.with_user(self.user_alice).browse(self.talk.id).private_note)
        domain = self.user_alice._coaching_managed_domain()
        self.assertFalse(self.env["hr.employee"].search(domain))
        self.assertFalse(self.env["hr.employee"].search([("id", "in", self.user_alice._coaching_managed_subquery())]))

    def test_designated_coach_reads_the_notes_of_his_talks_not_those_before_him(self):
        # Bob is made Alice's coach by HR later: he reads her sessions, and the notes of the talks he holds only.
        self.alice.coach_id = self.bob
        self.assertFalse(self._notes_read_by(self.user_bob, self.alice))
        own = self._session(self.alice, coach_id=self.bob.id, private_note="<p>Bob's own note</p>")
        notes = self._notes_read_by(self.user_bob, self.alice)
        self.assertEqual(notes.session_id, own)
        # The managers above still read the history.
        self.assertEqual(len(self._notes_read_by(self.user_director, self.alice)), 2)

    def test_hr_officer_names_others_not_himself(self):
        """An HR officer (not a coaching officer) does not make himself someone's coach or manager, nor take over a
        manager's user (third outside attack); named coach by another HR officer, he reads no earlier note."""
        hr_officer = new_test_user(self.env, login="hr_officer_attack", groups="base.group_user,hr.group_hr_user")
        hr_employee = self.env["hr.employee"].create({"name": "Harry HR", "user_id": hr_officer.id})
        alice = self.alice.with_user(hr_officer)
        coach_before = self.alice.coach_id
        for vals in ({"coach_id": hr_employee.id}, {"parent_id": hr_employee.id}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "make yourself the manager or coach"):
                alice.write(vals)
        hr_employee.with_user(hr_officer).write({"user_id": False})
        with self.assertRefused(AccessError, "take over their user"):
            self.manager.with_user(hr_officer).write({"user_id": hr_officer.id})
        self.assertEqual((self.alice.coach_id, self.alice.parent_id), (coach_before, self.manager))
        self.assertEqual(self.manager.user_id, self.user_manager)
        hr_employee.user_id = hr_officer
        alice.write({"coach_id": self.bob.id})  # he names others
        self.assertEqual(self.alice.coach_id, self.bob)
        self.alice.coach_id = hr_employee  # as another HR officer would
        self.assertFalse(self._notes_read_by(hr_officer, self.alice))
        self.assertFalse(self.Session.with_user(hr_officer).browse(self.talk.id).private_note)


@tagged("post_install", "-at_install")
class TestSignalDuplicateIsNoOracle(SecondAttackCase):
    """High: the duplicate check of signals ran as superuser before any access check, and told who has one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.coaching.signal"].create({"employee_id": cls.alice.id, "signal_type": "manual", "name": "Watch"})

    def test_outsider_learns_nothing(self):
        Signal = self.env["hr.coaching.signal"].with_user(self.user_carol)
        # Alice has an open manual signal, Bob has none: Carol gets the same refusal for both, in the same words.
        answers = []
        for employee in (self.alice, self.bob):
            with self.assertRaises(AccessError) as caught:
                Signal.create({"employee_id": employee.id, "signal_type": "manual", "name": "Probe"})
            answers.append(str(caught.exception).replace(employee.name, "X"))
        self.assertEqual(answers[0], answers[1])
        self.assertNotIn("already has", answers[0])
        with self.assertRaises(AccessError) as caught:
            Signal.create({"employee_id": str(self.alice.id), "signal_type": "manual", "name": "Probe"})
        self.assertNotIn("already has", str(caught.exception))

    def test_portal_and_other_company_learn_nothing(self):
        portal = new_test_user(self.env, login="portal_attack", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["hr.coaching.signal"].with_user(portal).create(
                {"employee_id": self.alice.id, "signal_type": "manual", "name": "Probe"}
            )

    def test_manager_is_told_of_the_duplicate(self):
        with self.assertRefused(UserError, "already has an open signal"):
            self.env["hr.coaching.signal"].with_user(self.user_manager).create(
                {"employee_id": self.alice.id, "signal_type": "manual", "name": "Again"}
            )

    def test_state_moves_only_through_the_actions(self):
        signal = (
            self.env["hr.coaching.signal"].search([("employee_id", "=", self.alice.id)]).with_user(self.user_manager)
        )
        for state in ("resolved", "dismissed", "scheduled", "open"):
            with self.subTest(state=state), self.assertRefused(ValidationError, "can only be changed with the buttons"):
                signal.write({"state": state})
        self.assertEqual(signal.state, "open")
        signal.action_dismiss()
        self.assertEqual(signal.state, "dismissed")
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            self.env["hr.coaching.signal"].with_user(self.user_manager).create(
                {"employee_id": self.bob.id, "name": "Closed at birth", "state": "resolved"}
            )


@tagged("post_install", "-at_install")
class TestAppraisalRatersFromTheHierarchy(SecondAttackCase):
    """High: hr_appraisal_oca lets any user edit manager_ids; our rating rights trusted them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraisal = cls.env["hr.appraisal"].create(
            {"employee_id": cls.alice.id, "date_close": date(2026, 6, 30), "performance_rating": "2"}
        )

    def test_a_colleague_who_adds_himself_reads_no_rating(self):
        self.appraisal.sudo().manager_ids = [Command.link(self.carol.id)]
        appraisal = self.appraisal.with_user(self.user_carol)
        self.assertFalse(appraisal.performance_rating)
        self.assertFalse(appraisal.search([("id", "=", appraisal.id), ("performance_rating", "=", "2")]))
        with self.assertRaises(AccessError):
            appraisal.performance_rating = "5"
        self.assertEqual(self.appraisal.sudo().performance_rating_raw, "2")
        # Nor the appraisal itself: hr_appraisal_oca gives it to every internal user, the coaching rule does not.
        self.assertFalse(appraisal.search([("id", "=", appraisal.id)]))
        with self.assertRaises(AccessError):
            appraisal.read(["manager_feedback"])

    def test_the_employee_who_adds_herself_cannot_rate_herself(self):
        self.appraisal.sudo().manager_ids = [Command.link(self.alice.id)]
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.user_alice).performance_rating = "5"
        self.assertEqual(self.appraisal.sudo().performance_rating_raw, "2")

    def test_the_manager_above_rates(self):
        self.appraisal.with_user(self.user_manager).performance_rating = "3"
        self.assertEqual(self.appraisal.sudo().performance_rating_raw, "3")


@tagged("post_install", "-at_install")
class TestStringIdsAreIds(SecondAttackCase):
    """Medium: check_links looked at ints only; '45' was stored as 45 and showed the names of other branches."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dave = cls.env["hr.employee"].create({"name": "Dave Other Branch", "parent_id": cls.carol.id})
        cls.dave_talk = cls._session(cls.dave)
        cls.dave_commitment = cls.Commitment.create(
            {"session_id": cls.dave_talk.id, "name": "Dave's secret plan", "date_deadline": date(2026, 4, 1)}
        )
        cls.dave_goal = cls.env["hr.coaching.goal"].create({"employee_id": cls.dave.id, "name": "Dave's goal"})

    def test_string_ids_are_checked_as_the_ids_they_store(self):
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        commitment = self.Commitment.create(
            {"session_id": planned.id, "name": "Plan", "date_deadline": date(2026, 4, 20)}
        ).with_user(self.user_manager)
        for fname, value in (
            ("renewed_from_id", str(self.dave_commitment.id)),
            ("goal_id", f" {self.dave_goal.id}"),
            ("review_session_id", str(self.dave_talk.id)),
            ("renewed_from_id", (self.dave_commitment.id, "x")),
        ):
            with self.subTest(fname=fname, value=value), self.assertRaises(AccessError):
                commitment.write({fname: value})
        self.assertFalse(commitment.renewed_from_id or commitment.goal_id)
        self.assertEqual(commitment.review_session_id, self.env["hr.coaching.session"])

    def test_signal_session_as_string(self):
        signal = self.env["hr.coaching.signal"].create({"employee_id": self.alice.id, "name": "Watch"})
        with self.assertRaises(AccessError):
            signal.with_user(self.user_manager).write({"session_id": str(self.dave_talk.id)})
        self.assertFalse(signal.session_id)

    def test_nonsense_ids_are_refused_in_words(self):
        for value in ("abc", "4.5", -3, True):
            with self.subTest(value=value), self.assertRefused(ValidationError, "is not a valid value for"):
                self.Session.with_user(self.user_manager).create({"employee_id": value})


@tagged("post_install", "-at_install")
class TestClosedTalkLocksItsChildren(SecondAttackCase):
    """Medium: closed talks changed through their children."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.next_talk = cls._session(cls.alice, when=datetime(2026, 4, 2, 9, 0))
        cls.new_commitment = cls.Commitment.create(
            {"session_id": cls.next_talk.id, "name": "Pair on estimates", "date_deadline": date(2026, 4, 20)}
        )

    def test_nothing_moves_into_or_out_of_a_closed_talk(self):
        commitment = self.new_commitment.with_user(self.user_manager)
        with self.assertRefused(UserError, "nothing moves in or out"):
            commitment.write({"session_id": self.talk.id})
        with self.assertRefused(UserError, "closed talk"):
            self.kept.with_user(self.user_manager).write({"session_id": self.next_talk.id})
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            commitment.write({"review_session_id": self.talk.id})
        self.assertEqual(self.new_commitment.session_id, self.next_talk)
        self.assertEqual(self.kept.session_id, self.talk)

    def test_a_commitment_of_a_closed_talk_is_not_deleted(self):
        with self.assertRefused(UserError, "Nothing attached to a closed talk can be deleted"):
            self.kept.with_user(self.user_manager).unlink()
        self.assertTrue(self.kept.exists())

    def test_a_goal_is_not_tied_to_or_untied_from_a_closed_talk(self):
        goal = self.env["hr.coaching.goal"].create({"employee_id": self.alice.id, "name": "Estimate well"})
        with self.assertRefused(UserError, "nothing moves in or out"):
            goal.with_user(self.user_manager).write({"session_ids": [Command.link(self.talk.id)]})
        self.assertFalse(goal.session_ids)

    def test_the_closed_talk_is_not_renamed(self):
        with self.assertRefused(UserError, "is closed"):
            self.talk.with_user(self.user_manager).write({"name": "Nothing happened"})

    def test_amendment_days_add_but_do_not_link(self):
        self.company.coaching_amend_days = 30
        talk = self.talk.with_user(self.user_manager)
        bobs = self._done_session(self.bob, commitments=[("Bob's own", date(2026, 3, 30))]).commitment_ids
        with self.assertRefused(UserError, "is closed"):
            talk.write({"commitment_ids": [Command.link(bobs.id)]})
        self.assertEqual(bobs.session_id.employee_id, self.bob)

    def test_the_closed_agenda_stays(self):
        topic = self.env["hr.coaching.topic"].create({"session_id": self.next_talk.id, "name": "Estimates"})
        self.kept.outcome = "kept"
        self.next_talk.write({"will": "<p>Go</p>"})
        self.next_talk.action_done()
        with self.assertRefused(UserError, "stays as it was"):
            topic.with_user(self.user_manager).write({"name": "Rewritten"})
        with self.assertRefused(UserError, "Nothing attached to a closed talk"):
            topic.with_user(self.user_manager).unlink()


@tagged("post_install", "-at_install")
class TestNoMoveIntoOnesOwnTalk(SecondAttackCase):
    """Medium: a manager moved his report's commitment or point into his own talk with his own manager."""

    def test_manager_cannot_move_a_report_commitment_into_his_own_talk(self):
        alice_talk = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        commitment = self.Commitment.create(
            {"session_id": alice_talk.id, "name": "Alice's step", "date_deadline": date(2026, 4, 20)}
        )
        topic = self.env["hr.coaching.topic"].create({"session_id": alice_talk.id, "name": "Alice's point"})
        own_talk = self._session(self.manager, when=datetime(2026, 4, 3, 9, 0))
        for record in (commitment, topic):
            with self.subTest(model=record._name), self.assertRefused(AccessError, "same employee"):
                record.with_user(self.user_manager).write({"session_id": own_talk.id})
            self.assertEqual(record.session_id, alice_talk)


@tagged("post_install", "-at_install")
class TestOutsideAttackFindings(SecondAttackCase):
    """The outside attack after the fixes above (issue 21, item 6): each finding as the attacking user."""

    def test_related_and_computed_fields_are_not_written_through(self):
        """A commitment's employee (related to its talk's) written as the manager changed the closed talk's employee
        as superuser, and handed the commitment to a colleague."""
        for vals in ({"employee_id": self.bob.id}, {"coach_id": self.bob.id}, {"company_id": self.company.id}):
            with self.subTest(vals=vals), self.assertRefused(ValidationError, "can only be changed with the buttons"):
                self.kept.with_user(self.user_manager).write(vals)
        self.assertEqual((self.kept.employee_id, self.talk.employee_id), (self.alice, self.alice))
        self.assertFalse(self.Commitment.with_user(self.user_bob).search([("id", "=", self.kept.id)]))

    def test_a_commitment_state_moves_by_its_buttons_only(self):
        next_talk = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        self.assertEqual(self.kept.review_session_id, next_talk)
        kept = self.kept.with_user(self.user_manager)
        for vals in (
            {"state": "done"},
            {"state": "dropped"},
            {"review_session_id": False},
            {"renewed_from_id": self.kept.id},
        ):
            with self.subTest(vals=vals), self.assertRefused(ValidationError, "can only be changed with the buttons"):
                kept.write(vals)
        kept.outcome = "missed"
        self.assertEqual(self.kept.state, "done")
        next_talk.write({"will": "<p>Estimate again</p>"})
        next_talk.action_done()
        with self.assertRefused(UserError, "closed with its talk"):
            kept.action_reopen()
        with self.assertRefused(UserError, "closed with its talk"):
            kept.write({"outcome": "kept"})
        self.assertEqual((self.kept.state, self.kept.outcome), ("done", "missed"))

    def test_a_commitment_serves_its_own_employee_goals_only(self):
        bobs_goal = self.env["hr.coaching.goal"].create({"employee_id": self.bob.id, "name": "Bob's goal"})
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        step = self.Commitment.create({"session_id": planned.id, "name": "Step", "date_deadline": date(2026, 4, 9)})
        with self.assertRefused(ValidationError, "it cannot be discussed in a talk with Alice Report"):
            step.with_user(self.user_manager).write({"goal_id": bobs_goal.id})
        with self.assertRefused(ValidationError, "it cannot be discussed in a talk with Alice Report"):
            self.Commitment.with_user(self.user_manager).create(
                {"session_id": planned.id, "name": "x", "date_deadline": date(2026, 4, 9), "goal_id": bobs_goal.id}
            )

    def test_the_coach_of_a_talk_is_one_who_coaches_the_employee(self):
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0)).with_user(self.user_manager)
        with self.assertRefused(ValidationError, "Bob Report does not coach Alice Report"):
            planned.write({"coach_id": self.bob.id})
        with self.assertRefused(ValidationError, "Carol Outsider does not coach Alice Report"):
            self.Session.with_user(self.user_manager).create({"employee_id": self.alice.id, "coach_id": self.carol.id})
        planned.write({"coach_id": self.director.id})
        self.assertEqual(planned.coach_id, self.director)
        planned.with_user(self.user_officer).write({"coach_id": self.carol.id})
        self.assertEqual(planned.coach_id, self.carol)

    def test_the_files_of_a_talk(self):
        """Files on a closed talk are neither added, changed nor deleted; the coachee changes only her own uploads
        on a planned one; no file moves into or out of a talk or its note, nor onto a talk that does not exist."""
        Attachment = self.env["ir.attachment"]
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))

        def upload(user, session, name):
            return Attachment.with_user(user).create(
                {"name": name, "raw": b"x", "res_model": "hr.coaching.session", "res_id": session.id}
            )

        coach_file = upload(self.user_manager, planned, "coach.txt")
        own = upload(self.user_alice, planned, "mine.txt")
        with self.assertRefused(AccessError, "Only the coach's side changes the files of a talk"):
            coach_file.with_user(self.user_alice).unlink()
        own.with_user(self.user_alice).write({"name": "prep.txt"})
        for user in (self.user_manager, self.user_alice):
            with self.subTest(user=user.login), self.assertRefused(UserError, "files of a closed talk"):
                upload(user, self.talk, "late.txt")
        with internal_write():  # the addon itself may still store on a closed talk
            on_closed = Attachment.create(
                {"name": "closed.txt", "raw": b"x", "res_model": "hr.coaching.session", "res_id": self.talk.id}
            )
        # Third outside attack: the chatter uploads and edits messages as superuser; the lock holds there too.
        with self.assertRefused(UserError, "files of a closed talk"):
            Attachment.sudo().create(
                {"name": "chatter.txt", "raw": b"x", "res_model": "hr.coaching.session", "res_id": self.talk.id}
            )
        with self.assertRefused(UserError, "files of a closed talk"):
            on_closed.sudo().unlink()
        with self.assertRefused(UserError, "files of a closed talk"):
            on_closed.with_user(self.user_manager).unlink()
        with self.assertRefused(UserError, "files of a closed talk"):
            own.with_user(self.user_alice).write({"res_id": self.talk.id})
        with self.assertRefused(AccessError, "stay with the talk"):
            own.with_user(self.user_alice).write({"res_id": self._session(self.alice).id})
        with self.assertRefused(AccessError, "stay with the talk"):
            coach_file.with_user(self.user_manager).write({"res_model": "hr.coaching.session.note"})
        with self.assertRaises(AccessError):
            upload(self.user_bob, self.Session.browse(999999), "planted.txt")
        self.assertTrue(coach_file.exists() and on_closed.exists())
        self.assertEqual((own.res_id, coach_file.res_model), (planned.id, "hr.coaching.session"))

    def test_unstored_fields_are_refused_in_words(self):
        Appraisal = self.env["hr.appraisal"].with_user(self.user_manager)
        with self.assertRaisesRegex(AccessError, "Performance Rating cannot be used to sort or group"):
            Appraisal.search([], order="performance_rating desc")
        with self.assertRaisesRegex(AccessError, "Performance Rating cannot be used to sort or group"):
            Appraisal.read_group([], ["performance_rating"], ["performance_rating"])


@tagged("post_install", "-at_install")
class TestSecondOutsideAttackFindings(SecondAttackCase):
    """The second outside attack (issue 21, item 6, after the fixes above): each finding as the attacking user."""

    def test_a_new_goal_is_not_tied_to_a_closed_talk(self):
        Goal = self.env["hr.coaching.goal"].with_user(self.user_manager)
        for links in ([Command.link(self.talk.id)], [Command.set(self.talk.ids)], [(4, str(self.talk.id))]):
            with self.subTest(links=links), self.assertRefused(UserError, "nothing moves in or out"):
                Goal.create({"name": "Late goal", "employee_id": self.alice.id, "session_ids": links})
        self.assertFalse(self.talk.goal_ids)
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        goal = Goal.create({"name": "Goal", "employee_id": self.alice.id, "session_ids": [(4, str(planned.id))]})
        self.assertEqual(goal.session_ids, planned)

    def test_the_goal_of_a_commitment_is_frozen_with_its_review(self):
        goal = self.env["hr.coaching.goal"].create({"employee_id": self.alice.id, "name": "Estimate well"})
        next_talk = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        self.kept.outcome = "kept"
        next_talk.write({"will": "<p>Go on</p>"})
        next_talk.action_done()
        for value in (goal.id, str(goal.id)):
            with self.subTest(value=value), self.assertRefused(UserError, "closed with its talk"):
                self.kept.with_user(self.user_manager).write({"goal_id": value})
        self.assertFalse(self.kept.goal_id)

    def test_the_employee_does_not_publish_her_managers_feedback(self):
        appraisal = self.env["hr.appraisal"].create(
            {"employee_id": self.alice.id, "date_close": date(2026, 6, 30), "performance_rating": "2"}
        )
        appraisal.manager_feedback_published = False
        appraisal.manager_feedback = "<p>SECRET feedback</p>"
        as_alice = appraisal.with_user(self.user_alice)
        self.assertFalse(as_alice.performance_rating)
        self.assertFalse(as_alice.read(["manager_feedback"])[0]["manager_feedback"])
        self.assertFalse(as_alice.web_read({"manager_feedback": {}})[0]["manager_feedback"])
        self.assertFalse(as_alice.search([("manager_feedback", "ilike", "SECRET")]))
        self.assertEqual(
            appraisal.with_user(self.user_manager).search([("manager_feedback", "ilike", "SECRET")]), appraisal
        )
        for vals in ({"manager_feedback_published": True}, {"manager_feedback": "<p>Great</p>"}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "you write your feedback"):
                as_alice.write(vals)
        as_alice.write({"employee_feedback": "<p>My view</p>"})
        self.env.invalidate_all()
        self.assertFalse(as_alice.performance_rating)
        self.assertFalse(appraisal.manager_feedback_published)
        appraisal.with_user(self.user_manager).manager_feedback_published = True
        self.env.invalidate_all()
        self.assertEqual(as_alice.performance_rating, "2")
        self.assertIn("SECRET feedback", as_alice.read(["manager_feedback"])[0]["manager_feedback"])

    def test_whether_a_talk_has_a_note_is_no_oracle(self):
        """The coachee and a designated coach who does not hold the talk get the same refusal for a talk with a
        note and one without."""
        self.alice.coach_id = self.bob
        with_note = self._session(
            self.alice, when=datetime(2026, 4, 2, 9, 0), coach_id=self.manager.id, private_note="<p>Note</p>"
        )
        without = self._session(self.alice, when=datetime(2026, 4, 3, 9, 0), coach_id=self.manager.id)
        Note = self.env["hr.coaching.session.note"]
        for user in (self.user_alice, self.user_bob):
            answers = []
            for session in (with_note, without):
                with self.assertRaises(AccessError) as caught:
                    Note.with_user(user).create({"session_id": session.id, "note": "<p>x</p>"})
                answers.append(str(caught.exception))
            self.assertEqual(answers[0], answers[1], user.login)
        self.assertFalse(Note.search([("session_id", "=", without.id)]))
        # The coach, who reads the note, is told in words that the talk has one.
        with self.assertRefused(UserError, "A session has one private note"):
            Note.with_user(self.user_manager).create({"session_id": with_note.id, "note": "<p>Second</p>"})


@tagged("post_install", "-at_install")
class TestTheRecordStaysInScope(SecondAttackCase):
    """The guard's check after a write: a record the user moves out of his own reach is refused, and unchanged."""

    def test_a_goal_is_not_given_to_someone_the_manager_does_not_coach(self):
        goal = self.env["hr.coaching.goal"].create({"employee_id": self.alice.id, "name": "Estimate well"})
        for employee in (self.carol, self.director, self.manager):
            with self.subTest(employee=employee.name), self.assertRaises(AccessError):
                goal.with_user(self.user_manager).write({"employee_id": employee.id})
        goal.with_user(self.user_manager).write({"employee_id": self.bob.id})
        self.assertEqual(goal.employee_id, self.bob)

    def test_a_note_does_not_move_to_a_talk_whose_note_the_user_may_not_write(self):
        """The manager reads his own talk (he is coached too), not the note about himself: the note of his report's
        talk does not move there."""
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0), private_note="<p>About Alice</p>")
        own = self._session(self.manager, when=datetime(2026, 4, 3, 9, 0))
        note = (
            self.env["hr.coaching.session.note"].search([("session_id", "=", planned.id)]).with_user(self.user_manager)
        )
        with self.assertRaises(AccessError):
            note.write({"session_id": own.id})
        self.assertEqual(note.sudo().session_id, planned)


@tagged("post_install", "-at_install")
class TestThirdOutsideAttackFindings(SecondAttackCase):
    """The third outside attack (issue 21, item 6): each finding as the attacking user."""

    def test_the_managers_feedback_is_not_grouped_by_the_employee(self):
        appraisal = self.env["hr.appraisal"].create(
            {"employee_id": self.alice.id, "date_close": date(2026, 6, 30), "manager_feedback": "<p>SECRET</p>"}
        )
        appraisal.manager_feedback_published = False
        Appraisal = self.env["hr.appraisal"].with_user(self.user_alice)
        for groupby, aggregates in ((["manager_feedback"], ["__count"]), ([], ["manager_feedback:max"])):
            with self.subTest(groupby=groupby), self.assertRaises(AccessError):
                Appraisal._read_group([("id", "=", appraisal.id)], groupby, aggregates)
        with self.assertRaises(AccessError):
            Appraisal.read_group([("id", "=", appraisal.id)], ["manager_feedback"], ["manager_feedback"])

    def test_a_designated_coach_does_not_take_over_a_talk(self):
        self.alice.coach_id = self.bob
        planned = self._session(
            self.alice, when=datetime(2026, 4, 2, 9, 0), coach_id=self.manager.id, private_note="<p>Mark's</p>"
        )
        with self.assertRefused(AccessError, "Only the coach holding the talk"):
            planned.with_user(self.user_bob).write({"coach_id": self.bob.id})
        self.assertEqual(planned.coach_id, self.manager)
        self.assertFalse(planned.with_user(self.user_bob).private_note)
        planned.with_user(self.user_manager).write({"coach_id": self.bob.id})  # the coach hands it over
        self.assertEqual(planned.coach_id, self.bob)

    def test_the_coach_does_not_fill_the_employees_fields(self):
        for vals in ({"employee_rating": "5"}, {"employee_prep": "<p>Ready</p>"}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "herself"):
                self.Session.with_user(self.user_manager).create({"employee_id": self.alice.id, **vals})

    def test_a_commitment_is_owned_by_one_of_the_two_people_of_the_talk(self):
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0), coach_id=self.manager.id)
        Commitment = self.Commitment.with_user(self.user_manager)
        step = Commitment.create({"session_id": planned.id, "name": "Step", "date_deadline": date(2026, 4, 9)})
        for owner in (self.bob, self.carol):
            with self.subTest(owner=owner.name), self.assertRefused(ValidationError, "is owned by Alice Report or"):
                step.write({"owner_id": owner.id})
        with self.assertRefused(ValidationError, "is owned by Alice Report or"):
            Commitment.create(
                {"session_id": planned.id, "name": "x", "date_deadline": date(2026, 4, 9), "owner_id": self.bob.id}
            )
        step.write({"owner_id": self.manager.id})
        self.assertEqual(step.owner_id, self.manager)
        self.assertFalse(self.Commitment.with_user(self.user_bob).search([("id", "=", step.id)]))

    def test_the_meeting_of_a_talk_is_private(self):
        self.company.coaching_calendar_event = True
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        meeting = planned.sudo().calendar_event_id
        self.assertEqual(meeting.privacy, "private")
        self.env.invalidate_all()
        as_colleague = meeting.with_user(self.user_carol).read(["name"])[0]["name"]
        self.assertNotIn("Alice", as_colleague)

    def test_sorting_employees_by_coaching_fields_is_refused_in_words(self):
        for order in ("coaching_session_count", "coaching_open_commitment_count", "coaching_open_signal_count"):
            with self.subTest(order=order), self.assertRaisesRegex(AccessError, "sort or group"):
                self.env["hr.employee.public"].with_user(self.user_manager).search([], order=order)


@tagged("post_install", "-at_install")
class TestFourthOutsideAttackFindings(SecondAttackCase):
    """The fourth outside attack (issue 21, item 6): each finding as the attacking user."""

    def test_a_closed_signal_stays_as_it_was(self):
        signal = self.env["hr.coaching.signal"].create({"employee_id": self.alice.id, "name": "Watch"})
        signal.with_user(self.user_manager).action_dismiss()
        for vals in ({"employee_id": self.bob.id}, {"note": "rewritten"}, {"name": "renamed"}):
            with self.subTest(vals=vals), self.assertRefused(UserError, "Only an open signal can be changed"):
                signal.with_user(self.user_manager).write(vals)
        self.assertEqual((signal.employee_id, signal.name, signal.note), (self.alice, "Watch", False))

    def test_the_appraised_employee_does_not_create_her_managers_side(self):
        Appraisal = self.env["hr.appraisal"].with_user(self.user_alice)
        for vals in ({"manager_feedback": "<p>Self-praise</p>"}, {"manager_ids": [Command.set(self.alice.ids)]}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "you write your feedback"):
                Appraisal.create({"employee_id": self.alice.id, "date_close": date(2027, 1, 31), **vals})

    def test_an_hr_officer_does_not_create_an_employee_under_himself(self):
        hr_officer = new_test_user(self.env, login="hr_officer_create", groups="base.group_user,hr.group_hr_user")
        harry = self.env["hr.employee"].create({"name": "Harry HR", "user_id": hr_officer.id})
        Employee = self.env["hr.employee"].with_user(hr_officer)
        for vals in ({"parent_id": harry.id}, {"coach_id": harry.id}):
            with self.subTest(vals=vals), self.assertRefused(AccessError, "make yourself the manager or coach"):
                Employee.create({"name": "New hire", **vals})
        self.assertEqual(Employee.create({"name": "Other hire", "parent_id": self.manager.id}).parent_id, self.manager)

    def test_the_coachee_does_not_add_followers(self):
        planned = self._session(self.alice, when=datetime(2026, 4, 2, 9, 0))
        with self.assertRefused(AccessError, "Only the coach's side adds followers"):
            planned.with_user(self.user_alice).message_subscribe(partner_ids=self.user_carol.partner_id.ids)
        self.assertNotIn(self.user_carol.partner_id, planned.message_partner_ids)
        planned.with_user(self.user_alice).message_subscribe(partner_ids=self.user_alice.partner_id.ids)
        planned.with_user(self.user_manager).message_subscribe(partner_ids=self.user_director.partner_id.ids)
        self.assertIn(self.user_director.partner_id, planned.message_partner_ids)

    def test_employees_are_not_grouped_by_unstored_coaching_fields(self):
        Public = self.env["hr.employee.public"].with_user(self.user_carol)
        with self.assertRaisesRegex(AccessError, "sort or group"):
            Public.read_group([], ["coaching_open_signal_count:sum"], ["department_id"])
