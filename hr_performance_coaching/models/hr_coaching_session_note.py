from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class HrCoachingSessionNote(models.Model):
    """The coach's private note, kept apart so that record rules, not field groups, decide who reads it.

    What the note embeds (pictures, files) is attached to the note, not to the session, and so is exactly as
    private as the note.
    """

    _name = "hr.coaching.session.note"
    _description = "Coaching Private Note"
    _inherit = ["hr.coaching.note.mixin"]

    employee_id = fields.Many2one(related="session_id.employee_id", store=True, index=True)

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

    def _coaching_claimable(self):
        # The coach's uploads on the talk: the files of the talk the coachee reads are its messages' and her own.
        return [("res_model", "=", self.session_id._name), ("res_id", "=", self.session_id.id)]
