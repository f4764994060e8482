from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestKeyEventsDetected(CoachingCase):
    """Role changes and promotions that HR records raise key events (issue 13), through the wizard's own path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(cls.env, login="coach_hr", groups="base.group_user,hr.group_hr_user")
        cls.Signal = cls.env["hr.coaching.signal"]
        cls.lead = cls.env["hr.job"].create({"name": "Coaching Team Lead", "coaching_promotion": True})
        cls.analyst = cls.env["hr.job"].create({"name": "Coaching Analyst"})
        cls.sales = cls.env["hr.department"].create({"name": "Coaching Sales"})

    def _events(self, employee):
        signal = self.Signal.search([("employee_id", "=", employee.id), ("signal_type", "=", "key_event")])
        return signal, (signal.key_event_codes or "").split(",") if signal else []

    def test_hr_moves_raise_role_change_and_promotion(self):
        Employee = self.env["hr.employee"].with_user(self.user_hr)
        Employee.browse(self.alice.id).department_id = self.sales
        signal, codes = self._events(self.alice)
        self.assertEqual(codes, ["role_change"])
        self.assertEqual(signal.activity_ids.user_id, self.user_manager)
        Employee.browse(self.alice.id).job_id = self.lead
        signal, codes = self._events(self.alice)
        self.assertEqual((len(signal), codes), (1, ["role_change", "promotion"]))
        self.assertEqual(signal.reason, "Role change and Promotion: Alice Report")
        Employee.browse(self.bob.id).job_id = self.analyst
        self.assertEqual(self._events(self.bob)[1], ["role_change"])
        Employee.browse(self.carol.id).parent_id = self.director
        self.assertEqual(self._events(self.carol)[1], ["role_change"])
        # Writing the same values again is no event.
        Employee.browse(self.bob.id).write({"job_id": self.analyst.id, "name": "Bob Report"})
        self.assertEqual(self._events(self.bob)[1], ["role_change"])

    def test_settings_switch_each_kind_off(self):
        self.company.coaching_detect_promotion = False
        self.alice.job_id = self.lead
        self.assertEqual(self._events(self.alice)[1], ["role_change"], "not marked a promotion: a role change")
        self.company.coaching_detect_role_change = False
        self.bob.department_id = self.sales
        self.bob.job_id = self.lead
        self.assertEqual(self._events(self.bob), (self.Signal, []))
        self.company.coaching_detect_promotion = True
        self.bob.job_id = self.analyst
        self.assertEqual(self._events(self.bob), (self.Signal, []))
        self.bob.job_id = self.lead
        self.assertEqual(self._events(self.bob)[1], ["promotion"])

    def test_visible_only_along_who_coaches_whom_and_planned_with_the_key_event_template(self):
        self.alice.job_id = self.lead
        signal, _codes = self._events(self.alice)
        self.assertEqual(self.Signal.with_user(self.user_manager).search([("id", "=", signal.id)]), signal)
        for user in (self.user_alice, self.user_bob, self.user_carol):
            self.assertFalse(self.Signal.with_user(user).search([("id", "=", signal.id)]), user.login)
            with self.assertRaises(AccessError):
                signal.with_user(user).read(["name"])
        action = signal.with_user(self.user_manager).action_plan_session()
        session = self.Session.browse(action["res_id"])
        self.assertEqual(session.trigger_type, "key_event")
        self.assertEqual(session.template_id, self.env["hr.coaching.template"]._find_for_trigger("key_event"))
