from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

# Months of an appraisal period: days / the mean length of a month.
DAYS_PER_MONTH = 30.4375


class HrCoachingImpactData(models.Model):
    """The dataset of Coaching Impact (issue 24): one row per done appraisal that has a previous done appraisal,
    with the coaching of the period between them. Read as the reader: officers (coaching, appraisal) all of their
    companies, a manager his branch only (the employees he coaches, whose ratings he reads); nobody else."""

    _name = "hr.coaching.impact.data"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Coaching Impact Dataset"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "appraisal_id"
    _depends = {
        "hr.appraisal": ["active", "employee_id", "company_id", "date_close", "state", "performance_rating_raw"],
        "hr.employee": ["active", "department_id", "parent_id", "departure_date"],
        "hr.coaching.session": [
            "active",
            "employee_id",
            "coach_id",
            "date_scheduled",
            "state",
            "trigger_type",
            "will",
            "employee_rating",
        ],
        "hr.coaching.commitment": ["session_id", "review_session_id", "outcome", "state"],
    }

    appraisal_id = fields.Many2one("hr.appraisal", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    coach_id = fields.Many2one(
        "hr.employee",
        string="Coach Side",
        readonly=True,
        help="The coach of the period's last talk, otherwise the employee's manager: usually the rater too.",
    )
    department_id = fields.Many2one("hr.department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Date(string="Appraisal Date", readonly=True)
    previous_date = fields.Date(string="Previous Appraisal Date", readonly=True)
    previous_rating = fields.Integer(aggregator="avg", readonly=True, help="The rating of the previous appraisal.")
    rating = fields.Integer(string="New Rating", aggregator="avg", readonly=True)
    rating_change = fields.Integer(aggregator="avg", readonly=True)
    months = fields.Float(
        string="Months Between", aggregator="avg", digits=(16, 2), readonly=True, help="From one appraisal to the next."
    )
    talk_count = fields.Integer(
        string="Talks", readonly=True, help="Done talks held in the period, after the previous appraisal closed."
    )
    routine_count = fields.Integer(
        string="Routine Talks",
        readonly=True,
        help="Talks planned by the cadence (occasion Routine). A talk planned from a signal takes the signal's "
        "occasion, so it is not routine.",
    )
    triggered_count = fields.Integer(
        string="Triggered Talks",
        readonly=True,
        help="Talks held for a key event, a warning sign, an employee's request or ad hoc: they measure a need, not "
        "a dose.",
    )
    routine_per_month = fields.Float(string="Routine Talks per Month", aggregator="avg", digits=(16, 2), readonly=True)
    quality_dose = fields.Float(
        string="Quality-Weighted Dose",
        aggregator="avg",
        digits=(16, 2),
        readonly=True,
        help="Routine talks per month that count as good practice: a routine talk counts when its Will is written "
        "and it recorded the outcome of every commitment made in the employee's previous talk (or that talk made "
        "none); the others count for nothing.",
    )
    kept_rate = fields.Float(
        string="Kept Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Commitments kept out of those whose outcome was recorded in the period's talks.",
    )
    talk_rating = fields.Float(
        string="Usefulness Rating",
        aggregator="avg",
        digits=(16, 2),
        readonly=True,
        help="The employee's average rating of the period's talks, from 1 to 5.",
    )
    left_company = fields.Boolean(
        string="Left",
        readonly=True,
        help="The employee left (archived or with a departure date) before a next appraisal was done.",
    )

    @property
    def _table_query(self):
        """The appraisals with their previous one (a window partitioned by employee: a filter on the employee, as a
        manager's rule is, goes inside it), and per appraisal one look-up of the employee's talks by their index.
        A talk's previous talk, for the quality rule, is read in the same look-up (the employee's talks up to the
        appraisal, in order)."""
        will_written = SQL(
            "regexp_replace(COALESCE(s.will, ''), '<[^>]*>|&nbsp;|\\s', '', 'g') <> ''",
        )
        return SQL(
            """
            WITH done AS (%(done)s)
            SELECT d.id AS id,
                   d.id AS appraisal_id,
                   d.employee_id,
                   COALESCE(t.last_coach_id, e.parent_id) AS coach_id,
                   e.department_id,
                   d.company_id,
                   d.date_close AS date,
                   d.previous_date,
                   d.previous_rating::integer AS previous_rating,
                   d.rating::integer AS rating,
                   d.rating::integer - d.previous_rating::integer AS rating_change,
                   (d.date_close - d.previous_date) / %(days)s AS months,
                   t.talk_count,
                   t.routine_count,
                   t.talk_count - t.routine_count AS triggered_count,
                   CASE WHEN d.date_close > d.previous_date
                        THEN t.routine_count * %(days)s / (d.date_close - d.previous_date) END AS routine_per_month,
                   CASE WHEN d.date_close > d.previous_date
                        THEN t.quality_count * %(days)s / (d.date_close - d.previous_date) END AS quality_dose,
                   CASE WHEN t.reviewed > 0 THEN 100.0 * t.kept / t.reviewed END AS kept_rate,
                   t.talk_rating,
                   (d.next_date IS NULL AND (NOT e.active OR e.departure_date IS NOT NULL)) AS left_company
              FROM done d
              JOIN hr_employee e ON e.id = d.employee_id
              CROSS JOIN LATERAL (
                    SELECT COUNT(*) AS talk_count,
                           COUNT(*) FILTER (WHERE s.trigger_type = 'routine') AS routine_count,
                           COUNT(*) FILTER (
                               WHERE s.trigger_type = 'routine' AND %(will_written)s AND NOT EXISTS (
                                   SELECT 1
                                     FROM hr_coaching_commitment c
                                    WHERE c.session_id = s.previous_id
                                      AND c.state <> 'dropped'
                                      AND (c.outcome IS NULL OR c.review_session_id IS DISTINCT FROM s.id))
                           ) AS quality_count,
                           COALESCE(SUM(r.kept), 0) AS kept,
                           COALESCE(SUM(r.reviewed), 0) AS reviewed,
                           AVG(s.employee_rating::integer)::double precision AS talk_rating,
                           (ARRAY_AGG(s.coach_id ORDER BY s.date_scheduled DESC, s.id DESC))[1] AS last_coach_id
                      FROM (
                            SELECT s.*,
                                   LAG(s.id) OVER (ORDER BY s.date_scheduled, s.id) AS previous_id
                              FROM hr_coaching_session s
                             WHERE s.employee_id = d.employee_id
                               AND s.state = 'done'
                               AND s.active
                               AND s.date_scheduled < d.date_close + 1
                      ) s
                      LEFT JOIN LATERAL (
                            SELECT COUNT(*) FILTER (WHERE c.outcome = 'kept') AS kept,
                                   COUNT(*) FILTER (WHERE c.outcome IS NOT NULL) AS reviewed
                              FROM hr_coaching_commitment c
                             WHERE c.review_session_id = s.id
                      ) r ON TRUE
                     WHERE s.date_scheduled >= d.previous_date + 1
              ) t
             WHERE d.previous_date IS NOT NULL
            """,
            done=self.env["hr.appraisal"]._coaching_done_appraisals_sql(),
            days=DAYS_PER_MONTH,
            will_written=will_written,
        )

    @api.model
    def _min_appraisals(self):
        return self.env["hr.coaching.performance.report"]._min_appraisals()

    @api.model
    def _has_enough_data(self, domain=None):
        """Below the minimum of appraisals (the setting of Coaching vs Performance), no figure is shown."""
        minimum = self._min_appraisals()
        self.env.cr.execute(self._coaching_readable(domain or [], limit=minimum).select())
        return len(self.env.cr.fetchall()) >= minimum

    @api.model
    def _coaching_readable(self, domain, limit=None):
        """The query of the rows of ``domain`` the user reads by the record rules, whatever the minimum: for the
        estimate, which says itself that there is not enough data."""
        return super()._search(domain, limit=limit)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # Below the minimum, not a row, whatever the route (search_read, read, export): each row is a person's
        # ratings.
        if not self.env.su and not self._has_enough_data():
            return super()._search(expression.FALSE_DOMAIN)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if not self._has_enough_data(domain):
            return []
        return super().read_group(domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        # A list of a handful of rows would show each person's figures: below the minimum, none.
        if not self._has_enough_data(domain):
            return {"length": 0, "records": []}
        return super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )
