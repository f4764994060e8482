from datetime import date, datetime, time, timedelta

import pytz
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestCoachFlow(CoachingCase):
    """The coach's flow of issue 12: a sensible time, the next talk in one click, the last talk in view, prompts
    that are not answers, signals that reuse the planned talk, amendments of a closed talk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.tz = "Europe/Brussels"
        cls.monthly = cls.env["hr.coaching.cadence"].create(
            {"name": "Monthly for Alice", "employee_ids": [Command.set(cls.alice.ids)], "interval_number": 1}
        )

    def _brussels(self, moment):
        return pytz.utc.localize(moment).astimezone(pytz.timezone("Europe/Brussels")).replace(tzinfo=None)

    # ------------------------------------------------------------------ a sensible time

    def test_default_time_is_the_due_date_at_ten_in_working_hours(self):
        """A new talk is proposed on the employee's due date at 10:00 in the coach's time zone; overdue, on the
        next working day; and within the coach's working calendar."""
        Session = self.Session
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self.assertEqual(self.alice.coaching_due_date, date(2026, 4, 2))
        # Due ahead: Thursday 2 April at 10:00 in Brussels (UTC+2 in summer time).
        proposed = Session._coaching_default_time(self.alice, self.manager, date(2026, 3, 20))
        self.assertEqual(proposed, datetime(2026, 4, 2, 8, 0))
        # Overdue on Friday 10 April: the next working day is Monday 13 April.
        proposed = Session._coaching_default_time(self.alice, self.manager, date(2026, 4, 10))
        self.assertEqual(proposed, datetime(2026, 4, 13, 8, 0))
        # A coach who works afternoons only: the talk moves to the start of their day.
        afternoons = self.env["resource.calendar"].create(
            {
                "name": "Afternoons",
                "tz": "Europe/Brussels",
                "attendance_ids": [
                    Command.create({"name": f"Day {day}", "dayofweek": str(day), "hour_from": 13, "hour_to": 17})
                    for day in range(5)
                ],
            }
        )
        self.manager.resource_calendar_id = afternoons
        proposed = Session._coaching_default_time(self.alice, self.manager, date(2026, 3, 20))
        self.assertEqual(self._brussels(proposed), datetime(2026, 4, 2, 13, 0))

    def test_new_talk_in_the_form_is_proposed_at_that_time(self):
        """The form proposes the time before anything is typed: the same rule, never "now"."""
        Session = self.Session.with_user(self.user_manager)
        session = Session.create({"employee_id": self.alice.id})
        expected = Session._coaching_default_time(self.alice, self.manager, fields.Date.context_today(Session))
        self.assertEqual(session.date_scheduled, expected)
        self.assertEqual(self._brussels(session.date_scheduled).time(), time(10, 0))
        self.assertGreater(session.date_scheduled, fields.Datetime.now())

    # ------------------------------------------------------------------ the next talk in one click

    def test_plan_next_talk(self):
        """From a done talk: the next one on the due date, at the hour of this one in the coach's time zone,
        with the open commitments to review and the open talking points; a second click opens the same talk."""
        start = datetime.combine(fields.Date.today() - timedelta(days=3), time(12, 30))  # 13:30 or 14:30 local
        first = self._session(self.alice, start, will="<p>Draft the plan</p>")
        self.Commitment.create({"session_id": first.id, "name": "Draft the plan", "date_deadline": start.date()})
        self.env["hr.coaching.topic"].create({"session_id": first.id, "name": "Workload"})
        first.action_done()
        action = first.with_user(self.user_manager).action_plan_next()
        following = self.Session.browse(action["res_id"])
        self.assertEqual((action["res_model"], following.state), ("hr.coaching.session", "planned"))
        self.assertEqual(following.coach_id, self.manager)
        usual = self._brussels(first.date_scheduled).time()
        self.assertEqual(
            following.date_scheduled,
            self.Session._coaching_default_time(self.alice, self.manager, fields.Date.today(), at=usual),
        )
        self.assertEqual(self._brussels(following.date_scheduled).time(), usual)
        self.assertGreaterEqual(self._brussels(following.date_scheduled).date(), self.alice.coaching_due_date)
        self.assertEqual(following.review_commitment_ids.mapped("name"), ["Draft the plan"])
        self.assertEqual(following.topic_ids.mapped("name"), ["Workload"])
        self.assertEqual(first.action_plan_next()["res_id"], following.id)
        with self.assertRefused(UserError, "from a done one"):
            following.action_plan_next()
        with self.assertRaises(AccessError):
            first.with_user(self.user_carol).action_plan_next()

    def test_planned_talk_shows_the_last_one(self):
        """While planned, a talk shows the last done talk's Will, summary and date; a done talk does not."""
        first = self._done_session(self.alice, datetime(2026, 3, 2, 9, 0), summary="<p>Good start</p>")
        second = self._session(self.alice, datetime(2026, 4, 2, 9, 0))
        second = second.with_user(self.user_manager)
        self.assertEqual(second.previous_session_id, first)
        self.assertEqual(second.previous_date, datetime(2026, 3, 2, 9, 0))
        self.assertEqual(second.previous_will, "<p>Ship the first draft.</p>")
        self.assertEqual(second.previous_summary, "<p>Good start</p>")
        self.assertFalse(first.previous_session_id)

    def test_planned_talk_left_behind_shows_the_talk_before_it(self):
        """A talk still planned on 10 March, when the talk of 16 March is already done, starts where the talk
        before it (2 March) left off, whose commitments it reviews; the talk planned after 16 March starts from
        16 March and reviews its commitments. The last talk and the review follow the same dates (issue 23,
        item 3)."""
        first = self._done_session(
            self.alice, datetime(2026, 3, 2, 9, 0), commitments=[("Draft the plan", date(2026, 3, 9))]
        )
        left_behind = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        later = self._done_session(
            self.alice,
            datetime(2026, 3, 16, 9, 0),
            commitments=[("Call the client", date(2026, 3, 30))],
            summary="<p>Caught up</p>",
        )
        following = self._session(self.alice, datetime(2026, 4, 16, 9, 0))
        for talk, previous, when, review in (
            (left_behind, first, datetime(2026, 3, 2, 9, 0), ["Draft the plan"]),
            (following, later, datetime(2026, 3, 16, 9, 0), ["Call the client"]),
        ):
            talk = talk.with_user(self.user_manager)
            self.assertEqual(
                (talk.previous_session_id, talk.previous_date, talk.review_commitment_ids.mapped("name")),
                (previous, when, review),
            )

    def test_archived_done_talk_still_took_place(self):
        """A done talk archived by its coach still took place: it stays the last talk of the cadence (the last and
        next dates) and of the next planned talk, for the coach and for the employee (issue 23, item 3)."""
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        archived = self._done_session(self.alice, datetime(2026, 3, 16, 9, 0), summary="<p>Recorded</p>")
        archived.with_user(self.user_manager).action_archive()
        self.assertFalse(archived.active)
        self.assertEqual(
            (self.alice.last_coaching_date, self.alice.next_coaching_date), (date(2026, 3, 16), date(2026, 4, 16))
        )
        planned = self._session(self.alice, datetime(2026, 4, 16, 9, 0))
        for user in (self.user_manager, self.user_alice):
            talk = planned.with_user(user)
            self.assertEqual(
                (talk.previous_session_id, talk.previous_date, talk.previous_summary),
                (archived, datetime(2026, 3, 16, 9, 0), "<p>Recorded</p>"),
                user.name,
            )
        self._run_cron("cadence", date(2026, 4, 1))
        self.assertEqual(
            (self.alice.last_coaching_date, self.alice.next_coaching_date, self.alice.coaching_status),
            (date(2026, 3, 16), date(2026, 4, 16), "on_track"),
        )

    def test_prompts_are_not_a_will(self):
        """Questions used as prompts are shown beside the Will, not written in it: a talk with only prompts cannot
        be closed."""
        session = self._session(self.alice, template_id=self.template.id).with_user(self.user_manager)
        session.action_apply_template()
        self.assertTrue(session.show_questions)
        self.assertFalse(session.will)
        with self.assertRefused(UserError, "Will: write down"):
            session.action_done()
        session.will = "<p>Call the client on Monday</p>"
        session.action_done()
        self.assertEqual(session.state, "done")

    def test_a_prompt_block_left_from_before_is_not_a_will(self):
        """Before 1.4.0 the questions were written into the sections as a marked block; one the migration did not
        reach (a talk restored from a backup) still does not count as a written Will."""
        session = self._session(self.alice).with_user(self.user_manager)
        session.will = '<div class="o_coaching_prompt text-muted"><p>What will you do first?</p></div><p><br></p>'
        with self.assertRefused(UserError, "Will: write down"):
            session.action_done()
        self.assertEqual(session.state, "planned")

    # ------------------------------------------------------------------ signals

    def test_signal_reuses_the_planned_talk(self):
        """Plan a Session on a signal links and opens the employee's planned talk instead of a second one."""
        planned = self._session(self.alice, datetime(2026, 4, 2, 8, 0))
        Signal = self.env["hr.coaching.signal"]
        signal = Signal.create({"employee_id": self.alice.id, "name": "Seems stuck"})
        action = signal.with_user(self.user_manager).action_plan_session()
        self.assertEqual(action["res_id"], planned.id)
        self.assertEqual((signal.state, signal.session_id), ("scheduled", planned))
        self.assertEqual(self.Session.search_count([("employee_id", "=", self.alice.id)]), 1)
        # Without a planned talk, one is planned at the proposed time.
        other = Signal.create({"employee_id": self.bob.id, "name": "Quiet lately"})
        action = other.with_user(self.user_manager).action_plan_session()
        talk = self.Session.browse(action["res_id"])
        self.assertEqual((talk.employee_id, talk.trigger_type), (self.bob, "anomaly"))
        self.assertEqual(
            talk.date_scheduled, self.Session._coaching_default_time(self.bob, self.manager, fields.Date.today())
        )

    def test_a_booked_talk_answers_the_overdue_signal(self):
        """A neglected cadence is not escalated when a talk is on the calendar, and booking a talk resolves the
        signal already raised."""
        self._done_session(self.alice, datetime(2026, 1, 5, 9, 0))  # due 5 February, neglected after the 12th
        self._session(self.alice, datetime(2026, 3, 9, 9, 0))  # booked by the coach
        self._run_cron("cadence", date(2026, 3, 2))
        Signal = self.env["hr.coaching.signal"]
        self.assertFalse(Signal.search([("employee_id", "=", self.alice.id)]))
        # Bob, never coached and created long ago, is neglected: the signal is raised, then booking answers it.
        self.monthly.employee_ids = [Command.link(self.bob.id)]
        self.env.cr.execute("UPDATE hr_employee SET create_date = '2025-12-01' WHERE id = %s", [self.bob.id])
        self.env.invalidate_all()
        self._run_cron("cadence", date(2026, 3, 2))
        signal = Signal.search([("employee_id", "=", self.bob.id), ("signal_type", "=", "cadence_overdue")])
        self.assertEqual(signal.state, "open")
        self.assertEqual(signal.due_date, date(2025, 12, 15), "the onboarding days after joining (issue 22, item 12)")
        planned_by_cron = self.Session.search([("employee_id", "=", self.bob.id), ("state", "=", "planned")])
        self.assertFalse(planned_by_cron.coaching_booked)
        planned_by_cron.with_user(self.user_manager).date_scheduled = datetime(2026, 3, 4, 9, 0)
        self.assertEqual((signal.state, signal.session_id), ("resolved", planned_by_cron))
        self.assertIn("A talk is planned on", signal.message_ids[0].body)

    def test_rating_drop_resolved_when_the_rating_recovers(self):
        """A later done appraisal rated at or above the rating before the drop resolves the signal, with a note."""
        Appraisal = self.env["hr.appraisal"]
        values = [
            (date(2026, 1, 31), "4"),
            (date(2026, 4, 30), "2"),
        ]
        Appraisal.create(
            [
                {"employee_id": self.alice.id, "date_close": day, "state": "3_done", "performance_rating": rating}
                for day, rating in values
            ]
        )
        self._run_cron("signals", date(2026, 5, 2))
        signal = self.env["hr.coaching.signal"].search([("signal_type", "=", "rating_drop")])
        self.assertEqual((signal.state, signal.rating_before, signal.rating_after), ("open", "4", "2"))
        Appraisal.create(
            {
                "employee_id": self.alice.id,
                "date_close": date(2026, 8, 31),
                "state": "3_done",
                "performance_rating": "3",
            }
        )
        self._run_cron("signals", date(2026, 9, 1))
        self.assertEqual(signal.state, "open", "3 is still below the 4 before the drop.")
        Appraisal.create(
            {
                "employee_id": self.alice.id,
                "date_close": date(2026, 11, 30),
                "state": "3_done",
                "performance_rating": "4",
            }
        )
        self._run_cron("signals", date(2026, 12, 1))
        self.assertEqual(signal.state, "resolved")
        self.assertIn("went back up to Exceeds expectations", signal.message_ids[0].body)
        # Bob's drop was made good before anyone looked: no signal at all.
        Appraisal.create(
            [
                {"employee_id": self.bob.id, "date_close": day, "state": "3_done", "performance_rating": rating}
                for day, rating in [(date(2026, 1, 31), "3"), (date(2026, 4, 30), "2"), (date(2026, 8, 31), "3")]
            ]
        )
        self._run_cron("signals", date(2026, 12, 2))
        self.assertFalse(self.env["hr.coaching.signal"].search([("employee_id", "=", self.bob.id)]))

    # ------------------------------------------------------------------ amendments

    def test_closed_talk_takes_additions_for_a_few_days(self):
        """Within the amendment days the coach adds to the summary and adds commitments, each kept in the chatter;
        the GROW text stays frozen, a rewrite is refused, the employee cannot amend; afterwards all is locked."""
        done = self._done_session(self.alice, summary="<p>Good start</p>")
        coach_view = done.with_user(self.user_manager)
        self.assertTrue(coach_view.can_amend)
        self.assertFalse(done.with_user(self.user_alice).can_amend)
        coach_view.summary = "<p>Good start</p><p>Also: ask Bob for a review.</p>"
        self.assertIn("Summary amended after the talk", done.message_ids[0].body)
        coach_view.commitment_ids = [Command.create({"name": "Ask Bob", "date_deadline": self._days(10)})]
        self.assertEqual(done.commitment_ids.mapped("name"), ["Ask Bob"])
        self.assertIn("Commitment added after the talk: Ask Bob", done.message_ids[0].body)
        with self.assertRefused(UserError, "closed"):
            coach_view.summary = "<p>Something else entirely</p>"
        with self.assertRefused(UserError, "closed"):
            coach_view.will = "<p>Changed</p>"
        with self.assertRefused(UserError, "closed"):
            done.with_user(self.user_alice).summary = "<p>Good start</p><p>Mine</p>"
        self.env.cr.execute(
            "UPDATE hr_coaching_session SET date_closed = date_closed - interval '8 days' WHERE id = %s", [done.id]
        )
        done.invalidate_recordset(["date_closed", "can_amend"])
        self.assertFalse(coach_view.can_amend)
        with self.assertRefused(UserError, "closed"):
            coach_view.summary = "<p>Good start</p><p>Also: ask Bob for a review.</p><p>More</p>"
        with self.assertRefused(UserError, "closed"):
            self.Commitment.with_user(self.user_manager).create(
                {"session_id": done.id, "name": "Late", "date_deadline": self._days(12)}
            )

    # ------------------------------------------------------------------ dates

    def test_next_coaching_shows_the_planned_talk(self):
        """ "Next Coaching" is the planned talk's date when one is planned, the due date otherwise; the planned
        column lists the soonest talk first, then the done talks latest first."""
        first = self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        self.assertEqual((self.alice.next_coaching_date, self.alice.coaching_due_date), (date(2026, 4, 2),) * 2)
        later = self._session(self.alice, datetime(2026, 3, 20, 9, 0))
        sooner = self._session(self.alice, datetime(2026, 3, 10, 9, 0))
        self.assertEqual(
            (self.alice.next_coaching_date, self.alice.coaching_due_date), (date(2026, 3, 10), date(2026, 4, 2))
        )
        second = self._done_session(self.alice, datetime(2026, 2, 2, 9, 0))
        # The kanban's order, column by column.
        Session = self.Session.with_user(self.user_manager)
        planned = Session.search(
            [("employee_id", "=", self.alice.id), ("state", "=", "planned")], order="date_sort, id"
        )
        done = Session.search([("employee_id", "=", self.alice.id), ("state", "=", "done")], order="date_sort, id")
        self.assertEqual((planned.ids, done.ids), ([sooner.id, later.id], [first.id, second.id]))
        sooner.action_cancel()
        self.assertEqual(self.alice.next_coaching_date, date(2026, 3, 20))


