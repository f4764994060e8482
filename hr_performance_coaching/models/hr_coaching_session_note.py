from odoo import fields, models


class HrCoachingSessionNote(models.Model):
    """The coach's private note, kept apart so that record rules, not field groups, decide who reads it."""

    _name = "hr.coaching.session.note"
    _description = "Coaching Private Note"

    session_id = fields.Many2one("hr.coaching.session", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one(related="session_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    note = fields.Html()

    _sql_constraints = [
        ("session_uniq", "unique(session_id)", "A session has one private note."),
    ]
