from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_coaching_session_note import EMBEDDED


class HrCoachingSessionEmployeeNote(models.Model):
    """The employee's private note on her talk: what she keeps for herself, read by her only.

    Her coach, the managers above her, HR and the coaching officers do not read it: the record rules give each note
    to the user who wrote it, the employee of the talk. What the note embeds (pictures, files) she uploaded is
    attached to the note, not to the talk, and so is exactly as private as the note.
    """

    _name = "hr.coaching.session.employee.note"
    _description = "Coaching Employee's Private Note"
    _inherit = ["hr.coaching.scope.mixin"]
    _coaching_talk_links = ("session_id",)
    # The note is hers: who wrote it is set when she does, never by a plain write.
    _coaching_internal_fields = frozenset({"user_id"})

    session_id = fields.Many2one(
        "hr.coaching.session", required=True, index=True, ondelete="cascade", check_company=True
    )
    user_id = fields.Many2one(
        "res.users", string="Written by", default=lambda self: self.env.user, required=True, readonly=True, index=True
    )
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    note = fields.Html()

    _sql_constraints = [
        ("session_user_uniq", "unique(session_id, user_id)", "You have one private note per talk."),
    ]

    def _coaching_check_create(self, vals_list):
        sessions = self.env["hr.coaching.session"].browse(
            {vals["session_id"] for vals in vals_list if vals.get("session_id")}
        )
        self._coaching_check_her_talks(sessions)
        self._coaching_check_open(sessions)
        # Her own notes only: whether she has one already is hers to know.
        if len(sessions) < len(vals_list) or self.search_count(
            [("session_id", "in", sessions.ids), ("user_id", "=", self.env.uid)], limit=1
        ):
            raise UserError(self.env._("You have one private note per talk."))

    def _coaching_check_write(self, vals):
        self._coaching_check_open(self.session_id)
        if vals.get("session_id"):
            sessions = self.env["hr.coaching.session"].browse(vals["session_id"])
            self._coaching_check_her_talks(sessions)
            self._coaching_check_open(sessions)

    def _coaching_check_her_talks(self, sessions):
        if not self.env.su and sessions.filtered(lambda session: session.employee_id.user_id != self.env.user):
            raise AccessError(self.env._("Only the coached employee writes her private note on her talk."))

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
        """Move the files she uploaded into the note from the page she wrote it on (her talk, My Coaching) to the
        note itself: attached there, the coach side would read them. Only her own uploads move: a file of the talk
        named in her note stays the talk's."""
        for note in self:
            ids = {int(match) for match in EMBEDDED.findall(note.note or "")}
            if not ids:
                continue
            # sudo: her own uploads on her talk or her My Coaching page, which the note then holds.
            self.env["ir.attachment"].sudo().search(
                [
                    ("id", "in", list(ids)),
                    ("create_uid", "=", note.user_id.id),
                    "|",
                    "&",
                    ("res_model", "=", note.session_id._name),
                    ("res_id", "=", note.session_id.id),
                    ("res_model", "=", "hr.coaching.home"),
                ]
            ).write({"res_model": self._name, "res_id": note.id})
