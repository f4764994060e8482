"""The talk's form of issue 22: the questions are prompts beside the talk, never part of it (item 5); commitments
are quick to enter and lists tell their outcome (item 10)."""

import importlib.util
from datetime import datetime
from pathlib import Path

from odoo.tests import tagged

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