@tagged("post_install", "-at_install")
class TestDatesReadLikeOdoo(CoachingCase):
    def test_datetimes_show_no_seconds_and_dates_fit_their_column(self):
        """Every datetime the addon's views show hides the seconds; in lists, dates get a column wide enough for
        a Chinese date (2026年12月27日), datetimes one for its time too."""
        views = self.env["ir.ui.view"].search(
            [
                ("model_data_id.module", "=", "hr_performance_coaching"),
                ("type", "in", ("form", "list", "kanban")),
                ("inherit_id", "=", False),
            ]
        )
        checked = 0
        for view in views:
            arch = etree.fromstring(view.arch)
            for node in arch.iter("field"):
                model = self.env[view.model]
                owner = node.getparent()
                # Fields of an embedded list or kanban belong to the x2many's comodel.
                parents = [ancestor for ancestor in node.iterancestors() if ancestor.tag == "field"]
                if parents:
                    model = self.env[model._fields[parents[0].get("name")].comodel_name]
                field = model._fields.get(node.get("name"))
                if not field or field.type not in ("date", "datetime"):
                    continue
                checked += 1
                where = f"{view.xml_id}: {node.get('name')}"
                if field.type == "datetime" and node.get("widget") != "date":
                    self.assertIn("'show_seconds': False", node.get("options", ""), where)
                in_list = next((a for a in node.iterancestors() if a.tag in ("list", "kanban", "form")), owner)
                if in_list.tag == "list" and node.get("column_invisible") is None:
                    self.assertEqual(node.get("width"), "170px" if field.type == "datetime" else "120px", where)
        self.assertGreater(checked, 20)
