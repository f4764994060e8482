from odoo import fields, models
from odoo.exceptions import AccessError, UserError


class HrCoachingSessionEmployeeNote(models.Model):
    """The employee's private note on her talk: what she keeps for herself, read by her only.

    Her coach, the managers above her, HR and the coaching officers do not read it: the record rules give each note
    to the user who wrote it, the employee of the talk. What the note embeds (pictures, files) she uploaded is
    attached to the note, not to the talk, and so is exactly as private as the note.
    """

    _name = "hr.coaching.session.employee.note"
    _description = "Coaching Employee's Private Note"
    _inherit = ["hr.coaching.note.mixin"]
    # The note is hers: who wrote it is set when she does, never by a plain write.
    _coaching_internal_fields = frozenset({"user_id"})

    user_id = fields.Many2one(
        "res.users", string="Written by", default=lambda self: self.env.user, required=True, readonly=True, index=True
    )

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

    def _coaching_claimable(self):
        # Her own uploads only, on her talk or her My Coaching page: a file of the talk named in her note stays the
        # talk's.
        return [
            ("create_uid", "=", self.user_id.id),
            "|",
            "&",
            ("res_model", "=", self.session_id._name),
            ("res_id", "=", self.session_id.id),
            ("res_model", "=", "hr.coaching.home"),
        ]
