from markupsafe import Markup

from odoo import api, fields, models

from .hr_coaching_session import GROW_STAGES


class HrCoachingTemplateQuestion(models.Model):
    _name = "hr.coaching.template.question"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Coaching Question"
    _order = "template_id, stage_sequence, sequence, id"

    template_id = fields.Many2one("hr.coaching.template", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    stage = fields.Selection(GROW_STAGES, required=True, default="goal")
    stage_sequence = fields.Integer(compute="_compute_stage_sequence", store=True)
    name = fields.Text(string="Question", required=True, translate=True)
    replaces = fields.Text(
        string="Instead of saying",
        translate=True,
        help="The verdict this question stands in for: ask, don't tell.",
    )

    @api.depends("stage")
    def _compute_stage_sequence(self):
        order = {stage: index for index, (stage, _label) in enumerate(GROW_STAGES)}
        for question in self:
            question.stage_sequence = order.get(question.stage, 0)

    def _as_prompt_html(self):
        if not self:
            return False
        items = Markup()
        for question in self:
            item = Markup("<li>%s") % question.name
            if question.replaces:
                item += Markup(' <small class="text-muted">(%s)</small>') % self.env._(
                    "instead of: “%(verdict)s”", verdict=question.replaces
                )
            items += item + Markup("</li>")
        return Markup("<ul>%s</ul>") % items
