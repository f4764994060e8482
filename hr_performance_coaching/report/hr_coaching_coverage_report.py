from odoo import fields, models
from odoo.tools import SQL

from ..models.hr_employee import COACHING_STATUSES


class HrCoachingCoverageReport(models.Model):
    """One row per active employee a cadence rule applies to, coached or not: the coverage of a team."""

    _name = "hr.coaching.coverage.report"
    _description = "Coaching Coverage"
    _auto = False
    _order = "department_id, employee_id"
    _rec_name = "employee_id"
    _depends = {
        "hr.employee": [
            "active",
            "department_id",
            "parent_id",
            "company_id",
            "coaching_cadence_id",
            "last_coaching_date",
            "coaching_status",
        ],
    }

    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Team", readonly=True)
    coach_id = fields.Many2one("hr.employee", string="Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    cadence_id = fields.Many2one("hr.coaching.cadence", string="Cadence Rule", readonly=True)
    last_coaching_date = fields.Date(string="Last Coaching", readonly=True)
    coaching_status = fields.Selection(COACHING_STATUSES, readonly=True)
    covered = fields.Boolean(
        readonly=True, help="The employee has had a done talk and is not overdue for the next one."
    )
    never_coached = fields.Boolean(readonly=True, help="The employee has never had a done talk.")
    covered_count = fields.Integer(string="Employees Covered", readonly=True)
    never_coached_count = fields.Integer(string="Employees Never Coached", readonly=True)
    overdue_count = fields.Integer(string="Employees Overdue", readonly=True)
    coverage = fields.Float(
        string="Coverage (%)",
        aggregator="avg",
        digits=(16, 1),
        readonly=True,
        help="Covered employees out of all the grouped employees a cadence applies to, never coached ones included.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT c.*,
                   c.covered::integer AS covered_count,
                   c.never_coached::integer AS never_coached_count,
                   (c.coaching_status = 'overdue')::integer AS overdue_count,
                   CASE WHEN c.covered THEN 100.0 ELSE 0.0 END AS coverage
              FROM (
                    SELECT e.id AS id,
                           e.id AS employee_id,
                           e.department_id,
                           e.parent_id AS coach_id,
                           e.company_id,
                           e.coaching_cadence_id AS cadence_id,
                           e.last_coaching_date,
                           e.coaching_status,
                           (e.last_coaching_date IS NOT NULL
                            AND e.coaching_status IS DISTINCT FROM 'overdue') AS covered,
                           e.last_coaching_date IS NULL AS never_coached
                      FROM hr_employee e
                     WHERE e.active AND e.coaching_cadence_id IS NOT NULL
              ) c
            """
        )

    def _read_group_select(self, aggregate_spec, query):
        """Coverage is covered rows over all the rows of the group, a ratio of sums."""
        if aggregate_spec == "coverage:avg":
            return SQL(
                "SUM(%(covered)s) * 100.0 / NULLIF(COUNT(*), 0)",
                covered=self._field_to_sql(self._table, "covered_count", query),
            )
        return super()._read_group_select(aggregate_spec, query)
