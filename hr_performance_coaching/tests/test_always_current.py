from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestAlwaysCurrent(CoachingCase):
    """The cadence fields are right in the same request after a change to one employee, and within the cron's
    next run (triggered at once) after a change to a rule; as HR, who makes those changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(
            cls.env, login="coach_hr", groups="base.group_user,hr.group_hr_user", name="Hanna HR"
        )
        cls.default_rule = cls.env.ref("hr_performance_coaching.hr_coaching_cadence_monthly")
        cls.sales = cls.env["hr.department"].create({"name": "Coaching Sales"})
        cls.weekly_sales = cls.env["hr.coaching.cadence"].create(
            {"name": "Weekly in sales", "department_ids": [Command.set(cls.sales.ids)], "interval_type": "weeks"}
        )

    def test_new_hire_has_a_status_at_once(self):
        """A new employee has their rule and due date in the same transaction: their first talk is due after the
        company's onboarding days (14 unless set), not one whole interval (issue 22, item 12)."""
        hire = (
            self.env["hr.employee"].with_user(self.user_hr).create({"name": "Nina New", "parent_id": self.manager.id})
        )
        today = fields.Date.context_today(hire)
        self.assertEqual(self.company.coaching_onboarding_days, 14)
        self.assertEqual(hire.coaching_cadence_id, self.default_rule)
        self.assertEqual(hire.coaching_due_date, today + timedelta(days=14))
        self.assertEqual(hire.next_coaching_date, today + timedelta(days=14))
        self.assertEqual((hire.coaching_status, hire.last_coaching_date), ("on_track", False))
        with Form(self.env["res.config.settings"]) as settings:
            settings.coaching_onboarding_days = 5
        settings.save().execute()
        self.env["hr.coaching.cadence"]._coaching_refresh(hire)
        self.assertEqual((hire.coaching_due_date, hire.coaching_status), (today + timedelta(days=5), "on_track"))
        with self.assertRefused(ValidationError, "The onboarding days of My Company cannot be negative."):
            self.company.coaching_onboarding_days = -1
        # After the first talk, the rule's interval.
        self._done_session(hire, datetime.combine(today, datetime.min.time()))
        self.assertEqual(hire.coaching_due_date, today + relativedelta(months=1))

    def test_moving_an_employee_changes_the_rule_at_once(self):
        """A change of department, then of job, is read back with the new rule and due date."""
        Employee = self.env["hr.employee"].with_user(self.user_hr)
        alice = Employee.browse(self.alice.id)
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self.assertEqual((alice.coaching_cadence_id, alice.coaching_due_date), (self.default_rule, date(2026, 4, 2)))
        alice.department_id = self.sales
        self.assertEqual((alice.coaching_cadence_id, alice.coaching_due_date), (self.weekly_sales, date(2026, 3, 9)))
        job = self.env["hr.job"].create({"name": "Coaching Team Lead"})
        lead_rule = self.env["hr.coaching.cadence"].create(
            {"name": "Leads every 2 months", "job_ids": [Command.set(job.ids)], "interval_number": 2}
        )
        alice.job_id = job
        self.assertEqual((alice.coaching_cadence_id, alice.coaching_due_date), (lead_rule, date(2026, 5, 2)))
        alice.job_id = False
        alice.department_id = False
        self.assertEqual(alice.coaching_cadence_id, self.default_rule)

    def test_a_talk_planned_closed_or_cancelled_updates_the_status(self):
        """Planning, closing and cancelling a talk refresh last, next and due at once."""
        Session = self.Session.with_user(self.user_manager)
        planned = Session.create({"employee_id": self.alice.id, "date_scheduled": datetime(2026, 3, 2, 9, 0)})
        self.assertEqual(self.alice.next_coaching_date, date(2026, 3, 2))
        planned.will = "<p>Start</p>"
        planned.action_done()
        self.assertEqual(
            (self.alice.last_coaching_date, self.alice.coaching_due_date, self.alice.next_coaching_date),
            (date(2026, 3, 2), date(2026, 4, 2), date(2026, 4, 2)),
        )
        again = Session.create({"employee_id": self.alice.id, "date_scheduled": datetime(2026, 3, 30, 9, 0)})
        self.assertEqual(self.alice.next_coaching_date, date(2026, 3, 30))
        again.action_cancel()
        self.assertEqual(self.alice.next_coaching_date, date(2026, 4, 2))

    def test_a_rule_change_triggers_the_cron_which_puts_every_status_right(self):
        """Changing a rule that touches many employees wakes the cadence cron at once; its run sets every
        status; archiving the rule does the same."""
        today = fields.Date.context_today(self.env["hr.coaching.cadence"])
        team = self.env["hr.employee"].create(
            [
                {"name": f"Sales {index}", "department_id": self.sales.id, "parent_id": self.manager.id}
                for index in range(5)
            ]
        )
        # Each had a talk today: their next one is due by the rule (a first talk, by the onboarding days).
        for employee in team:
            self._done_session(employee, datetime.combine(today, datetime.min.time()))
        cron = self.env.ref("hr_performance_coaching.ir_cron_coaching_cadence")
        Trigger = self.env["ir.cron.trigger"].sudo()
        before = Trigger.search_count([("cron_id", "=", cron.id)])
        self.weekly_sales.with_user(self.user_officer).interval_type = "days"
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 1)
        triggered = Trigger.search([("cron_id", "=", cron.id)], order="id desc", limit=1)
        self.assertLessEqual(triggered.call_at, fields.Datetime.now() + timedelta(seconds=1))
        self._run_cron("cadence", today)
        for employee in team:
            self.assertEqual(employee.coaching_due_date, today + timedelta(days=1))
            self.assertEqual(employee.coaching_cadence_id, self.weekly_sales)
        self.weekly_sales.with_user(self.user_officer).active = False
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 2)
        self._run_cron("cadence", today)
        self.assertEqual(set(team.mapped("coaching_cadence_id")), {self.default_rule})
        self.assertEqual(set(team.mapped("coaching_due_date")), {today + relativedelta(months=1)})


