"""The talk's form of issue 22: the questions are prompts beside the talk, never part of it (item 5); commitments
are quick to enter and lists tell their outcome (item 10)."""

import importlib.util
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CoachingCase

GROW = ("goal", "reality", "options", "will")
MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.4.0" / "post-migration.py"


@tagged("post_install", "-at_install")
class TestQuestionsAsPrompts(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.questions = cls.template.question_ids.mapped("name")
        cls.written = {
            "goal": "<p>Lead the customer workshop</p>",
            "reality": "<p>Two rehearsals so far</p>",
            "options": "<p>Pair with Bob</p>",
            "will": "<p>Call the client on Monday</p>",
        }

    def _recap(self, session):
        return self.env["mail.message"].search(
            [
                ("model", "=", session._name),
                ("res_id", "=", session.id),
                ("partner_ids", "in", self.user_alice.partner_id.ids),
                ("subject", "=like", "Recap%"),
            ]
        )

    def test_questions_are_shown_beside_never_written(self):
        """Use Questions as Prompts shows the questions beside each section, for this coach; nothing of them is
        stored in the talk, so none reaches the recap, the next talk's "Where you left off" or the file."""
        session = self._session(self.alice, template_id=self.template.id).with_user(self.user_manager)
        self.assertEqual(len(self.questions), 9)
        self.assertFalse(session.show_questions)
        session.action_apply_template()
        session.invalidate_recordset()
        self.assertTrue(session.show_questions)
        self.assertTrue(self.user_manager.coaching_show_questions)
        self.assertEqual([session[stage] for stage in GROW], [False] * 4)
        # The employee is always shown the questions to prepare; the choice is the coach's own.
        self.assertTrue(session.with_user(self.user_alice).show_questions)
        self.assertFalse(self.user_alice.coaching_show_questions)

        session.write(self.written)
        self.assertEqual({stage: session[stage] for stage in GROW}, self.written)
        session.action_done()
        recap = self._recap(session)
        self.assertEqual(len(recap), 1)
        self.assertIn("Call the client on Monday", recap.body)
        following = self._session(self.alice, datetime(2026, 4, 2, 9, 0)).with_user(self.user_manager)
        self.assertEqual(following.previous_will, "<p>Call the client on Monday</p>")
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "hr_performance_coaching.hr_coaching_file_report_session", session.ids
        )
        html = html.decode()
        self.assertIn("Lead the customer workshop", html)
        for question in self.questions:
            for text in (*(session[stage] for stage in GROW), recap.body, following.previous_will, html):
                self.assertNotIn(question, text)

        session.action_hide_questions()
        following.invalidate_recordset()
        self.assertFalse(following.show_questions)
        self.assertFalse(self.user_manager.coaching_show_questions)

    def test_form_shows_each_question_once(self):
        """The form has one place for each stage's questions, beside its section, shown as the user chose."""
        arch = self.Session.get_view(view_type="form")["arch"]
        for stage in GROW:
            self.assertEqual(arch.count(f'name="{stage}_questions"'), 1)
        self.assertEqual(arch.count('name="action_apply_template"'), arch.count('name="action_hide_questions"'))

    def test_migration_takes_the_prompts_out_of_stored_talks(self):
        """The question blocks written by the former Use Questions as Prompts leave the stored talks, closed ones
        too; what was written beneath them stays."""
        done = self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        planned = self._session(self.alice, datetime(2026, 4, 2, 9, 0), reality="<p>Reviews wait two days</p>")
        prompt = '<div class="o_coaching_prompt text-muted"><ul><li>Which step will you start with?</li></ul></div>'
        self.env.cr.execute(
            "UPDATE hr_coaching_session SET will = %s, goal = %s WHERE id = %s",
            [f"{prompt}<p><br></p><p>Call the client on Monday</p>", f"{prompt}<p><br></p>", done.id],
        )
        self.env.cr.execute(
            "UPDATE hr_coaching_session SET options = %s WHERE id = %s", [f"<p>Pair</p>{prompt}", planned.id]
        )
        spec = importlib.util.spec_from_file_location("coaching_migration_1_4_0", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.3.0")
        (done | planned).invalidate_recordset()
        self.assertEqual(done.will, "<p>Call the client on Monday</p>")
        self.assertFalse(done.goal)
        self.assertEqual(planned.options, "<p>Pair</p>")
        self.assertEqual(planned.reality, "<p>Reviews wait two days</p>")


@tagged("post_install", "-at_install")
class TestQuickCommitments(CoachingCase):
    def _new_line(self, session):
        """The deadline and owner a new commitment line of the talk's form proposes."""
        with Form(session.with_user(self.user_manager)) as talk, talk.commitment_ids.new() as line:
            line.name = "Rehearse with Bob"
            return line.date_deadline, line.owner_id

    def test_deadline_is_the_next_talk(self):
        """A new commitment is due at the next planned talk; else one cadence interval (a month by default) after
        this talk; else two weeks after it."""
        session = self._session(self.alice, datetime(2026, 3, 2, 9, 0))
        self.assertEqual(self._new_line(session), (date(2026, 4, 2), self.alice))
        self._session(self.alice, datetime(2026, 3, 20, 9, 0))
        self.assertEqual(self._new_line(session), (date(2026, 3, 20), self.alice))
        bob_talk = self._session(self.bob, datetime(2026, 3, 2, 9, 0))
        self.env["hr.coaching.cadence"].search([]).active = False
        self.assertEqual(self._new_line(bob_talk), (date(2026, 3, 16), self.bob))
        # Only the form proposes it: a commitment created without a deadline is still refused.
        self.assertEqual(self.Commitment._fields["date_deadline"].required, True)

    def test_owner_is_one_of_the_two_people(self):
        """The owner is picked among the employee and the coach of the talk, without Create and edit."""
        session = self._session(self.alice)
        domain = safe_eval(
            self.Commitment._fields["owner_id"].domain,
            {"employee_id": session.employee_id.id, "coach_id": session.coach_id.id},
        )
        self.assertEqual(self.env["hr.employee"].search(domain), self.alice | self.manager)
        arch = etree.fromstring(self.Session.get_view(view_type="form")["arch"])
        [owner] = arch.xpath("//field[@name='commitment_ids']/list/field[@name='owner_id']")
        self.assertEqual(safe_eval(owner.get("options")), {"no_create": True, "no_open": True})
        arch = etree.fromstring(self.Commitment.get_view(view_type="form")["arch"])
        [owner] = arch.xpath("//field[@name='owner_id']")
        self.assertEqual(safe_eval(owner.get("options")), {"no_create": True, "no_open": True})

    def test_lists_show_the_outcome(self):
        """A commitment's result is its outcome once reviewed, dropped when dropped, open until then; the lists
        show it instead of the raw state."""
        done = self._done_session(
            self.alice,
            datetime(2026, 3, 2, 9, 0),
            commitments=[(name, date(2026, 3, 9)) for name in ("Kept", "Partly", "Missed", "Dropped", "Open")],
        )
        kept, partly, missed, dropped, still_open = done.commitment_ids.sorted("id")
        kept.outcome, partly.outcome, missed.outcome = "kept", "partly", "missed"
        dropped.action_drop()
        self.assertEqual(
            (done.commitment_ids.sorted("id")).mapped("result"), ["kept", "partly", "missed", "dropped", "open"]
        )
        self.assertEqual(still_open.state, "open")
        groups = self.Commitment._read_group([("session_id", "=", done.id)], ["result"], ["__count"])
        self.assertEqual(dict(groups), {"kept": 1, "partly": 1, "missed": 1, "dropped": 1, "open": 1})
        arch = etree.fromstring(self.Commitment.get_view(view_type="list")["arch"])
        columns = [field.get("name") for field in arch.xpath("/list/field[not(@column_invisible)]")]
        self.assertLess(columns.index("result"), columns.index("state"))
        self.assertNotIn("outcome", columns)
        [state] = arch.xpath("/list/field[@name='state']")
        self.assertEqual(state.get("optional"), "hide")
        arch = etree.fromstring(self.Session.get_view(view_type="form")["arch"])
        made = [f.get("name") for f in arch.xpath("//field[@name='commitment_ids']/list/field")]
        self.assertIn("result", made)
        self.assertNotIn("state", made)
        arch = etree.fromstring(self.env["hr.coaching.goal"].get_view(view_type="form")["arch"])
        steps = [f.get("name") for f in arch.xpath("//field[@name='commitment_ids']/list/field")]
        self.assertEqual(steps, ["name", "date_deadline", "result"])

    def test_counts_are_singular_or_plural(self):
        """A count of one is told in the singular, in English and in Chinese."""
        rule = self.env["hr.coaching.cadence"].create(
            {"name": "Weekly", "interval_number": 1, "interval_type": "weeks", "employee_ids": self.alice.ids}
        )
        self.assertEqual(rule.scope_description, "1 employee")
        rule.employee_ids = self.alice | self.bob
        self.assertEqual(rule.scope_description, "2 employees")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_performance_coaching"], ["zh_CN"], overwrite=True)
        self.assertEqual(rule.with_context(lang="zh_CN").scope_description, "2名员工")
        Signal = self.env["hr.coaching.signal"]
        self.assertEqual(Signal._coaching_overdue_text(1, "Alice"), "1 commitment of Alice is overdue.")
        self.assertEqual(Signal._coaching_overdue_text(3, "Alice"), "3 commitments of Alice are overdue.")
        in_chinese = Signal.with_context(lang="zh_CN")
        self.assertEqual(in_chinese._coaching_overdue_text(1, "Alice"), "Alice有1项承诺已逾期。")
        self.env["ir.config_parameter"].set_param("hr_performance_coaching.analysis_min_appraisals", 1)
        self.assertIn(
            "at least 1 done appraisal that has a previous rating",
            self.env["hr.coaching.performance.report"].get_empty_list_help(""),
        )
