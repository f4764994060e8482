from odoo import api, fields, models

from .hr_coaching_session import TRIGGER_TYPES


class HrCoachingTemplate(models.Model):
    _name = "hr.coaching.template"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Coaching Question Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    trigger_type = fields.Selection(
        TRIGGER_TYPES, string="Suits", help="The kind of session this template is meant for."
    )
    key_event_type = fields.Selection(
        selection="_selection_key_event_type",
        string="Suits Key Event",
        help="Proposed first for the talks answering a signal of this key event (a project milestone: a project "
        "review).",
    )
    question_ids = fields.One2many("hr.coaching.template.question", "template_id", string="Questions", copy=True)
    question_count = fields.Integer(compute="_compute_question_count")
    description = fields.Text(translate=True)

    @api.depends("question_ids")
    def _compute_question_count(self):
        for template in self:
            template.question_count = len(template.question_ids)

    @api.model
    def _selection_key_event_type(self):
        return self.env["hr.coaching.signal"]._fields["key_event_type"]._description_selection(self.env)

    @api.model
    def _find_for_trigger(self, trigger_type, key_events=()):
        """The template to propose for a session: one made for its occasion and one of its ``key_events`` (the
        codes of the key events it answers), else one made for its occasion and any event, else the first general
        one."""
        templates = self.search(
            ["|", ("trigger_type", "=", trigger_type), ("trigger_type", "=", False)], order="sequence, id"
        )
        for_event = templates.filtered(lambda t: t.trigger_type == trigger_type and t.key_event_type in key_events)
        general = templates - templates.filtered("key_event_type")
        return for_event[:1] or general.filtered(lambda t: t.trigger_type == trigger_type)[:1] or general[:1]
