from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.hr_appraisal import PERFORMANCE_RATINGS
from ..models.hr_coaching_session import TRIGGER_TYPES
from ..models.res_config_settings import DEFAULT_MIN_APPRAISALS

FREQUENCY_BANDS = [
    ("0", "No session"),
    ("1_2", "1 to 2 sessions"),
    ("3_5", "3 to 5 sessions"),
    ("6_plus", "6+ sessions"),
]


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
        ],
        "hr.coaching.commitment": ["session_id", "outcome"],
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
        """A plain select of the talks, without window functions or a grouped subquery, so that PostgreSQL merges
        it into each read's query: the record rules and the pivot's filters then pick the talks first (by their
        indexes), and only those talks' commitments, previous talk and later talk are looked up. With ``LAG`` and
        ``ROW_NUMBER`` over every talk and a count of every commitment instead, each read of a manager of 10
        went through all the talks of the company (1.3 s for 500,000 talks)."""
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
                   COALESCE(c.commitment_count, 0) AS commitment_count,
                   COALESCE(c.kept_count, 0) AS kept_count,
                   COALESCE(c.reviewed_count, 0) AS reviewed_count,
                   CASE WHEN c.reviewed_count > 0 THEN 100.0 * c.kept_count / c.reviewed_count END AS kept_rate,
                   CASE WHEN s.state = 'done' THEN s.date_scheduled::date - (
                        SELECT p.date_scheduled::date
                          FROM hr_coaching_session p
                         WHERE p.employee_id = s.employee_id AND p.state = 'done' AND p.active
                           AND (p.date_scheduled, p.id) < (s.date_scheduled, s.id)
                         ORDER BY p.date_scheduled DESC, p.id DESC
                         LIMIT 1) END AS days_since_previous,
                   s.employee_rating::integer::double precision AS employee_rating,
                   (s.state = 'done'
                    AND NOT EXISTS (
                        SELECT 1
                          FROM hr_coaching_session n
                         WHERE n.employee_id = s.employee_id AND n.state = 'done' AND n.active
                           AND (n.date_scheduled, n.id) > (s.date_scheduled, s.id))
                    AND %(covered)s) AS within_cadence
              FROM hr_coaching_session s
              LEFT JOIN LATERAL (
                    SELECT COUNT(*) AS commitment_count,
                           COUNT(*) FILTER (WHERE outcome = 'kept') AS kept_count,
                           COUNT(*) FILTER (WHERE outcome IS NOT NULL) AS reviewed_count
                      FROM hr_coaching_commitment
                     WHERE session_id = s.id
              ) c ON TRUE
             WHERE s.active
            """,
            covered=self._covered_sql(),
        )

    def _covered_sql(self):
        """Recent enough: the cadence engine does not find the employee overdue (no rule applies: always covered)."""
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


class HrCoachingPerformanceReport(models.Model):
    """Coaching frequency against performance change: one row per done appraisal that has a previous rating."""

    _name = "hr.coaching.performance.report"
    _description = "Coaching Frequency vs Performance Change"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "appraisal_id"
    _depends = {
        "hr.appraisal": [
            "active",
            "employee_id",
            "company_id",
            "date_close",
            "state",
            "performance_rating_raw",
            "manager_feedback_published",
        ],
        "hr.employee": ["department_id", "parent_id"],
        "hr.coaching.session": ["active", "employee_id", "coach_id", "date_scheduled", "state"],
    }

    appraisal_id = fields.Many2one("hr.appraisal", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    coach_id = fields.Many2one(
        "hr.employee", readonly=True, help="The coach of the period's last session, otherwise the employee's manager."
    )
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Appraisal Date", readonly=True)
    performance_rating = fields.Selection(PERFORMANCE_RATINGS, string="Rating", readonly=True)
    previous_rating = fields.Selection(PERFORMANCE_RATINGS, readonly=True)
    rating_change = fields.Float(aggregator="avg", digits=(16, 2), readonly=True)
    session_count = fields.Integer(string="Sessions in Period", aggregator="avg", readonly=True)
    frequency_band = fields.Selection(FREQUENCY_BANDS, string="Coaching Frequency", readonly=True)
    feedback_published = fields.Boolean(readonly=True)
    rated = fields.Boolean(
        readonly=True,
        help="This appraisal and the previous one both have a performance rating, so the change is known. "
        "Appraisals completed without a rating are counted apart.",
    )

    @property
    def _table_query(self):
        """A plain select of the talks, without window functions or a grouped subquery, so that PostgreSQL merges
        it into each read's query: the record rules and the pivot's filters then pick the talks first (by their
        indexes), and only those talks' commitments, previous talk and later talk are looked up. With ``LAG`` and
        ``ROW_NUMBER`` over every talk and a count of every commitment instead, each read of a manager of 10
        went through all the talks of the company (1.3 s for 500,000 talks)."""
        return SQL(
            """
            WITH done AS (
                SELECT a.id,
                       a.employee_id,
                       a.company_id,
                       a.date_close,
                       a.manager_feedback_published,
                       a.performance_rating_raw AS rating,
                       LAG(a.performance_rating_raw) OVER w AS previous_rating,
                       LAG(a.date_close) OVER w AS previous_date_close
                  FROM hr_appraisal a
                 WHERE a.state = '3_done' AND a.active
                WINDOW w AS (PARTITION BY a.employee_id ORDER BY a.date_close, a.id)
            )
            SELECT d.id AS id,
                   d.id AS appraisal_id,
                   d.employee_id,
                   COALESCE(p.last_coach_id, e.parent_id) AS coach_id,
                   e.department_id,
                   d.company_id,
                   d.date_close AS date,
                   d.rating AS performance_rating,
                   d.previous_rating,
                   d.rating::integer - d.previous_rating::integer AS rating_change,
                   p.session_count,
                   CASE WHEN p.session_count = 0 THEN '0'
                        WHEN p.session_count <= 2 THEN '1_2'
                        WHEN p.session_count <= 5 THEN '3_5'
                        ELSE '6_plus' END AS frequency_band,
                   d.manager_feedback_published AS feedback_published,
                   (d.rating IS NOT NULL AND d.previous_rating IS NOT NULL) AS rated
              FROM done d
              JOIN hr_employee e ON e.id = d.employee_id
              CROSS JOIN LATERAL (
                    SELECT COUNT(*) AS session_count,
                           (ARRAY_AGG(s.coach_id ORDER BY s.date_scheduled DESC, s.id DESC))[1] AS last_coach_id
                      FROM hr_coaching_session s
                     WHERE s.employee_id = d.employee_id
                       AND s.state = 'done'
                       AND s.active
                       AND s.date_scheduled >= d.previous_date_close + 1
                       AND s.date_scheduled < d.date_close + 1
              ) p
             WHERE d.previous_date_close IS NOT NULL
            """
        )

    @api.model
    def _min_appraisals(self):
        value = self.env["ir.config_parameter"].sudo().get_param("hr_performance_coaching.analysis_min_appraisals")
        try:
            return max(int(value), 1) if value else DEFAULT_MIN_APPRAISALS
        except ValueError:
            return DEFAULT_MIN_APPRAISALS

    @api.model
    def _has_enough_data(self, domain=None):
        """Averages over a handful of appraisals say nothing: below the minimum, the analysis shows no figures."""
        return self.search_count(domain or [], limit=self._min_appraisals()) >= self._min_appraisals()

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        # Pivot and graph aggregate through read_group: below the minimum they show the "not enough data" help.
        if not self._has_enough_data(domain):
            return []
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def get_empty_list_help(self, help_message):
        count, found = self._min_appraisals(), self.search_count([])
        if count == 1:
            message = self.env._(
                "Not enough data yet: the comparison needs at least %(count)s done appraisal that has a previous "
                "rating (%(found)s so far in this selection).",
                count=count,
                found=found,
            )
        else:
            message = self.env._(
                "Not enough data yet: the comparison needs at least %(count)s done appraisals that have a previous "
                "rating (%(found)s so far in this selection).",
                count=count,
                found=found,
            )
        return super().get_empty_list_help(
            Markup('<p class="o_view_nocontent_empty_folder">%s</p>%s') % (message, Markup(help_message or ""))
        )
