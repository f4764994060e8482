import operator as py_operator
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .hr_coaching_signal import ACTIVE_STATES
from .hr_employee import COACHING_STATUSES

CADENCE_FIELDS = [
    "coaching_cadence_id",
    "last_coaching_date",
    "coaching_due_date",
    "next_coaching_date",
    "coaching_status",
]
FIRST_TALK_TEMPLATE = "hr_performance_coaching.hr_coaching_template_first_talk"
COUNT_OPERATORS = {
    "=": py_operator.eq,
    "!=": py_operator.ne,
    "<": py_operator.lt,
    "<=": py_operator.le,
    ">": py_operator.gt,
    ">=": py_operator.ge,
}


class HrEmployeePublic(models.Model):
    _name = "hr.employee.public"
    _inherit = ["hr.employee.public", "hr.coaching.sortable.mixin"]

    # Like core's manager-only fields, but for whoever coaches the employee: she reads her own cadence, those who
    # coach her (the managers above, her designated coach) read it, colleagues do not. Reading, searching and
    # grouping use the one set, _coaching_cadence_readable.
    coaching_cadence_id = fields.Many2one(
        "hr.coaching.cadence", compute="_compute_coaching_cadence", search="_search_coaching_cadence_id"
    )
    last_coaching_date = fields.Date(
        string="Last Coaching", compute="_compute_coaching_cadence", search="_search_last_coaching_date"
    )
    coaching_due_date = fields.Date(
        string="Coaching Due", compute="_compute_coaching_cadence", search="_search_coaching_due_date"
    )
    next_coaching_date = fields.Date(
        string="Next Coaching", compute="_compute_coaching_cadence", search="_search_next_coaching_date"
    )
    coaching_status = fields.Selection(
        COACHING_STATUSES, compute="_compute_coaching_cadence", search="_search_coaching_status"
    )
    coaching_can_manage = fields.Boolean(
        compute="_compute_coaching_can_manage", help="The user coaches this employee: a manager above or an officer."
    )
    coaching_session_count = fields.Integer(compute="_compute_coaching_counts", string="Coaching Sessions Count")
    coaching_open_commitment_count = fields.Integer(
        compute="_compute_coaching_counts", search="_search_coaching_open_commitment_count", string="Open Commitments"
    )
    coaching_overdue_commitment_count = fields.Integer(
        compute="_compute_coaching_counts",
        search="_search_coaching_overdue_commitment_count",
        string="Overdue Commitments",
        help="Open commitments whose deadline is past.",
    )
    coaching_open_signal_count = fields.Integer(
        compute="_compute_coaching_open_signal_count",
        search="_search_coaching_open_signal_count",
        string="Open Signals",
        help="Reasons to talk now that no talk has answered yet.",
    )
    coaching_needs_talk = fields.Boolean(
        string="Needs a Talk",
        compute="_compute_coaching_needs_talk",
        search="_search_coaching_needs_talk",
        help="No talk is planned, and the coaching is due or overdue, a signal is open, or there has been no talk yet.",
    )
    coaching_is_direct = fields.Boolean(
        string="Direct Report",
        compute="_compute_coaching_is_direct",
        help="The employee reports to the user directly. My Team lists them first.",
    )
    coaching_in_my_team = fields.Boolean(
        string="In My Team",
        compute="_compute_coaching_in_my_team",
        search="_search_coaching_in_my_team",
        help="The employee stands below the user in the Manager chain, directly or not.",
    )

    @api.model
    def _coaching_cadence_readable(self):
        """The employees whose coaching cadence the user reads, as one SQL subquery: their own (active) employees
        and the employees they coach, as the record rules define it (``res.users._coaching_managed_subquery``)."""
        return SQL(
            "(SELECT id FROM hr_employee WHERE user_id = %s AND active UNION %s)",
            self.env.uid,
            self.env.user._coaching_managed_subquery(),
        )

    @api.depends_context("uid")
    def _compute_coaching_cadence(self):
        # sudo: whose cadence the user reads is answered whatever they may read of hr.employee; the values are copied
        # for those only, as core copies its manager-only fields.
        Employee = self.env["hr.employee"].sudo()
        ids = [employee_id for employee_id in self._ids if isinstance(employee_id, int)]
        readable = set(Employee._search([("id", "in", ids), ("id", "in", self._coaching_cadence_readable())]))
        for employee in self:
            source = Employee.browse(employee._origin.id) if employee._origin.id in readable else None
            for fname in CADENCE_FIELDS:
                employee[fname] = source[fname] if source else False

    @api.depends_context("uid")
    def _compute_coaching_can_manage(self):
        managed = self.env.user._coaching_manages(self.employee_id)
        for employee in self:
            employee.coaching_can_manage = employee.employee_id in managed

    @api.depends_context("uid")
    def _compute_coaching_counts(self):
        sessions, commitments, overdue = self.env["hr.employee"]._coaching_counts(self.ids)
        for employee in self:
            employee.coaching_session_count = sessions.get(employee.id, 0)
            employee.coaching_open_commitment_count = commitments.get(employee.id, 0)
            employee.coaching_overdue_commitment_count = overdue.get(employee.id, 0)

    @api.depends_context("uid")
    def _compute_coaching_open_signal_count(self):
        # With the user's own access rules: only the managers above the employee and the officers read signals.
        groups = self.env["hr.coaching.signal"]._read_group(
            [("employee_id", "in", self.ids), ("state", "in", ACTIVE_STATES)], ["employee_id"], ["__count"]
        )
        signals = {employee.id: count for employee, count in groups}
        for employee in self:
            employee.coaching_open_signal_count = signals.get(employee.id, 0)

    @api.depends_context("uid")
    def _compute_coaching_in_my_team(self):
        team = set(
            self.with_context(active_test=False)._search([("id", "in", self.ids), ("coaching_in_my_team", "=", True)])
        )
        for employee in self:
            employee.coaching_in_my_team = employee.id in team

    @api.depends_context("uid")
    def _compute_coaching_needs_talk(self):
        needs = set(self._search([("id", "in", self.ids), ("coaching_needs_talk", "=", True)]))
        for employee in self:
            employee.coaching_needs_talk = employee.id in needs

    def _search_coaching_needs_talk(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Needs a Talk can only be searched as true or false."))
        # sudo: the statuses, talks and signals of the employees the user coaches (the subquery), whatever the user
        # may read of hr.employee; the talks and signals of others are not looked at.
        Employee = self.env["hr.employee"].sudo()
        # A talk its coach has booked answers the need; one the cadence placed by itself waits for the coach's time,
        # as the status does.
        planned = (
            self.env["hr.coaching.session"].sudo()._search([("state", "=", "planned"), ("coaching_booked", "=", True)])
        )
        signals = self.env["hr.coaching.signal"].sudo()._search([("state", "=", "open")])
        needing = Employee._search(
            [
                ("id", "in", self.env.user._coaching_managed_subquery()),
                ("id", "not in", planned.subselect("employee_id")),
                "|",
                "|",
                ("coaching_status", "in", ("due", "overdue")),
                ("last_coaching_date", "=", False),
                ("id", "in", signals.subselect("employee_id")),
            ]
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", needing)]

    @api.depends("parent_id")
    @api.depends_context("uid")
    def _compute_coaching_is_direct(self):
        mine = self.env.user.employee_ids
        for employee in self:
            employee.coaching_is_direct = bool(employee.parent_id) and employee.parent_id.id in mine.ids

    def _search_coaching_in_my_team(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("In My Team can only be searched as true or false."))
        positive = (operator == "=") == value
        # The employees the user coaches, as the record rules define it.
        return [("id", "in" if positive else "not in", self.env.user._coaching_managed_subquery())]

    def _search_coaching_count(self, model, domain, operator, value):
        """The employees whose number of ``model`` records matching ``domain``, as the user may read them,
        compares to ``value`` with ``operator``: in one grouped query."""
        compare = COUNT_OPERATORS.get(operator)
        if not compare or isinstance(value, bool) or not isinstance(value, int):
            raise UserError(self.env._("A count can only be compared with a whole number."))
        counts = dict(self.env[model]._read_group(domain, ["employee_id"], ["__count"]))
        if compare(0, value):
            # Employees with none match too: exclude those whose count does not.
            return [("id", "not in", [employee.id for employee, count in counts.items() if not compare(count, value)])]
        return [("id", "in", [employee.id for employee, count in counts.items() if compare(count, value)])]

    def _search_coaching_open_commitment_count(self, operator, value):
        return self._search_coaching_count("hr.coaching.commitment", [("state", "=", "open")], operator, value)

    def _search_coaching_overdue_commitment_count(self, operator, value):
        return self._search_coaching_count("hr.coaching.commitment", [("is_overdue", "=", True)], operator, value)

    def _search_coaching_open_signal_count(self, operator, value):
        return self._search_coaching_count("hr.coaching.signal", [("state", "in", ACTIVE_STATES)], operator, value)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        if fname == "coaching_is_direct":
            # Sorting My Team: the user's direct reports first.
            mine = tuple(self.env.user.employee_ids.ids) or (0,)
            return SQL("COALESCE(%s IN %s, FALSE)", SQL.identifier(alias, "parent_id"), mine)
        if fname != "coaching_status":
            return super()._field_to_sql(alias, fname, query, flush)
        # Grouping and sorting My Team by status: the status of the employees whose cadence the user reads, as it
        # is read, none for the others.
        return SQL(
            """(SELECT e.coaching_status FROM hr_employee e
                 WHERE e.id = %(id)s AND e.id IN %(readable)s)""",
            id=SQL.identifier(alias, "id"),
            readable=self._coaching_cadence_readable(),
            to_flush=self.env["hr.employee"]._fields["coaching_status"],
        )

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
        # Like core's manager-only searches: on the private model, among the employees whose cadence the user reads.
        # sudo: non-HR users cannot search hr.employee; the subquery keeps to those employees.
        employees = (
            self.env["hr.employee"]
            .sudo()
            ._search([("id", "in", self._coaching_cadence_readable()), (fname, operator, value)])
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

    def action_coaching_plan_talk(self):
        """Plan Talk: the employee's planned talk if there is one, else a new talk for them."""
        self.ensure_one()
        employee = self.employee_id
        self.env.user._coaching_check_manages(employee)
        planned = self.env["hr.coaching.session"].search(
            [("employee_id", "=", employee.id), ("state", "=", "planned")], order="date_scheduled, id", limit=1
        )
        action = {
            "type": "ir.actions.act_window",
            "res_model": "hr.coaching.session",
            "view_mode": "form",
            "views": [(self.env.ref("hr_performance_coaching.hr_coaching_session_view_form").id, "form")],
            "target": "current",
        }
        if planned:
            return {**action, "name": planned.display_name, "res_id": planned.id}
        # The session's own defaults fill in the coach and the time; a first talk proposes the First talk template.
        context = {"default_employee_id": employee.id}
        Session = self.env["hr.coaching.session"].with_context(active_test=False)
        first_talk = self.env.ref(FIRST_TALK_TEMPLATE, raise_if_not_found=False)
        if first_talk and not Session.search_count(
            [("employee_id", "=", employee.id), ("state", "=", "done")], limit=1
        ):
            context["default_template_id"] = first_talk.id
        return {**action, "name": self.env._("Plan a Talk"), "context": context}

    # ------------------------------------------------------------------ a new manager's first week

    @api.model
    def coaching_onramp(self):
        """What My Team's on-ramp shows the current user: whether to show it (he has direct reports and has never
        coached anyone), and the direct reports with no talk yet, each to plan a first talk with."""
        mine = self.env.user.employee_ids
        if not mine:
            return {"show": False, "reports": []}
        Session = self.env["hr.coaching.session"].with_context(active_test=False)
        # sudo: whether the user ever coached is about his own talks, also those HR archived.
        if Session.sudo().search_count([("coach_id", "in", mine.ids)], limit=1):
            return {"show": False, "reports": []}
        reports = self.search([("parent_id", "in", mine.ids), ("id", "not in", mine.ids)], order="name")
        talked = {
            employee.id for [employee] in Session._read_group([("employee_id", "in", reports.ids)], ["employee_id"])
        }
        reports = reports.filtered(lambda report: report.id not in talked)
        return {
            "show": bool(reports),
            "reports": [{"id": report.id, "name": report.name} for report in reports],
        }

    def action_coaching_plan_first_talk(self):
        """Plan a first talk with this report, this week, with the First talk template; open it. A talk already
        planned is opened instead."""
        self.ensure_one()
        employee = self.employee_id
        self.env.user._coaching_check_manages(employee)
        Session = self.env["hr.coaching.session"]
        talk = Session.search(
            [("employee_id", "=", employee.id), ("state", "=", "planned")], order="date_scheduled, id", limit=1
        )
        if not talk:
            coach = employee._coaching_coach() or self.env.user.employee_id
            today = fields.Date.context_today(self)
            talk = Session.create(
                {
                    "employee_id": employee.id,
                    "coach_id": coach.id,
                    "template_id": (
                        self.env.ref(FIRST_TALK_TEMPLATE, raise_if_not_found=False)
                        or self.env["hr.coaching.template"]._find_for_trigger("routine")
                    ).id,
                    # The next working day of the coach: this week, not when the cadence would have it.
                    "date_scheduled": Session._coaching_default_time(
                        employee, coach, today, day=today + timedelta(days=1)
                    ),
                }
            )
        return {
            "type": "ir.actions.act_window",
            "name": talk.display_name,
            "res_model": "hr.coaching.session",
            "res_id": talk.id,
            "views": [(self.env.ref("hr_performance_coaching.hr_coaching_session_view_form").id, "form")],
            "target": "current",
        }
