from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, create_index

# What the appraised employee writes on her own appraisal (hr_appraisal_oca's fields of hers).
EMPLOYEE_WRITABLE_FIELDS = {"employee_feedback", "employee_feedback_published"}
# What she never sets herself, on create either: her managers' side.
MANAGER_FIELDS = {"manager_feedback", "manager_ids", "performance_rating", "performance_rating_raw", "state"}
PERFORMANCE_RATINGS = [
    ("1", "Far below expectations"),
    ("2", "Below expectations"),
    ("3", "Meets expectations"),
    ("4", "Exceeds expectations"),
    ("5", "Outstanding"),
]


class HrAppraisal(models.Model):
    _name = "hr.appraisal"
    _inherit = ["hr.appraisal", "hr.coaching.sortable.mixin"]

    # The rating itself is stored in an administrators-only column; everyone else reads it through
    # ``performance_rating``, which hides it from the employee until the manager's feedback is published.
    performance_rating_raw = fields.Selection(
        PERFORMANCE_RATINGS,
        string="Stored Performance Rating",
        copy=False,
        groups="base.group_system",
    )
    performance_rating = fields.Selection(
        PERFORMANCE_RATINGS,
        compute="_compute_performance_rating",
        inverse="_inverse_performance_rating",
        search="_search_performance_rating",
        help="Set by the manager. The employee sees it once the manager's feedback is published; "
        "colleagues never do.",
    )
    previous_appraisal_id = fields.Many2one(
        "hr.appraisal",
        compute="_compute_coaching_history",
        help="The employee's previous done appraisal.",
    )
    previous_appraisal_date = fields.Date(
        compute="_compute_coaching_history",
        string="Since Appraisal",
        help="The closing date of the employee's previous done appraisal: the coaching history starts the next day.",
    )
    previous_performance_rating = fields.Selection(
        PERFORMANCE_RATINGS, compute="_compute_rating_change", string="Previous Rating"
    )
    rating_change = fields.Integer(
        compute="_compute_rating_change",
        help="This rating minus the previous one; empty when there is no previous rating.",
    )
    coaching_session_ids = fields.Many2many(
        "hr.coaching.session",
        compute="_compute_coaching_history",
        string="Coaching History",
        help="The employee's done coaching sessions after the previous appraisal and up to this one.",
    )
    coaching_session_count = fields.Integer(compute="_compute_coaching_history", string="Coaching Sessions")
    coaching_goal_ids = fields.Many2many(
        "hr.coaching.goal",
        compute="_compute_coaching_goal_ids",
        string="Goals",
        help="The development goals discussed in the period's talks, achieved, dropped or still active.",
    )
    commitment_kept_rate = fields.Float(
        compute="_compute_coaching_history",
        string="Commitments Kept (%)",
        digits=(16, 1),
        help="Kept commitments out of the commitments reviewed in the period's sessions.",
    )

    # ------------------------------------------------------------------ computes

    @api.depends("performance_rating_raw", "manager_feedback_published")
    @api.depends_context("uid")
    def _compute_performance_rating(self):
        ratings = self._visible_ratings()
        for appraisal in self:
            appraisal.performance_rating = ratings.get(appraisal._origin.id, False)

    def _inverse_performance_rating(self):
        if not self.env.su:
            # sudo: one query checks the user's relation to the appraisals, whatever their own record rules.
            allowed = self.sudo()._search(expression.AND([[("id", "in", self.ids)], self._rating_writer_domain()]))
            if set(self.ids) - set(allowed):
                raise AccessError(self.env._("Only the employee's managers can rate the appraisal."))
        for appraisal in self:
            # sudo: the stored column is restricted; the check above allowed this user to rate.
            stored = appraisal.sudo()
            changed = stored.performance_rating_raw not in (False, appraisal.performance_rating)
            if appraisal.state == "3_done" and changed:
                raise UserError(
                    self.env._(
                        "The appraisal of %(employee)s is done: reopen it to change the rating.",
                        employee=appraisal.employee_id.name,
                    )
                )
            stored.performance_rating_raw = appraisal.performance_rating

    def _search_performance_rating(self, operator, value):
        # sudo: the stored column is restricted and employees cannot search hr.employee;
        # the visibility domain re-applies the user's right to see each rating.
        visible = self.sudo()._search(
            expression.AND([[("performance_rating_raw", operator, value)], self._rating_visible_domain()])
        )
        return [("id", "in", visible)]

    @api.depends("performance_rating", "previous_appraisal_id")
    @api.depends_context("uid")
    def _compute_rating_change(self):
        ratings = self._visible_ratings(self | self.previous_appraisal_id)
        for appraisal in self:
            current = ratings.get(appraisal._origin.id)
            previous = ratings.get(appraisal.previous_appraisal_id.id)
            appraisal.previous_performance_rating = previous or False
            appraisal.rating_change = int(current) - int(previous) if current and previous else 0

    @api.depends("coaching_session_ids")
    @api.depends_context("uid")
    def _compute_coaching_goal_ids(self):
        # With the user's own rules, in one search for the batch: the goals they may read.
        goals = self.env["hr.coaching.goal"].search([("session_ids", "in", self.coaching_session_ids.ids)])
        for appraisal in self:
            appraisal.coaching_goal_ids = goals.filtered(
                lambda goal, appraisal=appraisal: goal.session_ids & appraisal.coaching_session_ids
            )

    @api.model
    def _coaching_done_appraisals_sql(self):
        """The done appraisals, each with the previous and the next done appraisal of the same employee (by closing
        date, then id), as SQL for a ``WITH``: the periods of Coaching vs Performance and of Coaching Impact, defined
        once. The ratings are the stored ones (text, as the selection holds them)."""
        return SQL(
            """SELECT a.id,
                      a.employee_id,
                      a.company_id,
                      a.date_close,
                      a.manager_feedback_published,
                      a.performance_rating_raw AS rating,
                      LAG(a.performance_rating_raw) OVER w AS previous_rating,
                      LAG(a.date_close) OVER w AS previous_date,
                      LEAD(a.date_close) OVER w AS next_date
                 FROM hr_appraisal a
                WHERE a.state = '3_done' AND a.active
               WINDOW w AS (PARTITION BY a.employee_id ORDER BY a.date_close, a.id)"""
        )

    @api.depends("employee_id", "date_close", "state")
    @api.depends_context("uid")
    def _compute_coaching_history(self):
        """One search per model for the whole batch: previous done appraisals, done sessions, reviewed outcomes."""
        appraisals = self.filtered(lambda a: a.employee_id and a.date_close)
        for appraisal in self - appraisals:
            appraisal.previous_appraisal_id = False
            appraisal.previous_appraisal_date = False
            appraisal.coaching_session_ids = False
            appraisal.coaching_session_count = 0
            appraisal.commitment_kept_rate = 0.0
        if not appraisals:
            return
        employees = appraisals.employee_id
        last_close = max(appraisals.mapped("date_close"))
        done = self.search_fetch(
            [("employee_id", "in", employees.ids), ("state", "=", "3_done"), ("date_close", "<=", last_close)],
            ["employee_id", "date_close"],
            order="date_close, id",
        )
        done_by_employee = defaultdict(list)
        for other in done:
            done_by_employee[other.employee_id.id].append(other)
        previous_of = {}
        for appraisal in appraisals:
            key = (appraisal.date_close, appraisal._origin.id or 0)
            previous_of[appraisal] = next(
                (
                    other
                    for other in reversed(done_by_employee[appraisal.employee_id.id])
                    if other != appraisal._origin and (other.date_close, other.id) < key
                ),
                self.browse(),
            )
        # sudo: one search for the whole batch; _coaching_readable_domain() keeps exactly the sessions the
        # record rules let this user read.
        sessions = (
            self.env["hr.coaching.session"]
            .sudo()
            .search_fetch(
                expression.AND(
                    [
                        [
                            ("employee_id", "in", employees.ids),
                            ("state", "=", "done"),
                            ("date_scheduled", "<", self._day_start(last_close + timedelta(days=1))),
                        ],
                        self._coaching_readable_domain(),
                    ]
                ),
                ["employee_id", "date_scheduled", "active"],  # active: read by the x2many value, spares a fetch
                order="date_scheduled, id",
            )
            .with_env(self.env)
        )
        sessions_by_employee = defaultdict(list)
        for session in sessions:
            sessions_by_employee[session.employee_id.id].append(session)
        outcomes = defaultdict(lambda: [0, 0])  # session id -> [kept, reviewed]
        # sudo: whoever reads a session reads the commitments reviewed in it (the same rules).
        for session, outcome, count in (
            self.env["hr.coaching.commitment"]
            .sudo()
            ._read_group(
                [("review_session_id", "in", sessions.ids), ("outcome", "!=", False)],
                ["review_session_id", "outcome"],
                ["__count"],
            )
        ):
            outcomes[session.id][1] += count
            if outcome == "kept":
                outcomes[session.id][0] += count
        for appraisal in appraisals:
            previous = previous_of[appraisal]
            start = previous and self._day_start(previous.date_close + timedelta(days=1))
            end = self._day_start(appraisal.date_close + timedelta(days=1))
            in_period = [
                session
                for session in sessions_by_employee[appraisal.employee_id.id]
                if (not start or session.date_scheduled >= start) and session.date_scheduled < end
            ]
            kept = sum(outcomes[session.id][0] for session in in_period)
            reviewed = sum(outcomes[session.id][1] for session in in_period)
            appraisal.previous_appraisal_id = previous
            appraisal.previous_appraisal_date = previous.date_close
            appraisal.coaching_session_ids = [session.id for session in in_period]
            appraisal.coaching_session_count = len(in_period)
            appraisal.commitment_kept_rate = 100.0 * kept / reviewed if reviewed else 0.0

    def init(self):
        # The signals cron reads the appraisals written since its last run, then the history of their employees.
        create_index(self.env.cr, "hr_appraisal_write_date_index", self._table, ["write_date"])
        create_index(self.env.cr, "hr_appraisal_employee_id_index", self._table, ["employee_id"])

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self._is_rating_officer():
            own = self.env.user._coaching_own_employee_ids()
            for vals in vals_list:
                if vals.get("employee_id") in own and vals.keys() & MANAGER_FIELDS:
                    raise AccessError(
                        self.env._("On your own appraisal you write your feedback; the rest is your managers'.")
                    )
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
            rated = vals.get("performance_rating") or vals.get("performance_rating_raw")
            if vals.get("state") == "3_done" and company.coaching_require_rating and not rated:
                raise UserError(self.env._("Give a performance rating before marking the appraisal done."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and vals.keys() - EMPLOYEE_WRITABLE_FIELDS and not self._is_rating_officer():
            # hr_appraisal_oca lets the appraised employee write her whole appraisal: she would publish her managers'
            # feedback, and with it her rating. She writes her own feedback; the rest is her raters'. sudo: whose
            # appraisal it is, whatever the user may read of hr.employee.
            if self.sudo().filtered(lambda appraisal: appraisal.employee_id.user_id == self.env.user):
                raise AccessError(
                    self.env._("On your own appraisal you write your feedback; the rest is your managers'.")
                )
        rated = vals.get("performance_rating") or vals.get("performance_rating_raw")
        if vals.get("state") == "3_done" and not rated:
            # sudo: the stored rating is restricted; only its presence is checked here.
            unrated = self.sudo().filtered(
                lambda a: a.company_id.coaching_require_rating and not a.performance_rating_raw
            )
            if unrated:
                raise UserError(
                    self.env._(
                        "Give a performance rating before marking the appraisal done: %(employees)s.",
                        employees=", ".join(unrated.employee_id.mapped("name")),
                    )
                )
        if vals.get("state") == "3_done" and "performance_rating" in vals:
            # The rating is set first: a done appraisal refuses a new rating.
            super().write({"performance_rating": vals["performance_rating"]})
            vals = {fname: value for fname, value in vals.items() if fname != "performance_rating"}
        return super().write(vals)

    def _read_format(self, fnames, load="_classic_read"):
        # hr_appraisal_oca shows the appraised employee her managers' feedback before they publish it: its text is
        # hidden from her until then, as the rating is.
        result = super()._read_format(fnames, load)
        if "manager_feedback" in fnames and not self.env.su:
            hidden = set(self._coaching_unpublished_own()._ids)
            for values in result:
                if values["id"] in hidden:
                    values["manager_feedback"] = False
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su and any(
            isinstance(leaf, list | tuple) and str(leaf[0]).split(".")[0] == "manager_feedback" for leaf in domain
        ):
            # A search on the managers' feedback does not find the text of one's own before it is published.
            domain = [
                "|",
                ("manager_feedback_published", "=", True),
                ("employee_id.user_id", "!=", self.env.uid),
                *domain,
            ]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _coaching_unpublished_own(self):
        """The appraisals of ``self`` that are the current user's own, with the managers' feedback not published."""
        if self._is_rating_officer():
            return self.browse()
        # sudo: whose appraisal it is and whether it is published, whatever the user may read of hr.employee.
        return self.sudo().filtered(
            lambda appraisal: appraisal.employee_id.user_id == self.env.user
            and not appraisal.manager_feedback_published
        )

    def _read_group_groupby(self, groupby_spec, query):
        self._coaching_check_feedback_grouping(groupby_spec)
        return super()._read_group_groupby(groupby_spec, query)

    def _read_group_select(self, aggregate_spec, query):
        self._coaching_check_feedback_grouping(aggregate_spec)
        return super()._read_group_select(aggregate_spec, query)

    def _coaching_check_feedback_grouping(self, spec):
        """The managers' feedback is text, hidden from the appraised employee until published: a grouping or an
        aggregate would show it (its value is the group's), so only the raters' officers group by it."""
        if spec.split(":")[0].split(".")[0] == "manager_feedback" and not self.env.su and not self._is_rating_officer():
            raise AccessError(
                self.env._(
                    "%(field)s cannot be used to sort or group %(model)s.",
                    field=self._fields["manager_feedback"]._description_string(self.env),
                    model=self._description,
                )
            )

    # ------------------------------------------------------------------ actions

    def action_open_coaching_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_session_action")
        action.update(
            name=self.env._("Coaching of %(employee)s", employee=self.employee_id.name),
            domain=[("id", "in", self.coaching_session_ids.ids)],
            context={"default_employee_id": self.employee_id.id, "create": False},
            view_mode="list,form",
            views=[(False, "list"), (False, "form")],
        )
        return action

    # ------------------------------------------------------------------ business methods

    @staticmethod
    def _day_start(day):
        """Sessions are placed in an appraisal period by their date in UTC, the database's own time."""
        return datetime.combine(day, time.min)

    def _coaching_readable_domain(self):
        """The coaching sessions this user may read, as one domain with the session record rules' terms:
        their own, those they coach, those of the people they manage, all for coaching officers; always
        within the user's companies."""
        domain = [("company_id", "in", self.env.companies.ids)]
        user = self.env.user
        if self.env.su or user._is_coaching_officer():
            return domain
        return [
            *domain,
            "|",
            "|",
            ("employee_id.user_id", "=", user.id),
            ("coach_id.user_id", "=", user.id),
            ("employee_id", "in", user._coaching_managed_subquery()),
        ]

    def _is_rating_officer(self):
        user = self.env.user
        return user.has_group("hr_appraisal_oca.group_appraisal_hr_officer") or user._is_coaching_officer()

    def _rating_writer_domain(self):
        """Who rates: those who coach the employee (the managers above, the designated coach), officers; never the
        employee. The appraisal's own ``manager_ids`` grant nothing: hr_appraisal_oca lets any user edit them."""
        user = self.env.user
        if self._is_rating_officer():
            return [("employee_id.user_id", "!=", user.id)]
        return [("employee_id", "in", user._coaching_managed_subquery())]

    def _rating_visible_domain(self):
        """Who reads a rating: the raters (the employee's managers, the officers), and the rated employee once the
        manager's feedback is published. Never a colleague, whatever their appraisal groups let them read."""
        if self.env.su:
            return []
        own_published = [("employee_id.user_id", "=", self.env.uid), ("manager_feedback_published", "=", True)]
        return expression.OR([own_published, self._rating_writer_domain()])

    def _visible_ratings(self, appraisals=None):
        """Return {appraisal id: rating} for the ratings the current user may read, in one query."""
        appraisals = (appraisals if appraisals is not None else self)._origin
        if not appraisals.ids:
            return {}
        domain = expression.AND([[("id", "in", appraisals.ids)], self._rating_visible_domain()])
        # sudo: the stored column is restricted; the domain above keeps only the ratings this user may read.
        visible = self.sudo().with_context(active_test=False).search_fetch(domain, ["performance_rating_raw"])
        return {appraisal.id: appraisal.performance_rating_raw for appraisal in visible}
