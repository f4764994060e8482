"""The employee's half of the loop: invited, reminded to prepare, a shared agenda that carries over, a recap,
a rating request, and asking for a talk; each as the user who meets it."""

from datetime import date, datetime

from lxml import etree

from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import (
    COMMITMENT_DUE,
    PREP_REMINDER,
    RATING_REQUEST,
)
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestEmployeeLoop(CoachingCase):
    def _messages_to(self, session, partner):
        return self.env["mail.message"].search(
            [("model", "=", session._name), ("res_id", "=", session.id), ("partner_ids", "in", partner.ids)]
        )

    # ------------------------------------------------------------------ invitation, recap, rating request

    def test_planning_invites_the_employee(self):
        session = self.Session.with_user(self.user_manager).create(
            {"employee_id": self.alice.id, "date_scheduled": datetime(2026, 3, 2, 9, 0)}
        )
        self.assertIn(self.user_alice.partner_id, session.message_partner_ids)
        [invitation] = self._messages_to(session, self.user_alice.partner_id)
        self.assertEqual(invitation.subject, "A coaching talk with Mark Manager is planned")
        self.assertIn("open it to write what you would like to talk about", invitation.body)
        notification = self.env["mail.notification"].search(
            [("mail_message_id", "=", invitation.id), ("res_partner_id", "=", self.user_alice.partner_id.id)]
        )
        self.assertEqual(len(notification), 1)

    def test_talk_planned_by_the_cadence_is_booked_when_the_coach_sets_its_time(self):
        """The cadence cron plans a due talk by itself: no meeting and no invitation until the coach sets the
        time; then both at once."""
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self._run_cron("cadence", date(2026, 3, 30))
        planned = self.Session.search([("employee_id", "=", self.alice.id), ("state", "=", "planned")])
        self.assertFalse(planned.coaching_booked)
        self.assertFalse(planned.calendar_event_id)
        self.assertFalse(self._messages_to(planned, self.user_alice.partner_id))
        planned.with_user(self.user_manager).date_scheduled = datetime(2026, 4, 2, 14, 0)
        self.assertTrue(planned.coaching_booked)
        self.assertEqual(planned.sudo().calendar_event_id.start, datetime(2026, 4, 2, 14, 0))
        self.assertEqual(len(self._messages_to(planned, self.user_alice.partner_id)), 1)

    def test_invitation_in_the_employee_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_performance_coaching"], ["zh_CN"], overwrite=True)
        self.user_alice.lang = "zh_CN"
        session = self._session(self.alice)
        [invitation] = self._messages_to(session, self.user_alice.partner_id)
        self.assertIn("辅导", invitation.subject)
        self.assertNotIn("is planned", invitation.subject)

    def test_recap_and_rating_request_when_the_talk_closes(self):
        session = self._session(self.alice, will="<p>Ship the first draft.</p>", summary="<p>Good progress</p>")
        self.Commitment.create({"session_id": session.id, "name": "Draft the plan", "date_deadline": self._days(7)})
        session.with_user(self.user_manager).action_done()
        recap = self._messages_to(session, self.user_alice.partner_id).filtered(
            lambda m: m.subject and m.subject.startswith("Recap")
        )
        self.assertEqual(len(recap), 1)
        self.assertIn("Ship the first draft.", recap.body)
        self.assertIn("Draft the plan", recap.body)
        request = self._coaching_activities(session, RATING_REQUEST)
        self.assertEqual(request.user_id, self.user_alice)
        session.with_user(self.user_alice).employee_rating = "4"
        self.assertFalse(self._coaching_activities(session, RATING_REQUEST))

    def test_rating_request_expires_after_two_weeks(self):
        session = self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        request = self._coaching_activities(session, RATING_REQUEST)
        request.date_deadline = date(2026, 3, 2)
        self._run_cron("preparation", date(2026, 3, 16))
        self.assertTrue(request.exists(), "still open on the 14th day")
        self._run_cron("preparation", date(2026, 3, 17))
        self.assertFalse(request.exists())
        self.assertFalse(session.employee_rating)

    # ------------------------------------------------------------------ preparation reminder

    def test_preparation_reminder_once_and_closed_by_the_preparation(self):
        session = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        self._run_cron("preparation", date(2026, 3, 7))  # three days before: not yet (default 2)
        self.assertFalse(self._coaching_activities(session, PREP_REMINDER))
        self._run_cron("preparation", date(2026, 3, 8))
        reminder = self._coaching_activities(session, PREP_REMINDER)
        # Due the day it arrives: among her activities of the day.
        self.assertEqual((reminder.user_id, reminder.date_deadline), (self.user_alice, date(2026, 3, 8)))
        self._run_cron("preparation", date(2026, 3, 8))
        self._run_cron("preparation", date(2026, 3, 9))
        self.assertEqual(self._coaching_activities(session, PREP_REMINDER), reminder, "once")
        session.with_user(self.user_alice).employee_prep = "<p>My workload</p>"
        self.assertFalse(self._coaching_activities(session, PREP_REMINDER))
        self._run_cron("preparation", date(2026, 3, 9))
        self.assertFalse(self._coaching_activities(session, PREP_REMINDER), "not again after it was closed")

    def test_preparation_reminder_closed_by_a_topic_or_the_talk(self):
        by_topic = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        by_cancel = self._session(self.bob, datetime(2026, 3, 10, 9, 0))
        self._run_cron("preparation", date(2026, 3, 9))
        self.env["hr.coaching.topic"].with_user(self.user_alice).create({"session_id": by_topic.id, "name": "Workload"})
        self.assertFalse(self._coaching_activities(by_topic, PREP_REMINDER))
        self.assertTrue(self._coaching_activities(by_cancel, PREP_REMINDER))
        by_cancel.with_user(self.user_manager).action_cancel()
        self.assertFalse(self._coaching_activities(by_cancel, PREP_REMINDER))

    # ------------------------------------------------------------------ the shared agenda

    def test_topics_carry_over_at_close(self):
        Topic = self.env["hr.coaching.topic"]
        first = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Go</p>")
        covered = Topic.with_user(self.user_alice).create({"session_id": first.id, "name": "Workload"})
        open_point = Topic.with_user(self.user_manager).create({"session_id": first.id, "name": "Next project"})
        self.assertEqual((covered.side, open_point.side), ("employee", "coach"))
        covered.with_user(self.user_alice).done = True
        first.action_done()  # no planned talk yet: the open point waits
        self.assertFalse(open_point.carried_ids)
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0))
        self.assertEqual(second.topic_ids.mapped("name"), ["Next project"])
        self.assertEqual(second.topic_ids.carried_from_id, open_point)
        self.assertEqual(second.topic_ids.side, "coach")
        third = self._session(self.alice, datetime(2026, 5, 1, 9, 0))
        self.assertFalse(third.topic_ids, "carried once, to the next talk")

    def test_topics_access(self):
        Topic = self.env["hr.coaching.topic"]
        session = self._session(self.alice, private_note="<p>About Alice</p>")
        coach_point = Topic.with_user(self.user_manager).create({"session_id": session.id, "name": "Next project"})
        own_point = Topic.with_user(self.user_alice).create({"session_id": session.id, "name": "Workload"})
        self.assertEqual(Topic.with_user(self.user_alice).search([]), coach_point | own_point)
        self.assertFalse(Topic.with_user(self.user_bob).search([]))
        with self.assertRaises(AccessError):
            coach_point.with_user(self.user_bob).read(["name"])
        with self.assertRaises(AccessError):
            Topic.with_user(self.user_bob).create({"session_id": session.id, "name": "Planted"})
        with self.assertRefused(AccessError, "only change your own talking points"):
            coach_point.with_user(self.user_alice).name = "Rewritten"
        with self.assertRefused(AccessError, "only remove your own talking points"):
            coach_point.with_user(self.user_alice).unlink()
        self.assertEqual(
            (coach_point.with_user(self.user_alice).can_remove, own_point.with_user(self.user_alice).can_remove),
            (False, True),
        )
        self.assertTrue(coach_point.with_user(self.user_manager).can_remove)
        coach_point.with_user(self.user_alice).done = True
        own_point.with_user(self.user_alice).name = "My workload"
        self.assertEqual((coach_point.done, own_point.name), (True, "My workload"))
        self.assertFalse(session.with_user(self.user_alice).private_note)
        session.with_user(self.user_alice).write({"topic_ids": [(0, 0, {"name": "From the form"})]})
        self.assertIn("From the form", session.topic_ids.mapped("name"))
        extra = session.topic_ids.filtered(lambda topic: topic.name == "From the form")
        extra.with_user(self.user_alice).action_remove()
        self.assertFalse(extra.exists())

    def test_no_topic_on_a_closed_talk(self):
        session = self._done_session(self.alice)
        with self.assertRefused(UserError, "added to a planned talk"):
            self.env["hr.coaching.topic"].with_user(self.user_alice).create({"session_id": session.id, "name": "Late"})

    # ------------------------------------------------------------------ coach-owned commitments

    def test_coach_owned_commitment(self):
        session = self._session(self.alice, datetime(2026, 4, 6, 9, 0))
        commitment = self.Commitment.with_user(self.user_manager).create(
            {
                "session_id": session.id,
                "name": "Find a mentor for Alice",
                "owner_id": self.manager.id,
                "date_deadline": date(2026, 4, 20),
            }
        )
        self.assertIn(commitment, self.Commitment.with_user(self.user_alice).search([]))
        self._run_cron("commitments", date(2026, 4, 18))
        reminder = self._coaching_activities(commitment, COMMITMENT_DUE)
        self.assertEqual(reminder.user_id, self.user_manager)
        session.write({"will": "<p>Go</p>"})
        session.action_done()
        follow_up = self._session(self.alice, datetime(2026, 5, 4, 9, 0))
        self.assertEqual(follow_up.review_commitment_ids, commitment, "reviewed like the employee's own")

    # ------------------------------------------------------------------ asking for a talk

    def test_employee_asks_for_a_talk(self):
        wizard = self.env["hr.coaching.request.wizard"].with_user(self.user_alice).create({"reason": "My next project"})
        wizard.action_confirm()
        signal = self.env["hr.coaching.signal"].search([("signal_type", "=", "employee_request")])
        self.assertEqual((signal.employee_id, signal.note, signal.state), (self.alice, "My next project", "open"))
        self.assertEqual(self._coaching_activities(signal).user_id, self.user_manager)
        self.assertFalse(self.env["hr.coaching.signal"].with_user(self.user_alice).search([]))
        with self.assertRefused(UserError, "already asked"):
            self.env["hr.coaching.signal"].with_user(self.user_alice)._coaching_request_talk("Again")
        session = self.Session.with_user(self.user_manager).create({"employee_id": self.alice.id})
        self.assertEqual((signal.state, signal.session_id), ("scheduled", session))

    def test_nobody_asks_for_someone_else(self):
        for values in (
            {"employee_id": self.alice.id, "signal_type": "employee_request", "name": "Forged"},
            {"employee_id": self.alice.id, "signal_type": "manual", "name": "Manual"},
        ):
            Signal = self.env["hr.coaching.signal"].with_user(self.user_manager)
            if values["signal_type"] == "employee_request":
                with self.assertRefused(AccessError, "Only the employee asks for a talk"):
                    Signal.create(values)
            else:
                signal = Signal.create(values)
                with self.assertRefused(AccessError, "Only the employee asks for a talk"):
                    signal.write({"signal_type": "employee_request"})
        with self.assertRefused(UserError, "need a coach or a manager"):
            self.env["hr.coaching.signal"].with_user(self.user_carol)._coaching_request_talk("No manager")
        self.assertFalse(self.env["hr.coaching.signal"].search([("signal_type", "=", "employee_request")]))

    def test_meetings_on_by_default(self):
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertTrue(company.coaching_calendar_event)
        self.assertEqual(company.coaching_prep_days, 2)


