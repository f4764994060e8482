from datetime import date

from odoo.addons.hr_performance_coaching.tests.common import CoachingCase


class ReturnFromLeaveCase(CoachingCase):
    """The coaching cast of the main addon, with a leave type that needs no allocation."""

    CRONS = {**CoachingCase.CRONS, "return_from_leave": ("hr.leave", "_cron_coaching_return_from_leave")}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leave_type = cls.env["hr.leave.type"].create(
            {
                "name": "Parental Leave",
                "requires_allocation": "no",
                "leave_validation_type": "hr",
                "request_unit": "day",
            }
        )
        cls.Signal = cls.env["hr.coaching.signal"]

    @classmethod
    def _leave(cls, employee, date_from, date_to, validate=True):
        leave = cls.env["hr.leave"].create(
            {
                "employee_id": employee.id,
                "holiday_status_id": cls.leave_type.id,
                "request_date_from": date_from,
                "request_date_to": date_to,
            }
        )
        if validate:
            leave.action_validate()
        return leave

    def _return_signals(self, employees):
        """The key-event signals of ``employees`` (as superuser: every state)."""
        return self.Signal.search([("employee_id", "in", employees.ids), ("signal_type", "=", "key_event")])

    @staticmethod
    def _day(month, day):
        return date(2026, month, day)
