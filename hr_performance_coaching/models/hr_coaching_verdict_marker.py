from odoo import api, fields, models
from odoo.tools.misc import get_lang


class HrCoachingVerdictMarker(models.Model):
    """A few words that make a feedback read as a verdict ("you should", "不好", "太慢"): data that HR edits, per
    language, not code. The feedback composer offers a question instead of a text that holds one and asks nothing."""

    _name = "hr.coaching.verdict.marker"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Coaching Verdict Marker"
    _order = "lang, name, id"

    name = fields.Char(string="Words", required=True, help="Found anywhere in the text, whatever its case.")
    lang = fields.Selection(
        selection="_selection_lang",
        string="Language",
        required=True,
        default=lambda self: get_lang(self.env).code,
        help="The language these words are written in; a feedback is checked against the words of every language.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_lang_unique", "UNIQUE (name, lang)", "These words are already a verdict marker of this language."),
    ]

    @api.model
    def _selection_lang(self):
        # Every language Odoo knows, installed or not: the markers ship for English and Chinese.
        languages = self.env["res.lang"].with_context(active_test=False).search([], order="name")
        return [(language.code, language.name) for language in languages]

    @api.model
    def _coaching_markers(self):
        """The active markers of every language, in lower case."""
        return [name.casefold().strip() for name in self.search([]).mapped("name") if name.strip()]
