from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.hr_performance_coaching.models.hr_coaching_session import HrCoachingSession as CoachingSession
from odoo.exceptions import UserError


class HrCoachingSession(models.Model):
    _inherit = "hr.coaching.session"
    # The answers are linked by the survey invitation only (docs/security.md).
    _coaching_internal_fields = CoachingSession._coaching_internal_fields | {"feedback_input_ids"}

    feedback_input_ids = fields.One2many(
        "survey.user_input",
        "coaching_session_id",
        string="Feedback Answers",
        groups="hr_performance_coaching.group_coaching_officer",
    )
    feedback_shared = fields.Boolean(
        string="Share Feedback with the Employee",
        copy=False,
        help="Once the talk is done, the employee reads the colleagues' feedback: the answers to each question, "
        "without names, never who wrote what.",
    )
    feedback_asked_count = fields.Integer(string="Feedback Asked", compute="_compute_feedback")
    feedback_done_count = fields.Integer(string="Feedback Answered", compute="_compute_feedback")
    feedback_min_answers = fields.Integer(related="company_id.coaching_feedback_min_answers")
    feedback_answers = fields.Html(
        string="Feedback",
        compute="_compute_feedback",
        sanitize=False,
        help="Each colleague's answers, without names unless they signed; shown once enough colleagues answered.",
    )
    feedback_summary = fields.Html(
        compute="_compute_feedback",
        sanitize=False,
        help="The answers to each question, without names: what the employee reads once the talk is done and the "
        "feedback shared.",
    )

    @api.depends("state", "feedback_shared", "employee_id.user_id", "company_id.coaching_feedback_min_answers")
    @api.depends_context("uid", "lang")
    def _compute_feedback(self):
        coach_side = self._coaching_coach_side()
        employee_side = self.filtered(
            lambda session: session.employee_id.user_id == self.env.user
            and session.state == "done"
            and session.feedback_shared
        )
        readable = coach_side | employee_side
        # sudo: the answers are not readable as records by the coach side or the employee (they hold who
        # answered); they read them here, without names, and only for the talks computed above.
        inputs = self.env["survey.user_input"].sudo().search([("coaching_session_id", "in", readable.ids)])
        by_session = defaultdict(lambda: self.env["survey.user_input"].sudo())
        for answer in inputs:
            by_session[answer.coaching_session_id.id] |= answer
        for session in self:
            answers = by_session[session.id] if session in readable else inputs.browse()
            done = answers.filtered(lambda answer: answer.state == "done")
            shown = session._coaching_feedback_shown(done)
            enough = bool(shown)
            in_coach_side = session in coach_side
            session.feedback_asked_count = len(answers) if in_coach_side else 0
            session.feedback_done_count = len(done) if in_coach_side else 0
            session.feedback_answers = False
            session.feedback_summary = False
            if in_coach_side and answers:
                session.feedback_answers = (
                    session._coaching_feedback_by_respondent(shown)
                    if enough
                    else Markup("<p>%s</p>")
                    % self.env._(
                        "%(done)s of %(asked)s answered, %(anonymous)s without a name: "
                        "shown from %(min)s without a name.",
                        done=len(done),
                        asked=len(answers),
                        anonymous=len(done.filtered(lambda answer: not answer._coaching_signed())),
                        min=session.company_id.coaching_feedback_min_answers,
                    )
                )
            if enough and (in_coach_side or session in employee_side):
                session.feedback_summary = session._coaching_feedback_by_question(shown)

    def _coaching_feedback_shown(self, done):
        """The finished answers that may be shown: none until the company's minimum of *anonymous* answers is in
        (signed ones do not count toward it), then the anonymous ones in whole groups of that minimum, the earliest
        first, so that one more answer never shows alone; and the signed ones."""
        self.ensure_one()
        minimum = max(self.company_id.coaching_feedback_min_answers, 1)
        anonymous = done.filtered(lambda answer: not answer._coaching_signed()).sorted(
            lambda answer: (answer.end_datetime or answer.create_date, answer.id)
        )
        groups = len(anonymous) // minimum
        if not groups:
            return done.browse()
        return anonymous[: groups * minimum] | (done - anonymous)

    def action_ask_feedback(self):
        """The wizard where the coach chooses the colleagues to ask, before a planned talk."""
        self.ensure_one()
        self._coaching_check_feedback_request()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance_coaching_survey.hr_coaching_feedback_wizard_action"
        )
        action["context"] = {"default_session_id": self.id}
        return action

    def _coaching_check_feedback_request(self):
        """Feedback is asked for a planned talk, by its coach side."""
        for session in self:
            if session.state != "planned":
                raise UserError(
                    self.env._("Ask for feedback before the talk: %(name)s is not planned.", name=session.display_name)
                )
            if not session._is_coach_side():
                raise UserError(
                    self.env._(
                        "Only the coach and the managers of %(employee)s can ask for feedback on them.",
                        employee=session.employee_id.name,
                    )
                )

    def _coaching_feedback_by_respondent(self, answers):
        """Each answer in a block of its own, named only when signed; in no order the coach could trace back."""
        self.ensure_one()
        blocks = []
        number = 0
        for answer in answers.sorted("access_token"):
            if answer._coaching_signed():
                title = answer.partner_id.name or answer.nickname or answer.email
            else:
                # Only the anonymous answers are numbered: a number counting the signed ones would tell where they are.
                number += 1
                title = self.env._("Colleague %(number)s", number=number)
            body = Markup("").join(
                Markup("<p><strong>%s</strong><br/>%s</p>") % (question.title, text)
                for question, text in answer._coaching_answers()
            )
            blocks.append(Markup("<h5>%s</h5>%s") % (title, body))
        return Markup("").join(blocks)

    def _coaching_feedback_by_question(self, answers):
        """The answers to each question, sorted by their text: nothing ties two answers to the same person."""
        self.ensure_one()
        by_question = defaultdict(list)
        questions = {}
        for answer in answers:
            for question, text in answer._coaching_answers():
                by_question[question.id].append(text)
                questions[question.id] = question
        ordered = sorted(questions.values(), key=lambda question: (question.sequence, question.id))
        return Markup("").join(
            Markup("<h5>%s</h5><ul>%s</ul>")
            % (
                question.title,
                Markup("").join(Markup("<li>%s</li>") % text for text in sorted(by_question[question.id])),
            )
            for question in ordered
        )
