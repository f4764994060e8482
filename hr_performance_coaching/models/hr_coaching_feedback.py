import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, plaintext2html

FEEDBACK_KINDS = [("question", "Question"), ("observation", "Observation"), ("recognition", "Recognition")]
AUTHOR_SIDES = [("coach", "Coach side"), ("colleague", "Colleague")]
QUESTION_MARKS = ("?", "？")
# The GROW stage whose "Ask" prompts the composer shows: a goal's, a commitment's (what she will do), else what
# happened (Reality).
STAGE_OF_LINK = (("goal_id", "goal"), ("commitment_id", "will"))


def _terms(text):
    """The words of ``text`` to compare it with a verdict of the question bank: Latin words of three letters or
    more, and the pairs of characters of a text written without spaces (Chinese)."""
    terms = set()
    for word in re.findall(r"\w+", (text or "").casefold()):
        if word.isascii():
            if len(word) > 2:
                terms.add(word)
        elif len(word) == 1:
            terms.add(word)
        else:
            terms.update(word[index : index + 2] for index in range(len(word) - 1))
    return terms


class HrCoachingFeedback(models.Model):
    """Feedback given in the moment, between two talks: a question rather than a verdict.

    Who reads it (docs/security.md): the employee all that is about her; the coach side what its own side wrote
    and what the author shared with the coach; a colleague only what he wrote. The employee is told in her
    language and answers in its thread. Never counted per person in the analyses.
    """

    _name = "hr.coaching.feedback"
    _description = "Coaching Feedback"
    _inherit = ["hr.coaching.mixin"]
    _coaching_side_depends = ("employee_id",)
    _order = "date desc, id desc"
    # The employee reads the feedback about her and answers it in its thread.
    _mail_post_access = "read"
    # What a feedback is about stays: another subject is a new feedback.
    FIXED_FIELDS = {"employee_id", "goal_id", "commitment_id"}

    employee_id = fields.Many2one(
        "hr.employee",
        string="To",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    author_id = fields.Many2one(
        "res.users", string="From", required=True, index=True, readonly=True, default=lambda self: self.env.user
    )
    author_side = fields.Selection(
        AUTHOR_SIDES, readonly=True, help="Whether the author coached the employee when giving it."
    )
    goal_id = fields.Many2one("hr.coaching.goal", index=True, ondelete="set null")
    commitment_id = fields.Many2one("hr.coaching.commitment", index=True, ondelete="set null")
    body = fields.Text(string="Feedback", required=True)
    kind = fields.Selection(FEEDBACK_KINDS, required=True, default="observation")
    share_with_coach = fields.Boolean(
        string="Share with Her Coach",
        help="Her coach and managers read it too, and see it in the next talk's Reality. Without it, only she and "
        "you read it.",
    )
    date = fields.Date(required=True, readonly=True, index=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True, precompute=True
    )
    # The composer: the questions to ask, and a question instead of a verdict.
    ask_prompts = fields.Html(string="Ask", compute="_compute_ask_prompts", sanitize=False)
    is_verdict = fields.Boolean(compute="_compute_proposed_question")
    proposed_question = fields.Text(compute="_compute_proposed_question")
    use_question = fields.Boolean(
        string="Ask This Instead", store=False, help="Replace the text with the proposed question."
    )

    @api.depends("employee_id", "date")
    def _compute_display_name(self):
        for feedback in self:
            feedback.display_name = self.env._(
                "Feedback to %(employee)s",
                # Her name as her public profile shows it to a colleague.
                employee=self.env["hr.employee.public"].browse(feedback.employee_id.id).name or "",
            )

    @api.depends("goal_id", "commitment_id")
    def _compute_ask_prompts(self):
        for feedback in self:
            feedback.ask_prompts = feedback._coaching_stage_questions()._as_prompt_html()

    def _coaching_stage_questions(self):
        """The "Ask" questions of the question bank for the GROW stage at hand: the goal's, Will for a commitment,
        else Reality."""
        self.ensure_one()
        template = self.env["hr.coaching.template"]._find_for_trigger("routine")
        stage = next((stage for fname, stage in STAGE_OF_LINK if self[fname]), "reality")
        return template.question_ids.filtered(lambda question: question.stage == stage)

    @api.depends("body", "goal_id", "commitment_id")
    def _compute_proposed_question(self):
        for feedback in self:
            feedback.is_verdict = self._coaching_is_verdict(feedback.body)
            feedback.proposed_question = feedback.is_verdict and feedback._coaching_question_for(feedback.body)

    @api.constrains("employee_id", "goal_id", "commitment_id")
    def _check_same_employee(self):
        for feedback in self.sudo():
            linked = feedback.goal_id.employee_id | feedback.commitment_id.employee_id
            if linked - feedback.employee_id:
                raise ValidationError(
                    self.env._(
                        "A feedback to %(employee)s is about her own goals and commitments only.",
                        employee=feedback.employee_id.name,
                    )
                )

    @api.onchange("use_question")
    def _onchange_use_question(self):
        if self.use_question and self.proposed_question:
            self.body = self.proposed_question
            self.kind = "question"
        self.use_question = False

    @api.onchange("body")
    def _onchange_body_kind(self):
        if self.kind == "observation" and any(mark in (self.body or "") for mark in QUESTION_MARKS):
            self.kind = "question"

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        feedbacks = super().create(vals_list)
        feedbacks._coaching_notify_employee()
        return feedbacks

    def _coaching_check_create(self, vals_list):
        Employee = self.env["hr.employee"]
        for vals in vals_list:
            self._check_selection_values(vals)
            self._coaching_check_body(vals)
            employee = Employee.browse(vals.get("employee_id"))
            author = self.env["res.users"].browse(vals.get("author_id")) or self.env.user
            if not self.env.su and employee.id in self.env.user._coaching_own_employee_ids(archived=True):
                raise UserError(
                    self.env._("Feedback is for a colleague: for yourself, ask your coach for a talk instead.")
                )
            # Who wrote it decides who reads it: the side is the author's when he gives it.
            vals["author_side"] = "coach" if employee and author._coaching_manages(employee) else "colleague"

    def _coaching_check_write(self, vals):
        self._check_selection_values(vals)
        self._coaching_check_body(vals)
        if not self.env.su and self.FIXED_FIELDS & vals.keys():
            raise UserError(
                self.env._("A feedback stays about what it was given on: give a new one about something else.")
            )

    def _coaching_check_body(self, vals):
        if "body" in vals and not (vals["body"] or "").strip():
            raise UserError(self.env._("Write your feedback first: a question, an observation or a thank you."))

    def _coaching_coach_side(self):
        if self.env.su:
            return self
        managed = self.env.user._coaching_manages(self.employee_id)
        return self.filtered(lambda feedback: feedback.employee_id in managed)

    # ------------------------------------------------------------------ actions

    def action_copy_to_agenda(self):
        """Put this feedback on the agenda of the employee's next talk, as the coach's point."""
        self.ensure_one()
        session = self._coaching_next_talk()
        self.env["hr.coaching.topic"].create({"session_id": session.id, "name": self.body, "side": "coach"})
        return session.action_open_talk()

    def action_copy_to_reality(self):
        """Add this feedback to the Reality of the employee's next talk, quoted with its author and date."""
        self.ensure_one()
        session = self._coaching_next_talk()
        quote = Markup("<p>“%s” <small>(%s)</small></p>") % (
            self.body,
            self.env._("%(author)s, %(date)s", author=self.author_id.name, date=format_date(self.env, self.date)),
        )
        session.reality = (session.reality or Markup()) + quote
        return session.action_open_talk()

    def _coaching_next_talk(self):
        if not self._is_coach_side():
            raise UserError(self.env._("Only her coach and managers bring a feedback into her talks."))
        session = self.env["hr.coaching.session"].search(
            [("employee_id", "=", self.employee_id.id), ("state", "=", "planned")], order="date_scheduled, id", limit=1
        )
        if not session:
            raise UserError(
                self.env._("%(employee)s has no planned talk: plan one first.", employee=self.employee_id.name)
            )
        return session

    # ------------------------------------------------------------------ the verdict and the question

    @api.model
    def _coaching_is_verdict(self, text):
        """True when ``text`` reads as a verdict: it asks nothing (no question mark) and holds one of the verdict
        markers that HR keeps per language (``hr.coaching.verdict.marker``): "you should", "不好", "太慢"..."""
        text = (text or "").strip()
        if not text or any(mark in text for mark in QUESTION_MARKS):
            return False
        folded = text.casefold()
        for marker in self.env["hr.coaching.verdict.marker"]._coaching_markers():
            # Latin words count as whole words ("bad" is not in "badge"); Chinese has no spaces between words.
            start = r"\b" if marker[0].isascii() and marker[0].isalnum() else ""
            end = r"\b" if marker[-1].isascii() and marker[-1].isalnum() else ""
            if re.search(start + re.escape(marker) + end, folded):
                return True
        return False

    def _coaching_question_for(self, text):
        """The question to ask instead of the verdict ``text``: the question of the bank whose verdict ("Instead of
        saying") is closest to it, in the reader's language; else the first "Ask" prompt of the feedback's stage."""
        words = _terms(text)
        best, score = None, 0.0
        # Question banks are read by every internal user, in their language.
        for question in self.env["hr.coaching.template.question"].search([("replaces", "!=", False)]):
            verdict = _terms(question.replaces)
            shared = len(words & verdict) / len(words | verdict) if verdict else 0.0
            if shared > score:
                best, score = question, shared
        if best:
            return best.name
        return self._coaching_stage_questions()[:1].name or False

    def _coaching_as_list_html(self):
        """These feedbacks as a list, each with its date, author and a link to it (where it is copied into the
        talk)."""
        if not self:
            return False
        items = Markup()
        for feedback in self:
            items += Markup(
                '<li><a href="/odoo/hr.coaching.feedback/%s">%s</a> <small class="text-muted">%s · %s · %s</small>'
                "</li>"
            ) % (
                feedback.id,
                feedback.body,
                format_date(self.env, feedback.date),
                feedback.author_id.name,
                dict(feedback._fields["kind"]._description_selection(self.env))[feedback.kind],
            )
        return Markup('<ul class="o_coaching_since_last_talk">%s</ul>') % items

    # ------------------------------------------------------------------ the employee is told

    def _coaching_notify_employee(self):
        """Tell each employee of her feedback in her language; she follows its thread and answers there."""
        for feedback in self:
            # Her user, as her public profile shows it to a colleague.
            user = self.env["hr.employee.public"].browse(feedback.employee_id.id).user_id
            if not user:
                continue
            partner = user.partner_id
            told = feedback.with_context(lang=partner.lang or self.env.lang)
            body = Markup("<p>%s</p><blockquote>%s</blockquote>") % (
                told.env._("%(author)s gave you feedback:", author=feedback.author_id.name),
                Markup(plaintext2html(feedback.body)),
            )
            # sudo: the feedback is about her: she follows it, although only the coach side adds followers.
            feedback.sudo().message_subscribe(partner_ids=partner.ids)
            feedback.message_post(
                body=body,
                # From its author, also when the feedback is given as superuser (the demo data).
                author_id=feedback.author_id.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partner.ids,
            )
