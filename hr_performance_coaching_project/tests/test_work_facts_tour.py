from odoo.tests import HttpCase, tagged

from .common import WorkFactsCase


@tagged("post_install", "-at_install")
class TestWorkFactsTour(HttpCase, WorkFactsCase):
    """Issue 25, item 4: the facts of the work in the talk, in a real browser."""

    def _line(self):
        return f"<p>Overdue: Fix the checkout (Website Relaunch), due {self._day(-2)}</p>"

    def _coach_tour(self):
        self.start_tour(
            f"/odoo/action-hr_performance_coaching.hr_coaching_session_action/{self.talk.id}",
            "hr_performance_coaching_project_facts_tour",
            login="coach_manager",
        )
        self.assertEqual(self.talk.reality, self._line())

    def test_coach_copies_a_fact_into_reality(self):
        """The coach opens the planned talk, reads Alice's facts (not her private task) and copies one into
        Reality."""
        self._coach_tour()

    def test_coach_copies_a_fact_into_reality_at_390_px(self):
        """The same on a phone-sized screen."""
        self.browser_size = "390x844"
        self._coach_tour()

    def test_employee_copies_a_fact_into_her_preparation(self):
        """Alice reads her own facts under her preparation, and copies one into it."""
        self.start_tour(
            f"/odoo/action-hr_performance_coaching.hr_coaching_session_action/{self.talk.id}",
            "hr_performance_coaching_project_facts_employee_tour",
            login="coach_alice",
        )
        self.assertEqual(self.talk.employee_prep, self._line())
        self.assertFalse(self.talk.reality)
