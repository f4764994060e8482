from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ReturnFromLeaveCase


@tagged("post_install", "-at_install")
class TestReturnFromLeave(ReturnFromLeaveCase):
    """Issue 13: a long validated leave raises one return_from_leave signal on the first working day back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Friday 27 February to Friday 13 March 2026: 15 calendar days; Alice is back on Monday 16 March.
        cls.long_leave = cls._leave(cls.alice, cls._day(2, 27), cls._day(3, 13))

    def test_signal_on_first_working_day_back(self):
        """Nothing on the weekend after a Friday end; on Monday one signal dated Monday, naming the leave."""
        self._run_cron("return_from_leave", self._day(3, 13))
        self._run_cron("return_from_leave", self._day(3, 14))
        self._run_cron("return_from_leave", self._day(3, 15))
        self.assertFalse(self._return_signals(self.alice))
        self.assertFalse(self.long_leave.coaching_return_signaled)

        self._run_cron("return_from_leave", self._day(3, 16))
        signal = self._return_signals(self.alice)
        self.assertEqual(len(signal), 1)
        self.assertEqual(signal.date, self._day(3, 16))
        self.assertEqual(signal.state, "open")
        self.assertEqual(signal.key_event_type, "return_from_leave")
        self.assertEqual(signal.key_event_codes, "return_from_leave")
        self.assertEqual(signal.note, "Back from leave, 02/27/2026 to 03/13/2026.")
        self.assertEqual(signal.reason, "Return from long leave: Alice Report")
        self.assertTrue(self.long_leave.coaching_return_signaled)
        reminders = self._coaching_activities(signal)
        self.assertEqual(reminders.user_id, self.user_manager, "Alice's coach, her manager, is reminded")
        self.assertFalse(self._return_signals(self.bob))

    def test_public_holiday_on_monday_gives_tuesday(self):
        """A public holiday on the Monday after the leave moves the first working day back to Tuesday."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.alice.resource_calendar_id.id,
                "date_from": "2026-03-16 00:00:00",
                "date_to": "2026-03-16 23:59:59",
            }
        )
        self._run_cron("return_from_leave", self._day(3, 16))
        self.assertFalse(self._return_signals(self.alice))
        self._run_cron("return_from_leave", self._day(3, 17))
        self.assertEqual(self._return_signals(self.alice).date, self._day(3, 17))

    def test_second_run_and_edit_raise_nothing_more(self):
        """Running again, the day after, or after the leave was edited and the signal dismissed, raises nothing."""
        self._run_cron("return_from_leave", self._day(3, 16))
        self._run_cron("return_from_leave", self._day(3, 16))
        self._run_cron("return_from_leave", self._day(3, 17))
        signal = self._return_signals(self.alice)
        self.assertEqual(len(signal), 1)
        self.assertEqual(signal.key_event_codes, "return_from_leave")
        self.assertEqual(signal.note, "Back from leave, 02/27/2026 to 03/13/2026.")
        self.assertEqual(len(self._coaching_activities(signal)), 1)

        self.long_leave.private_name = "Parental leave, extended notes"
        signal.action_dismiss()
        self._run_cron("return_from_leave", self._day(3, 18))
        self.assertEqual(self._return_signals(self.alice), signal)
        self.assertEqual(signal.state, "dismissed")

    def test_refused_and_cancelled_leaves_raise_nothing(self):
        """A refused and a cancelled long leave raise no signal, nor does a leave still waiting for approval."""
        refused = self._leave(self.bob, self._day(2, 27), self._day(3, 13))
        refused.action_refuse()
        cancelled = self._leave(self.carol, self._day(2, 27), self._day(3, 13))
        cancelled.write({"state": "cancel"})
        waiting = self._leave(self.manager, self._day(2, 27), self._day(3, 13), validate=False)
        self.assertEqual((refused.state, cancelled.state, waiting.state), ("refuse", "cancel", "confirm"))
        self._run_cron("return_from_leave", self._day(3, 16))
        self.assertEqual(len(self._return_signals(self.alice)), 1)
        self.assertFalse(self._return_signals(self.bob | self.carol | self.manager))
        self.assertFalse((refused | cancelled | waiting).filtered("coaching_return_signaled"))

    def test_short_leave_raises_nothing(self):
        """A 10-day leave is below the default 14 days: no signal."""
        short = self._leave(self.bob, self._day(3, 4), self._day(3, 13))
        self._run_cron("return_from_leave", self._day(3, 16))
        self.assertFalse(self._return_signals(self.bob))
        self.assertFalse(short.coaching_return_signaled)

    def test_setting_is_respected(self):
        """At 10 days a 10-day leave raises its signal; at 20 days a 15-day leave raises none."""
        self.assertEqual(self.company.coaching_leave_min_days, 14)
        short = self._leave(self.bob, self._day(3, 4), self._day(3, 13))
        self.company.coaching_leave_min_days = 20
        self._run_cron("return_from_leave", self._day(3, 16))
        self.assertFalse(self._return_signals(self.alice | self.bob))

        self.company.coaching_leave_min_days = 10
        self._run_cron("return_from_leave", self._day(3, 16))
        self.assertEqual(self._return_signals(self.bob).date, self._day(3, 16))
        self.assertEqual(self._return_signals(self.alice).date, self._day(3, 16))
        self.assertTrue(short.coaching_return_signaled)

    def test_setting_in_settings_form(self):
        """The officer's settings show the company's value and save it on the company."""
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.coaching_leave_min_days, 14)
        settings.coaching_leave_min_days = 21
        settings.execute()
        self.assertEqual(self.company.coaching_leave_min_days, 21)

    def test_manager_reads_the_signal_colleague_does_not(self):
        """Alice's manager finds and reads her signal; Bob, her colleague, finds nothing and is refused a read."""
        self._run_cron("return_from_leave", self._day(3, 16))
        signal = self._return_signals(self.alice)
        Signal = self.env["hr.coaching.signal"]
        as_manager = Signal.with_user(self.user_manager).search([("employee_id", "=", self.alice.id)])
        self.assertEqual(as_manager, signal)
        self.assertEqual(as_manager.note, "Back from leave, 02/27/2026 to 03/13/2026.")
        self.assertFalse(Signal.with_user(self.user_bob).search([("employee_id", "=", self.alice.id)]))
        with self.assertRaises(AccessError):
            signal.with_user(self.user_bob).read(["note"])
        with self.assertRaises(AccessError):
            signal.with_user(self.user_alice).read(["note"])

    def test_bad_setting_is_refused(self):
        """0 or fewer days, or an absurd number, is refused with words."""
        with self.assertRefused(ValidationError, "lasts at least 1 calendar day, not 0"):
            self.company.coaching_leave_min_days = 0
        with self.assertRefused(ValidationError, "not -3"):
            self.company.write({"coaching_leave_min_days": -3})
        with self.assertRefused(ValidationError, "out of range"):
            self.company.write({"coaching_leave_min_days": 10**12})
        self.assertEqual(self.company.coaching_leave_min_days, 14)
