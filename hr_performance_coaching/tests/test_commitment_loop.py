from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestCommitmentLoop(CoachingCase):
    def test_coach_defaults_to_manager(self):
        """A new session's coach is the employee's manager, and its template suits the occasion."""
        session = self._session(self.alice)
        self.assertEqual(session.coach_id, self.manager)
        self.assertEqual(session.template_id, self.template)
        self.assertEqual(session.state, "planned")
        self.assertEqual(session.company_id, self.alice.company_id)

    def test_open_commitments_are_carried_to_next_session(self):
        """Open commitments of a closed talk are reviewed in the employee's next planned talk."""
        first = self._done_session(self.alice, commitments=[("Draft the plan", self._days(7))])
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0))
        self.assertEqual(second.review_commitment_ids, first.commitment_ids)
        self.assertEqual(first.commitment_ids.review_session_id, second)
        self.assertEqual(second.review_pending_count, 1)

    def _commitment_and_two_planned_talks(self):
        """A done talk with an open commitment, reviewed in the first of two planned talks."""
        first = self._done_session(self.alice, commitments=[("Draft the plan", self._days(7))])
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0))
        third = self._session(self.alice, datetime(2026, 5, 1, 9, 0))
        self.assertEqual(first.commitment_ids.review_session_id, second)
        return first, second, third

    def test_deleting_the_review_talk_passes_its_commitments_on(self):
        """When the talk that was to review the commitments is deleted, the next planned talk reviews them."""
        first, second, third = self._commitment_and_two_planned_talks()
        second.unlink()
        self.assertEqual(first.commitment_ids.review_session_id, third)
        self.assertEqual(third.review_commitment_ids, first.commitment_ids)

    def test_commitments_closed_after_next_session_was_planned_are_carried(self):
        """A talk planned before the previous one is closed still receives its commitments."""
        first = self._session(self.alice, will="<p>Act</p>")
        self.Commitment.create({"session_id": first.id, "name": "Call the client", "date_deadline": self._days(3)})
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0))
        self.assertFalse(second.review_commitment_ids, "a commitment of an open talk is not reviewed yet")
        first.action_done()
        self.assertEqual(second.review_commitment_ids, first.commitment_ids)

    def test_cannot_close_without_outcomes(self):
        """Closing is refused, naming the commitment, while a carried commitment has no outcome."""
        self._done_session(self.alice, commitments=[("Draft the plan", self._days(7))])
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0), will="<p>Next step</p>")
        with self.assertRefused(UserError, "Draft the plan"):
            second.action_done()
        self.assertEqual(second.state, "planned")

    def test_cannot_close_without_will(self):
        """Closing is refused while the Will section is empty."""
        session = self._session(self.alice, will="<p><br></p>")
        with self.assertRefused(UserError, "Will"):
            session.action_done()
        self.assertEqual(session.state, "planned")

    def test_outcome_closes_commitment_and_session_closes(self):
        """Recording an outcome closes the commitment; then the talk closes and posts its summary."""
        first = self._done_session(self.alice, commitments=[("Draft the plan", self._days(7))])
        second = self._session(
            self.alice, datetime(2026, 4, 1, 9, 0), will="<p>Present it</p>", summary="<p>Good progress</p>"
        )
        commitment = first.commitment_ids
        second.review_commitment_ids.write({"outcome": "kept"})
        self.assertEqual(commitment.state, "done")
        self.assertEqual(commitment.review_session_id, second)
        second.action_done()
        self.assertEqual(second.state, "done")
        self.assertIn("Good progress", second.message_ids[0].body)

    def test_dropped_commitment_needs_no_outcome(self):
        """A dropped commitment does not block closing."""
        first = self._done_session(self.alice, commitments=[("Old idea", self._days(7))])
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0), will="<p>Go</p>")
        first.commitment_ids.action_drop()
        second.action_done()
        self.assertEqual(second.state, "done")
        self.assertEqual(first.commitment_ids.state, "dropped")

    def test_renew_missed_commitment(self):
        """A missed commitment is renewed as a new open commitment linked to the old one."""
        first = self._done_session(self.alice, commitments=[("Draft the plan", self._days(7))])
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0), will="<p>Go</p>")
        old = first.commitment_ids
        old.outcome = "missed"
        renewal = old.action_renew()
        self.assertEqual(renewal.renewed_from_id, old)
        self.assertEqual(renewal.state, "open")
        self.assertEqual(renewal.session_id, second)
        self.assertGreater(renewal.date_deadline, old.date_deadline)
        with self.assertRaises(UserError):
            self._done_session(self.bob, commitments=[("Kept one", self._days(3))]).commitment_ids.action_renew()

    def test_cancel_and_reset(self):
        """A planned talk can be cancelled and planned again; its carried commitments move on."""
        first, second, third = self._commitment_and_two_planned_talks()
        second.action_cancel()
        self.assertEqual(second.state, "cancelled")
        self.assertEqual(first.commitment_ids.review_session_id, third)
        second.action_reset()
        self.assertEqual(second.state, "planned")
        self.assertEqual(first.commitment_ids.review_session_id, second)

    def test_done_session_is_archived_not_deleted(self):
        """A done talk cannot be deleted, only archived; a planned one can be deleted."""
        done = self._done_session(self.alice)
        with self.assertRefused(UserError, "Archive"):
            done.unlink()
        done.action_archive()
        self.assertFalse(done.active)
        planned = self._session(self.bob)
        planned.unlink()
        self.assertFalse(planned.exists())

    def test_closed_session_is_read_only(self):
        """After closing, the GROW sections, summary and commitments can no longer change; once the amendment
        days are over, nothing can be added either."""
        done = self._done_session(self.alice, commitments=[("Draft the plan", self._days(7))])
        done.company_id.coaching_amend_days = 0
        with self.assertRefused(UserError, "closed"):
            done.goal = "<p>Changed</p>"
        with self.assertRefused(UserError, "closed"):
            done.commitment_ids.name = "Another plan"
        with self.assertRefused(UserError, "closed"):
            self.Commitment.create({"session_id": done.id, "name": "Late", "date_deadline": self._days(9)})
        done.commitment_ids.progress = 50
        self.assertEqual(done.commitment_ids.progress, 50)

    def test_is_overdue_search(self):
        """Overdue means open and past its deadline, and can be searched both ways."""
        session = self._done_session(self.alice, commitments=[("Past", self._days(1)), ("Future", self._days(4000))])
        past, future = session.commitment_ids.sorted("date_deadline")
        self.assertTrue(past.is_overdue)
        self.assertFalse(future.is_overdue)
        overdue = self.Commitment.search([("is_overdue", "=", True), ("session_id", "=", session.id)])
        self.assertEqual(overdue, past)
        not_overdue = self.Commitment.search([("is_overdue", "=", False), ("session_id", "=", session.id)])
        self.assertEqual(not_overdue, future)
        past.outcome = "kept"
        self.assertFalse(past.is_overdue)

    def test_template_questions_shown_by_stage(self):
        """The form's prompts list the template questions of each GROW stage, with the verdict they replace."""
        session = self._session(self.alice)
        self.assertIn("What is the goal you care about", session.goal_questions)
        self.assertIn("Where do you think you are most stuck", session.reality_questions)
        self.assertIn("What possible solutions can you think of", session.options_questions)
        self.assertIn("Which step will you start with", session.will_questions)
        self.assertIn("Your project is moving too slowly", session.reality_questions)
        session.action_apply_template()
        self.assertFalse(session.goal)

    def test_employee_smart_buttons(self):
        """The employee form counts the sessions and open commitments."""
        self._done_session(self.alice, commitments=[("A", self._days(3)), ("B", self._days(4))])
        self._session(self.alice, datetime(2026, 4, 1, 9, 0))
        self.assertEqual(self.alice.coaching_session_count, 2)
        self.assertEqual(self.alice.coaching_open_commitment_count, 2)
        action = self.alice.action_open_coaching_sessions()
        self.assertEqual(action["domain"], [("employee_id", "=", self.alice.id)])
