from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CoachingCase

SECRET = "Secret: thinks about leaving"


@tagged("post_install", "-at_install")
class TestCoachingAccess(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice_session = cls._session(cls.alice, private_note=f"<p>{SECRET}</p>")
        cls.alice_session.commitment_ids = [
            (0, 0, {"name": "Alice's step", "date_deadline": cls._days(5)}),
        ]
        cls.bob_session = cls._session(cls.bob, private_note="<p>Bob note</p>")
        # The manager is coached too: by the director, with a private note he must not read.
        cls.manager_session = cls._session(cls.manager, private_note=f"<p>{SECRET} (manager)</p>")

    # ------------------------------------------------------------------ employee

    def test_employee_reads_only_own_sessions(self):
        """An employee finds and reads their own sessions, never a colleague's."""
        Session = self.Session.with_user(self.user_alice)
        self.assertEqual(Session.search([]), self.alice_session)
        self.assertEqual(Session.name_search("Alice"), [(self.alice_session.id, self.alice_session.display_name)])
        self.alice_session.with_user(self.user_alice).read(["goal", "employee_prep"])
        with self.assertRaises(AccessError):
            self.bob_session.with_user(self.user_alice).read(["goal"])
        groups = Session.read_group([], ["employee_id"], ["employee_id"])
        self.assertEqual([g["employee_id"][0] for g in groups], [self.alice.id])

    def test_employee_reads_only_own_commitments(self):
        """An employee sees their own commitments only."""
        self.Commitment.create(
            {"session_id": self.bob_session.id, "name": "Bob's step", "date_deadline": self._days(5)}
        )
        Commitment = self.Commitment.with_user(self.user_alice)
        self.assertEqual(Commitment.search([]), self.alice_session.commitment_ids)

    def test_private_note_hidden_from_employee_on_every_path(self):
        """No read path gives the employee the private note of their own session."""
        session = self.alice_session.with_user(self.user_alice)
        self.assertFalse(session.private_note)
        self.assertFalse(session.read(["private_note"])[0]["private_note"])
        self.assertFalse(session.search_read([("id", "=", session.id)], ["private_note"])[0]["private_note"])
        self.assertFalse(session.web_read({"private_note": {}})[0]["private_note"])
        self.assertFalse(
            self.Session.with_user(self.user_alice).search([("private_note", "ilike", "leaving")]),
            "searching on the note must not reveal it",
        )
        self.user_alice.groups_id += self.env.ref("base.group_allow_export")
        exported = session.export_data(["private_note"])["datas"]
        self.assertFalse(exported[0][0])
        with self.assertRaisesRegex(AccessError, "Private Note cannot be used to sort or group Coaching Session"):
            session.read_group([], ["private_note"], ["private_note"])
        with self.assertRaisesRegex(AccessError, "cannot be used to sort or group"):
            session.search([], order="private_note desc")
        with self.assertRaises(AccessError):
            self.alice_session.note_ids.with_user(self.user_alice).read(["note"])
        self.assertFalse(self.env["hr.coaching.session.note"].with_user(self.user_alice).search([]))
        messages = session.message_ids
        self.assertFalse(any(SECRET in (m.body or "") for m in messages))
        tracked = self.env["mail.tracking.value"].sudo().search([("mail_message_id", "in", messages.ids)])
        self.assertFalse(tracked.filtered(lambda t: t.field_id.name == "private_note"))

    def test_manager_coached_cannot_read_own_private_note(self):
        """A manager who is coached never reads the note about themselves, yet reads their reports' notes."""
        own = self.manager_session.with_user(self.user_manager)
        self.assertFalse(own.private_note)
        self.assertFalse(own.read(["private_note"])[0]["private_note"])
        self.assertFalse(self.Session.with_user(self.user_manager).search([("private_note", "ilike", "(manager)")]))
        self.assertIn(SECRET, self.alice_session.with_user(self.user_manager).private_note)
        with self.assertRaises(AccessError):
            own.private_note = "<p>Overwrite</p>"

    def test_employee_writes_prep_and_rating_only(self):
        """The employee writes their preparation and, once done, their rating; nothing else."""
        session = self.alice_session.with_user(self.user_alice)
        session.employee_prep = "<p>I want to talk about my workload</p>"
        self.assertIn("workload", self.alice_session.employee_prep)
        for fname in ("goal", "reality", "options", "will", "summary"):
            with self.assertRefused(AccessError, "You can only write your preparation and your rating"):
                session.write({fname: "<p>Mine</p>"})
            self.assertFalse(self.alice_session[fname], fname)
        with self.assertRaises(AccessError):
            session.action_cancel()
        with self.assertRaises(AccessError):
            session.unlink()
        self.alice_session.will = "<p>Go</p>"
        self.alice_session.action_done()
        session.employee_rating = "4"
        self.assertEqual(self.alice_session.employee_rating, "4")

    def test_employee_updates_progress_of_own_commitment(self):
        """The employee records progress on their commitment but cannot rewrite it."""
        commitment = self.alice_session.commitment_ids.with_user(self.user_alice)
        commitment.write({"progress": 40, "progress_note": "Half way"})
        self.assertEqual(commitment.progress, 40)
        with self.assertRaises(AccessError):
            commitment.name = "Something easier"
        with self.assertRaises(AccessError):
            commitment.outcome = "kept"
        with self.assertRaises(AccessError):
            self.Commitment.with_user(self.user_alice).create(
                {"session_id": self.alice_session.id, "name": "Self-made", "date_deadline": self._days(5)}
            )

    def test_employee_cannot_create_session(self):
        """An employee without reports cannot plan a talk, not even for themselves."""
        with self.assertRaises(AccessError):
            self.Session.with_user(self.user_alice).create(
                {"employee_id": self.alice.id, "coach_id": self.bob.id, "date_scheduled": datetime(2026, 5, 1)}
            )

    # ------------------------------------------------------------------ managers

    def test_manager_manages_direct_and_indirect_reports(self):
        """A manager plans and runs talks for direct and indirect reports, with the private note."""
        for user, employee in [(self.user_manager, self.alice), (self.user_director, self.bob)]:
            session = self.Session.with_user(user).create(
                {"employee_id": employee.id, "date_scheduled": datetime(2026, 6, 1), "private_note": "<p>Mine</p>"}
            )
            self.assertEqual(session.private_note, "<p>Mine</p>")
            session.write({"goal": "<p>Grow</p>", "will": "<p>Act</p>"})
            session.action_done()
        Session = self.Session.with_user(self.user_director)
        self.assertIn(self.alice_session, Session.search([]))
        self.assertIn(self.manager_session, Session.search([]))
        self.assertIn(SECRET, self.alice_session.with_user(self.user_director).private_note)

    def test_manager_cannot_coach_outside_chain(self):
        """Planning a talk for someone outside the manager's chain is refused, and they stay invisible."""
        with self.assertRaises(AccessError):
            self.Session.with_user(self.user_manager).create(
                {"employee_id": self.carol.id, "coach_id": self.manager.id, "date_scheduled": datetime(2026, 6, 1)}
            )
        with self.assertRaises(AccessError):
            self.alice_session.with_user(self.user_manager).employee_id = self.carol
        carol_session = self._session(self.carol, coach_id=self.director.id)
        self.assertNotIn(carol_session, self.Session.with_user(self.user_manager).search([]))
        self.assertNotIn(self.manager_session, self.Session.with_user(self.user_bob).search([]))

    def test_coach_outside_chain_runs_the_talk(self):
        """A coach named by HR runs the talk and reads its note, but cannot plan new talks for that employee."""
        mentor_session = self._session(self.carol, coach_id=self.bob.id, private_note="<p>Mentor note</p>")
        session = mentor_session.with_user(self.user_bob)
        self.assertEqual(session.private_note, "<p>Mentor note</p>")
        session.will = "<p>Try it</p>"
        session.action_done()
        with self.assertRaises(AccessError):
            self.Session.with_user(self.user_bob).create(
                {"employee_id": self.carol.id, "coach_id": self.bob.id, "date_scheduled": datetime(2026, 6, 1)}
            )

    # ------------------------------------------------------------------ officers, templates, companies

    def test_officer_sees_and_manages_all(self):
        """A coaching officer reads every session and note of their companies and manages templates."""
        Session = self.Session.with_user(self.user_officer)
        self.assertIn(self.manager_session, Session.search([]))
        self.assertIn(SECRET, self.alice_session.with_user(self.user_officer).private_note)
        template = (
            self.env["hr.coaching.template"]
            .with_user(self.user_officer)
            .create({"name": "Officer template", "question_ids": [(0, 0, {"stage": "goal", "name": "Why?"})]})
        )
        self.assertEqual(template.question_count, 1)

    def test_users_cannot_change_templates(self):
        """Managers read the question templates but cannot change them."""
        template = self.template.with_user(self.user_manager)
        self.assertTrue(template.question_ids.read(["name"]))
        with self.assertRaises(AccessError):
            template.name = "Mine"
        with self.assertRaises(AccessError):
            self.env["hr.coaching.template"].with_user(self.user_manager).create({"name": "Mine"})

    def test_hr_manager_is_officer(self):
        """Employees / Administrator implies Coaching / Officer: an HR administrator sees every session."""
        hr_admin = new_test_user(self.env, login="hr_admin", groups="base.group_user,hr.group_hr_manager")
        self.assertTrue(hr_admin.has_group("hr_performance_coaching.group_coaching_officer"))
        session = self._session(self.alice)
        self.assertEqual(self.Session.with_user(hr_admin).search([("id", "=", session.id)]), session)

    def test_other_company_is_invisible(self):
        """Sessions of a company the user does not work in are invisible, even to an officer."""
        foreign = self.env["hr.employee"].create({"name": "Foreign", "company_id": self.other_company.id})
        foreign_coach = self.env["hr.employee"].create({"name": "Foreign Coach", "company_id": self.other_company.id})
        session = self._session(foreign, coach_id=foreign_coach.id)
        self.assertEqual(session.company_id, self.other_company)
        self.assertNotIn(session, self.Session.with_user(self.user_officer).search([]))
        with self.assertRaises(AccessError):
            session.with_user(self.user_officer).read(["name"])

    def test_public_employee_smart_buttons_count_what_the_user_may_open(self):
        """On the public employee form, the counts follow the reader's access: the manager sees the team's talks."""
        Public = self.env["hr.employee.public"]
        self.assertEqual(Public.with_user(self.user_manager).browse(self.alice.id).coaching_session_count, 1)
        self.assertEqual(Public.with_user(self.user_manager).browse(self.alice.id).coaching_open_commitment_count, 1)
        self.assertEqual(Public.with_user(self.user_bob).browse(self.alice.id).coaching_session_count, 0)
        action = Public.with_user(self.user_manager).browse(self.alice.id).action_open_coaching_sessions()
        self.assertEqual(action["res_model"], "hr.coaching.session")
