from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.survey_user_input import REQUEST_TEMPLATE

# A talk already past its date (still planned) gets the answers within this many days.
DEFAULT_DEADLINE_DAYS = 7


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
    # The public employees: a coach without HR rights picks among them on a phone too, where the picker lists
    # employees with their pictures, which Odoo does not serve such a coach from hr.employee.
    colleague_ids = fields.Many2many(
        "hr.employee.public",
        string="Colleagues",
        domain="[('id', '!=', employee_id), ('company_id', '=', company_id), "
        "'|', ('user_id', '!=', False), ('work_contact_id', '!=', False)]",
        help="Each colleague gets the survey's invitation by e-mail, with a link of their own.",
    )
    deadline = fields.Datetime(
        string="Answer Deadline",
        help="The colleagues answer by then, and get one reminder before it if they have not. After it, the link no "
        "longer opens the survey. By default, the talk's time.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("session_id"):
            session = self.env["hr.coaching.session"].browse(values["session_id"])
            session._coaching_check_feedback_request()
            if "deadline" in fields_list and not values.get("deadline"):
                values["deadline"] = self._coaching_default_deadline(session)
        return values

    @api.model
    def _coaching_default_deadline(self, session):
        """The talk's time, when the feedback helps prepare it; a week from now for a talk already past its date."""
        now = fields.Datetime.now().replace(microsecond=0)
        if session.date_scheduled and session.date_scheduled > now:
            return session.date_scheduled
        return now + timedelta(days=DEFAULT_DEADLINE_DAYS)

    def action_send(self):
        """Invite each colleague not asked yet through Odoo's survey invitation: an answer of their own, linked to
        the talk, and the request e-mail."""
        self.ensure_one()
        session = self.session_id
        session._coaching_check_feedback_request()
        survey = self._coaching_survey()
        if not self.colleague_ids:
            raise UserError(self.env._("Choose at least one colleague to ask for feedback."))
        deadline = self.deadline or self._coaching_default_deadline(session)
        if deadline <= fields.Datetime.now():
            raise UserError(self.env._("The answer deadline is already past: choose a later one."))
        if session.employee_id.id in self.colleague_ids.ids:
            raise UserError(
                self.env._(
                    "%(employee)s gives their own view in the talk: ask their colleagues instead.",
                    employee=session.employee_id.name,
                )
            )
        # sudo: the coach may not read the colleagues' private employee data; the invitation goes to their
        # user's contact, or else to their work contact.
        colleagues = self.env["hr.employee"].sudo().browse(self.colleague_ids.ids)
        if unreachable := colleagues.filtered(lambda colleague: not (colleague.user_id or colleague.work_contact_id)):
            raise UserError(
                self.env._(
                    "%(colleague)s has neither a user nor a work contact to send the survey to.",
                    colleague=unreachable[0].name,
                )
            )
        partners = colleagues.mapped(lambda colleague: colleague.user_id.partner_id or colleague.work_contact_id)
        # sudo: the coach never reads the colleagues' answers as records.
        Answer = self.env["survey.user_input"].sudo()
        asked = Answer.search([("coaching_session_id", "=", session.id), ("partner_id", "in", partners.ids)]).partner_id
        if not partners - asked:
            raise UserError(self.env._("These colleagues were already asked for feedback on this talk."))
        self._coaching_invite(survey, partners - asked, deadline)
        return {"type": "ir.actions.act_window_close"}

    def _coaching_invite(self, survey, partners, deadline):
        """Odoo's survey invitation (survey.invite), one per language so that each colleague reads theirs: a new
        answer per colleague, linked to the talk, and the request e-mail with their own link, from OdooBot."""
        by_lang = defaultdict(lambda: partners.browse())
        for partner in partners:
            by_lang[partner.lang or self.env.lang] |= partner
        for lang, lang_partners in by_lang.items():
            # sudo: survey.invite is survey's wizard for survey users; the coach sends it for this talk only, after
            # the checks above. The answers are the colleagues' (nobody follows them); the e-mail comes from
            # OdooBot, not from the coach: it holds the colleague's own link, and its text says who asks.
            invite = (
                self.env["survey.invite"]
                .sudo()
                # The layout of survey's own invitations (survey.survey.action_send_survey).
                .with_context(
                    lang=lang, mail_create_nosubscribe=True, default_email_layout_xmlid="mail.mail_notification_light"
                )
                .create(
                    {
                        "survey_id": survey.id,
                        "coaching_session_id": self.session_id.id,
                        "partner_ids": [Command.set(lang_partners.ids)],
                        "template_id": self.env.ref(REQUEST_TEMPLATE).id,
                        "author_id": self.env.ref("base.partner_root").id,
                        "existing_mode": "new",
                        "deadline": deadline,
                    }
                )
            )
            invite.action_invite()

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
