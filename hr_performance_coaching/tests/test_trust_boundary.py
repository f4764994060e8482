"""The trust boundary, attacked as real users would over RPC: each test runs as the attacking user, with the
context a caller chooses, and checks that nothing crossed and nothing changed."""

from datetime import date, datetime

from lxml import etree

from odoo import Command
from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import COACHING_DUE
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestStateOnlyThroughActions(CoachingCase):
    """The status moves only through the actions and their checks; no context key unlocks anything."""

    def test_manager_cannot_close_by_writing_the_status(self):
        session = self._session(self.alice).with_user(self.user_manager)
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            session.write({"state": "done"})
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            session.with_context(coaching_closing=True).write({"state": "done"})
        self.assertEqual(session.state, "planned")

    def test_done_session_cannot_be_reopened_then_deleted(self):
        session = self._done_session(self.alice).with_user(self.user_manager)
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            session.write({"state": "planned"})
        with self.assertRefused(UserError, "cannot be deleted"):
            session.unlink()
        with self.assertRefused(UserError, "cannot be deleted"):
            session.with_context(_force_unlink=True).unlink()
        with self.assertRefused(UserError, "Only a cancelled session can be planned again"):
            session.action_reset()
        self.assertEqual(session.state, "done")

    def test_closed_talk_is_not_rewritten_whatever_the_context(self):
        session = self._done_session(self.alice, summary="<p>Agreed</p>").with_user(self.user_manager)
        for context in ({}, {"coaching_closing": True}, {"tracking_disable": True}):
            with self.assertRefused(UserError, "is closed"):
                session.with_context(**context).write({"summary": "<p>Rewritten</p>"})
        self.assertIn("Agreed", session.summary)

    def test_a_session_is_created_planned(self):
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            self.Session.with_user(self.user_manager).create(
                {"employee_id": self.alice.id, "state": "done", "will": "<p>Skip the talk</p>"}
            )


