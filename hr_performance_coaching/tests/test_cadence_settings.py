from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import CoachingCase


class TestCadenceSettings(CoachingCase):
    def test_settings_round_trip(self):
        """Values saved in Settings land on the company and its default rule, and are read back."""
        default = self.env.ref("hr_performance_coaching.hr_coaching_cadence_monthly")
        with Form(self.env["res.config.settings"]) as settings:
            self.assertEqual(settings.coaching_cadence_id, default)
            settings.coaching_interval_number = 2
            settings.coaching_interval_type = "weeks"
            settings.coaching_reminder_days = 1
            settings.coaching_grace_days = 4
            settings.coaching_commitment_threshold = 3
            settings.coaching_escalation_target = "officers"
            settings.coaching_commitment_reminder_days = 5
            settings.coaching_calendar_event = True
            self.assertFalse(settings.coaching_reminder_mail)
            settings.coaching_reminder_mail = True
            self.assertEqual(settings.coaching_prep_days, 2)
            settings.coaching_prep_days = 3
        settings.save().execute()
        self.assertEqual((default.interval_number, default.interval_type), (2, "weeks"))
        self.assertEqual((default.reminder_days, default.grace_days), (1, 4))
        self.assertEqual(self.company.coaching_commitment_threshold, 3)
        self.assertEqual(self.company.coaching_escalation_target, "officers")
        self.assertEqual(self.company.coaching_commitment_reminder_days, 5)
        self.assertTrue(self.company.coaching_calendar_event)
        self.assertTrue(self.company.coaching_reminder_mail)
        self.assertEqual(self.company.coaching_prep_days, 3)
        again = Form(self.env["res.config.settings"])
        self.assertEqual(again.coaching_grace_days, 4)
        self.assertEqual(again.coaching_commitment_threshold, 3)

    def test_settings_refuse_bad_values(self):
        """A bad threshold or negative days in Settings give a clear ValidationError."""
        for field, value, text in [
            ("coaching_commitment_threshold", 0, "at least 1"),
            ("coaching_grace_days", -1, "cannot be negative"),
            ("coaching_interval_number", 0, "at least 1"),
            ("coaching_commitment_reminder_days", -2, "amendment days of My Company cannot be negative"),
        ]:
            with self.assertRefused(ValidationError, text):
                self.env["res.config.settings"].create({field: value}).execute()

    def test_rule_list_link(self):
        """The Settings button opens the cadence rule list."""
        action = self.env["res.config.settings"].create({}).action_open_coaching_cadences()
        self.assertEqual(action["res_model"], "hr.coaching.cadence")

    def test_default_rule_change_applies(self):
        """A new default cadence chosen in Settings applies at the next cron run, the same day."""
        self._run_cron("cadence", date(2026, 3, 3))
        weekly = self.env["hr.coaching.cadence"].create({"name": "Weekly", "interval_type": "weeks"})
        settings = self.env["res.config.settings"].create({"coaching_cadence_id": weekly.id})
        settings.execute()
        self._run_cron("cadence", date(2026, 3, 3))
        self.assertEqual(self.carol.coaching_cadence_id, weekly)

    def test_calendar_meeting(self):
        """With the setting on, planning a talk puts a meeting in the coach's and employee's calendars."""
        self.company.coaching_calendar_event = True
        session = self._session(self.alice)
        self.assertTrue(session.calendar_event_id)
        self.assertEqual(
            session.calendar_event_id.partner_ids, self.user_manager.partner_id | self.user_alice.partner_id
        )
        session.action_cancel()
        self.assertFalse(session.calendar_event_id.active)
