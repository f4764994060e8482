from odoo import fields, models
from odoo.exceptions import AccessError


class DigestDigest(models.Model):
    _inherit = "digest.digest"

    kpi_coaching_sessions_done = fields.Boolean("Coaching Sessions Done")
    kpi_coaching_sessions_done_value = fields.Integer(compute="_compute_kpi_coaching_sessions_done_value")
    kpi_coaching_employees_overdue = fields.Boolean("Employees Overdue for Coaching")
    kpi_coaching_employees_overdue_value = fields.Integer(compute="_compute_kpi_coaching_employees_overdue_value")
    kpi_coaching_commitment_kept_rate = fields.Boolean("Commitments Kept (%)")
    kpi_coaching_commitment_kept_rate_value = fields.Float(compute="_compute_kpi_coaching_commitment_kept_rate_value")

    def _compute_kpi_coaching_sessions_done_value(self):
        self._check_coaching_digest_access()
        self._calculate_company_based_kpi(
            "hr.coaching.session",
            "kpi_coaching_sessions_done_value",
            date_field="date_scheduled",
            additional_domain=[("state", "=", "done")],
        )

    def _compute_kpi_coaching_employees_overdue_value(self):
        """A state, not a flow: the employees overdue now, whatever the period of the column."""
        self._check_coaching_digest_access()
        __, __, companies = self._get_kpi_compute_parameters()
        user = self.env.user
        domain = [("company_id", "in", companies.ids), ("coaching_status", "=", "overdue")]
        if not user._is_coaching_officer():
            domain.append(("id", "in", user._coaching_managed_subquery()))
        # sudo: a manager may not search hr.employee; the domain keeps to the employees they coach.
        counts = dict(self.env["hr.employee"].sudo()._read_group(domain, ["company_id"], ["__count"]))
        for digest in self:
            digest.kpi_coaching_employees_overdue_value = counts.get(digest.company_id or self.env.company, 0)

    def _compute_kpi_coaching_commitment_kept_rate_value(self):
        """Kept commitments out of those whose outcome was recorded in a talk of the period."""
        self._check_coaching_digest_access()
        start, end, companies = self._get_kpi_compute_parameters()
        totals = {}
        for company, outcome, count in self.env["hr.coaching.commitment"]._read_group(
            [
                ("company_id", "in", companies.ids),
                ("outcome", "!=", False),
                ("review_session_id.date_scheduled", ">=", start),
                ("review_session_id.date_scheduled", "<", end),
            ],
            ["company_id", "outcome"],
            ["__count"],
        ):
            kept, reviewed = totals.get(company.id, (0, 0))
            totals[company.id] = (kept + (count if outcome == "kept" else 0), reviewed + count)
        for digest in self:
            kept, reviewed = totals.get((digest.company_id or self.env.company).id, (0, 0))
            digest.kpi_coaching_commitment_kept_rate_value = 100.0 * kept / reviewed if reviewed else 0.0

    def _check_coaching_digest_access(self):
        """Coaching figures go to coaching officers and to managers who have people reporting to them."""
        if self.env.user._coaching_plans_talks():
            return
        raise AccessError(self.env._("Do not have access, skip this data for user's digest email"))

    def _compute_kpis_actions(self, company, user):
        res = super()._compute_kpis_actions(company, user)
        suffix = f"?menu_id={self.env.ref('hr_performance_coaching.menu_coaching_root').id}"
        res["kpi_coaching_sessions_done"] = f"hr_performance_coaching.hr_coaching_report_action{suffix}"
        res["kpi_coaching_employees_overdue"] = f"hr_performance_coaching.hr_coaching_session_action{suffix}"
        res["kpi_coaching_commitment_kept_rate"] = f"hr_performance_coaching.hr_coaching_commitment_action{suffix}"
        return res
