from odoo import api, fields, models

from .hr_employee import COACHING_STATUSES

CADENCE_FIELDS = [
    "coaching_cadence_id",
    "last_coaching_date",
    "coaching_due_date",
    "next_coaching_date",
    "coaching_status",
]


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Manager-only fields, the way core does it: the employee's managers read them, colleagues do not.
    coaching_cadence_id = fields.Many2one(
        "hr.coaching.cadence", compute="_compute_manager_only_fields", search="_search_coaching_cadence_id"
    )
    last_coaching_date = fields.Date(
        string="Last Coaching", compute="_compute_manager_only_fields", search="_search_last_coaching_date"
    )
    coaching_due_date = fields.Date(
        string="Coaching Due", compute="_compute_manager_only_fields", search="_search_coaching_due_date"
    )
    next_coaching_date = fields.Date(
        string="Next Coaching", compute="_compute_manager_only_fields", search="_search_next_coaching_date"
    )
    coaching_status = fields.Selection(
        COACHING_STATUSES, compute="_compute_manager_only_fields", search="_search_coaching_status"
    )
    coaching_can_manage = fields.Boolean(
        compute="_compute_coaching_can_manage", help="The user coaches this employee: a manager above or an officer."
    )
    coaching_session_count = fields.Integer(compute="_compute_coaching_counts", string="Coaching Sessions Count")
    coaching_open_commitment_count = fields.Integer(compute="_compute_coaching_counts", string="Open Commitments Count")

    def _get_manager_only_fields(self):
        return super()._get_manager_only_fields() + CADENCE_FIELDS

    @api.depends_context("uid")
    def _compute_coaching_can_manage(self):
        managed = self.env.user._coaching_manages(self.employee_id)
        for employee in self:
            employee.coaching_can_manage = employee.employee_id in managed

    @api.depends_context("uid")
    def _compute_coaching_counts(self):
        sessions, commitments = self.env["hr.employee"]._coaching_counts(self.ids)
        for employee in self:
            employee.coaching_session_count = sessions.get(employee.id, 0)
            employee.coaching_open_commitment_count = commitments.get(employee.id, 0)

    def fetch(self, field_names):
        super().fetch(field_names)
        self._coaching_fill_cache(field_names)
        return None

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        records = super().search_fetch(domain, field_names, offset, limit, order)
        records._coaching_fill_cache(field_names)
        return records

    def _coaching_fill_cache(self, field_names):
        # hr.employee serves non-HR users by copying this model's cache after fetch(), which loads stored
        # columns only: the computed manager-only fields must be in the cache by then.
        if self and field_names and not set(field_names).isdisjoint(CADENCE_FIELDS):
            self.mapped(CADENCE_FIELDS[0])

    def _search_manager_only(self, fname, operator, value):
        # Like core's manager-only searches: on the private model, among the user's own team.
        # sudo: non-HR users cannot search hr.employee; the child_of keeps to the employees they manage.
        employees = (
            self.env["hr.employee"]
            .sudo()
            ._search([("id", "child_of", self.env.user.employee_ids.ids), (fname, operator, value)])
        )
        return [("id", "in", employees)]

    def _search_coaching_cadence_id(self, operator, value):
        return self._search_manager_only("coaching_cadence_id", operator, value)

    def _search_last_coaching_date(self, operator, value):
        return self._search_manager_only("last_coaching_date", operator, value)

    def _search_coaching_due_date(self, operator, value):
        return self._search_manager_only("coaching_due_date", operator, value)

    def _search_next_coaching_date(self, operator, value):
        return self._search_manager_only("next_coaching_date", operator, value)

    def _search_coaching_status(self, operator, value):
        return self._search_manager_only("coaching_status", operator, value)

    def action_open_coaching_sessions(self):
        self.ensure_one()
        return self.employee_id.action_open_coaching_sessions()

    def action_open_coaching_commitments(self):
        self.ensure_one()
        return self.employee_id.action_open_coaching_commitments()

    def action_open_coaching_key_event(self):
        self.ensure_one()
        return self.employee_id.action_open_coaching_key_event()
