from datetime import datetime

from odoo.tests import Form, tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestSessionForm(CoachingCase):
    def test_manager_fills_session_form(self):
        """Through the form, a manager plans a talk: coach and template fill in, commitments are added."""
        Session = self.Session.with_user(self.user_manager)
        with Form(Session) as form:
            form.employee_id = self.alice
            self.assertEqual(form.coach_id, self.manager)
            self.assertEqual(form.template_id, self.template)
            form.date_scheduled = datetime(2026, 5, 4, 10, 0)
            form.goal = "<p>Lead the customer demo</p>"
            form.reality = "<p>Never presented alone</p>"
            form.options = "<p>Rehearse with Bob</p>"
            form.will = "<p>Rehearse on Friday</p>"
            form.private_note = "<p>Needs confidence</p>"
            with form.commitment_ids.new() as line:
                line.name = "Rehearse the demo with Bob"
                line.date_deadline = datetime(2026, 5, 8).date()
        session = form.record
        self.assertEqual(session.commitment_ids.name, "Rehearse the demo with Bob")
        self.assertEqual(session.commitment_ids.owner_id, self.alice)
        self.assertEqual(session.private_note, "<p>Needs confidence</p>")
        self.assertFalse(session.name)
        self.assertEqual(session.display_name, "Coaching of Alice Report on 05/04/2026")
        session.action_done()
        self.assertEqual(session.state, "done")

    def test_review_outcome_through_form(self):
        """The review block of the next talk records outcomes through the form."""
        first = self._done_session(self.alice, commitments=[("Draft the plan", self._days(7))])
        second = self._session(self.alice, datetime(2026, 4, 1, 9, 0), will="<p>Go</p>")
        with Form(second.with_user(self.user_manager)) as form:
            with form.review_commitment_ids.edit(0) as line:
                line.outcome = "partly"
        self.assertEqual(first.commitment_ids.outcome, "partly")
        self.assertEqual(first.commitment_ids.state, "done")
        second.action_done()

    def test_employee_form_hides_private_note(self):
        """The employee's form has the note page hidden and the GROW sections read-only."""
        session = self._session(self.alice, private_note="<p>Hidden</p>")
        form = Form(session.with_user(self.user_alice))
        self.assertFalse(form.private_note)
        self.assertFalse(form.is_coach_side)
        form.employee_prep = "<p>My topics</p>"
        form.save()
        self.assertIn("My topics", session.employee_prep)

    def test_kanban_columns_follow_the_workflow(self):
        """The kanbans group by state in workflow order, with every column shown even when empty."""
        self._session(self.alice)
        groups = self.Session.with_user(self.user_manager).web_read_group([], ["state"], ["state"])["groups"]
        self.assertEqual([g["state"] for g in groups], ["planned", "done", "cancelled"])
        groups = self.Commitment.with_user(self.user_manager).web_read_group([], ["state"], ["state"])["groups"]
        self.assertEqual([g["state"] for g in groups], ["open", "done", "dropped"])
