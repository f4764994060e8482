from datetime import date, datetime
from unittest.mock import patch

from odoo.addons.hr_performance_coaching.models.hr_coaching_cadence import HrCoachingCadence
from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import COMMITMENT_DUE, RATING_REQUEST
from odoo.tests import new_test_user

from .common import CoachingCase

DUE_DATE = date(2026, 4, 2)  # one month after the talks of 2 March


class TestCadenceCron(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice_talk = cls._done_session(cls.alice, datetime(2026, 3, 2, 9, 0))
        cls.bob_talk = cls._done_session(cls.bob, datetime(2026, 3, 2, 9, 0))
        cls.Signal = cls.env["hr.coaching.signal"]

    def _planned(self, employee):
        return self.Session.search([("employee_id", "=", employee.id), ("state", "=", "planned")])

    def test_status_transitions(self):
        """The status moves from on track to due (3 days before) to overdue (after the due date)."""
        for today, status in [
            (date(2026, 3, 20), "on_track"),
            (date(2026, 3, 30), "due"),
            (DUE_DATE, "due"),
            (date(2026, 4, 3), "overdue"),
        ]:
            self._run_cron("cadence", today)
            self.assertEqual(self.alice.coaching_status, status, today)
        self.assertEqual(self.alice.last_coaching_date, date(2026, 3, 2))
        self.assertEqual(self.alice.next_coaching_date, DUE_DATE)
        self.assertEqual(
            self.alice.coaching_cadence_id, self.env.ref("hr_performance_coaching.hr_coaching_cadence_monthly")
        )

    def test_reminder_exactly_once(self):
        """A due employee gives their coach one activity on a newly planned talk, and never a second one."""
        self._run_cron("cadence", date(2026, 3, 30))
        session = self._planned(self.alice)
        self.assertEqual(len(session), 1)
        self.assertEqual(session.coach_id, self.manager)
        activity = self._coaching_activities(session)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.date_deadline, DUE_DATE)
        self.assertIn(self.user_manager.partner_id, session.message_partner_ids)
        count = self.env["mail.activity"].search_count([])
        # Same day again, the next days, and after the coach ticked the reminder off: nothing new.
        self._run_cron("cadence", date(2026, 3, 30))
        self._run_cron("cadence", date(2026, 3, 31))
        self.assertEqual(self.env["mail.activity"].search_count([]), count)
        activity.action_feedback(feedback="Booked")
        self._run_cron("cadence", date(2026, 4, 1))
        self.assertFalse(self._coaching_activities(session))
        self.assertEqual(len(self._planned(self.alice)), 1)

    def test_automated_activities_honour_the_automation_skip(self):
        """Like Odoo's activity_schedule, the coaching reminders are not created under mail_activity_automation_skip
        (an import, a mass change): neither the cadence reminder nor the rating request of a closed talk. Without the
        key, the rating request is (the reminder: test_reminder_exactly_once). Issue 23, item 5."""
        Cadence = self.env["hr.coaching.cadence"]
        Cadence.with_context(mail_activity_automation_skip=True)._cron_check_cadence(today=date(2026, 3, 30))
        session = self._planned(self.alice)
        self.assertEqual(len(session), 1, "the talk itself is planned")
        self.assertFalse(self._coaching_activities(session))
        skipped = self._session(self.bob, datetime(2026, 3, 20, 9, 0), will="<p>Ship it.</p>")
        skipped.with_context(mail_activity_automation_skip=True).action_done()
        self.assertFalse(self._coaching_activities(skipped, RATING_REQUEST))
        closed = self._session(self.bob, datetime(2026, 3, 21, 9, 0), will="<p>Ship it.</p>")
        closed.action_done()
        self.assertEqual(self._coaching_activities(closed, RATING_REQUEST).user_id, self.user_bob)

    def test_reminders_name_their_documents(self):
        """The reminders and escalations the cron creates in one batch carry the name of their talk or signal, as
        mail.activity would compute it, each their own."""
        self._run_cron("cadence", date(2026, 4, 10))  # past the grace days: reminders and escalations
        sessions = self._planned(self.alice) | self._planned(self.bob)
        reminders = self._coaching_activities(sessions)
        self.assertEqual(len(reminders), 2)
        for reminder in reminders:
            session = self.Session.browse(reminder.res_id)
            self.assertEqual(reminder.res_model, "hr.coaching.session")
            self.assertEqual(reminder.res_name, f"Coaching of {session.employee_id.name} on 04/10/2026")
        signals = self.Signal.search([("signal_type", "=", "cadence_overdue")])
        escalations = self._coaching_activities(signals)
        self.assertEqual(len(escalations), 2)
        for escalation in escalations:
            signal = self.Signal.browse(escalation.res_id)
            self.assertEqual(
                escalation.res_name,
                f"The coaching talk of {signal.employee_id.name} was due on 04/02/2026 and has not happened.",
            )
        # The names given at creation are the ones mail.activity computes.
        given = reminders.mapped("res_name") + escalations.mapped("res_name")
        (reminders | escalations)._compute_res_name()
        self.assertEqual(reminders.mapped("res_name") + escalations.mapped("res_name"), given)

    def test_planned_talk_at_ten_in_the_coach_time_zone(self):
        """The talk the cron plans for a due employee is at 10:00 in the coach's time zone, on the due date."""
        self.manager.tz = "Asia/Shanghai"  # UTC+8
        self._run_cron("cadence", date(2026, 3, 30))
        self.assertEqual(self._planned(self.alice).date_scheduled, datetime(2026, 4, 2, 2, 0))

    def _assignment_notifications(self, session):
        return self.env["mail.message"].search(
            [("model", "=", session._name), ("res_id", "=", session.id), ("message_type", "=", "user_notification")]
        )

    def test_reminder_without_mail_by_default(self):
        """By default a reminder reaches the coach's activities, without Odoo's assignment e-mail."""
        self._run_cron("cadence", date(2026, 3, 30))
        session = self._planned(self.alice)
        self.assertEqual(len(self._coaching_activities(session)), 1)
        self.assertFalse(self._assignment_notifications(session))

    def test_reminder_mail_when_the_company_asks(self):
        """With "E-mail Coaching Reminders" on, the coach gets Odoo's assignment notification of the reminder."""
        self.company.coaching_reminder_mail = True
        self._run_cron("cadence", date(2026, 3, 30))
        session = self._planned(self.alice)
        notification = self._assignment_notifications(session)
        self.assertEqual(len(notification), 1)
        self.assertEqual(notification.partner_ids, self.user_manager.partner_id)
        self.assertIn("assigned to you", notification.subject)

    def test_reminder_uses_planned_talk(self):
        """An employee with a talk already planned gets the reminder on that talk, no new talk."""
        planned = self._session(self.alice, datetime(2026, 4, 1, 10, 0))
        self._run_cron("cadence", date(2026, 3, 30))
        self.assertEqual(self._planned(self.alice), planned)
        self.assertEqual(len(self._coaching_activities(planned)), 1)

    def test_closing_the_talk_closes_the_reminder(self):
        """Closing the planned talk marks its reminder done and refreshes the dates; cancelling removes it."""
        self._run_cron("cadence", date(2026, 3, 30))
        alice_session, bob_session = self._planned(self.alice), self._planned(self.bob)
        alice_session.write({"will": "<p>Try the new format.</p>", "date_scheduled": datetime(2026, 3, 31, 9, 0)})
        alice_session.action_done()
        self.assertFalse(self._coaching_activities(alice_session))
        done = self.env["mail.message"].search(
            [
                ("model", "=", "hr.coaching.session"),
                ("res_id", "=", alice_session.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertTrue(done, "the reminder is marked done, not deleted")
        self.assertEqual(self.alice.last_coaching_date, date(2026, 3, 31))
        self.assertEqual(self.alice.next_coaching_date, date(2026, 4, 30))
        bob_session.action_cancel()
        self.assertFalse(self._coaching_activities(bob_session))

    def test_escalation_once(self):
        """Past the grace days the coach's manager gets one escalation and a cadence_overdue signal is raised."""
        self._run_cron("cadence", date(2026, 4, 9))  # 7 days late: still within the grace days
        self.assertFalse(self.Signal.search([("employee_id", "=", self.alice.id)]))
        self._run_cron("cadence", date(2026, 4, 10))  # 8 days late, grace is 7
        signal = self.Signal.search([("employee_id", "=", self.alice.id), ("signal_type", "=", "cadence_overdue")])
        self.assertEqual(len(signal), 1)
        escalation = self._coaching_activities(signal)
        self.assertEqual(escalation.user_id, self.user_director)
        count = self.env["mail.activity"].search_count([])
        self._run_cron("cadence", date(2026, 4, 10))
        self._run_cron("cadence", date(2026, 4, 12))
        self.assertEqual(self.env["mail.activity"].search_count([]), count)
        self.assertEqual(
            self.Signal.search_count([("employee_id", "=", self.alice.id), ("signal_type", "=", "cadence_overdue")]), 1
        )

    def test_escalation_to_officers(self):
        """With escalation to the officers, the coaching officers get the escalation, not the coach's manager."""
        self.company.coaching_escalation_target = "officers"
        self._run_cron("cadence", date(2026, 4, 10))
        signal = self.Signal.search([("employee_id", "=", self.alice.id), ("signal_type", "=", "cadence_overdue")])
        self.assertIn(self.user_officer, self._coaching_activities(signal).user_id)
        self.assertNotIn(self.user_director, self._coaching_activities(signal).user_id)

    def test_escalation_off(self):
        """With escalation off, the cadence_overdue signal is raised but nobody above the coach is told."""
        self.company.coaching_escalation = False
        self._run_cron("cadence", date(2026, 4, 10))
        signal = self.Signal.search([("employee_id", "=", self.alice.id), ("signal_type", "=", "cadence_overdue")])
        self.assertEqual(len(signal), 1)
        self.assertFalse(self._coaching_activities(signal))

    # ------------------------------------------------------------------ issue 23, item 3: who is escalated to

    def _coached_by_others(self):
        """Three talks neglected by a coach who is not the employee's manager: Alice's coach Paula works under
        Carol, who has no say over Alice; Bob's coach is the director, whose own manager Cleo stands above Bob
        too; Eve's coach Jon reports to Eve herself."""
        Employee = self.env["hr.employee"]
        users = {
            login: new_test_user(self.env, login=login, name=name, groups="base.group_user")
            for login, name in [
                ("coach_paula", "Paula Peer"),
                ("coach_cleo", "Cleo Chief"),
                ("coach_eve", "Eve Report"),
                ("coach_jon", "Jon Junior"),
            ]
        }
        paula = Employee.create({"name": "Paula Peer", "user_id": users["coach_paula"].id, "parent_id": self.carol.id})
        cleo = Employee.create({"name": "Cleo Chief", "user_id": users["coach_cleo"].id})
        self.director.parent_id = cleo
        eve = Employee.create({"name": "Eve Report", "user_id": users["coach_eve"].id, "parent_id": self.manager.id})
        jon = Employee.create({"name": "Jon Junior", "user_id": users["coach_jon"].id, "parent_id": eve.id})
        eve.coach_id = jon
        self.alice.coach_id = paula
        self.bob.coach_id = self.director
        self._done_session(eve, datetime(2026, 3, 2, 9, 0), coach_id=jon.id)
        return eve, users["coach_cleo"]

    def _escalated_to(self, employees):
        """{employee: the users told of her neglected talk} after the cron ran past the grace days."""
        self._run_cron("cadence", date(2026, 4, 10))
        signals = self.Signal.search([("employee_id", "in", employees.ids), ("signal_type", "=", "cadence_overdue")])
        self.assertEqual(signals.employee_id, employees, "a signal for each neglected talk, whoever is told")
        return {signal.employee_id: self._coaching_activities(signal).user_id for signal in signals}

    def test_escalation_to_the_coach_manager_when_the_coach_is_not_the_manager(self):
        """ "The coach's own manager" is told when he coaches the employee too (he reads the signal, which names
        her); a manager who has no say over her, or who is the employee herself, is not: the officers are."""
        eve, cleo = self._coached_by_others()
        officers = self.Signal._coaching_officers(self.company)
        self.assertEqual(
            self._escalated_to(self.alice | self.bob | eve),
            {self.alice: officers, self.bob: cleo, eve: officers},
        )
        # Each one told reads what he is told of.
        for signal in self.Signal.search([("signal_type", "=", "cadence_overdue")]):
            for user in self._coaching_activities(signal).user_id:
                self.assertEqual(signal.with_user(user).search([("id", "=", signal.id)]), signal, user.name)

    def test_escalation_to_officers_when_the_coach_is_not_the_manager(self):
        """With escalation to the officers, the officers are told, whoever coaches."""
        eve, _cleo = self._coached_by_others()
        self.company.coaching_escalation_target = "officers"
        officers = self.Signal._coaching_officers(self.company)
        self.assertEqual(
            self._escalated_to(self.alice | self.bob | eve), {self.alice: officers, self.bob: officers, eve: officers}
        )

    def test_escalation_off_when_the_coach_is_not_the_manager(self):
        """With escalation off, nobody is told, whoever coaches."""
        eve, _cleo = self._coached_by_others()
        self.company.coaching_escalation = False
        nobody = self.env["res.users"]
        self.assertEqual(
            self._escalated_to(self.alice | self.bob | eve), {self.alice: nobody, self.bob: nobody, eve: nobody}
        )

    def test_rerun_after_failed_batch(self):
        """A batch failing halfway leaves nothing behind; the rerun finishes with exactly one reminder each."""
        original = HrCoachingCadence._coaching_remind
        bob = self.bob

        def failing(self, to_remind, today):
            result = original(self, to_remind, today)
            if any(employee == bob for employee, _rule, _date in to_remind):
                raise RuntimeError("worker killed")
            return result

        with patch.object(HrCoachingCadence, "_coaching_remind", failing):
            with self.assertRaises(RuntimeError):
                for _batch in range(20):
                    with self.env.cr.savepoint():
                        self.env["hr.coaching.cadence"]._cron_check_cadence(batch_size=1, today=date(2026, 3, 30))
        self.env.invalidate_all()
        self.assertFalse(self._planned(self.bob), "the failed batch was rolled back")
        self._run_cron("cadence", date(2026, 3, 30), batch_size=1)
        for employee in self.alice | self.bob:
            session = self._planned(employee)
            self.assertEqual(len(session), 1)
            self.assertEqual(len(self._coaching_activities(session)), 1)
            self.assertEqual(employee.coaching_status, "due")

    def test_commitment_reminders(self):
        """The owner is reminded once before the deadline; once overdue the coach is reminded too, once."""
        commitment = self.Commitment.create(
            {
                "session_id": self._session(self.alice, datetime(2026, 4, 6, 9, 0)).id,
                "name": "Draft",
                "date_deadline": date(2026, 4, 20),
            }
        )
        self._run_cron("commitments", date(2026, 4, 17))
        self.assertFalse(self._coaching_activities(commitment, COMMITMENT_DUE))
        self._run_cron("commitments", date(2026, 4, 18))
        self._run_cron("commitments", date(2026, 4, 19))
        self.assertEqual(self._coaching_activities(commitment, COMMITMENT_DUE).user_id, self.user_alice)
        self._run_cron("commitments", date(2026, 4, 21))
        self._run_cron("commitments", date(2026, 4, 22))
        reminders = self._coaching_activities(commitment, COMMITMENT_DUE)
        self.assertEqual(len(reminders), 2)
        self.assertEqual(reminders.user_id, self.user_alice | self.user_manager)
        commitment.action_drop()
        self.assertFalse(self._coaching_activities(commitment, COMMITMENT_DUE))

    def test_no_commitment_reminder_for_a_cancelled_talk(self):
        """The commitments of a cancelled talk are not followed up: no reminder, before or after the deadline."""
        session = self._session(self.alice, datetime(2026, 4, 6, 9, 0))
        commitment = self.Commitment.create(
            {"session_id": session.id, "name": "Draft", "date_deadline": date(2026, 4, 7)}
        )
        session.action_cancel()
        self._run_cron("commitments", date(2026, 4, 6))
        self._run_cron("commitments", date(2026, 4, 20))
        self.assertFalse(self._coaching_activities(commitment, COMMITMENT_DUE))
        self.assertFalse(commitment.coaching_reminder_stage)

    def test_commitment_done_closes_reminders(self):
        """Recording an outcome finishes the commitment and marks its reminders done."""
        session = self._session(self.alice, datetime(2026, 4, 6, 9, 0))
        commitment = self.Commitment.create(
            {"session_id": session.id, "name": "Draft", "date_deadline": date(2026, 4, 7)}
        )
        self._run_cron("commitments", date(2026, 4, 6))
        self.assertTrue(self._coaching_activities(commitment, COMMITMENT_DUE))
        commitment.outcome = "kept"
        self.assertEqual(commitment.state, "done")
        self.assertFalse(self._coaching_activities(commitment, COMMITMENT_DUE))


class TestCadenceCronConcurrency(CoachingCase):
    # A class of its own: the test commits a change from another cursor, which the rest of a class's transaction
    # would then meet again.
    def test_batch_with_a_row_changed_under_it(self):
        """A user's request that changes an employee and commits while the cron's batch runs: PostgreSQL refuses to
        lock that row in the batch's REPEATABLE READ transaction. The cron does not fail: the batch is left whole,
        the transaction stays usable and the cron is called again at once (a trigger), in a new transaction."""
        admin = self.env.ref("hr.employee_admin")
        cron = self.env.ref("hr_performance_coaching.ir_cron_coaching_cadence")
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search([("cron_id", "=", cron.id)])
        self.env.cr.execute("SELECT 1")  # the batch's snapshot, taken before the user's change
        with self.registry.cursor() as other:
            other.execute("SET LOCAL lock_timeout = '5s'")
            other.execute("UPDATE hr_employee SET write_date = write_date WHERE id = %s", [admin.id])
            other.commit()
        # A day no employee was checked on: every active employee, admin included, is in the batch.
        remaining = self.env["hr.coaching.cadence"]._cron_check_cadence(today=date(2027, 1, 4))
        self.assertEqual(remaining, self.env["hr.employee"].search_count([]))
        self.assertEqual(self.alice.coaching_checked_date, False)
        self.assertEqual(len(Trigger.search([("cron_id", "=", cron.id)]) - triggers), 1)
        self.env.cr.execute("SELECT COUNT(*) FROM hr_employee")  # the transaction goes on
        self.assertEqual(
            self.env.cr.fetchone()[0], self.env["hr.employee"].with_context(active_test=False).search_count([])
        )