@tagged("post_install", "-at_install")
class TestLinksStayInScope(CoachingCase):
    """Every link a user writes points to what they may read, and keeps the record in their scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A second branch: Carol manages Dave; Mark's team cannot see it.
        cls.dave = cls.env["hr.employee"].create({"name": "Dave Other Branch", "parent_id": cls.carol.id})
        cls.dave_session = cls._session(cls.dave, coach_id=cls.carol.id, private_note="<p>About Dave</p>")
        cls.dave_commitment = cls.Commitment.create(
            {"session_id": cls.dave_session.id, "name": "Dave's own step", "date_deadline": cls._days(5)}
        )
        cls.foreign = cls.env["hr.employee"].create({"name": "Fay Foreign", "company_id": cls.other_company.id})
        cls.alice_session = cls._session(cls.alice, private_note="<p>About Alice</p>")
        cls.alice_commitment = cls.Commitment.create(
            {"session_id": cls.alice_session.id, "name": "Alice's step", "date_deadline": cls._days(5)}
        )
        cls.signal = cls.env["hr.coaching.signal"].create({"employee_id": cls.alice.id, "name": "Looks tired"})

    def test_signal_cannot_move_to_another_company(self):
        signal = self.signal.with_user(self.user_manager)
        with self.assertRaises(AccessError):
            signal.write({"employee_id": self.foreign.id})
        with self.assertRaises(AccessError):
            signal.write({"employee_id": self.dave.id})
        self.assertEqual(self.signal.employee_id, self.alice)

    def test_signal_cannot_link_another_branch_session(self):
        with self.assertRaises(AccessError):
            self.signal.with_user(self.user_manager).write({"session_id": self.dave_session.id})
        self.assertFalse(self.signal.session_id)

    def test_commitment_cannot_move_to_another_branch(self):
        commitment = self.alice_commitment.with_user(self.user_manager)
        for fname, target in [
            ("session_id", self.dave_session),
            ("review_session_id", self.dave_session),
            ("renewed_from_id", self.dave_commitment),
            ("owner_id", self.foreign),
        ]:
            with self.assertRaises(AccessError, msg=fname):
                commitment.write({fname: target.id})
            self.assertNotEqual(self.alice_commitment[fname], target, fname)

    def test_commitment_cannot_be_created_in_another_branch(self):
        with self.assertRaises(AccessError):
            self.Commitment.with_user(self.user_manager).create(
                {"session_id": self.dave_session.id, "name": "Planted", "date_deadline": self._days(5)}
            )
        self.assertEqual(self.dave_session.commitment_ids, self.dave_commitment)

    def test_private_note_cannot_move_to_another_session(self):
        note = self.alice_session.note_ids.with_user(self.user_manager)
        with self.assertRaises(AccessError):
            note.write({"session_id": self.dave_session.id})
        foreign_session = self._session(
            self.foreign,
            coach_id=self.env["hr.employee"].create({"name": "Foreign Coach", "company_id": self.other_company.id}).id,
        )
        with self.assertRaises(AccessError):
            note.write({"session_id": foreign_session.id})
        self.assertEqual(self.alice_session.note_ids.session_id, self.alice_session)

    def test_coach_from_another_company_is_refused(self):
        foreign_coach = self.env["hr.employee"].create({"name": "Foreign Coach", "company_id": self.other_company.id})
        with self.assertRaises(AccessError):
            self.alice_session.with_user(self.user_manager).write({"coach_id": foreign_coach.id})
        with self.assertRefused(UserError, "Incompatible companies"):
            self.alice_session.write({"coach_id": foreign_coach.id})  # even as superuser: companies must match
        self.assertEqual(self.alice_session.coach_id, self.manager)

    def test_template_of_another_company_is_refused(self):
        template = self.env["hr.coaching.template"].create({"name": "Other", "company_id": self.other_company.id})
        with self.assertRaises(AccessError):
            self.alice_session.with_user(self.user_manager).write({"template_id": template.id})
        self.assertNotEqual(self.alice_session.template_id, template)

    def test_meeting_is_set_by_the_addon_only(self):
        board = self.env["calendar.event"].create(
            {"name": "Board meeting", "start": datetime(2026, 3, 5, 9), "stop": datetime(2026, 3, 5, 10)}
        )
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            self.alice_session.with_user(self.user_manager).write({"calendar_event_id": board.id})
        self.alice_session.with_user(self.user_manager).action_cancel()
        self.assertTrue(board.active)
        self.assertNotEqual(self.alice_session.calendar_event_id, board)


@tagged("post_install", "-at_install")
class TestWhoCoachesWhom(CoachingCase):
    """One definition: the record rules, the domain, its SQL form and the Python checks agree, also after a
    re-organisation."""

    def _agree(self, user, expected):
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        everyone = Employee.search([])
        by_domain = Employee.search(user._coaching_managed_domain())
        by_sql = Employee.search([("id", "in", user._coaching_managed_subquery())])
        by_python = user._coaching_manages(everyone) if not user._is_coaching_officer() else by_domain
        self.assertEqual(by_domain, expected, user.login)
        self.assertEqual(by_sql, expected, user.login)
        self.assertEqual(by_python, expected, user.login)
        # One employee at a time, as the checks of a talk ask (walking up from her, not down from the user).
        one_by_one = everyone.filtered(lambda employee: user._coaching_manages(employee))
        self.assertEqual(one_by_one, expected if not user._is_coaching_officer() else everyone, user.login)
        sessions = self.Session.search([("employee_id", "in", everyone.ids)])
        readable = self.Session.with_user(user).search([("id", "in", sessions.ids)])
        coached = sessions.filtered(lambda s: s.coach_id.user_id == user or s.employee_id.user_id == user)
        self.assertEqual(readable, sessions.filtered(lambda s: s.employee_id in expected) | coached, user.login)
        for session in sessions:
            self.assertEqual(
                session.with_user(user)._is_coach_side(),
                session.employee_id in expected or session.coach_id.user_id == user,
                (user.login, session.employee_id.name),
            )

    def test_cached_rules_follow_a_new_department_manager(self):
        """The rules keep who coaches whom as ids, cached per user: a change that Odoo makes by itself (a
        department's new manager becomes its employees' manager) reaches them at once, as does archiving."""
        department = self.env["hr.department"].create({"name": "Operations"})
        olga = self.env["hr.employee"].create({"name": "Olga Ops", "department_id": department.id})
        session = self._session(olga, coach_id=self.director.id)
        as_carol = self.Session.with_user(self.user_carol)
        self.assertFalse(as_carol.search([("id", "=", session.id)]))  # cached: Carol manages nobody
        department.manager_id = self.carol
        self.assertEqual(olga.parent_id, self.carol)
        self.assertEqual(as_carol.search([("id", "=", session.id)]), session)
        self.carol.active = False  # her user no longer has an employee: she manages nobody
        self.assertFalse(as_carol.search([("id", "=", session.id)]))

    def test_rules_and_python_agree_before_and_after_a_reorganisation(self):
        for employee in self.alice | self.bob | self.manager | self.carol:
            self._session(employee, coach_id=(employee.parent_id or self.director).id)
        self._agree(self.user_director, self.manager | self.alice | self.bob)
        self._agree(self.user_manager, self.alice | self.bob)
        self._agree(self.user_alice, self.env["hr.employee"])
        self._agree(self.user_carol, self.env["hr.employee"])
        # Mark and his team move to Carol's branch; as in the employee form, Carol becomes Mark's coach too.
        self.manager.write({"parent_id": self.carol.id, "coach_id": self.carol.id})
        self._agree(self.user_director, self.env["hr.employee"])
        self._agree(self.user_carol, self.manager | self.alice | self.bob)
        self._agree(self.user_manager, self.alice | self.bob)

    def test_check_of_a_few_employees_agrees_at_the_edges(self):
        """The check of a talk's employee walks up from her (issue 23, a big tenant); it says what the rules' SQL
        says where the two could part: nobody manages an employee of their own, even one placed below another of
        them; an archived manager manages nobody; an archived report counts only when the request reads archived
        records, as a search would."""
        Employee = self.env["hr.employee"].sudo()
        second = Employee.create(
            {
                "name": "Mark Manager (other company)",
                "user_id": self.user_manager.id,
                "company_id": self.other_company.id,
                "parent_id": self.manager.id,
                "coach_id": self.manager.id,
            }
        )
        managed = Employee.with_context(active_test=False).search(
            [("id", "in", self.user_manager._coaching_managed_subquery())]
        )
        self.assertEqual(managed, self.alice | self.bob)
        self.assertFalse(self.user_manager._coaching_manages(second | self.manager))
        self.assertEqual(self.user_manager._coaching_manages(second | self.alice), self.alice)

        self.bob.coach_id = self.carol
        self.assertEqual(self.user_carol._coaching_manages(self.bob), self.bob)
        self.bob.action_archive()
        self.assertFalse(self.user_carol._coaching_manages(self.bob))
        self.assertFalse(self.user_manager._coaching_manages(self.bob))
        archived_too = self.bob.with_context(active_test=False)
        self.assertEqual(self.user_carol._coaching_manages(archived_too), self.bob)
        self.assertEqual(self.user_manager._coaching_manages(archived_too), self.bob)

        self.assertEqual(self.user_director._coaching_manages(self.alice), self.alice)
        self.director.action_archive()  # his user no longer has an active employee: he manages nobody
        self.manager.parent_id = self.director  # (Odoo empties it on archiving: kept here, to test the rule alone)
        self.assertFalse(self.user_director._coaching_manages(self.alice | self.manager))
        self.assertFalse(Employee.search([("id", "in", self.user_director._coaching_managed_subquery())]))

    def test_designated_coach_is_on_the_coach_side(self):
        """Odoo's own Coach of an employee coaches them here too: the talk's default coach, the rules, the checks."""
        self.bob.coach_id = self.carol
        self._agree(self.user_carol, self.bob)
        self._agree(self.user_manager, self.alice | self.bob)
        session = self.Session.with_user(self.user_carol).create({"employee_id": self.bob.id})
        self.assertEqual(session.coach_id, self.carol)
        self.assertEqual(self.Session.create({"employee_id": self.alice.id}).coach_id, self.manager)
        signal = self.env["hr.coaching.signal"]._coaching_raise(
            [{"employee_id": self.bob.id, "signal_type": "manual", "name": "Quiet lately"}]
        )
        self.assertEqual((signal.coach_id, signal.activity_ids.user_id), (self.carol, self.user_carol))
        self.bob.coach_id = False
        self._agree(self.user_carol, self.env["hr.employee"])
        self.assertEqual(self.Session.create({"employee_id": self.bob.id}).coach_id, self.manager)

    def test_both_forms_agree_whatever_the_context(self):
        """The domain and its SQL form start from the same employees of the user: all their active ones, whatever
        companies the request allows and whether it reads archived records. A manager with an employee in each
        company coaches both teams in both forms; the companies' own rules decide what he reads (issue 23, item 5)."""
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        manager_there = Employee.create(
            {"name": "Mark Manager", "user_id": self.user_manager.id, "company_id": self.other_company.id}
        )
        olga = Employee.create(
            {"name": "Olga Other Co", "parent_id": manager_there.id, "company_id": self.other_company.id}
        )
        Employee.create({"name": "Erin Former Report", "parent_id": self.carol.id})
        self.carol.action_archive()
        by_sql = Employee.search([("id", "in", self.user_manager._coaching_managed_subquery())])
        self.assertEqual(by_sql, self.alice | self.bob | olga)
        self.assertFalse(Employee.search([("id", "in", self.user_carol._coaching_managed_subquery())]))
        everyone = Employee.search([])
        for context in (
            {"allowed_company_ids": self.company.ids},
            {"allowed_company_ids": (self.company | self.other_company).ids},
            {"active_test": False},
        ):
            domain = self.user_manager.with_context(**context)._coaching_managed_domain()
            self.assertEqual(Employee.search(domain), by_sql, context)
            self.assertEqual(everyone.filtered_domain(domain), by_sql, context)
            self.assertFalse(Employee.search(self.user_carol.with_context(**context)._coaching_managed_domain()))

    def test_python_check_starts_from_the_same_employees_whatever_the_company(self):
        """A manager whose only employee is in another company coaches his team there while his request allows
        only the main company: the Python check agrees with the rules' SQL, it has no shortcut of its own through
        ``employee_ids`` (which keeps to the request's companies)."""
        remote = new_test_user(
            self.env,
            login="coach_remote",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[(6, 0, (self.company | self.other_company).ids)],
        )
        Employee = self.env["hr.employee"].sudo()
        boss = Employee.create({"name": "Rémi Remote", "user_id": remote.id, "company_id": self.other_company.id})
        olga = Employee.create({"name": "Olga Other Co", "parent_id": boss.id, "company_id": self.other_company.id})
        as_remote = remote.with_user(remote).with_context(allowed_company_ids=self.company.ids)
        self.assertFalse(as_remote.employee_ids)  # what the shortcut read
        self.assertEqual(as_remote._coaching_manages(olga | self.alice), olga)
        self.assertEqual(Employee.search([("id", "in", remote._coaching_managed_subquery())]), olga)

    def test_is_coach_side_is_the_one_rule_on_every_coaching_document(self):
        """Talks, commitments, goals and signals compute is_coach_side with the one rule (_is_coach_side), for the
        talk's coach, a designated coach who is not the manager, the coachee and a colleague; a record not saved
        yet is its future coach's (issue 23, item 5)."""
        self.bob.coach_id = self.carol
        talk = self._session(self.bob, datetime(2026, 3, 2, 9, 0))
        documents = [
            talk,
            self.Commitment.create({"session_id": talk.id, "name": "Draft", "date_deadline": date(2026, 3, 20)}),
            self.env["hr.coaching.goal"].create({"employee_id": self.bob.id, "name": "Lead a workshop"}),
            self.env["hr.coaching.signal"]._coaching_raise(
                [{"employee_id": self.bob.id, "signal_type": "manual", "name": "Quiet lately"}]
            ),
        ]
        expected = {"coach_manager": True, "coach_carol": True, "coach_director": True, "coach_bob": False}
        for record in documents:
            # Only the coach side reads signals (the record rules): Bob reads none, his own neither.
            readers = self.user_manager | self.user_carol | self.user_director
            for user in readers if record._name == "hr.coaching.signal" else readers | self.user_bob:
                mine = record.with_user(user)
                coach_side = expected[user.login]
                self.assertEqual((mine.is_coach_side, mine._is_coach_side()), (coach_side, coach_side), user.login)
        new_commitment = self.Commitment.with_user(self.user_bob).new({"name": "Draft"})
        self.assertTrue(new_commitment.is_coach_side)
        self.assertFalse(self.Commitment.with_user(self.user_bob).new({"session_id": talk.id}).is_coach_side)

    def test_oca_allowed_users_follow_a_reorganisation_higher_up(self):
        """OCA's ``allowed_user_ids`` (the users above an employee, which OCA's appraisal rules read) follows a
        move or a new user higher up, not only a change of the employee's own manager (issue 23, item 3)."""
        Users = self.env["res.users"]

        def allowed():
            self.env.flush_all()
            self.env.invalidate_all()
            return {employee: employee.allowed_user_ids for employee in self.alice | self.bob | self.manager}

        self.assertEqual(
            allowed(),
            {
                self.alice: self.user_manager | self.user_director,
                self.bob: self.user_manager | self.user_director,
                self.manager: self.user_director,
            },
        )
        # Mark and his team move under Carol: two levels above Alice.
        self.manager.parent_id = self.carol
        both = self.user_manager | self.user_carol
        self.assertEqual(allowed(), {self.alice: both, self.bob: both, self.manager: self.user_carol})
        # Carol's employee gets another user: three levels up the chain follow.
        cleo = new_test_user(self.env, login="coach_cleo", name="Cleo Chief", groups="base.group_user")
        self.carol.user_id = cleo
        both = self.user_manager | cleo
        self.assertEqual(allowed(), {self.alice: both, self.bob: both, self.manager: cleo})
        # Carol above Mark leaves: only Mark is above his team.
        self.manager.parent_id = False
        self.assertEqual(allowed(), {self.alice: self.user_manager, self.bob: self.user_manager, self.manager: Users})

    def test_appraisal_follows_the_reorganisation(self):
        """After Mark's team moves, the old grand-manager no longer rates nor counts its talks; the new one does."""
        self._done_session(self.alice, datetime(2026, 3, 3, 9, 0))
        appraisal = self.env["hr.appraisal"].create({"employee_id": self.alice.id, "date_close": date(2026, 4, 30)})
        appraisal.action_confirm()
        self.manager.parent_id = self.carol
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_director).performance_rating = "3"
        self.env.invalidate_all()
        # She no longer coaches Alice: the appraisal itself is out of her reach.
        self.assertFalse(appraisal.with_user(self.user_director).search([("id", "=", appraisal.id)]))
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_director).read(["coaching_session_count"])
        self.env.invalidate_all()
        appraisal.with_user(self.user_carol).performance_rating = "4"
        self.assertEqual(appraisal.with_user(self.user_carol).coaching_session_count, 1)
        self.assertEqual(appraisal.sudo().performance_rating_raw, "4")


