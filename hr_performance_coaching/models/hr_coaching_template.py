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
    question_ids = fields.One2many("hr.coaching.template.question", "template_id", string="Questions", copy=True)
    question_count = fields.Integer(compute="_compute_question_count")
    description = fields.Text(translate=True)

    @api.depends("question_ids")
    def _compute_question_count(self):
        for template in self:
            template.question_count = len(template.question_ids)

    @api.model
    def _find_for_trigger(self, trigger_type):
        """The template to propose for a session: one made for its occasion, else the first general one."""
        templates = self.search(
            ["|", ("trigger_type", "=", trigger_type), ("trigger_type", "=", False)], order="sequence, id"
        )
        return templates.filtered(lambda t: t.trigger_type == trigger_type)[:1] or templates[:1]
