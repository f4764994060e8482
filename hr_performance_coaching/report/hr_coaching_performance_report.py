from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.hr_appraisal import PERFORMANCE_RATINGS
from ..models.res_config_settings import DEFAULT_MIN_APPRAISALS

FREQUENCY_BANDS = [
    ("0", "No session"),
    ("1_2", "1 to 2 sessions"),
    ("3_5", "3 to 5 sessions"),
    ("6_plus", "6+ sessions"),
]


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
        """One row per done appraisal that has a previous one (``LAG`` over the employee's done appraisals), with the
        done talks of the period between the two: after the previous appraisal's day, up to its own day included."""
        return SQL(
            """
            WITH done AS (%(done)s)
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
                       AND s.date_scheduled >= d.previous_date + 1
                       AND s.date_scheduled < d.date_close + 1
              ) p
             WHERE d.previous_date IS NOT NULL
            """,
            done=self.env["hr.appraisal"]._coaching_done_appraisals_sql(),
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
