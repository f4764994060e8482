import re

from odoo import api, fields, models
from odoo.exceptions import UserError

# /web/image/42, /web/image/42-3f2a1b/..., /web/content/42?download=true
EMBEDDED = re.compile(r"/web/(?:image|content)/(\d+)")


class HrCoachingNoteMixin(models.AbstractModel):
    """A private note on a talk (the coach's, the employee's): kept apart from the talk so that record rules, not
    field groups, decide who reads it; frozen with the closed talk; what it embeds is attached to the note, and so
    is exactly as private as the note."""

    _name = "hr.coaching.note.mixin"
    _description = "Coaching Private Note (shared rules)"
    _inherit = ["hr.coaching.scope.mixin"]
    _coaching_talk_links = ("session_id",)

    session_id = fields.Many2one(
        "hr.coaching.session", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    note = fields.Html()

    def _coaching_check_open(self, sessions):
        # sudo: the state of the talk, whoever reads it; the note's own access is checked by its record rules.
        if not self.env.su and sessions.sudo().filtered(lambda session: session.state == "done"):
            raise UserError(self.env._("The private note of a closed talk stays as it was."))

    @api.model_create_multi
    def create(self, vals_list):
        notes = super().create(vals_list)
        notes._claim_attachments()
        return notes

    def write(self, vals):
        result = super().write(vals)
        if "note" in vals:
            self._claim_attachments()
        return result

    def _claim_attachments(self):
        """Move the files each note embeds from the page it was written on to the note itself (the HTML editor
        stores them on the record being edited, which others read). Which files move is ``_coaching_claimable``."""
        for note in self:
            ids = {int(match) for match in EMBEDDED.findall(note.note or "")}
            if ids:
                # sudo: the writer's uploads on the talk's pages, which the note then holds.
                self.env["ir.attachment"].sudo().search([("id", "in", list(ids)), *note._coaching_claimable()]).write(
                    {"res_model": self._name, "res_id": note.id}
                )

    def _coaching_claimable(self):
        """The domain of the files this note takes from where they were uploaded."""
        raise NotImplementedError
