"""A talk as it really happens (issue 22, items 3, 4, 7, 13 and 14): dated when it was held, a preparation reminder
due the day it arrives, a meeting that follows the talk, a rhythm that books the next talk, and one e-mail per
planned talk, in the reader's words, time zone and format."""

import importlib.util
from datetime import date, datetime
from pathlib import Path

from freezegun import freeze_time

from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import PREP_REMINDER
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CoachingCase

MEETING = "mail.mail_activity_data_meeting"
NOW = datetime(2026, 3, 2, 15, 0)
MIGRATION_1_5_0 = Path(__file__).parents[1] / "migrations" / "18.0.1.5.0" / "post-migration.py"


@tagged("post_install", "-at_install")
class TestTalkDates(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.coaching_calendar_event = True
        cls.user_manager.tz = cls.user_alice.tz = "Europe/Brussels"
        cls.manager.tz = cls.alice.tz = "Europe/Brussels"

    def _messages_to(self, records, partner):
        return self.env["mail.message"].search(
            [("model", "=", records._name), ("res_id", "in", records.ids), ("partner_ids", "in", partner.ids)]
        )

    # ------------------------------------------------------------------ item 3: dated when it was held

    @freeze_time(NOW)
    def test_closing_before_the_planned_date_asks_when_it_was_held(self):
        session = self._session(self.alice, datetime(2026, 3, 5, 9, 0), will="<p>Ship it</p>")
        action = session.with_user(self.user_manager).action_close()
        self.assertEqual((action["res_model"], action["target"]), ("hr.coaching.close.wizard", "new"))
        self.assertEqual(session.state, "planned", "nothing closes before the coach says when it was held")
        wizard = Form(self.env[action["res_model"]].with_user(self.user_manager).with_context(**action["context"]))
        self.assertEqual(wizard.held_on, NOW, "proposed: now")
        wizard.held_on = datetime(2026, 3, 2, 10, 0)
        wizard.save().action_confirm()
        self.assertEqual((session.state, session.date_scheduled), ("done", datetime(2026, 3, 2, 10, 0)))
        self.assertEqual(session.sudo().calendar_event_id.start, datetime(2026, 3, 2, 10, 0), "the meeting too")
        self.assertEqual(self.alice.last_coaching_date, date(2026, 3, 2))
        # Where the next talk starts and when it is planned follow the date it was held.
        following = self._session(self.alice, datetime(2026, 3, 20, 9, 0))
        self.assertEqual(following.previous_session_id, session)
        self.assertEqual(following.previous_date, datetime(2026, 3, 2, 10, 0))

    @freeze_time(NOW)
    def test_a_talk_is_not_held_in_the_future(self):
        session = self._session(self.alice, datetime(2026, 3, 5, 9, 0), will="<p>Ship it</p>")
        action = session.with_user(self.user_manager).action_close()
        wizard = self.env[action["res_model"]].with_user(self.user_manager).with_context(**action["context"]).create({})
        wizard.held_on = datetime(2026, 3, 4, 9, 0)
        with self.assertRefused(UserError, "A talk cannot have been held in the future"):
            wizard.action_confirm()
        self.assertEqual((session.state, session.date_scheduled), ("planned", datetime(2026, 3, 5, 9, 0)))

    @freeze_time(NOW)
    def test_only_the_coach_side_closes_a_talk_held_early(self):
        session = self._session(self.alice, datetime(2026, 3, 5, 9, 0), will="<p>Ship it</p>")
        # The wizard dates and closes the talk with the user's own rights: the employee, a colleague may do neither.
        for user, refusal in (
            (self.user_alice, "You can only write your preparation and your rating on your own coaching session."),
            (self.user_carol, "top-secret records"),
        ):
            with self.assertRefused(AccessError, refusal):
                Wizard = self.env["hr.coaching.close.wizard"].with_user(user)
                Wizard.create({"session_id": session.id, "held_on": datetime(2026, 3, 2, 10, 0)}).action_confirm()
        self.assertEqual((session.state, session.date_scheduled), ("planned", datetime(2026, 3, 5, 9, 0)))

    @freeze_time(NOW)
    def test_a_talk_closed_meanwhile_is_not_redated(self):
        # Two tabs: the wizard was opened, then the talk closed from the other one.
        session = self._session(self.alice, datetime(2026, 3, 5, 9, 0), will="<p>Ship it</p>")
        action = session.with_user(self.user_manager).action_close()
        wizard = self.env[action["res_model"]].with_user(self.user_manager).with_context(**action["context"]).create({})
        wizard.held_on = datetime(2026, 3, 2, 10, 0)
        session.with_user(self.user_manager).action_done()
        with self.assertRefused(UserError, "Only a planned session can be closed"):
            wizard.action_confirm()
        self.assertEqual(session.date_scheduled, datetime(2026, 3, 5, 9, 0))

    @freeze_time(NOW)
    def test_closing_on_or_after_the_planned_date_closes_at_once(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Ship it</p>")
        self.assertTrue(session.with_user(self.user_manager).action_close())
        self.assertEqual((session.state, session.date_scheduled), ("done", datetime(2026, 3, 2, 9, 0)))

    def test_dates_in_messages_use_the_reader_format(self):
        session = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        with self.assertRaises(ValidationError) as caught:
            self.Commitment.create({"session_id": session.id, "name": "Draft", "date_deadline": date(2026, 3, 1)})
        self.assertIn("(03/01/2026) is before the talk where it was made (03/10/2026)", str(caught.exception))
        self.assertNotIn("2026-03-01", str(caught.exception))

    # ------------------------------------------------------------------ item 4: the preparation reminder

    def test_preparation_reminder_due_the_day_it_is_sent_and_e_mailed(self):
        self.assertFalse(self.company.coaching_reminder_mail, "the coach-side e-mail setting stays off")
        session = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        self._run_cron("preparation", date(2026, 3, 8))
        reminder = self._coaching_activities(session, PREP_REMINDER)
        self.assertEqual((reminder.user_id, reminder.date_deadline), (self.user_alice, date(2026, 3, 8)))
        self.assertEqual(reminder.summary, "Prepare your coaching talk of 03/10/2026")
        notified = self.env["mail.message"].search(
            [
                ("model", "=", session._name),
                ("res_id", "=", session.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.user_alice.partner_id.ids),
            ]
        )
        self.assertEqual(len(notified), 1, "the employee is e-mailed her reminder")

    # ------------------------------------------------------------------ item 7: the meeting follows the talk

    @freeze_time(NOW)
    def test_rescheduled_meeting_is_named_after_its_new_date(self):
        session = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        meeting = session.sudo().calendar_event_id
        self.assertEqual(meeting.name, "Coaching of Alice Report on 03/10/2026")
        session.with_user(self.user_manager).date_scheduled = datetime(2026, 3, 12, 14, 0)
        self.assertEqual(meeting.name, "Coaching of Alice Report on 03/12/2026")
        self.assertEqual(meeting.start, datetime(2026, 3, 12, 14, 0))

    @freeze_time(NOW)
    def test_the_talk_follows_its_meeting_moved_by_the_coach(self):
        session = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        meeting = session.sudo().calendar_event_id
        meeting.with_user(self.user_manager).write(
            {"start": datetime(2026, 3, 11, 13, 0), "stop": datetime(2026, 3, 11, 14, 0)}
        )
        self.assertEqual(session.date_scheduled, datetime(2026, 3, 11, 13, 0))
        self.assertEqual(meeting.name, "Coaching of Alice Report on 03/11/2026")
        for vals in (
            {"start": datetime(2026, 3, 13, 13, 0), "stop": datetime(2026, 3, 13, 14, 0)},
            {"res_id": self._session(self.bob, datetime(2026, 3, 10, 9, 0)).id},
            {"active": False},
            {"user_id": self.user_alice.id},
            {"privacy": "public"},
        ):
            with self.assertRefused(UserError, "Ask Mark Manager to move or change your coaching talk"):
                meeting.with_user(self.user_alice).write(vals)
        self.assertEqual(session.date_scheduled, datetime(2026, 3, 11, 13, 0))
        self.assertEqual(
            (meeting.res_id, meeting.active, meeting.user_id, meeting.privacy),
            (session.id, True, self.user_manager, "private"),
        )
        # Who may not write the meeting at all is told that, not whose talk it is.
        with self.assertRaises(AccessError) as caught:
            meeting.with_user(self.user_carol).write({"start": datetime(2026, 3, 13, 13, 0)})
        self.assertNotIn("Mark Manager", str(caught.exception))

    @freeze_time(NOW)
    def test_a_talk_handed_to_another_coach_hands_him_its_meeting(self):
        """Issue 23, item 4: the meeting's organiser and attendees follow the talk's coach, in the same meeting."""
        session = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        meeting = session.sudo().calendar_event_id
        self.assertEqual(meeting.user_id, self.user_manager)
        session.with_user(self.user_manager).coach_id = self.director
        self.assertEqual(session.sudo().calendar_event_id, meeting, "the same meeting, not a second one")
        self.assertEqual(meeting.user_id, self.user_director)
        both = self.user_director.partner_id | self.user_alice.partner_id
        self.assertEqual(meeting.partner_ids, both)
        self.assertEqual(meeting.attendee_ids.partner_id, both)
        meetings = (
            self.env["calendar.event"].sudo().search([("res_model", "=", session._name), ("res_id", "=", session.id)])
        )
        self.assertEqual(meetings, meeting)

    @freeze_time(NOW)
    def test_a_talk_booked_before_the_flag_is_not_booked_twice(self):
        """Issue 23, item 4: the 1.5.0 migration marks booked the talks that have their meeting; a talk the cadence
        planned by itself (no meeting) waits for its coach. Moving the first books nothing more."""
        booked = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        meeting = booked.sudo().calendar_event_id
        cancelled = self._session(self.bob, datetime(2026, 3, 11, 9, 0))
        cancelled.action_cancel()
        placed = self.Session._coaching_plan_due(
            [(self.bob, self.env["hr.coaching.cadence"], date(2026, 3, 20))], NOW.date()
        )[self.bob.id]
        talks = booked | cancelled | placed
        # Before the flag: every talk of 1.1.0 was booked as it was created, none of them flagged.
        self.env.flush_all()
        self.env.cr.execute("UPDATE hr_coaching_session SET coaching_booked = FALSE WHERE id IN %s", [tuple(talks.ids)])
        talks.invalidate_recordset()
        spec = importlib.util.spec_from_file_location("coaching_migration_1_5_0", MIGRATION_1_5_0)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.4.0")
        talks.invalidate_recordset()
        self.assertEqual(talks.mapped("coaching_booked"), [True, True, False])
        booked.with_user(self.user_manager).date_scheduled = datetime(2026, 3, 12, 9, 0)
        meetings = (
            self.env["calendar.event"].sudo().search([("res_model", "=", booked._name), ("res_id", "=", booked.id)])
        )
        self.assertEqual(meetings, meeting, "one meeting, moved")
        self.assertEqual(meeting.start, datetime(2026, 3, 12, 9, 0))
        self.assertEqual(len(self._messages_to(booked, self.user_alice.partner_id)), 1, "one invitation")

    @freeze_time(NOW)
    def test_a_meeting_made_all_day_leaves_the_talk_at_its_time(self):
        session = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        meeting = session.sudo().calendar_event_id
        meeting.with_user(self.user_manager).write(
            {"allday": True, "start_date": date(2026, 3, 11), "stop_date": date(2026, 3, 11)}
        )
        self.assertTrue(meeting.allday)
        self.assertEqual((session.date_scheduled, session.duration), (datetime(2026, 3, 10, 9, 0), 1.0))

    @freeze_time(NOW)
    def test_the_meeting_of_a_closed_talk_stays_the_coach_side_s(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Ship it</p>")
        meeting = session.sudo().calendar_event_id
        session.with_user(self.user_manager).action_done()
        for vals in ({"start": datetime(2026, 3, 3, 9, 0), "stop": datetime(2026, 3, 3, 10, 0)}, {"privacy": "public"}):
            with self.assertRefused(UserError, "Ask Mark Manager to move or change your coaching talk"):
                meeting.with_user(self.user_alice).write(vals)
        self.assertEqual((meeting.start, meeting.privacy), (datetime(2026, 3, 2, 9, 0), "private"))

    def test_meeting_activities_close_with_the_talk(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Ship it</p>")
        cancelled = self._session(self.bob, datetime(2026, 3, 2, 9, 0))
        for talk in session | cancelled:
            talk.activity_schedule(MEETING, date_deadline=date(2026, 3, 2), user_id=self.user_manager.id)
        session.with_user(self.user_manager).action_done()
        cancelled.with_user(self.user_manager).action_cancel()
        self.assertFalse(self._coaching_activities(session | cancelled, MEETING))
        self.assertEqual(
            len(session.message_ids.filtered(lambda message: message.mail_activity_type_id.category == "meeting")), 1
        )

    # ------------------------------------------------------------------ item 13: a rhythm

    @freeze_time(NOW)
    def test_a_rhythm_books_the_next_talk_as_the_current_one_closes(self):
        Topic = self.env["hr.coaching.topic"]
        session = self._session(
            self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Ship it</p>", recurrence_weeks=2, duration=0.5
        )
        Topic.with_user(self.user_alice).create({"session_id": session.id, "name": "Workload"})
        session.with_user(self.user_manager).action_done()
        following = self.Session.search([("employee_id", "=", self.alice.id), ("state", "=", "planned")])
        self.assertEqual(len(following), 1)
        self.assertEqual(
            (following.date_scheduled, following.recurrence_weeks, following.duration, following.coach_id),
            (datetime(2026, 3, 16, 9, 0), 2, 0.5, self.manager),
        )
        self.assertEqual(following.topic_ids.mapped("name"), ["Workload"], "the agenda is carried")
        self.assertTrue(following.coaching_booked, "booked: meeting and invitation")
        # Plan Next Talk finds it.
        action = session.with_user(self.user_manager).action_plan_next()
        self.assertEqual(action["res_id"], following.id)

    @freeze_time(NOW)
    def test_the_rhythm_keeps_the_local_weekday_and_time(self):
        # 9:00 in Brussels is 08:00 UTC in winter and 07:00 UTC in summer (from March 29, 2026).
        session = self._session(self.alice, datetime(2026, 3, 23, 8, 0), will="<p>Go</p>", recurrence_weeks=1)
        session.action_done()
        following = self.Session.search([("employee_id", "=", self.alice.id), ("state", "=", "planned")])
        self.assertEqual(following.date_scheduled, datetime(2026, 3, 30, 7, 0))

    @freeze_time(datetime(2026, 3, 20, 15, 0))
    def test_a_talk_closed_late_books_its_next_one_ahead(self):
        # Weekly from Monday March 2, closed on Friday March 20: the rhythm's dates already past are skipped.
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Go</p>", recurrence_weeks=1)
        session.with_user(self.user_manager).action_done()
        following = self.Session.search([("employee_id", "=", self.alice.id), ("state", "=", "planned")])
        self.assertEqual(following.date_scheduled, datetime(2026, 3, 23, 9, 0))

    @freeze_time(NOW)
    def test_no_second_talk_when_one_is_planned(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Go</p>", recurrence_weeks=2)
        planned = self._session(self.alice, datetime(2026, 3, 9, 9, 0))
        session.action_done()
        self.assertEqual(self.Session.search([("employee_id", "=", self.alice.id), ("state", "=", "planned")]), planned)

    @freeze_time(NOW)
    def test_plan_next_keeps_the_rhythm(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Go</p>")
        session.action_done()
        session.with_user(self.user_manager).recurrence_weeks = 3
        action = session.with_user(self.user_manager).action_plan_next()
        following = self.Session.browse(action["res_id"])
        self.assertEqual((following.date_scheduled, following.recurrence_weeks), (datetime(2026, 3, 23, 9, 0), 3))

    def test_rhythm_in_weeks_between_1_and_52(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0))
        with self.assertRefused(ValidationError, "every 1 to 52 weeks"):
            session.with_user(self.user_manager).recurrence_weeks = 60

    # ------------------------------------------------------------------ item 14: e-mails

    @freeze_time(NOW)
    def test_one_e_mail_per_planned_talk_with_its_meeting_attached(self):
        session = self.Session.with_user(self.user_manager).create(
            {"employee_id": self.alice.id, "date_scheduled": datetime(2026, 3, 10, 8, 0)}
        )
        meeting = session.sudo().calendar_event_id
        self.assertTrue(meeting)
        to_alice = self.env["mail.mail"].search([("recipient_ids", "in", self.user_alice.partner_id.ids)])
        to_alice |= (
            self.env["mail.notification"]
            .search([("res_partner_id", "=", self.user_alice.partner_id.id), ("notification_type", "=", "email")])
            .mail_mail_id
        )
        self.assertEqual(len(to_alice), 1, "the invitation, not also the calendar's")
        [invitation] = self._messages_to(session, self.user_alice.partner_id)
        self.assertEqual(invitation.subtype_id, self.env.ref("mail.mt_comment"), "a message, not an internal note")
        self.assertIn("invitation.ics", invitation.attachment_ids.mapped("name"))
        # 08:00 UTC is 9:00 in Brussels; no seconds.
        self.assertIn("Mar 10, 2026, 9:00", invitation.body)
        self.assertNotIn("9:00:00", invitation.body)

    def test_times_in_the_recipient_time_zone_and_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.user_alice.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.alice.tz = "Asia/Shanghai"
        session = self._session(self.alice, datetime(2026, 3, 10, 8, 0))
        [invitation] = self._messages_to(session, self.user_alice.partner_id)
        self.assertIn("2026年3月10日 16:00", invitation.body)
        self.assertNotIn("16:00:00", invitation.body)

    def test_recap_is_a_message_to_the_employee(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0), will="<p>Ship it</p>")
        session.with_user(self.user_manager).action_done()
        recap = self._messages_to(session, self.user_alice.partner_id).filtered(
            lambda message: (message.subject or "").startswith("Recap")
        )
        self.assertEqual(recap.subtype_id, self.env.ref("mail.mt_comment"))

    def test_the_rhythm_is_the_coach_s(self):
        """The employee does not set the rhythm of her talks."""
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0))
        with self.assertRefused(AccessError, "You can only write your preparation"):
            session.with_user(self.user_alice).recurrence_weeks = 1
        self.assertEqual(session.recurrence_weeks, 0)