@tagged("post_install", "-at_install")
class TestMyCoaching(CoachingCase):
    """My Coaching, as the employee uses it: prepare the next talk, follow the commitments, see past talks."""

    def test_prepare_the_next_talk_from_my_coaching(self):
        past = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Go</p>")
        mentor = {"name": "Find a mentor", "owner_id": self.manager.id, "date_deadline": self._days(9)}
        self.Commitment.create(
            [
                {"session_id": past.id, "name": "Draft the plan", "date_deadline": self._days(7)},
                {"session_id": past.id, **mentor},
            ]
        )
        past.action_done()
        later = self._session(self.alice, datetime(2026, 5, 4, 9, 0))
        upcoming = self._session(self.alice, datetime(2026, 4, 6, 9, 0))
        self._session(self.bob, datetime(2026, 4, 1, 9, 0))
        Home = self.env["hr.coaching.home"].with_user(self.user_alice)
        action = Home.action_open()
        home = Home.browse(action["res_id"])
        self.assertEqual(home.next_session_id, upcoming)
        self.assertNotEqual(home.next_session_id, later)
        self.assertEqual(home.past_session_ids, past)
        self.assertEqual(home.commitment_ids.mapped("name"), ["Draft the plan"])
        self.assertEqual(home.coach_commitment_ids.mapped("name"), ["Find a mentor"])
        with Form(home) as form:
            with form.next_topic_ids.new() as topic:
                topic.name = "My workload"
            form.next_prep = "<p>I want to talk about my workload</p>"
        self.assertEqual(upcoming.topic_ids.mapped("name"), ["My workload"])
        self.assertEqual(upcoming.topic_ids.side, "employee")
        self.assertIn("workload", upcoming.employee_prep)
        self.assertFalse(later.topic_ids)

    def test_my_coaching_saves_with_the_coachs_point_on_the_agenda(self):
        """Second red team: once the coach had added a point, the employee's page failed to save ("You can only
        change your own talking points") and her preparation was lost. She cannot forge a coach's point either."""
        upcoming = self._session(self.alice, datetime(2026, 4, 6, 9, 0))
        self.env["hr.coaching.topic"].with_user(self.user_manager).create(
            {"session_id": upcoming.id, "name": "Your quarter"}
        )
        Home = self.env["hr.coaching.home"].with_user(self.user_alice)
        home = Home.browse(Home.action_open()["res_id"])
        with Form(home) as form:
            with form.next_topic_ids.new() as topic:
                topic.name = "My workload"
            form.next_prep = "<p>I want to talk about my workload</p>"
        self.assertEqual(sorted(upcoming.topic_ids.mapped("name")), ["My workload", "Your quarter"])
        self.assertEqual(upcoming.topic_ids.filtered(lambda t: t.name == "Your quarter").side, "coach")
        self.assertIn("workload", upcoming.employee_prep)
        Topic = self.env["hr.coaching.topic"].with_user(self.user_alice)
        with self.assertRefused(AccessError, "Only the coach's side says who brought a point up"):
            Topic.create({"session_id": upcoming.id, "name": "Forged", "side": "coach"})
        with self.assertRefused(ValidationError, "can only be changed with the buttons"):
            Topic.create({"session_id": upcoming.id, "name": "Forged", "author_id": self.user_manager.id})
        self.assertEqual(len(upcoming.topic_ids), 2)

    def test_my_coaching_without_employee(self):
        user = new_test_user(self.env, login="no_employee", groups="base.group_user")
        home = self.env["hr.coaching.home"].with_user(user).create({})
        self.assertFalse(home.employee_id)
        self.assertFalse(home.next_session_id)
        self.assertFalse(home.past_session_ids)

    def test_employee_sees_the_commitment_controls_read_only(self):
        session = self._session(self.alice, datetime(2026, 4, 6, 9, 0))
        commitment = self.Commitment.create(
            {"session_id": session.id, "name": "Draft", "date_deadline": date(2026, 4, 20)}
        )
        coach_owned = self.Commitment.create(
            {
                "session_id": session.id,
                "name": "Mentor",
                "owner_id": self.manager.id,
                "date_deadline": date(2026, 4, 20),
            }
        )
        form = Form(commitment.with_user(self.user_alice))
        for fname in ("name", "owner_id", "date_deadline", "outcome", "session_id"):
            self.assertTrue(form._get_modifier(fname, "readonly"), fname)
        form.progress = 40
        form.save()
        self.assertEqual(commitment.progress, 40)
        self.assertFalse(commitment.with_user(self.user_alice).is_coach_side)
        with self.assertRefused(AccessError, "only update the progress of your own commitments"):
            coach_owned.with_user(self.user_alice).progress = 50
        self.assertEqual(coach_owned.progress, 0)


