from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

INVITATION_TEMPLATE = "survey.mail_template_user_input_invite"


class HrCoachingFeedbackWizard(models.TransientModel):
    _name = "hr.coaching.feedback.wizard"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Ask Colleagues for Feedback"

    def _selection_survey_choice(self):
        # sudo: the coaches choose among the feedback surveys without reading surveys as records, which Odoo's
        # survey keeps for its own groups; only the title of the active feedback surveys is listed.
        surveys = self.env["survey.survey"].sudo().search([("is_coaching_feedback", "=", True)], order="id")
        return [(str(survey.id), survey.title) for survey in surveys]

    def _default_survey_choice(self):
        choices = self._selection_survey_choice()
        return choices[0][0] if choices else False

    session_id = fields.Many2one("hr.coaching.session", string="Talk", required=True, readonly=True)
    employee_id = fields.Many2one(related="session_id.employee_id")
    company_id = fields.Many2one(related="session_id.company_id")
    survey_choice = fields.Selection(
        selection="_selection_survey_choice",
        string="Survey",
        required=True,
        default=_default_survey_choice,
        help="The surveys marked as Coaching Feedback Template. Each colleague answers it through their own link.",
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
        survey = self._coaching_survey()
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
            answers |= survey._create_answer(
                partner=partner, check_attempts=False, coaching_session_id=session.id, deadline=self.deadline
            )
        self._send_invitations(survey, answers)
        return {"type": "ir.actions.act_window_close"}

    def _coaching_survey(self):
        """The chosen survey, as superuser (see ``_selection_survey_choice``), if it is still a feedback survey."""
        self.ensure_one()
        # sudo: the coach does not read surveys as records; the survey is checked here instead. An RPC caller may
        # send any value (a dynamic selection is not checked by the ORM): the message names no survey.
        choice = self.survey_choice or ""
        survey = self.env["survey.survey"].sudo().browse(int(choice) if choice.isdigit() else []).exists()
        if not (survey.active and survey.is_coaching_feedback):
            raise UserError(self.env._("The chosen survey is not a coaching feedback survey: choose one that is."))
        return survey

    def _send_invitations(self, survey, answers):
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
                        "survey_id": survey.id,
                        "partner_ids": [fields.Command.set(lang_answers.partner_id.ids)],
                        "template_id": template.id,
                        "author_id": self.env.user.partner_id.id,
                        "deadline": self.deadline,
                    }
                )
            )
            for answer in lang_answers:
                invite._send_mail(answer)
