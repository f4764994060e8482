from odoo import api, fields, models
from odoo.exceptions import AccessError


class SurveyUserInput(models.Model):
    """An answer can be asked for a coaching talk: it is then the talk's feedback.

    Only the invitation of the talk links an answer to it, as superuser; the respondent fills it through the
    survey's token routes, which also run as superuser. Nobody changes such an answer through the models: a
    survey user could otherwise move their answer to another talk or sign it with someone else's name.
    """

    _inherit = "survey.user_input"

    coaching_session_id = fields.Many2one(
        "hr.coaching.session",
        string="Coaching Talk",
        readonly=True,
        index="btree_not_null",
        # An answer without its talk would fall back to the survey rules, which let survey users read it.
        ondelete="cascade",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("coaching_session_id") for vals in vals_list):
            raise AccessError(self.env._("Feedback for a coaching talk is asked from the talk, with Ask for Feedback."))
        return super().create(vals_list)

    def write(self, vals):
        self._coaching_check_untouched()
        return super().write(vals)

    def unlink(self):
        self._coaching_check_untouched()
        return super().unlink()

    def _coaching_check_untouched(self):
        if not self.env.su and self.filtered("coaching_session_id"):
            raise AccessError(
                self.env._("Feedback for a coaching talk is given through its survey link and is not changed here.")
            )

    def _coaching_signed(self):
        """True when the respondent chose to show their name with their answers."""
        self.ensure_one()
        return any(line.suggested_answer_id.coaching_sign for line in self.user_input_line_ids)

    def _coaching_answers(self):
        """The written answers, as [(question, text)] in the order of the survey."""
        self.ensure_one()
        lines = self.user_input_line_ids.filtered(
            lambda line: not line.skipped and line.answer_type in ("text_box", "char_box")
        )
        answers = []
        for line in lines.sorted(lambda line: (line.question_sequence, line.question_id.id)):
            text = (line.value_text_box if line.answer_type == "text_box" else line.value_char_box) or ""
            if text.strip():
                answers.append((line.question_id, text.strip()))
        return answers
