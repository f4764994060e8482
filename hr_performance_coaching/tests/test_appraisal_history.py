from datetime import date, datetime

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import CoachingCase


class TestAppraisalHistory(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Appraisal = cls.env["hr.appraisal"]
        cls.first, cls.second = cls.Appraisal.create(
            [
                {
                    "employee_id": cls.alice.id,
                    "date_close": date(2026, 1, 31),
                    "state": "3_done",
                    "performance_rating": "3",
                },
                {
                    "employee_id": cls.alice.id,
                    "date_close": date(2026, 4, 30),
                    "state": "3_done",
                    "performance_rating": "4",
                },
            ]
        )
        cls.pending = cls.Appraisal.create({"employee_id": cls.alice.id, "date_close": date(2026, 7, 31)})
        cls.pending.action_confirm()

    def _alice_session(self, when, **vals):
        return self._done_session(self.alice, when, **vals)

    def test_first_appraisal_window(self):
        """The first appraisal has no previous one: its period takes every done session up to its closing day."""
        early = self._alice_session(datetime(2025, 6, 1, 9, 0))
        closing_day = self._alice_session(datetime(2026, 1, 31, 18, 0))
        next_day = self._alice_session(datetime(2026, 2, 1, 8, 0))
        self.assertFalse(self.first.previous_appraisal_id)
        self.assertEqual(self.first.coaching_session_ids, early | closing_day)
        self.assertEqual(self.first.coaching_session_count, 2)
        self.assertIn(next_day, self.second.coaching_session_ids)

    def test_same_day_edges(self):
        """A session on the previous appraisal's closing day belongs to that one; the next day opens the period."""
        on_previous_day = self._alice_session(datetime(2026, 1, 31, 23, 30))
        first_day = self._alice_session(datetime(2026, 2, 1, 0, 0))
        on_closing_day = self._alice_session(datetime(2026, 4, 30, 23, 59))
        self.assertEqual(self.second.previous_appraisal_id, self.first)
        self.assertEqual(self.second.coaching_session_ids, first_day | on_closing_day)
        self.assertNotIn(on_previous_day, self.second.coaching_session_ids)
        self.assertEqual(self.pending.previous_appraisal_id, self.second)

    def test_cancelled_and_planned_excluded(self):
        """Only done sessions count: planned and cancelled ones in the period are left out, as are other people's."""
        done = self._alice_session(datetime(2026, 3, 3, 9, 0))
        self._session(self.alice, datetime(2026, 3, 10, 9, 0)).action_cancel()
        self._session(self.alice, datetime(2026, 3, 17, 9, 0))
        self._done_session(self.bob, datetime(2026, 3, 3, 9, 0))
        self.assertEqual(self.second.coaching_session_ids, done)
        self.assertEqual(self.second.coaching_session_count, 1)

    def test_rating_change(self):
        """rating_change is this rating minus the previous one, and empty without a previous rating."""
        self.assertEqual(self.second.rating_change, 1)
        self.assertEqual(self.second.previous_performance_rating, "3")
        self.assertEqual(self.first.rating_change, 0)
        self.assertFalse(self.first.previous_performance_rating)
        self.pending.performance_rating = "2"
        self.assertEqual(self.pending.rating_change, -2)

    def test_commitment_kept_rate(self):
        """The kept rate counts the commitments whose outcome was recorded in the period's sessions."""
        made = self._alice_session(
            datetime(2026, 2, 10, 9, 0),
            commitments=[("Draft the plan", date(2026, 2, 20)), ("Call the client", date(2026, 2, 20))],
        )
        review = self._session(self.alice, datetime(2026, 3, 10, 9, 0), will="<p>Keep going.</p>")
        kept, missed = made.commitment_ids
        self.assertEqual(review.review_commitment_ids, kept | missed)
        kept.outcome = "kept"
        missed.outcome = "missed"
        review.action_done()
        self.assertEqual(self.second.commitment_kept_rate, 50.0)
        self.assertEqual(self.first.commitment_kept_rate, 0.0)

    def test_coaching_tab_shows_dates_and_percent(self):
        """The manager's Coaching History tab: "Since Appraisal" is the previous appraisal's date, the kept rate
        has a % sign."""
        made = self._alice_session(
            datetime(2026, 2, 10, 9, 0),
            commitments=[("Draft the plan", date(2026, 2, 20)), ("Call the client", date(2026, 2, 20))],
        )
        review = self._session(self.alice, datetime(2026, 3, 10, 9, 0), will="<p>Keep going.</p>")
        kept, missed = made.commitment_ids
        kept.outcome = "kept"
        missed.outcome = "missed"
        review.action_done()
        as_manager = self.second.with_user(self.user_manager)
        self.assertEqual(as_manager.previous_appraisal_date, date(2026, 1, 31))
        self.assertEqual(as_manager.commitment_kept_rate, 50.0)
        self.assertFalse(self.first.with_user(self.user_manager).previous_appraisal_date)
        arch = etree.fromstring(self.Appraisal.with_user(self.user_manager).get_view(view_type="form")["arch"])
        [tab] = arch.xpath("//page[@name='coaching_history']")
        [since] = tab.xpath(".//field[@name='previous_appraisal_date']")
        self.assertEqual(since.get("invisible"), "not previous_appraisal_date")
        self.assertFalse(tab.xpath(".//field[@name='previous_appraisal_id']"), "no longer the employee's name")
        self.assertEqual(self.Appraisal._fields["previous_appraisal_date"].string, "Since Appraisal")
        [rate] = tab.xpath(".//field[@name='commitment_kept_rate']")
        self.assertEqual(rate.getnext().text, "%")

    def test_rating_required_to_mark_done(self):
        """Where the company requires it, marking an appraisal done without a rating is refused, changing nothing."""
        self.env.company.coaching_require_rating = True
        with self.assertRefused(UserError, "performance rating"):
            self.pending.action_done()
        self.assertEqual(self.pending.state, "2_pending")
        self.pending.performance_rating = "4"
        self.pending.action_done()
        self.assertEqual(self.pending.state, "3_done")

    def test_rating_hidden_until_published(self):
        """The employee neither reads nor searches their rating before the manager's feedback is published."""
        self.pending.with_user(self.user_manager).performance_rating = "2"
        self.assertFalse(self.pending.manager_feedback_published)
        as_alice = self.pending.with_user(self.user_alice)
        self.assertFalse(as_alice.performance_rating)
        self.assertFalse(as_alice.rating_change)
        self.assertFalse(as_alice.search([("id", "=", self.pending.id), ("performance_rating", "=", "2")]))
        self.assertEqual(self.pending.with_user(self.user_manager).performance_rating, "2")
        self.assertEqual(self.pending.with_user(self.user_director).performance_rating, "2")
        with self.assertRefused(AccessError, "managers"):
            as_alice.performance_rating = "5"
        with self.assertRaises(AccessError):
            as_alice.read(["performance_rating_raw"])
        self.pending.manager_feedback_published = True
        as_alice.invalidate_recordset()
        self.assertEqual(as_alice.performance_rating, "2")
        self.assertEqual(as_alice.rating_change, -2)

    def test_coaching_tab_query_count(self):
        """Reading the coaching tab of 50 appraisals costs a fixed, small number of queries."""
        employees = self.env["hr.employee"].create(
            [{"name": f"Report {i}", "parent_id": self.manager.id} for i in range(50)]
        )
        self.Appraisal.create(
            [
                {"employee_id": e.id, "date_close": date(2026, 1, 31), "state": "3_done", "performance_rating": "3"}
                for e in employees
            ]
        )
        appraisals = self.Appraisal.create(
            [
                {"employee_id": e.id, "date_close": date(2026, 4, 30), "state": "3_done", "performance_rating": "4"}
                for e in employees
            ]
        )
        for employee in employees[:5]:
            self._done_session(employee, datetime(2026, 3, 3, 9, 0))
        fnames = [
            "previous_appraisal_id",
            "rating_change",
            "coaching_session_ids",
            "coaching_session_count",
            "commitment_kept_rate",
        ]
        as_manager = appraisals.with_user(self.user_manager)
        as_manager[:2].read(fnames)  # warm the rule and group caches
        self.env.flush_all()
        self.env.invalidate_all()
        # 6, and 4 for the appraisal record rule's "who coaches whom" (child_of: a query per level of the
        # hierarchy), whatever the number of appraisals.
        with self.assertQueryCount(10):
            values = as_manager.read(fnames)
        self.assertEqual(sum(v["coaching_session_count"] for v in values), 5)
        self.assertTrue(all(v["rating_change"] == 1 for v in values))

    def test_rating_drop_signal(self):
        """A lower rating than the previous one raises a rating_drop signal when the signal cron runs."""
        self.pending.performance_rating = "2"
        self.pending.action_done()
        self.env.ref("hr_performance_coaching.ir_cron_coaching_signals").method_direct_trigger()
        signal = self.env["hr.coaching.signal"].search(
            [("employee_id", "=", self.alice.id), ("signal_type", "=", "rating_drop")]
        )
        self.assertEqual(len(signal), 1)
        self.assertEqual(signal.appraisal_id, self.pending)
        self.assertIn("from 4 to 2", signal.name)

    def test_history_shows_only_the_sessions_the_reader_may_read(self):
        """An appraisal officer outside the chain reads the appraisal but none of its coaching sessions."""
        self._alice_session(datetime(2026, 3, 3, 9, 0))
        self._alice_session(datetime(2026, 3, 17, 9, 0))
        appraisal_officer = new_test_user(
            self.env, login="appraisal_officer", groups="base.group_user,hr_appraisal_oca.group_appraisal_hr_officer"
        )
        self.assertEqual(self.second.coaching_session_count, 2)
        self.env.invalidate_all()
        as_officer = self.second.with_user(appraisal_officer)
        self.assertEqual(as_officer.employee_id, self.alice)
        self.assertEqual(as_officer.coaching_session_count, 0)
        self.assertFalse(as_officer.coaching_session_ids)
        self.env.invalidate_all()
        as_director = self.second.with_user(self.user_director)
        self.assertEqual(as_director.coaching_session_count, 2)
