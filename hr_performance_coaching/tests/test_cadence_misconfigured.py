"""A misconfigured cadence rule (issue 23, item 4): the rule checks companies as it is saved; a rule that became
wrong since (a department or a template moved to another company) or that fails while its talks are planned is
skipped by the cadence cron and reported on its chatter, the other rules go on and the cron finishes."""

from datetime import date, datetime

from odoo.exceptions import UserError

from .common import CoachingCase

TODAY = date(2026, 3, 30)  # the talks of 2 March are due on 2 April: reminders go out
DUE = "hr_performance_coaching.mail_activity_type_coaching_due"


class TestMisconfiguredCadence(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.team_a, cls.team_b = Department.create([{"name": "Team A"}, {"name": "Team B"}])
        cls.alice.department_id = cls.team_a
        cls.bob.write({"department_id": cls.team_b.id, "parent_id": cls.director.id, "coach_id": cls.director.id})
        cls.template_a = cls.env["hr.coaching.template"].create({"name": "Team A questions"})
        Cadence = cls.env["hr.coaching.cadence"]
        cls.rule_a, cls.rule_b = Cadence.create(
            [
                {"name": "Team A monthly", "department_ids": cls.team_a.ids, "template_id": cls.template_a.id},
                {"name": "Team B monthly", "department_ids": cls.team_b.ids},
            ]
        )
        for employee in (cls.alice, cls.bob):
            cls._done_session(employee, datetime(2026, 3, 2, 9, 0))

    def _planned(self, employee):
        return self.Session.search([("employee_id", "=", employee.id), ("state", "=", "planned")])

    def _reports(self, rule):
        return self.env["mail.message"].search(
            [("model", "=", rule._name), ("res_id", "=", rule.id), ("body", "ilike", "skipped this rule")]
        )

    def _assert_skipped(self, reason):
        """Rule A is skipped and says why once; Bob's rule went on; the cron finished and marked everyone checked."""
        self._run_cron("cadence", TODAY)
        self.assertFalse(self._planned(self.alice), "nothing planned under the skipped rule")
        self.assertEqual(self.alice.coaching_reminded_date, False)
        self.assertEqual((self.alice.coaching_status, self.alice.coaching_checked_date), ("due", TODAY))
        self.assertEqual(self.alice.coaching_cadence_id, self.rule_a)
        bob_talk = self._planned(self.bob)
        self.assertEqual(len(bob_talk), 1, "the other rule goes on")
        self.assertEqual(self._coaching_activities(bob_talk).user_id, self.user_director)
        [report] = self._reports(self.rule_a)
        self.assertEqual(
            report.body,
            f"<p>The cadence check of 03/30/2026 skipped this rule: {reason}</p><p>Its employees were not reminded, "
            "no talk was planned for them and none of theirs was escalated. Once the rule is corrected, they are "
            "checked again.</p>",
        )
        self.assertEqual(report.subtype_id, self.env.ref("mail.mt_note"))
        self.assertFalse(self._reports(self.rule_b))
        # Checked again the same day (another batch, another rule changed): told once.
        self.env["hr.coaching.cadence"]._coaching_reset_checked()
        self._run_cron("cadence", TODAY)
        self.assertEqual(len(self._reports(self.rule_a)), 1)

    def test_a_rule_checks_companies_as_it_is_saved(self):
        """The scope and the template of a rule are of its company; a rule shared by every company names none of
        one company's records."""
        self.assertTrue(self.env["hr.coaching.cadence"]._check_company_auto)
        foreign = self.env["hr.job"].create({"name": "Foreign job", "company_id": self.other_company.id})
        with self.assertRefused(UserError, "of another company"):
            self.rule_a.job_ids = foreign
        with self.assertRefused(UserError, "company"):
            self.rule_b.write({"company_id": False})
        template_b = self.env["hr.coaching.template"].create({"name": "B", "company_id": self.other_company.id})
        with self.assertRefused(UserError, "company"):
            self.rule_a.template_id = template_b

    def test_a_department_moved_to_another_company_skips_the_rule(self):
        moved = self.env["hr.department"].create({"name": "Moved"})
        self.rule_a.department_ids |= moved
        moved.company_id = self.other_company
        self._assert_skipped("it names records of another company in Departments.")
        # Corrected, its employees are checked again at once and reminded.
        self.rule_a.department_ids -= moved
        self._run_cron("cadence", TODAY)
        self.assertEqual(len(self._planned(self.alice)), 1)
        self.assertEqual(self.alice.coaching_reminded_date, date(2026, 4, 2))

    def test_a_template_moved_to_another_company_skips_the_rule(self):
        self.template_a.company_id = self.other_company
        self._assert_skipped("it names records of another company in Question Template.")

    def test_a_rule_failing_while_it_plans_is_skipped(self):
        """Any UserError or ValidationError while a rule's talks are planned: here Alice's manager, her coach, was
        moved to another company, and her talk cannot have him as coach."""
        self.manager.company_id = self.other_company
        with self.assertRaises(UserError):
            self.Session.create({"employee_id": self.alice.id, "coach_id": self.manager.id})
        self._run_cron("cadence", TODAY)
        self.assertFalse(self._planned(self.alice))
        [report] = self._reports(self.rule_a)
        self.assertIn("Mark Manager", report.body)
        self.assertEqual(len(self._planned(self.bob)), 1, "the other rule goes on")
        self.assertEqual(self.alice.coaching_checked_date, TODAY)