@tagged("post_install", "-at_install")
class TestOnlyTheControlsThatWork(CoachingCase):
    """The coached employee sees no control that would fail on save."""

    def test_no_new_session_or_commitment_for_the_employee(self):
        for model in (self.Session, self.Commitment):
            for user, create in ((self.user_alice, "0"), (self.user_manager, None), (self.user_officer, None)):
                views = model.with_user(user).get_views([(False, "kanban"), (False, "list"), (False, "form")])
                for view_type, view in views["views"].items():
                    arch = etree.fromstring(view["arch"])
                    self.assertEqual(arch.get("create"), create, (model._name, user.login, view_type))

    def test_signals_and_reporting_menus_hidden_from_the_employee(self):
        hidden = {
            self.env.ref("hr_performance_coaching.hr_coaching_signal_menu").id,
            self.env.ref("hr_performance_coaching.menu_coaching_reporting").id,
        }
        Menu = self.env["ir.ui.menu"]
        self.assertLessEqual(hidden, set(Menu.with_user(self.user_alice)._load_menus_blacklist()))
        self.assertLessEqual(hidden, set(Menu.with_user(self.user_carol)._load_menus_blacklist()))
        for user in (self.user_manager, self.user_director, self.user_officer):
            self.assertFalse(hidden & set(Menu.with_user(user)._load_menus_blacklist()), user.login)
        home = self.env.ref("hr_performance_coaching.hr_coaching_home_menu")
        self.assertNotIn(home.id, Menu.with_user(self.user_alice)._load_menus_blacklist())

    def test_employee_form_fields_read_only(self):
        session = self._session(self.alice)
        form = Form(session.with_user(self.user_alice))
        for fname in ("employee_id", "coach_id", "date_scheduled", "goal", "reality", "options", "will", "summary"):
            self.assertTrue(form._get_modifier(fname, "readonly"), fname)
        self.assertFalse(form._get_modifier("employee_prep", "readonly"))
        self.assertFalse(form._get_modifier("topic_ids", "readonly"))
