"""The weekly check-in (issue 26, items 2, 3 and 4): who reads and writes it, its reminder cron, the check-in trend
signal at its edges, and what the next talk and My Team show of it."""

from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import CoachingCase

CHECKIN_REMINDER = "hr_performance_coaching.mail_activity_type_coaching_checkin"
FRIDAY = date(2026, 3, 6)


@tagged("post_install", "-at_install")
class TestCheckin(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"coaching_checkin": True, "coaching_checkin_weekday": "4"})
        cls.Checkin = cls.env["hr.coaching.checkin"]
        cls.Signal = cls.env["hr.coaching.signal"]
        cls.goal = cls.env["hr.coaching.goal"].create(
            {"employee_id": cls.alice.id, "name": "Estimate well", "progress": 30}
        )
        cls.user_hr = new_test_user(cls.env, login="checkin_hr", groups="base.group_user,hr.group_hr_user")

    def _as(self, user):
        return self.Checkin.with_user(user)

    def _history(self, employee, values, start=date(2026, 1, 5)):
        """Sent check-ins of ``employee``, one a week from ``start``: ``values`` [(workload, feeling, blocker)]."""
        return self.Checkin.create(
            [
                {
                    "employee_id": employee.id,
                    "date": start + timedelta(weeks=week),
                    "state": "done",
                    "workload": str(workload),
                    "feeling": str(feeling),
                    "blocker": blocker,
                }
                for week, (workload, feeling, blocker) in enumerate(values)
            ]
        )

    def _trend_signals(self, employee):
        return self.Signal.search(
            [("employee_id", "=", employee.id), ("signal_type", "=", "checkin_trend")], order="id"
        )

    # ------------------------------------------------------------------ who writes and reads

    def test_the_employee_fills_and_sends_her_own(self):
        checkin = self._as(self.user_alice).create({})
        self.assertEqual(checkin.employee_id, self.alice)
        self.assertEqual(checkin.state, "draft")
        self.assertEqual(checkin.line_ids.goal_id, self.goal)
        self.assertEqual(checkin.line_ids.progress, 30)
        checkin.write({"workload": "2", "feeling": "4", "blocker": "No test server"})
        checkin.line_ids.write({"progress": 55})
        checkin.action_submit()
        self.assertEqual(checkin.state, "done")
        self.assertEqual(self.goal.progress, 55)
        # Hers to correct during its week, once sent too.
        checkin.write({"feeling": "3"})
        self.assertEqual(checkin.feeling, "3")

    def test_one_a_week_and_only_when_the_company_has_them(self):
        self._as(self.user_alice).create({})
        with self.assertRefused(UserError, "You have already checked in this week"):
            self._as(self.user_alice).create({})
        self.company.coaching_checkin = False
        with self.assertRefused(UserError, "Weekly check-ins are off in your company."):
            self._as(self.user_bob).create({})

    def test_nobody_checks_in_for_someone_else(self):
        for user in (self.user_manager, self.user_officer, self.user_bob):
            with self.subTest(user=user.login), self.assertRefused(ValidationError, "Employee can only be changed"):
                self._as(user).create({"employee_id": self.alice.id})

    def test_her_own_employee_sent_back_by_the_form_is_hers_another_refused(self):
        """The form sends the default employee back: her own id is accepted, as a number or as text (an RPC caller
        picks the shape: '45' is an id too); another's is refused in either shape."""
        for value in (self.bob.id, str(self.bob.id)):
            with self.subTest(value=value), self.assertRefused(ValidationError, "Employee can only be changed"):
                self._as(self.user_alice).create({"employee_id": value})
        checkin = self._as(self.user_alice).create({"employee_id": self.alice.id})
        self.assertEqual(checkin.employee_id, self.alice)
        self.assertEqual(self._as(self.user_bob).create({"employee_id": str(self.bob.id)}).employee_id, self.bob)

    def test_sending_needs_workload_and_feeling(self):
        checkin = self._as(self.user_alice).create({})
        with self.assertRefused(UserError, "Say how your workload is and how you feel (1 to 5) before sending."):
            checkin.action_submit()

    def test_a_past_week_stays_as_it_was(self):
        old = self._history(self.alice, [(3, 3, False)])
        with self.assertRefused(UserError, "A check-in of a past week stays as it was."):
            old.with_user(self.user_alice).write({"feeling": "1"})
        with self.assertRefused(UserError, "A check-in of a past week stays as it was."):
            old.line_ids.with_user(self.user_alice).write({"progress": 90})
        # Last week's is past too, from this Monday on.
        today = fields.Date.context_today(self.Checkin)
        last_week = self._history(self.alice, [(3, 3, False)], start=today - timedelta(days=7))
        self.assertFalse(last_week.with_user(self.user_alice).can_edit)
        with self.assertRefused(UserError, "A check-in of a past week stays as it was."):
            last_week.with_user(self.user_alice).write({"feeling": "1"})
        self.assertEqual(last_week.feeling, "3")

    def test_read_rules_as_each_actor(self):
        """The employee reads hers, draft or sent; the coach side (coach, manager above, officer) the sent one only;
        a colleague, HR and a report of the same manager nothing. The coach side never writes."""
        sent = self._as(self.user_alice).create({"workload": "3", "feeling": "3"})
        sent.action_submit()
        draft = self._history(self.alice, [(2, 2, "x")], start=date(2026, 2, 2))
        draft.state = "draft"
        both = sent | draft
        expected = {
            self.user_alice: both,
            self.user_manager: sent,
            self.user_director: sent,
            self.user_officer: sent,
            self.user_bob: self.Checkin,
            self.user_carol: self.Checkin,
            self.user_hr: self.Checkin,
        }
        for user, readable in expected.items():
            with self.subTest(user=user.login):
                found = self._as(user).search([("id", "in", both.ids)])
                self.assertEqual(found, readable.with_user(user))
                lines = self.env["hr.coaching.checkin.line"].with_user(user).search([("id", "in", both.line_ids.ids)])
                self.assertEqual(lines.ids, readable.line_ids.ids)
        for user in (self.user_manager, self.user_director, self.user_officer):
            with self.subTest(writer=user.login), self.assertRaises(AccessError):
                sent.with_user(user).write({"feeling": "1"})
            with self.subTest(line_writer=user.login), self.assertRaises(AccessError):
                sent.line_ids.with_user(user).write({"progress": 1})

    # ------------------------------------------------------------------ the reminder cron

    def _reminders(self, employees):
        checkins = self.Checkin.search([("employee_id", "in", employees.ids)])
        return self._coaching_activities(checkins, CHECKIN_REMINDER)

    def test_the_cron_reminds_once_on_the_day_and_withdraws_after_six_days(self):
        team = self.alice | self.bob
        self.assertEqual(self.Checkin._cron_remind_checkins(today=FRIDAY - timedelta(days=1)), 0)
        self.assertFalse(self.Checkin.search([("employee_id", "in", team.ids)]))
        self.Checkin._cron_remind_checkins(today=FRIDAY)
        checkins = self.Checkin.search([("employee_id", "in", team.ids)])
        self.assertEqual(checkins.employee_id, team)
        self.assertEqual(set(checkins.mapped("date")), {FRIDAY})
        reminders = self._reminders(team)
        self.assertEqual(reminders.user_id, self.user_alice | self.user_bob)
        self.assertEqual(set(reminders.mapped("date_deadline")), {FRIDAY})
        # Again the same day (a rerun, a second worker): nothing twice.
        self.assertEqual(self.Checkin._cron_remind_checkins(today=FRIDAY), 0)
        self.assertEqual(len(self.Checkin.search([("employee_id", "in", team.ids)])), 2)
        self.assertEqual(self._reminders(team), reminders)
        # Five days after: still there; six days after: withdrawn.
        self.Checkin._cron_remind_checkins(today=FRIDAY + timedelta(days=5))
        self.assertEqual(len(self._reminders(team)), 2)
        self.Checkin._cron_remind_checkins(today=FRIDAY + timedelta(days=6))
        self.assertFalse(self._reminders(team))

    def test_the_cron_goes_batch_by_batch(self):
        Checkin = self.Checkin
        due = Checkin._coaching_due_count(self.company, FRIDAY)
        self.assertGreaterEqual(due, 6)
        self.assertEqual(Checkin._cron_remind_checkins(batch_size=2, today=FRIDAY), due - 2)
        self.assertEqual(Checkin._cron_remind_checkins(batch_size=2, today=FRIDAY), due - 4)

    def test_the_cron_skips_a_company_without_checkins(self):
        self.company.coaching_checkin = False
        self.Checkin._cron_remind_checkins(today=FRIDAY)
        self.assertFalse(self.Checkin.search([("employee_id", "in", (self.alice | self.bob).ids)]))

    def test_sending_closes_the_reminder(self):
        checkin = self._as(self.user_alice).create({})
        self.Checkin._coaching_schedule_reminders(
            CHECKIN_REMINDER, [(checkin, self.user_alice, checkin.date, "Weekly check-in")]
        )
        self.assertEqual(len(self._coaching_activities(checkin, CHECKIN_REMINDER)), 1)
        checkin.write({"workload": "4", "feeling": "4"})
        checkin.action_submit()
        self.assertFalse(self._coaching_activities(checkin, CHECKIN_REMINDER))

    # ------------------------------------------------------------------ the trend signal

    def test_a_one_week_dip_raises_nothing(self):
        self._history(self.alice, [(4, 4, False)] * 5 + [(1, 1, "A bad week")])
        self._run_cron("signals", date(2026, 2, 16))
        self.assertFalse(self._trend_signals(self.alice))

    def test_a_three_week_fall_raises_one_signal_a_talk_resolves_it_a_new_fall_raises_a_new_one(self):
        self._history(self.alice, [(4, 4, False)] * 3 + [(4, 3, False), (4, 3, False), (4, 2, False)])
        self._run_cron("signals", date(2026, 2, 16))
        signal = self._trend_signals(self.alice)
        self.assertEqual(len(signal), 1)
        self.assertEqual(
            (signal.state, signal.checkin_measure, signal.checkin_mean_before, signal.checkin_mean_after),
            ("open", "feeling", 4.0, 2.67),
        )
        self.assertEqual(
            signal.reason,
            "How Alice Report feels fell from 4.0 to 2.7 (1: very low, 5: great), the mean of the last three "
            "check-ins against the three before.",
        )
        self.assertEqual(self._coaching_activities(signal).user_id, self.user_manager)
        # Read again: nothing twice.
        self.env["ir.config_parameter"].set_param("hr_performance_coaching.signals_watermark", "{}")
        self._run_cron("signals", date(2026, 2, 17))
        self.assertEqual(self._trend_signals(self.alice), signal)
        # A talk answers it.
        self._done_session(self.alice, when=datetime(2026, 2, 18, 9, 0))
        self._run_cron("signals", date(2026, 2, 18))
        self.assertEqual(signal.state, "resolved")
        # The same low weeks do not raise it again; one more low week neither.
        self._history(self.alice, [(4, 2, False)], start=date(2026, 2, 23))
        self._run_cron("signals", date(2026, 2, 24))
        self.assertEqual(self._trend_signals(self.alice), signal)
        # Back up, then a new fall over three weeks after the talk: a new signal.
        self._history(self.alice, [(5, 4, False)] * 3 + [(2, 4, False)] * 3, start=date(2026, 3, 2))
        self._run_cron("signals", date(2026, 4, 7))
        signals = self._trend_signals(self.alice)
        self.assertEqual(len(signals), 2)
        self.assertEqual(
            (
                signals[1].state,
                signals[1].checkin_measure,
                signals[1].checkin_mean_before,
                signals[1].checkin_mean_after,
            ),
            ("open", "workload", 5.0, 2.0),
        )
        self.assertEqual(
            signals[1].reason,
            "The workload of Alice Report fell from 5.0 to 2.0 (1: overloaded, 5: light), the mean of the last three "
            "check-ins against the three before.",
        )

    def test_a_fall_of_less_than_one_point_raises_nothing(self):
        self._history(self.alice, [(4, 4, False)] * 3 + [(3, 3, False), (3, 4, False), (4, 3, False)])
        self._run_cron("signals", date(2026, 2, 16))
        self.assertFalse(self._trend_signals(self.alice))

    def test_a_fall_of_exactly_one_point_raises_a_signal(self):
        self._history(self.alice, [(4, 4, False)] * 3 + [(4, 3, False)] * 3)
        self._run_cron("signals", date(2026, 2, 16))
        signal = self._trend_signals(self.alice)
        self.assertEqual(
            (len(signal), signal.checkin_measure, signal.checkin_mean_before, signal.checkin_mean_after),
            (1, "feeling", 4.0, 3.0),
        )

    def test_a_blocker_three_weeks_running(self):
        self._history(
            self.alice,
            [(4, 4, "Waiting for the VPN"), (4, 4, " waiting for the  VPN"), (4, 4, "Waiting for the VPN.")],
        )
        self._run_cron("signals", date(2026, 1, 20))
        signal = self._trend_signals(self.alice)
        self.assertEqual(len(signal), 1)
        self.assertEqual(signal.checkin_measure, "blocker")
        self.assertEqual(
            signal.reason, "Alice Report named the same blocker three weeks running: “Waiting for the VPN”."
        )

    def test_a_blocker_with_a_gap_of_a_week_raises_nothing(self):
        self._history(self.alice, [(4, 4, "VPN"), (4, 4, "VPN")])
        self._history(self.alice, [(4, 4, "VPN")], start=date(2026, 1, 26))
        self._run_cron("signals", date(2026, 1, 27))
        self.assertFalse(self._trend_signals(self.alice))

    def test_the_signals_cron_reads_the_checkins_sent_since_its_last_run(self):
        self._history(self.alice, [(4, 4, False)] * 3 + [(4, 2, False)] * 2)
        self._run_cron("signals", date(2026, 2, 9))
        Signal = self.Signal
        mark = Signal._coaching_watermark_lock()
        # Everything so far written by an earlier day, before that run began.
        self.env.flush_all()
        before = fields.Datetime.from_string(mark["since"]) - timedelta(minutes=30)
        for table in ("hr_coaching_session", "hr_coaching_commitment", "hr_coaching_signal", "hr_coaching_checkin"):
            self.env.cr.execute(SQL("UPDATE %s SET write_date = %s", SQL.identifier(table), before))
        self.env.invalidate_all()
        self.assertNotIn(self.alice.id, Signal._coaching_changed_employees(mark, date(2026, 2, 16)))
        self._history(self.alice, [(4, 2, False)], start=date(2026, 2, 16))
        self.assertIn(self.alice.id, Signal._coaching_changed_employees(mark, date(2026, 2, 16)))
        self._run_cron("signals", date(2026, 2, 16))
        self.assertEqual(len(self._trend_signals(self.alice)), 1)

    # ------------------------------------------------------------------ into the next talk, and My Team

    def test_the_planned_talk_shows_the_checkins_since_the_last_talk(self):
        self._done_session(self.alice, when=datetime(2026, 1, 12, 9, 0))
        checkins = self._history(self.alice, [(4, 4, False), (3, 3, "No test server")], start=date(2026, 1, 12))
        draft = self._history(self.alice, [(1, 1, "private draft")], start=date(2026, 1, 26))
        draft.state = "draft"
        talk = self._session(self.alice, when=datetime(2026, 2, 2, 9, 0))
        as_coach = talk.with_user(self.user_manager)
        self.assertEqual(as_coach.since_last_talk_checkin_ids, checkins[1].with_user(self.user_manager))
        panel = as_coach.since_last_talk_checkins
        self.assertIn("Workload (1: overloaded, 5: light):</strong> 3</p>", panel)
        self.assertIn("No test server", panel)
        self.assertIn(f'href="/odoo/hr.coaching.checkin/{checkins[1].id}"', panel)
        self.assertNotIn("private draft", panel)
        # The coach copies it into Reality and onto the agenda.
        line = checkins[1].with_user(self.user_manager).with_context(coaching_session_id=talk.id)
        line.action_copy_to_reality()
        self.assertIn("Blocker: No test server", talk.reality)
        line.action_add_to_agenda()
        self.assertEqual(talk.topic_ids.mapped("name"), ["No test server"])
        # A colleague reads no check-in through the talk (she reads no talk either), and copies nothing.
        with self.assertRaises(AccessError):
            checkins[1].with_user(self.user_bob).with_context(coaching_session_id=talk.id).action_copy_to_reality()

    def test_my_team_shows_the_last_four_as_a_trend(self):
        today = fields.Date.context_today(self.Checkin)
        self._history(
            self.alice,
            [(4, 5, False), (4, 4, False), (3, 4, False), (3, 3, False), (2, 2, False)],
            start=today - timedelta(weeks=5),
        )
        Public = self.env["hr.employee.public"]
        self.assertEqual(
            Public.with_user(self.user_manager).browse(self.alice.id).coaching_checkin_trend,
            "Workload 4 3 3 2 · Feeling 4 4 3 2",
        )
        self.assertFalse(Public.with_user(self.user_bob).browse(self.alice.id).coaching_checkin_trend)
        self.assertFalse(Public.with_user(self.user_manager).browse(self.bob.id).coaching_checkin_trend)
