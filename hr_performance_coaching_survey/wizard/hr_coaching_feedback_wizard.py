from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

INVITATION_TEMPLATE = "survey.mail_template_user_input_invite"


class HrCoachingFeedbackWizard(models.TransientModel):
    _name = "hr.coaching.feedback.wizard"
    _description = "Ask Colleagues for Feedback"

    def _default_survey_id(self):
        return self.env["survey.survey"].search([("is_coaching_feedback", "=", True)], limit=1)

    session_id = fields.Many2one("hr.coaching.session", string="Talk", required=True, readonly=True)
    employee_id = fields.Many2one(related="session_id.employee_id")
    company_id = fields.Many2one(related="session_id.company_id")
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        default=_default_survey_id,
        domain="[('is_coaching_feedback', '=', True)]",
    )
    colleague_ids = fields.Many2many(
        "hr.employee",
        string="Colleagues",
        domain="[('id', '!=', employee_id), ('company_id', '=', company_id), "
        "'|', ('user_id', '!=', False), ('work_contact_id', '!=', False)]",
        help="Each colleague gets the survey's invitation by e-mail, with a link of their own.",
    )
    deadline = fields.Datetime(string="Answer Deadline", help="After this, the link no longer opens the survey.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("session_id"):
            self.env["hr.coaching.session"].browse(values["session_id"])._coaching_check_feedback_request()
        return values

    def action_send(self):
        """Create one answer per colleague, linked to the talk, and send each Odoo's survey invitation."""
        self.ensure_one()
        session = self.session_id
        session._coaching_check_feedback_request()
        survey = self.survey_id
        if not survey.is_coaching_feedback:
            raise UserError(
                self.env._("%(survey)s is not a coaching feedback survey: choose one that is.", survey=survey.title)
            )
        survey.check_access("read")
        if not self.colleague_ids:
            raise UserError(self.env._("Choose at least one colleague to ask for feedback."))
        if session.employee_id in self.colleague_ids:
            raise UserError(
                self.env._(
                    "%(employee)s gives their own view in the talk: ask their colleagues instead.",
                    employee=session.employee_id.name,
                )
            )
        # sudo: the coach may not read the colleagues' private employee data; the invitation goes to their
        # user's contact, or else to their work contact.
        colleagues = self.colleague_ids.sudo()
        if unreachable := colleagues.filtered(lambda colleague: not (colleague.user_id or colleague.work_contact_id)):
            raise UserError(
                self.env._(
                    "%(colleague)s has neither a user nor a work contact to send the survey to.",
                    colleague=unreachable[0].name,
                )
            )
        partners = colleagues.mapped(lambda colleague: colleague.user_id.partner_id or colleague.work_contact_id)
        # sudo: the answers are created for the colleagues, and the coach never reads them as records.
        Answer = self.env["survey.user_input"].sudo()
        asked = Answer.search([("coaching_session_id", "=", session.id), ("partner_id", "in", partners.ids)]).partner_id
        if not partners - asked:
            raise UserError(self.env._("These colleagues were already asked for feedback on this talk."))
        answers = Answer.browse()
        for partner in partners - asked:
            answers |= survey.sudo()._create_answer(
                partner=partner, check_attempts=False, coaching_session_id=session.id, deadline=self.deadline
            )
        self._send_invitations(answers)
        return {"type": "ir.actions.act_window_close"}

    def _send_invitations(self, answers):
        """Odoo's survey invitation, one e-mail per colleague, in each colleague's language."""
        by_lang = defaultdict(lambda: answers.browse())
        for answer in answers:
            by_lang[answer.partner_id.lang or self.env.lang] |= answer
        template = self.env.ref(INVITATION_TEMPLATE)
        for lang, lang_answers in by_lang.items():
            # sudo: the invitation is a survey wizard for survey users; the coach sends it for this talk only.
            invite = (
                self.env["survey.invite"]
                .sudo()
                .with_context(lang=lang)
                .create(
                    {
                        "survey_id": self.survey_id.id,
                        "partner_ids": [fields.Command.set(lang_answers.partner_id.ids)],
                        "template_id": template.id,
                        "author_id": self.env.user.partner_id.id,
                        "deadline": self.deadline,
                    }
                )
            )
            for answer in lang_answers:
                invite._send_mail(answer)
