from odoo import api, fields, models

from .hr_employee import COACHING_STATUSES

CADENCE_FIELDS = ("coaching_cadence_id", "last_coaching_date", "next_coaching_date", "coaching_status")


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # The employee's managers and the coaching officers see the cadence of a talk; the employee and
    # colleagues see nothing.
    coaching_cadence_id = fields.Many2one(
        "hr.coaching.cadence",
        compute="_compute_coaching_cadence_fields",
        search="_search_coaching_cadence_id",
    )
    last_coaching_date = fields.Date(
        string="Last Coaching", compute="_compute_coaching_cadence_fields", search="_search_last_coaching_date"
    )
    next_coaching_date = fields.Date(
        string="Next Coaching", compute="_compute_coaching_cadence_fields", search="_search_next_coaching_date"
    )
    coaching_status = fields.Selection(
        COACHING_STATUSES, compute="_compute_coaching_cadence_fields", search="_search_coaching_status"
    )
    coaching_can_manage = fields.Boolean(compute="_compute_coaching_cadence_fields")
    coaching_session_count = fields.Integer(compute="_compute_coaching_counts", string="Coaching Sessions Count")
    coaching_open_commitment_count = fields.Integer(compute="_compute_coaching_counts", string="Open Commitments Count")

    @api.depends_context("uid")
    def _compute_coaching_counts(self):
        sessions, commitments = self.env["hr.employee"]._coaching_counts(self.ids)
        for employee in self:
            employee.coaching_session_count = sessions.get(employee.id, 0)
            employee.coaching_open_commitment_count = commitments.get(employee.id, 0)

    @api.depends_context("uid")
    def _compute_coaching_cadence_fields(self):
        allowed = self._coaching_managed(self.ids)
        # The values come from the private model, for the employees the user coaches only (checked above).
        private = {employee.id: employee for employee in self.env["hr.employee"].sudo().browse(allowed)}
        for employee in self:
            source = private.get(employee.id)
            employee.coaching_can_manage = bool(source)
            for fname in CADENCE_FIELDS:
                value = source[fname] if source else False
                if fname == "coaching_cadence_id" and value:
                    value = value.with_env(self.env)
                employee[fname] = value

    def fetch(self, field_names):
        super().fetch(field_names)
        self._coaching_fill_cache(field_names)
        return None

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        records = super().search_fetch(domain, field_names, offset, limit, order)
        records._coaching_fill_cache(field_names)
        return records

    def _coaching_fill_cache(self, field_names):
        # hr.employee reads non-HR users' values by copying this model's cache after fetch(): computed
        # fields must be in it by then.
        if self and field_names and not set(field_names).isdisjoint((*CADENCE_FIELDS, "coaching_can_manage")):
            for fname in (*CADENCE_FIELDS, "coaching_can_manage"):
                self.mapped(fname)

    def _coaching_managed(self, ids):
        """The ids among ``ids`` the current user may coach: officers all, managers those below them."""
        if not ids:
            return []
        if self.env.su or self.env.user.has_group("hr_performance_coaching.group_coaching_officer"):
            return list(ids)
        my_employees = self.env.user.employee_ids
        if not my_employees:
            return []
        return self.search(
            [("id", "in", list(ids)), ("id", "child_of", my_employees.ids), ("id", "not in", my_employees.ids)]
        ).ids

    def _coaching_search(self, fname, operator, value):
        # Searched on the private model as superuser, then narrowed to the employees the user coaches.
        matching = self.env["hr.employee"].sudo()._search([(fname, operator, value)])
        domain = [("id", "in", matching)]
        if not (self.env.su or self.env.user.has_group("hr_performance_coaching.group_coaching_officer")):
            mine = self.env.user.employee_ids.ids
            domain += [("id", "child_of", mine), ("id", "not in", mine)]
        return domain

    def _search_coaching_cadence_id(self, operator, value):
        return self._coaching_search("coaching_cadence_id", operator, value)

    def _search_last_coaching_date(self, operator, value):
        return self._coaching_search("last_coaching_date", operator, value)

    def _search_next_coaching_date(self, operator, value):
        return self._coaching_search("next_coaching_date", operator, value)

    def _search_coaching_status(self, operator, value):
        return self._coaching_search("coaching_status", operator, value)

    def action_open_coaching_sessions(self):
        self.ensure_one()
        return self.env["hr.employee"].browse(self.id).action_open_coaching_sessions()

    def action_open_coaching_commitments(self):
        self.ensure_one()
        return self.env["hr.employee"].browse(self.id).action_open_coaching_commitments()

    def action_open_coaching_key_event(self):
        self.ensure_one()
        return self.env["hr.employee"].browse(self.id).action_open_coaching_key_event()
