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
        self.env.invalidate_all()  # the KPI values are computed per read, as a digest e-mail does
        return self.digest.with_user(user).with_context(start_datetime=self.start, end_datetime=self.end)

    def test_kpi_values_for_manager(self):
        """The manager's digest counts their team's sessions done in the period and the kept rate of reviews."""
        digest = self._digest(self.user_manager)
        self.assertEqual(digest.kpi_coaching_sessions_done_value, 2)
        self.assertEqual(digest.kpi_coaching_commitment_kept_rate_value, 50.0)

    def test_employees_overdue(self):
        """Employees overdue: the reader's team members whose cadence status is overdue now."""
        self.assertEqual(self._digest(self.user_manager).kpi_coaching_employees_overdue_value, 0)
        # Two months on, every monthly talk is overdue: Alice and Bob below Mark, and Mark too below Diane.
        self._run_cron("cadence", fields.Date.today() + timedelta(days=65))
        self.assertEqual(self._digest(self.user_manager).kpi_coaching_employees_overdue_value, 2)
        self.assertEqual(self._digest(self.user_director).kpi_coaching_employees_overdue_value, 3)
        self.bob.sudo().write({"coaching_status": "on_track"})
        self.assertEqual(self._digest(self.user_manager).kpi_coaching_employees_overdue_value, 1)

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
