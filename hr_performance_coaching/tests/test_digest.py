from datetime import timedelta

from odoo import fields

from .common import CoachingCase


class TestDigest(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.start, cls.end = now - timedelta(days=7), now + timedelta(hours=1)
        made = cls._done_session(
            cls.alice,
            now - timedelta(days=20),
            commitments=[
                ("Write the plan", (now - timedelta(days=15)).date()),
                ("Call", (now - timedelta(days=15)).date()),
                ("Overdue one", (now - timedelta(days=10)).date()),
            ],
        )
        review = cls._session(cls.alice, now - timedelta(days=2), will="<p>Next steps</p>")
        plan, call, cls.overdue = made.commitment_ids.sorted("id")
        plan.outcome = "kept"
        call.outcome = "missed"
        cls.overdue.action_drop()
        review.action_done()
        cls.overdue.action_reopen()  # open and past its deadline again
        cls._done_session(cls.bob, now - timedelta(days=3))
        cls._done_session(cls.carol, now - timedelta(days=30), coach_id=cls.director.id)
        cls.digest = cls.env["digest.digest"].create(
            {
                "name": "Coaching digest",
                "company_id": cls.company.id,
                "kpi_coaching_sessions_done": True,
                "kpi_coaching_employees_overdue": True,
                "kpi_coaching_commitment_kept_rate": True,
            }
        )

    def _digest(self, user):
        return self.digest.with_user(user).with_context(start_datetime=self.start, end_datetime=self.end)

    def test_kpi_values_for_manager(self):
        """The manager's digest counts their team's sessions done in the period and the kept rate of reviews."""
        digest = self._digest(self.user_manager)
        self.assertEqual(digest.kpi_coaching_sessions_done_value, 2)
        self.assertEqual(digest.kpi_coaching_commitment_kept_rate_value, 50.0)

    def test_employees_overdue(self):
        """Employees overdue: from the cadence status when installed, else those with an overdue commitment."""
        digest = self._digest(self.user_officer)
        if "coaching_status" in self.env["hr.employee"]._fields:
            self.env["hr.employee"].invalidate_model(["coaching_status"])
            expected = self.env["hr.employee"].search_count(
                [("coaching_status", "=", "overdue"), ("company_id", "=", self.company.id)]
            )
        else:
            expected = 1
            self.assertTrue(self.overdue.is_overdue)
        self.assertEqual(digest.kpi_coaching_employees_overdue_value, expected)

    def test_kpis_skipped_for_employee_without_reports(self):
        """An employee without reports gets no coaching figures; a manager gets all three."""
        kpis = self.digest._compute_kpis(self.company, self.user_alice)
        self.assertFalse([k for k in kpis if k["kpi_name"].startswith("kpi_coaching")])
        kpis = self.digest._compute_kpis(self.company, self.user_manager)
        self.assertEqual(len([k for k in kpis if k["kpi_name"].startswith("kpi_coaching")]), 3)

    def test_default_digest_enables_kpis(self):
        """The default digest ships with the coaching KPIs switched on."""
        default = self.env.ref("digest.digest_digest_default")
        self.assertTrue(default.kpi_coaching_sessions_done and default.kpi_coaching_commitment_kept_rate)
