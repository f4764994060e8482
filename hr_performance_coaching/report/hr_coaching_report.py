from odoo import fields, models
from odoo.tools import SQL

from ..models.hr_coaching_session import TRIGGER_TYPES


class HrCoachingReport(models.Model):
    """One row per coaching session, for the pivot and graph analysis of the coaching practice."""

    _name = "hr.coaching.report"
    _description = "Coaching Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "session_id"
    _depends = {
        "hr.coaching.session": [
            "active",
            "employee_id",
            "coach_id",
            "department_id",
            "company_id",
            "date_scheduled",
            "trigger_type",
            "state",
            "employee_rating",
            "previous_done_date",
            "is_latest_done",
            "commitment_count",
            "commitment_kept_count",
            "commitment_reviewed_count",
        ],
        "hr.employee": ["coaching_status"],
    }

    session_id = fields.Many2one("hr.coaching.session", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    coach_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(readonly=True)
    trigger_type = fields.Selection(TRIGGER_TYPES, string="Occasion", readonly=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")], string="Status", readonly=True
    )
    commitment_count = fields.Integer(string="Commitments", readonly=True)
    kept_count = fields.Integer(string="Kept", readonly=True)
    reviewed_count = fields.Integer(string="Reviewed", readonly=True)
    kept_rate = fields.Float(
        string="Kept Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Kept commitments out of the reviewed ones, over the grouped sessions.",
    )
    days_since_previous = fields.Integer(
        aggregator="avg",
        readonly=True,
        help="Days between this done session and the employee's previous done session.",
    )
    employee_rating = fields.Float(
        string="Usefulness Rating",
        aggregator="avg",
        digits=(16, 2),
        readonly=True,
        help="The employee's rating of the session, from 1 to 5: the coaching-quality score.",
    )
    within_cadence = fields.Boolean(
        readonly=True, help="The employee's latest done session, and it is recent enough for their cadence."
    )

    @property
    def _table_query(self):
        """A plain select of the talks and of what is stored on them (``hr_coaching_session_analysis.py``): no
        window function, no join over the talks, so that PostgreSQL merges it into each read's query and the record
        rules and the pivot's filters pick the rows first, by their indexes (issue 24, item 5). Windows over every
        talk of every company ran before the rules (1.3 s a grouping at 500,000 talks), and looking the previous
        talk and the commitments up per row still cost the director of 5,000 a second a pivot (issue 23)."""
        return SQL(
            """
            SELECT s.id AS id,
                   s.id AS session_id,
                   s.employee_id,
                   s.coach_id,
                   s.department_id,
                   s.company_id,
                   s.date_scheduled::date AS date,
                   s.trigger_type,
                   s.state,
                   s.commitment_count,
                   s.commitment_kept_count AS kept_count,
                   s.commitment_reviewed_count AS reviewed_count,
                   CASE WHEN s.commitment_reviewed_count > 0
                        THEN 100.0 * s.commitment_kept_count / s.commitment_reviewed_count END AS kept_rate,
                   s.date_scheduled::date - s.previous_done_date::date AS days_since_previous,
                   s.employee_rating::integer::double precision AS employee_rating,
                   (s.is_latest_done AND %(covered)s) AS within_cadence
              FROM hr_coaching_session s
             WHERE s.active
            """,
            covered=self._covered_sql(),
        )

    def _covered_sql(self):
        """Recent enough: the cadence engine does not find the employee overdue (no rule applies: always covered).
        Read from the employee's stored status, for the rows kept only."""
        return SQL(
            "EXISTS (SELECT 1 FROM hr_employee e WHERE e.id = s.employee_id "
            "AND e.coaching_status IS DISTINCT FROM 'overdue')"
        )

    def _read_group_select(self, aggregate_spec, query):
        """Rates are ratios of sums over the group, not averages of per-session ratios."""
        if aggregate_spec == "kept_rate:avg":
            return SQL(
                "SUM(%(kept)s) * 100.0 / NULLIF(SUM(%(reviewed)s), 0)",
                kept=self._field_to_sql(self._table, "kept_count", query),
                reviewed=self._field_to_sql(self._table, "reviewed_count", query),
            )
        return super()._read_group_select(aggregate_spec, query)
