import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# /web/image/42, /web/image/42-3f2a1b/..., /web/content/42?download=true
EMBEDDED = re.compile(r"/web/(?:image|content)/(\d+)")


class HrCoachingSessionNote(models.Model):
    """The coach's private note, kept apart so that record rules, not field groups, decide who reads it.

    What the note embeds (pictures, files) is attached to the note, not to the session, and so is exactly as
    private as the note.
    """

    _name = "hr.coaching.session.note"
    _description = "Coaching Private Note"
    _inherit = ["hr.coaching.scope.mixin"]
    _coaching_talk_links = ("session_id",)

    session_id = fields.Many2one(
        "hr.coaching.session", required=True, index=True, ondelete="cascade", check_company=True
    )
    employee_id = fields.Many2one(related="session_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    note = fields.Html()

    _sql_constraints = [
        ("session_uniq", "unique(session_id)", "A session has one private note."),
    ]

    def _coaching_check_create(self, vals_list):
        sessions = self.env["hr.coaching.session"].browse(
            {vals["session_id"] for vals in vals_list if vals.get("session_id")}
        )
        # Access first: whether a talk already has a note (the unique constraint) is told to its note's side only.
        if not self.env.su and sessions - sessions._coaching_note_side():
            raise AccessError(self.env._("Only the coach and the employee's managers can write the private note."))
        self._coaching_check_open(sessions)
        # sudo: the one note of each talk, which its note's side may read; told in words, not by the constraint.
        if len(sessions) < len(vals_list) or self.sudo().search_count([("session_id", "in", sessions.ids)], limit=1):
            raise UserError(self.env._("A session has one private note."))

    def _coaching_check_write(self, vals):
        self._coaching_check_open(self.session_id)

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
        """Move the files the note embeds from its session to the note itself.

        The HTML editor stores a picture or a file put in the note as an attachment of the record being edited,
        the session, which the coached employee reads. Attached to the note, they follow the note's rules.
        """
        for note in self:
            ids = {int(match) for match in EMBEDDED.findall(note.note or "")}
            if not ids:
                continue
            # sudo: the attachments of the session are the coach's own uploads; only they are moved.
            self.env["ir.attachment"].sudo().search(
                [
                    ("id", "in", list(ids)),
                    ("res_model", "=", note.session_id._name),
                    ("res_id", "=", note.session_id.id),
                ]
            ).write({"res_model": self._name, "res_id": note.id})