@tagged("post_install", "-at_install")
class TestCalendarFollowsTheTalk(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.coaching_calendar_event = True

    def test_reschedule_cancel_and_plan_again(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0)).with_user(self.user_manager)
        meeting = session.sudo().calendar_event_id
        self.assertEqual((meeting.start, meeting.stop), (datetime(2026, 3, 2, 9, 0), datetime(2026, 3, 2, 10, 0)))
        session.write({"date_scheduled": datetime(2026, 3, 4, 14, 0), "duration": 0.5})
        self.assertEqual((meeting.start, meeting.stop), (datetime(2026, 3, 4, 14, 0), datetime(2026, 3, 4, 14, 30)))
        session.action_cancel()
        self.assertFalse(meeting.active)
        session.action_reset()
        self.assertTrue(meeting.active)
        self.assertEqual(meeting.start, datetime(2026, 3, 4, 14, 0))

    def test_huge_duration_is_refused_in_words(self):
        with self.assertRefused(ValidationError, "lasts between"):
            self._session(self.alice, duration=1e12)
        self.assertFalse(self.Session.search([("employee_id", "=", self.alice.id)]))


@tagged("post_install", "-at_install")
class TestRatingsMeanWhatTheySay(CoachingCase):
    def test_only_the_coached_employee_rates_the_talk(self):
        session = self._done_session(self.alice)
        for user in (self.user_manager, self.user_director, self.user_officer):
            with self.assertRefused(AccessError, "rates how useful the talk was"):
                session.with_user(user).write({"employee_rating": "5"})
        session.with_user(self.user_alice).write({"employee_rating": "1"})
        self.assertEqual(session.employee_rating, "1")

    def test_rating_widget_offers_five_values(self):
        arch = etree.fromstring(self.Session.get_view(view_type="form")["arch"])
        [field] = arch.xpath("//field[@name='employee_rating']")
        self.assertEqual(field.get("widget"), "radio")
        self.assertEqual([key for key, _label in self.Session._fields["employee_rating"].selection], list("12345"))

    def test_coachee_cannot_close_the_coach_reminder(self):
        session = self._session(self.alice)
        reminder = session._coaching_schedule_reminders(COACHING_DUE, [(session, self.user_manager, date.today(), "")])
        as_alice = reminder.with_user(self.user_alice)
        with self.assertRefused(AccessError, "Only the coach's side"):
            as_alice.action_feedback(feedback="done by me")
        with self.assertRefused(AccessError, "Only the coach's side"):
            as_alice.unlink()
        with self.assertRefused(AccessError, "Only the coach's side"):
            as_alice.write({"date_deadline": date(2030, 1, 1)})
        self.assertTrue(reminder.exists())
        reminder.with_user(self.user_director).action_feedback(feedback="Booked")
        self.assertFalse(reminder.exists())

    def test_colleague_never_reads_a_performance_rating(self):
        appraisal = self.env["hr.appraisal"].create(
            {
                "employee_id": self.alice.id,
                "date_close": date(2026, 1, 31),
                "state": "3_done",
                "performance_rating": "2",
            }
        )
        appraisal.write({"performance_rating": "2", "manager_feedback_published": True})
        bystander = new_test_user(self.env, login="bystander", groups="base.group_user")
        # An appraisal user of hr_appraisal_oca whom its own rule lets read the appraisal (he put himself among
        # its managers): he reads the appraisal, never its rating.
        listed = new_test_user(self.env, login="listed", groups="base.group_user,hr_appraisal_oca.group_appraisal_user")
        appraisal.manager_ids = [
            Command.link(self.env["hr.employee"].create({"name": "Listed", "user_id": listed.id}).id)
        ]
        self.assertTrue(appraisal.with_user(listed).has_access("read"))
        for user in (bystander, self.user_bob, self.user_carol, listed):
            Appraisal = self.env["hr.appraisal"].with_user(user)
            self.assertFalse(Appraisal.search_read([("performance_rating", "=", "2")], ["employee_id"]), user.login)
            self.env.invalidate_all()
            if appraisal.with_user(user).has_access("read"):
                self.assertFalse(appraisal.with_user(user).performance_rating, user.login)
        for user, expected in ((self.user_alice, "2"), (self.user_manager, "2"), (self.user_director, "2")):
            self.env.invalidate_all()
            self.assertEqual(appraisal.with_user(user).performance_rating, expected, user.login)
        appraisal.manager_feedback_published = False
        self.env.invalidate_all()
        self.assertFalse(appraisal.with_user(self.user_alice).performance_rating)


