from odoo import api, fields, models
from odoo.addons.mail.tools.discuss import Store


class HrCoachingSession(models.Model):
    """The employee's side of a talk: her private note, which only she reads; her chatter without the coach's to-dos."""

    _inherit = "hr.coaching.session"

    employee_note = fields.Html(
        string="My Private Note",
        compute="_compute_employee_note",
        readonly=False,
        help="Only you read this note: not your coach, not your managers, not HR.",
    )

    @api.depends_context("uid")
    def _compute_employee_note(self):
        # The user's own notes, through the notes' record rules: nobody else's is ever read here.
        notes = self.env["hr.coaching.session.employee.note"].search(
            [("session_id", "in", self._origin.ids), ("user_id", "=", self.env.uid)]
        )
        note_by_session = {note.session_id.id: note.note for note in notes}
        for session in self:
            session.employee_note = note_by_session.get(session._origin.id, False)

    @api.model_create_multi
    def create(self, vals_list):
        notes = [vals.pop("employee_note", False) for vals in vals_list]
        sessions = super().create(vals_list)
        for session, note in zip(sessions, notes, strict=True):
            if note:
                session._coaching_write_employee_note(note)
        return sessions

    def write(self, vals):
        """Her note is the note model's, with its own rules: it is not a field of the talk that the talk's rules
        would let the coach side write."""
        if "employee_note" not in vals:
            return super().write(vals)
        vals = dict(vals)
        note = vals.pop("employee_note")
        result = super().write(vals) if vals else True
        self._coaching_write_employee_note(note)
        return result

    def _coaching_write_employee_note(self, note):
        Note = self.env["hr.coaching.session.employee.note"]
        notes = Note.search([("session_id", "in", self.ids), ("user_id", "=", self.env.uid)])
        note_by_session = {note.session_id: note for note in notes}
        to_create = []
        for session in self:
            if session in note_by_session:
                note_by_session[session].note = note
            else:
                to_create.append({"session_id": session.id, "note": note})
        Note.create(to_create)
        self.invalidate_recordset(["employee_note"])

    def _thread_to_store(self, store, /, *, fields=None, request_list=None):
        """The chatter of her own talk shows the coached employee her own activities, not the coach's: his reminder
        to hold the talk, overdue or not, is his to-do, not hers."""
        if not request_list or "activities" not in request_list:
            return super()._thread_to_store(store, fields=fields, request_list=request_list)
        hers = self.filtered(lambda session: session.employee_id.user_id == self.env.user)
        super(HrCoachingSession, self - hers)._thread_to_store(store, fields=fields, request_list=request_list)
        others = [request for request in request_list if request != "activities"]
        super(HrCoachingSession, hers)._thread_to_store(store, fields=fields, request_list=others)
        for session in hers:
            own = session.with_context(active_test=True).activity_ids.filtered(
                lambda activity: activity.user_id == self.env.user
            )
            store.add(session, {"activities": Store.many(own)}, as_thread=True)