@tagged("post_install", "-at_install")
class TestReadersLanguage(CoachingCase):
    """What can be told when read is told in the reader's language; reminders in the assignee's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "=", "hr_performance_coaching")])._update_translations(["zh_CN"])

    def test_session_name_in_the_readers_language_and_date_format(self):
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0))
        self.assertEqual(session.with_context(lang="en_US").display_name, "Coaching of Alice Report on 03/02/2026")
        self.assertEqual(session.with_context(lang="zh_CN").display_name, "Alice Report的辅导面谈（2026年03月02日）")
        session.name = "Mid-year check-in"
        self.assertEqual(session.with_context(lang="zh_CN").display_name, "Mid-year check-in")

    def test_session_names_read_together(self):
        """Talks named in one batch each get their own employee and date; a titled talk keeps its title."""
        first = self._session(self.alice, datetime(2026, 3, 2, 9, 0))
        second = self._session(self.bob, datetime(2026, 3, 2, 9, 0))
        third = self._session(self.alice, datetime(2026, 3, 9, 9, 0))
        titled = self._session(self.bob, datetime(2026, 3, 9, 9, 0), name="Mid-year check-in")
        sessions = (first | second | third | titled).with_context(lang="zh_CN")
        sessions.invalidate_recordset(["display_name"])
        self.assertEqual(
            sessions.mapped("display_name"),
            [
                "Alice Report的辅导面谈（2026年03月02日）",
                "Bob Report的辅导面谈（2026年03月02日）",
                "Alice Report的辅导面谈（2026年03月09日）",
                "Mid-year check-in",
            ],
        )
        self.assertEqual(sessions.with_context(lang="en_US")[2].display_name, "Coaching of Alice Report on 03/09/2026")

    def test_signal_reason_in_the_readers_language(self):
        Signal = self.env["hr.coaching.signal"]
        signal = Signal._coaching_log_key_event(self.alice, "promotion")
        signal = Signal._coaching_log_key_event(self.alice, "role_change")
        self.assertEqual(signal.with_context(lang="en_US").reason, "Promotion and Role change: Alice Report")
        self.assertEqual(signal.with_context(lang="zh_CN").reason, "晋升和岗位变动：Alice Report")
        self.assertEqual(signal.with_context(lang="zh_CN").display_name, signal.with_context(lang="zh_CN").reason)

    def test_reminders_in_the_assignees_language(self):
        """The cadence reminder of a Chinese-speaking coach is written in Chinese, an English one in English."""
        self.user_manager.lang = "zh_CN"
        self.env["hr.coaching.cadence"].create(
            {"name": "Monthly", "employee_ids": [Command.set((self.alice | self.carol).ids)], "interval_number": 1}
        )
        self.carol.parent_id = self.director
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self._done_session(self.carol, datetime(2026, 3, 2, 9, 0))
        self._run_cron("cadence", date(2026, 3, 31))
        summaries = {
            activity.user_id: activity.summary
            for activity in self.env["mail.activity"].search(
                [
                    ("res_model", "=", "hr.coaching.session"),
                    ("user_id", "in", (self.user_manager | self.user_director).ids),
                ]
            )
        }
        self.assertEqual(summaries[self.user_director], "Coach Carol Outsider")
        self.assertEqual(summaries[self.user_manager], "辅导Alice Report")
