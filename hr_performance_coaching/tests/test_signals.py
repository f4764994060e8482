import json
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.addons.hr_performance_coaching.models.hr_coaching_signal_detection import WATERMARK_KEY, WATERMARK_OVERLAP
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form
from odoo.tools import SQL

from .common import CoachingCase


class TestSignals(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Signal = cls.env["hr.coaching.signal"]

    def _signals(self, employee, signal_type):
        return self.Signal.search([("employee_id", "=", employee.id), ("signal_type", "=", signal_type)])

    def _two_commitments_due_by_march_10(self, employee):
        commitments = [("Draft", date(2026, 3, 9)), ("Review", date(2026, 3, 10))]
        return self._done_session(employee, datetime(2026, 3, 2, 9, 0), commitments=commitments)

    def test_commitments_overdue(self):
        """Two overdue open commitments raise one signal, once; a later done talk resolves it for good."""
        self._two_commitments_due_by_march_10(self.alice)
        self._run_cron("signals", date(2026, 3, 10))
        self.assertFalse(self._signals(self.alice, "commitments_overdue"), "one overdue commitment is not enough")
        self._run_cron("signals", date(2026, 3, 11))
        signal = self._signals(self.alice, "commitments_overdue")
        self.assertEqual(len(signal), 1)
        self.assertEqual(signal.state, "open")
        self.assertEqual(self._coaching_activities(signal).user_id, self.user_manager)
        self._run_cron("signals", date(2026, 3, 12))
        self.assertEqual(len(self._signals(self.alice, "commitments_overdue")), 1, "no duplicate on rerun")

        talk = self._session(self.alice, datetime(2026, 3, 13, 9, 0), will="<p>Finish the draft.</p>")
        talk.review_commitment_ids.write({"outcome": "partly"})
        talk.action_done()
        self.assertEqual(signal.state, "resolved")
        self.assertEqual(signal.session_id, talk)
        self.assertFalse(self._coaching_activities(signal))

    def test_dismissed_not_raised_again(self):
        """A dismissed anomaly is not raised again until something new happens."""
        self._two_commitments_due_by_march_10(self.bob)
        self._run_cron("signals", date(2026, 3, 11))
        signal = self._signals(self.bob, "commitments_overdue")
        signal.action_dismiss()
        self.assertFalse(self._coaching_activities(signal), "the reminder goes with the dismissed signal")
        self._run_cron("signals", date(2026, 3, 20))
        self.assertEqual(self._signals(self.bob, "commitments_overdue"), signal)

    def test_cadence_overdue_resolved_by_signals_cron(self):
        """A cadence_overdue signal is resolved by the signals cron once a talk is done after it."""
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self._run_cron("cadence", date(2026, 4, 10))
        signal = self._signals(self.alice, "cadence_overdue")
        self.assertEqual(signal.state, "open")
        # A talk closed on another path (e.g. imported): the signals cron notices it.
        talk = self._session(self.alice, datetime(2026, 4, 11, 9, 0), will="<p>Back on track.</p>")
        self.env.flush_all()
        self.env.cr.execute("UPDATE hr_coaching_session SET state = 'done' WHERE id = %s", [talk.id])
        self.env.invalidate_all()
        self._run_cron("signals", date(2026, 4, 12))
        self.assertEqual(signal.state, "resolved")
        self.assertEqual(signal.session_id, talk)

    def test_key_event_plan_and_resolve(self):
        """A manager logs a key event; planning a talk links both ways; the done talk resolves the signal."""
        Employee = self.env["hr.employee"].with_user(self.user_manager)
        signal = Employee.browse(self.alice.id)._coaching_log_key_event("promotion", note="Now team lead")
        self.assertEqual((signal.signal_type, signal.state, signal.key_event_type), ("key_event", "open", "promotion"))
        self.assertEqual(self._coaching_activities(signal.sudo()).user_id, self.user_manager)
        again = Employee.browse(self.alice.id)._coaching_log_key_event("project_milestone", note="Release 2")
        self.assertEqual(again, signal, "one open key event signal per employee")
        self.assertIn("Release 2", signal.note)

        action = signal.action_plan_session()
        session = self.Session.browse(action["res_id"])
        self.assertEqual(session.trigger_type, "key_event")
        self.assertEqual(signal.session_id, session)
        self.assertEqual(session.signal_ids, signal.sudo())
        self.assertEqual(signal.state, "scheduled")
        session.sudo().action_cancel()
        self.assertEqual(signal.state, "open", "cancelling the talk frees the signal")
        session.sudo().action_reset()
        signal.action_plan_session()
        session = signal.session_id
        session.write({"will": "<p>Grow into the role.</p>"})
        session.action_done()
        self.assertEqual(signal.state, "resolved")
        with self.assertRefused(UserError, "Only a dismissed signal can be reopened"):
            signal.action_reopen()
        self.assertEqual(signal.state, "resolved")

    def test_reopen_only_dismissed(self):
        """A dismissed signal can be reopened; an open or scheduled one cannot."""
        signal = self.Signal.create({"employee_id": self.bob.id, "name": "Looks tired"})
        with self.assertRefused(UserError, "Only a dismissed signal can be reopened"):
            signal.action_reopen()
        signal.action_plan_session()
        with self.assertRefused(UserError, "Only a dismissed signal can be reopened"):
            signal.action_reopen()
        self.assertEqual(signal.state, "scheduled")
        signal.action_dismiss()
        signal.action_reopen()
        self.assertEqual(signal.state, "open")

    def test_key_event_wizard_and_scope(self):
        """The wizard logs a key event; a colleague outside the chain or a bad kind is refused."""
        wizard = Form(
            self.env["hr.coaching.key.event.wizard"]
            .with_user(self.user_manager)
            .with_context(default_employee_id=self.bob.id)
        )
        wizard.event_type = "return_from_leave"
        wizard.note = "Back from parental leave"
        wizard.save().action_confirm()
        self.assertEqual(self._signals(self.bob, "key_event").key_event_type, "return_from_leave")
        with self.assertRefused(AccessError, "Only the managers of Alice Report"):
            self.env["hr.employee"].with_user(self.user_bob).browse(self.alice.id)._coaching_log_key_event("promotion")
        with self.assertRefused(UserError, "is not a kind of key event"):
            self.alice._coaching_log_key_event("birthday")

    def test_anomaly_plan_and_dedup(self):
        """Planning from an anomaly gives an anomaly talk; a second open signal of the same type is refused."""
        signal = self.Signal.create({"employee_id": self.bob.id, "signal_type": "manual", "name": "Looks tired"})
        with self.assertRefused(UserError, "already has an open signal"):
            self.Signal.create({"employee_id": self.bob.id, "signal_type": "manual", "name": "Again"})
        action = signal.action_plan_session()
        self.assertEqual(self.Session.browse(action["res_id"]).trigger_type, "anomaly")

    def test_rating_drop(self):
        """A done appraisal rated lower than the previous one raises a rating_drop signal, once."""
        self.env["hr.appraisal"].create(
            [
                {
                    "employee_id": self.alice.id,
                    "date_close": date(2026, 1, 31),
                    "state": "3_done",
                    "performance_rating": "4",
                },
                {
                    "employee_id": self.alice.id,
                    "date_close": date(2026, 4, 30),
                    "state": "3_done",
                    "performance_rating": "2",
                },
                {
                    "employee_id": self.bob.id,
                    "date_close": date(2026, 1, 31),
                    "state": "3_done",
                    "performance_rating": "3",
                },
                {
                    "employee_id": self.bob.id,
                    "date_close": date(2026, 4, 30),
                    "state": "3_done",
                    "performance_rating": "4",
                },
            ]
        )
        self._run_cron("signals", date(2026, 5, 2))
        signal = self._signals(self.alice, "rating_drop")
        self.assertEqual(len(signal), 1)
        self.assertIn("from 4 to 2", signal.name)
        self.assertFalse(self._signals(self.bob, "rating_drop"))
        signal.action_dismiss()
        self._run_cron("signals", date(2026, 5, 3))
        self.assertEqual(self._signals(self.alice, "rating_drop"), signal, "the same drop is not raised twice")

    def test_access(self):
        """Managers read their team's signals and statuses; employees read no signal and only their own status."""
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self._run_cron("cadence", date(2026, 4, 10))
        signal = self._signals(self.alice, "cadence_overdue")
        self.assertTrue(signal)
        for user in (self.user_manager, self.user_director, self.user_officer):
            self.assertEqual(self.Signal.with_user(user).search([("id", "=", signal.id)]), signal)
            employee = self.env["hr.employee"].with_user(user).browse(self.alice.id)
            # The cron placed her talk today: her next talk (issue 22, item 8); not booked by her coach, still overdue.
            self.assertEqual(employee.coaching_status, "overdue", user.login)
            self.assertEqual(employee.next_coaching_date, date(2026, 4, 10), user.login)
        for user in (self.user_alice, self.user_bob, self.user_carol):
            self.assertFalse(self.Signal.with_user(user).search([]), user.login)
            with self.assertRaises(AccessError):
                self.Signal.with_user(user).browse(signal.id).read(["name"])
        # Like core's manager-only fields, the employee reads their own status; colleagues read nothing.
        own = self.env["hr.employee"].with_user(self.user_alice).browse(self.alice.id)
        self.assertEqual((own.coaching_status, own.next_coaching_date), ("overdue", date(2026, 4, 10)))
        for user in (self.user_bob, self.user_carol):
            self.env.invalidate_all()  # a request of its own: hr.employee caches what the public model let in
            employee = self.env["hr.employee"].with_user(user).browse(self.alice.id)
            self.assertFalse(employee.coaching_status, user.login)
            self.assertFalse(employee.last_coaching_date, user.login)
            public = self.env["hr.employee.public"].with_user(user)
            self.assertFalse(public.search([("coaching_status", "=", "overdue")]), user.login)
        public = self.env["hr.employee.public"].with_user(self.user_manager)
        self.assertIn(self.alice.id, public.search([("coaching_status", "=", "overdue")]).ids)
        with self.assertRaises(AccessError):
            self.env["hr.employee"].with_user(self.user_manager).browse(self.alice.id).read(["coaching_reminded_date"])

    # ------------------------------------------------------------------ signals reach the talk (issue 22, item 6)

    def test_one_talk_answers_all_open_signals(self):
        """Planning from a signal gives the talk its occasion and template, the reasons as its title and her request
        as her point on the agenda; the employee's other open signals are planned by the same talk, which answers
        them all."""
        manual = self.Signal.create({"employee_id": self.alice.id, "name": "Looks tired"})
        request = self.Signal.with_user(self.user_alice)._coaching_request_talk("My workload since the merger")
        Employee = self.env["hr.employee"].with_user(self.user_manager)
        key_event = Employee.browse(self.alice.id)._coaching_log_key_event("promotion")
        other = self.Signal.create({"employee_id": self.bob.id, "name": "Bob is quiet"})

        action = key_event.with_user(self.user_manager).action_plan_session()
        session = self.Session.browse(action["res_id"])
        self.assertEqual(session.trigger_type, "key_event")
        self.assertEqual(session.template_id, self.env.ref("hr_performance_coaching.hr_coaching_template_key_event"))
        self.assertEqual(session.name, "Promotion: Alice Report; Alice Report asks for a talk; Looks tired")
        signals = manual | request.sudo() | key_event
        self.assertEqual(signals.mapped("state"), ["scheduled"] * 3)
        self.assertEqual(signals.session_id, session)
        self.assertEqual(other.state, "open", "another employee's signal waits for her own talk")
        self.assertEqual(
            [(topic.name, topic.side, topic.author_id) for topic in session.topic_ids],
            [("My workload since the merger", "employee", self.user_alice)],
        )

        session.write({"will": "<p>Settle into the new role.</p>"})
        session.with_user(self.user_manager).action_done()
        self.assertEqual(signals.mapped("state"), ["resolved"] * 3)
        self.assertEqual(other.state, "open")

    def test_plan_from_signal_sets_its_occasion_and_template(self):
        """A request gives an ad hoc talk with the request template; an anomaly an anomaly talk with its template; a
        routine talk already planned takes them and the reason; the request's text is her point, once."""
        request = self.Signal.with_user(self.user_bob)._coaching_request_talk("Training budget")
        session = self.Session.browse(request.sudo().with_user(self.user_manager).action_plan_session()["res_id"])
        self.assertEqual(
            (session.trigger_type, session.template_id, session.name),
            (
                "ad_hoc",
                self.env.ref("hr_performance_coaching.hr_coaching_template_request"),
                "Bob Report asks for a talk",
            ),
        )
        self.assertEqual(session.topic_ids.mapped("name"), ["Training budget"])

        routine = self._session(self.alice, datetime(2026, 3, 20, 9, 0))
        self.assertEqual(routine.trigger_type, "routine")
        signal = self.Signal.create({"employee_id": self.alice.id, "name": "Missed two deadlines"})
        self.assertEqual(signal.action_plan_session()["res_id"], routine.id)
        self.assertEqual(
            (routine.trigger_type, routine.template_id, routine.name),
            (
                "anomaly",
                self.env.ref("hr_performance_coaching.hr_coaching_template_anomaly"),
                "Missed two deadlines",
            ),
        )

    # ------------------------------------------------------------------ the signals list (issue 22, item 15)

    def test_signal_of_a_coach_without_user_goes_above_never_to_nobody(self):
        """The reminder of a signal whose coach has no user goes to the coach's manager, else to the officers."""
        lead = self.env["hr.employee"].create({"name": "Lee Lead", "parent_id": self.manager.id})
        worker, orphan = self.env["hr.employee"].create(
            [{"name": "Wendy Worker", "parent_id": lead.id}, {"name": "Otto Orphan"}]
        )
        Employee = self.env["hr.employee"]
        signal = Employee.browse(worker.id)._coaching_log_key_event("promotion")
        self.assertEqual(self._coaching_activities(signal).user_id, self.user_manager, "the coach's manager")
        signal = Employee.browse(orphan.id)._coaching_log_key_event("promotion")
        self.assertEqual(
            self._coaching_activities(signal).user_id,
            self.Signal._coaching_officers(self.company),
            "the coaching officers",
        )
        self.assertIn(self.user_officer, self._coaching_activities(signal).user_id)

    def test_signal_of_a_designated_coach_without_user_goes_to_who_coaches_her(self):
        """Bob's designated coach Nora has no user and works under Carol, who has no say over Bob: the reminder,
        which names Bob, goes to the officers, not to Carol. Under Mark, it goes to Mark (issue 23, item 3)."""
        nora = self.env["hr.employee"].create({"name": "Nora Nouser", "parent_id": self.carol.id})
        self.bob.coach_id = nora
        signal = self.env["hr.employee"].browse(self.bob.id)._coaching_log_key_event("promotion")
        self.assertEqual(signal.coach_id, nora)
        self.assertEqual(self._coaching_activities(signal).user_id, self.Signal._coaching_officers(self.company))
        signal.action_dismiss()
        nora.parent_id = self.manager
        signal = self.env["hr.employee"].browse(self.bob.id)._coaching_log_key_event("promotion")
        self.assertEqual(self._coaching_activities(signal).user_id, self.user_manager)

    def test_signals_list_colours_what_is_late_and_plans_from_the_row(self):
        """The list colours only the open signals about something late, plans from the row; a phone gets cards."""
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_signal_action")
        self.assertEqual(action["view_mode"], "list,kanban,form")
        views = self.Signal.get_views([(False, "list"), (False, "kanban")])["views"]
        arch = views["list"]["arch"]
        self.assertIn(
            "decoration-danger=\"state == 'open' and signal_type in ('cadence_overdue', 'commitments_overdue')\"",
            arch,
        )
        self.assertNotIn("decoration-warning", arch)
        self.assertIn('<button name="action_plan_session" type="object" string="Plan"', arch)
        self.assertIn('<field name="signal_type" widget="badge" width="170px"', arch)
        self.assertIn('<field name="reason" class="o_coaching_signal_reason text-wrap"/>', views["kanban"]["arch"])

    # ------------------------------------------------------------------ the edges of the rules (issue 23, item 3)

    def _close_elsewhere(self, employee, when):
        """A talk closed on another path than its button (an import): only the signals cron sees it."""
        talk = self._session(employee, when, will="<p>Talked it through.</p>")
        self.env.flush_all()
        self.env.cr.execute("UPDATE hr_coaching_session SET state = 'done' WHERE id = %s", [talk.id])
        self.env.invalidate_all()
        return talk

    def test_a_talk_on_the_signals_own_day_answers_it(self):
        """A signal is answered by a done talk on or after its date (the class's rule): a talk on the signal's own
        day answers it, on the cron's path and on the talk's button; a talk the day before does not."""
        self._two_commitments_due_by_march_10(self.alice)
        self._run_cron("signals", date(2026, 3, 11))
        signal = self._signals(self.alice, "commitments_overdue")
        self.assertEqual((signal.date, signal.state), (date(2026, 3, 11), "open"))
        self._close_elsewhere(self.alice, datetime(2026, 3, 10, 23, 0))
        self._run_cron("signals", date(2026, 3, 12))
        self.assertEqual(signal.state, "open", "a talk the day before the signal does not answer it")
        talk = self._close_elsewhere(self.alice, datetime(2026, 3, 11, 0, 30))
        self._run_cron("signals", date(2026, 3, 12))
        self.assertEqual((signal.state, signal.session_id), ("resolved", talk), "the signal's own day answers it")

        key_event = (
            self.env["hr.employee"].browse(self.bob.id)._coaching_log_key_event("promotion", date=date(2026, 3, 11))
        )
        self._done_session(self.bob, datetime(2026, 3, 10, 23, 0))
        self.assertEqual(key_event.state, "open", "closed, a talk of the day before does not answer it")
        talk = self._done_session(self.bob, datetime(2026, 3, 11, 0, 30))
        self.assertEqual((key_event.state, key_event.session_id), ("resolved", talk))

    def _commitments_due(self, employee, *deadlines):
        """Open commitments of ``employee`` due on ``deadlines``, made in a talk the week before the first, closed on
        another path: each talk's closing would ask to review the commitments before."""
        when = datetime.combine(min(deadlines) - timedelta(days=7), datetime.min.time()) + timedelta(hours=9)
        talk = self._session(employee, when, will="<p>Next steps.</p>")
        self.Commitment.create([{"session_id": talk.id, "name": f"Step {d}", "date_deadline": d} for d in deadlines])
        self.env.flush_all()
        self.env.cr.execute("UPDATE hr_coaching_session SET state = 'done' WHERE id = %s", [talk.id])
        self.env.invalidate_all()

    def test_a_dismissed_anomaly_comes_back_only_with_something_new_after_its_dismissal(self):
        """Dismissed today, the overdue commitments are not raised again for what was overdue by then, also what
        became overdue while the signal was open; a commitment overdue after the dismissal (due on its day) raises
        a new signal."""
        today = date.today()
        self._commitments_due(self.alice, today - timedelta(days=10), today - timedelta(days=9))
        self._run_cron("signals", today - timedelta(days=8))
        signal = self._signals(self.alice, "commitments_overdue")
        self.assertEqual((signal.state, signal.overdue_count), ("open", 2))
        # One more overdue while the signal is open: the dismissal below has it in view.
        self._commitments_due(self.alice, today - timedelta(days=5))
        self._run_cron("signals", today - timedelta(days=4))
        signal.action_dismiss()
        self.assertEqual((signal.state, signal.dismissed_date), ("dismissed", today))
        self._run_cron("signals", today + timedelta(days=1))
        self.assertEqual(self._signals(self.alice, "commitments_overdue"), signal, "nothing new since the dismissal")

        # Due on the day of the dismissal: overdue after it, something new.
        self._commitments_due(self.alice, today)
        self._run_cron("signals", today + timedelta(days=1))
        new = self._signals(self.alice, "commitments_overdue") - signal
        self.assertEqual((len(new), new.state, new.overdue_count), (1, "open", 4))
        self._run_cron("signals", today + timedelta(days=2))
        self.assertEqual(self._signals(self.alice, "commitments_overdue"), signal | new, "once")

    # ------------------------------------------------------------------ what the cron reads (issue 23, item 2)

    def _watermark(self):
        return json.loads(self.env["ir.config_parameter"].get_param(WATERMARK_KEY) or "{}")

    def _written_before(self, minutes):
        """Date the rows written so far ``minutes`` before the last run's start, as if an earlier day wrote them."""
        run = fields.Datetime.from_string(self._watermark()["since"]) + WATERMARK_OVERLAP
        self.env.flush_all()
        for table in ("hr_coaching_session", "hr_coaching_commitment", "hr_appraisal", "hr_coaching_signal"):
            self.env.cr.execute(
                SQL("UPDATE %s SET write_date = %s", SQL.identifier(table), run - timedelta(minutes=minutes))
            )
        self.env.invalidate_all()

    def _drop(self, employee):
        """Two done appraisals of ``employee``, the second rated lower."""
        return self.env["hr.appraisal"].create(
            [
                {"employee_id": employee.id, "date_close": day, "state": "3_done", "performance_rating": rating}
                for day, rating in ((date(2026, 1, 31), "4"), (date(2026, 2, 28), "2"))
            ]
        )

    def test_the_cron_reads_only_what_changed_since_its_last_run(self):
        """After a complete run, the next one reads the employees whose talks, commitments, appraisals or signals
        were written since that run began (less an overlap for the transactions under way then), and those whose
        commitments fell due since its day: no one else, whatever their history."""
        Signal = self.Signal
        self._two_commitments_due_by_march_10(self.alice)
        appraisals = self._drop(self.bob)
        self._run_cron("signals", date(2026, 3, 5))
        self.assertEqual(self._watermark()["day"], "2026-03-05")
        self.assertTrue(self._signals(self.bob, "rating_drop"), "the first run reads everyone")
        self._signals(self.bob, "rating_drop").unlink()
        self._written_before(90)
        self.assertEqual(Signal._coaching_changed_employees(self._watermark(), date(2026, 3, 5)), [])
        self._run_cron("signals", date(2026, 3, 6))
        self.assertFalse(self._signals(self.bob, "rating_drop"), "her appraisals were read by an earlier run")

        # Alice's commitments fell due on March 9 and 10: the run of March 11 reads her, and raises her signal.
        mark = self._watermark()
        self.assertEqual(Signal._coaching_changed_employees(mark, date(2026, 3, 10)), [self.alice.id])
        self._run_cron("signals", date(2026, 3, 11))
        self.assertEqual(len(self._signals(self.alice, "commitments_overdue")), 1)

        # Written by a transaction that began 30 minutes before the last run and committed after it: read again.
        self._written_before(90)
        self.env.cr.execute(
            "UPDATE hr_appraisal SET write_date = write_date + interval '60 minutes' WHERE id = %s", [appraisals[1].id]
        )
        self.assertEqual(Signal._coaching_changed_employees(self._watermark(), date(2026, 3, 11)), [self.bob.id])
        self._run_cron("signals", date(2026, 3, 12))
        self.assertEqual(len(self._signals(self.bob, "rating_drop")), 1)
        self._run_cron("signals", date(2026, 3, 12))
        self.assertEqual(len(self._signals(self.bob, "rating_drop")), 1, "twice the same day raises nothing twice")

    def test_a_failed_batch_is_read_again(self):
        """A batch that fails leaves the watermark where it was: the next run reads its employees again."""
        self._drop(self.bob)
        self._run_cron("signals", date(2026, 3, 5))
        self._signals(self.bob, "rating_drop").unlink()
        self._written_before(90)
        self.env["hr.appraisal"].search([("employee_id", "=", self.bob.id)], limit=1).note = "Reviewed"
        before = self._watermark()
        Detection = type(self.Signal)
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            with patch.object(Detection, "_coaching_raise", side_effect=RuntimeError("mail server down")):
                self.Signal._cron_detect_signals(today=date(2026, 3, 6))
        self.assertEqual(self._watermark(), before)
        self._run_cron("signals", date(2026, 3, 6))
        self.assertEqual(len(self._signals(self.bob, "rating_drop")), 1)
        self.assertEqual(self._watermark()["day"], "2026-03-06")

    def test_a_run_left_unfinished_starts_again_the_next_day(self):
        """A run stopped after its first batch goes on the same day; on another day it starts again from its first
        employee (the deadlines of that day are read for everyone), and only a complete run moves the watermark."""
        Signal = self.Signal
        Signal._coaching_watermark_write({})
        employees = Signal._coaching_changed_employees({}, date(2026, 3, 5))
        self.assertEqual(Signal._cron_detect_signals(batch_size=1, today=date(2026, 3, 5)), len(employees) - 1)
        self.assertEqual(Signal._cron_detect_signals(batch_size=1, today=date(2026, 3, 5)), len(employees) - 2)
        self.assertEqual((self._watermark()["after"], self._watermark()["run_day"]), (employees[1], "2026-03-05"))
        self.assertEqual(Signal._cron_detect_signals(batch_size=1, today=date(2026, 3, 6)), len(employees) - 1)
        self.assertEqual((self._watermark()["after"], self._watermark()["run_day"]), (employees[0], "2026-03-06"))
        self.assertNotIn("day", self._watermark())
        self._run_cron("signals", date(2026, 3, 6))
        self.assertEqual(self._watermark()["day"], "2026-03-06")
