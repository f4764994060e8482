from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestBadInput(CoachingCase):
    """Each mistake is refused in words a manager understands, and changes nothing."""

    def test_coach_is_employee(self):
        """An employee cannot coach themselves."""
        with self.assertRefused(ValidationError, "cannot coach themselves"):
            self._session(self.alice, coach_id=self.alice.id)
        session = self._session(self.alice)
        with self.assertRefused(ValidationError, "cannot coach themselves"):
            session.coach_id = self.alice
        self.assertEqual(session.coach_id, self.manager)

    def test_deadline_before_session(self):
        """A commitment's deadline cannot be before the talk where it was made."""
        session = self._session(self.alice)
        with self.assertRefused(ValidationError, "before the talk"):
            self.Commitment.create({"session_id": session.id, "name": "Too early", "date_deadline": self._days(-1)})
        self.assertFalse(session.commitment_ids)

    def test_deadline_left_empty(self):
        """A commitment without a deadline or a text is refused with a clear message."""
        session = self._session(self.alice)
        with self.assertRefused(ValidationError, "deadline"):
            self.Commitment.create({"session_id": session.id, "name": "Someday"})
        with self.assertRefused(ValidationError, "what will be done"):
            self.Commitment.create({"session_id": session.id, "name": "", "date_deadline": self._days(3)})
        commitment = self.Commitment.create({"session_id": session.id, "name": "Soon", "date_deadline": self._days(3)})
        with self.assertRefused(ValidationError, "deadline"):
            commitment.date_deadline = False
        self.assertEqual(commitment.date_deadline, self._days(3))

    def test_edit_closed_session(self):
        """A closed talk cannot be edited."""
        session = self._done_session(self.alice)
        with self.assertRefused(UserError, "closed"):
            session.write({"will": "<p>Rewritten</p>", "date_scheduled": datetime(2026, 1, 1)})
        self.assertIn("Ship the first draft", session.will)
        with self.assertRefused(UserError, "Only a planned session"):
            session.action_done()
        with self.assertRefused(UserError, "Only a cancelled session can be planned again"):
            session.action_reset()

    def test_commitment_of_another_company(self):
        """A commitment cannot be owned by someone of another company than its talk."""
        session = self._session(self.alice)
        foreign = self.env["hr.employee"].create({"name": "Foreign", "company_id": self.other_company.id})
        with self.assertRefused(UserError, "belongs to another company than the coaching session"):
            self.Commitment.create(
                {"session_id": session.id, "name": "Cross", "date_deadline": self._days(3), "owner_id": foreign.id}
            )
        self.assertFalse(session.commitment_ids)

    def test_commitment_on_invisible_session(self):
        """A manager cannot add a commitment to a talk they cannot see (another company's, say)."""
        foreign = self.env["hr.employee"].create({"name": "Foreign", "company_id": self.other_company.id})
        foreign_coach = self.env["hr.employee"].create({"name": "Coach", "company_id": self.other_company.id})
        session = self._session(foreign, coach_id=foreign_coach.id)
        with self.assertRaises(AccessError):
            self.Commitment.with_user(self.user_manager).create(
                {"session_id": session.id, "name": "Sneaky", "date_deadline": self._days(3)}
            )

    def test_wrong_selection_value(self):
        """An unknown selection value over RPC is a ValidationError naming the valid choices."""
        with self.assertRefused(ValidationError, "not a valid choice"):
            self._session(self.alice, trigger_type="whenever")
        session = self._session(self.alice)
        with self.assertRefused(ValidationError, "routine"):
            session.write({"trigger_type": "whenever"})
        with self.assertRefused(ValidationError, "not a valid choice"):
            self.Commitment.create(
                {"session_id": session.id, "name": "X", "date_deadline": self._days(3), "outcome": "maybe"}
            )
        self.assertEqual(session.trigger_type, "routine")

    def test_progress_out_of_range(self):
        """Progress is a percentage."""
        session = self._session(self.alice)
        with self.assertRefused(ValidationError, "percentage"):
            self.Commitment.create(
                {"session_id": session.id, "name": "X", "date_deadline": self._days(3), "progress": 140}
            )

    def test_rating_before_done(self):
        """The employee rates a talk only once it is done."""
        session = self._session(self.alice)
        with self.assertRefused(UserError, "once it is done"):
            session.employee_rating = "5"

    # ------------------------------------------------------------------ crashes found by the attack (issue 10)

    def test_key_event_wizard_bad_values(self):
        """A bad kind of event or a date that is no date: a clear error, no wizard, no signal."""
        Wizard = self.env["hr.coaching.key.event.wizard"].with_user(self.user_manager)
        with self.assertRefused(ValidationError, "is not a valid choice for Event"):
            Wizard.create({"employee_id": self.alice.id, "event_type": "x"})
        with self.assertRefused(ValidationError, "is not a date"):
            Wizard.create({"employee_id": self.alice.id, "event_type": "promotion", "date": "garbage"})
        self.assertFalse(self.env["hr.coaching.signal"].search([("employee_id", "=", self.alice.id)]))

    def test_huge_progress_on_create(self):
        """A progress of 10**12 on a new commitment is refused in words, not by the database."""
        session = self._session(self.alice)
        with self.assertRefused(ValidationError, "Progress is a percentage"):
            self.Commitment.with_user(self.user_manager).create(
                {"session_id": session.id, "name": "Huge", "date_deadline": self._days(3), "progress": 10**12}
            )
        self.assertFalse(session.commitment_ids)

    def test_private_note_search_with_odd_operators(self):
        """Searching the private note with child_of or a text given to 'in' is refused in words."""
        Session = self.Session.with_user(self.user_manager)
        for domain in ([("private_note", "child_of", 1)], [("private_note", "in", "abc")]):
            with self.assertRefused(UserError, "can only be searched for a text"):
                Session.search(domain)

    def test_officer_bad_cadence_and_settings(self):
        """An officer's bad unit, escalation target or huge number gives a clear error and changes nothing."""
        rule = self.env.ref("hr_performance_coaching.hr_coaching_cadence_monthly").with_user(self.user_officer)
        with self.assertRefused(ValidationError, "is not a valid choice for Unit"):
            rule.write({"interval_type": "years"})
        for fname in ("interval_number", "reminder_days", "grace_days"):
            with self.assertRefused(ValidationError, "is out of range"):
                rule.write({fname: 10**12})
        self.assertEqual((rule.interval_type, rule.interval_number, rule.grace_days), ("months", 1, 7))
        company = self.company.sudo()
        with self.assertRefused(ValidationError, "is not a valid choice for Escalate To"):
            company.write({"coaching_escalation_target": "ceo"})
        for fname in ("coaching_commitment_threshold", "coaching_commitment_reminder_days"):
            with self.assertRefused(ValidationError, "is out of range"):
                company.write({fname: 10**12})
        self.assertEqual(company.coaching_escalation_target, "coach_manager")