@tagged("post_install", "-at_install")
class TestAppraisalsCompleteWithoutRating(CoachingCase):
    def test_rating_not_required_by_default(self):
        appraisal = self.env["hr.appraisal"].create({"employee_id": self.alice.id, "date_close": date(2026, 4, 30)})
        appraisal.action_confirm()
        appraisal.action_done()
        self.assertEqual(appraisal.state, "3_done")

    def test_rating_required_when_the_company_asks(self):
        self.company.coaching_require_rating = True
        appraisal = self.env["hr.appraisal"].create({"employee_id": self.alice.id, "date_close": date(2026, 4, 30)})
        appraisal.action_confirm()
        with self.assertRefused(UserError, "Give a performance rating"):
            appraisal.action_done()
        appraisal.write({"state": "3_done", "performance_rating": "4"})
        self.assertEqual((appraisal.state, appraisal.sudo().performance_rating_raw), ("3_done", "4"))

    def test_unrated_appraisals_are_counted_apart(self):
        Appraisal = self.env["hr.appraisal"]
        Appraisal.create(
            [
                {
                    "employee_id": self.alice.id,
                    "date_close": date(2026, 1, 31),
                    "state": "3_done",
                    "performance_rating": "3",
                },
                {"employee_id": self.alice.id, "date_close": date(2026, 4, 30), "state": "3_done"},
            ]
        )
        rows = self.env["hr.coaching.performance.report"].search([("employee_id", "=", self.alice.id)])
        self.assertEqual(len(rows), 1)
        self.assertFalse(rows.rated)
        self.assertFalse(rows.rating_change)
        action = self.env.ref("hr_performance_coaching.hr_coaching_performance_report_action")
        self.assertIn("search_default_filter_rated", action.context)
