from datetime import date, datetime

from odoo.exceptions import ValidationError

from .common import CoachingCase


class TestCadenceRules(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Cadence = cls.env["hr.coaching.cadence"]
        cls.default = cls.env.ref("hr_performance_coaching.hr_coaching_cadence_monthly")
        cls.rnd = cls.env["hr.department"].create({"name": "R&D"})
        cls.rnd_mobile = cls.env["hr.department"].create({"name": "Mobile", "parent_id": cls.rnd.id})
        cls.developer = cls.env["hr.job"].create({"name": "Developer"})
        cls.alice.write({"department_id": cls.rnd_mobile.id, "job_id": cls.developer.id})
        cls.bob.write({"department_id": cls.rnd_mobile.id})

    def _rule(self, name, **vals):
        return self.Cadence.create({"name": name, "interval_number": 2, "interval_type": "weeks", **vals})

    def _rule_of(self, employee):
        return self.Cadence._coaching_rules_for(employee).get(employee.id)

    def test_shipped_default(self):
        """The module ships a monthly company default, reminder 3 days before, grace 7 days."""
        self.assertEqual(self.company.coaching_cadence_id, self.default)
        self.assertTrue(self.default.is_default)
        self.assertEqual(
            (
                self.default.interval_number,
                self.default.interval_type,
                self.default.reminder_days,
                self.default.grace_days,
            ),
            (1, "months", 3, 7),
        )
        self.assertEqual(self._rule_of(self.carol), self.default)

    def test_precedence(self):
        """Employee beats job beats department (sub-departments included) beats the company default."""
        by_department = self._rule("R&D", department_ids=[(6, 0, self.rnd.ids)])
        self.assertEqual(self._rule_of(self.alice), by_department, "the parent department covers Mobile")
        by_job = self._rule("Developers", job_ids=[(6, 0, self.developer.ids)], sequence=99)
        self.assertEqual(self._rule_of(self.alice), by_job)
        self.assertEqual(self._rule_of(self.bob), by_department)
        by_employee = self._rule("Alice", employee_ids=[(6, 0, self.alice.ids)], sequence=100)
        self.assertEqual(self._rule_of(self.alice), by_employee)
        self.assertEqual(self._rule_of(self.carol), self.default)

    def test_ties_go_by_sequence(self):
        """Two rules of the same level: the lower sequence wins."""
        late = self._rule("Second", department_ids=[(6, 0, self.rnd.ids)], sequence=20)
        early = self._rule("First", department_ids=[(6, 0, self.rnd_mobile.ids)], sequence=5)
        self.assertEqual(self._rule_of(self.bob), early)
        early.sequence = 30
        self.assertEqual(self._rule_of(self.bob), late)

    def test_archived_and_foreign_rules_ignored(self):
        """An archived rule or a rule of another company never applies."""
        rule = self._rule("Alice", employee_ids=[(6, 0, self.alice.ids)])
        rule.active = False
        self.assertEqual(self._rule_of(self.alice), self.default)
        self._rule("Other company default", company_id=self.other_company.id)
        self.assertEqual(self._rule_of(self.carol), self.default)

    def test_next_date_without_talk(self):
        """With no talk yet, the employee is due one interval after joining (their creation without hr_contract),
        whenever the rule was made: never coached is not "on track" for ever."""
        rule = self._rule("Carol", employee_ids=[(6, 0, self.carol.ids)])
        self.env.flush_all()
        self.env.cr.execute("UPDATE hr_employee SET create_date = '2026-02-01' WHERE id = %s", [self.carol.id])
        self.env.cr.execute("UPDATE hr_coaching_cadence SET create_date = '2026-03-01' WHERE id = %s", [rule.id])
        self.env.invalidate_all()
        values = self.env["hr.coaching.cadence"]._coaching_compute(self.carol, date(2026, 2, 13))
        self.assertEqual(values[self.carol.id][2], date(2026, 2, 15))
        self.assertEqual(values[self.carol.id][3], "due")
        self.assertEqual(
            self.env["hr.coaching.cadence"]._coaching_compute(self.carol, date(2026, 2, 16))[self.carol.id][3],
            "overdue",
        )
        self.env.cr.execute("UPDATE hr_employee SET create_date = '2026-03-01' WHERE id = %s", [self.carol.id])
        self.env.invalidate_all()
        self.assertEqual(
            self.env["hr.coaching.cadence"]._coaching_compute(self.carol, date(2026, 3, 2))[self.carol.id][2],
            date(2026, 3, 15),
        )

    def test_next_date_after_talk(self):
        """After a done talk, the due date is the talk plus the interval of the rule."""
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self._rule("Alice", employee_ids=[(6, 0, self.alice.ids)], interval_number=10, interval_type="days")
        rule, last, due_date, status, next_talk = self.env["hr.coaching.cadence"]._coaching_compute(
            self.alice, date(2026, 3, 3)
        )[self.alice.id]
        self.assertEqual(
            (last, due_date, status, next_talk), (date(2026, 3, 2), date(2026, 3, 12), "on_track", date(2026, 3, 12))
        )

    def test_bad_input(self):
        """Bad numbers or a scope in another company give a clear ValidationError and change nothing."""
        with self.assertRefused(ValidationError, "at least 1"):
            self._rule("Zero", interval_number=0)
        with self.assertRefused(ValidationError, "cannot be negative"):
            self._rule("Negative reminder", reminder_days=-1)
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.default.grace_days = -3
        foreigner = self.env["hr.employee"].create({"name": "Otto Other", "company_id": self.other_company.id})
        with self.assertRefused(ValidationError, "of another company"):
            self._rule("Mixed", employee_ids=[(6, 0, (self.alice | foreigner).ids)])
        with self.assertRefused(ValidationError, "at least 1"):
            self.company.coaching_commitment_threshold = 0
        self.assertEqual(self.default.grace_days, 7)

    def test_rule_change_rechecks_today(self):
        """Changing a rule lets the cadence cron recheck the employees the same day."""
        self._run_cron("cadence", date(2026, 3, 3))
        self.assertFalse(self.env["hr.coaching.cadence"]._cron_check_cadence(today=date(2026, 3, 3)))
        self._rule("Alice", employee_ids=[(6, 0, self.alice.ids)])
        self._run_cron("cadence", date(2026, 3, 3))
        self.assertEqual(self.alice.coaching_cadence_id.name, "Alice")
