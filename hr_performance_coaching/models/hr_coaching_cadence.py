from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, html2plaintext

from .hr_coaching_mixin_tools import COACHING_DUE, check_numbers, check_selection_values, lock_batch

# What an officer may type: a cadence of up to ten years, reminders and grace of up to a year.
NUMBER_LIMITS = {"interval_number": 3650, "reminder_days": 365, "grace_days": 365}

# How specific a scope is: the lowest level wins, ties go by sequence.
LEVEL_EMPLOYEE, LEVEL_JOB, LEVEL_DEPARTMENT, LEVEL_COMPANY_DEFAULT, LEVEL_DEFAULT = range(5)


class HrCoachingCadence(models.Model):
    """A cadence rule, and the cadence engine: which rule applies to whom, when their next talk is due, and the
    daily cron that keeps the employees' coaching status, reminds the coaches and escalates neglected talks."""

    _name = "hr.coaching.cadence"
    # The chatter tells HR what the cron could not do with a rule.
    _inherit = ["hr.coaching.scope.mixin", "mail.thread"]
    _description = "Coaching Cadence Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        "hr_coaching_cadence_employee_rel",
        "cadence_id",
        "employee_id",
        string="Employees",
        check_company=True,
        # Which employees a rule names is HR's business, not every colleague's (docs/security.md).
        groups="hr.group_hr_user,hr_performance_coaching.group_coaching_officer",
        help="The rule applies to these employees first of all.",
    )
    job_ids = fields.Many2many(
        "hr.job", "hr_coaching_cadence_job_rel", "cadence_id", "job_id", string="Job Positions", check_company=True
    )
    department_ids = fields.Many2many(
        "hr.department",
        "hr_coaching_cadence_department_rel",
        "cadence_id",
        "department_id",
        string="Departments",
        check_company=True,
        help="A department also covers its sub-departments.",
    )
    interval_number = fields.Integer(string="Every", required=True, default=1)
    interval_type = fields.Selection(
        [("days", "Days"), ("weeks", "Weeks"), ("months", "Months")],
        string="Unit",
        required=True,
        default="months",
    )
    reminder_days = fields.Integer(
        string="Remind",
        default=3,
        help="How many days before the due date the coach is reminded.",
    )
    grace_days = fields.Integer(
        string="Grace",
        default=7,
        help="How many days after the due date before the neglected talk is escalated.",
    )
    template_id = fields.Many2one(
        "hr.coaching.template",
        string="Question Template",
        check_company=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
        help="The question template of the sessions this rule plans.",
    )
    is_default = fields.Boolean(
        compute="_compute_is_default",
        search="_search_is_default",
        string="Company Default",
        help="A rule without employees, jobs or departments applies to everyone else in the company.",
    )
    scope_description = fields.Char(compute="_compute_scope_description", string="Applies to")

    @api.depends("employee_ids", "job_ids", "department_ids")
    def _compute_is_default(self):
        for rule in self:
            rule.is_default = not (rule.employee_ids or rule.job_ids or rule.department_ids)

    def _search_is_default(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(self.env._("“Company Default” can only be searched as true or false."))
        empty = [("employee_ids", "=", False), ("job_ids", "=", False), ("department_ids", "=", False)]
        positive = (operator == "=") == bool(value)
        return empty if positive else ["!", "&", "&", *empty]

    @api.depends("employee_ids", "job_ids", "department_ids")
    def _compute_scope_description(self):
        for rule in self:
            parts = []
            if rule.employee_ids:
                count = len(rule.employee_ids)
                parts.append(
                    self.env._("%(count)s employee", count=count)
                    if count == 1
                    else self.env._("%(count)s employees", count=count)
                )
            if rule.job_ids:
                parts.append(", ".join(rule.job_ids.mapped("name")))
            if rule.department_ids:
                parts.append(", ".join(rule.department_ids.mapped("name")))
            rule.scope_description = "; ".join(parts) or self.env._("Everyone (company default)")

    @api.constrains("interval_number", "reminder_days", "grace_days")
    def _check_numbers(self):
        for rule in self:
            if rule.interval_number <= 0:
                raise ValidationError(
                    self.env._(
                        "The cadence “%(name)s” needs an interval of at least 1 day, week or month.", name=rule.name
                    )
                )
            if rule.reminder_days < 0 or rule.grace_days < 0:
                raise ValidationError(
                    self.env._(
                        "The reminder and grace days of “%(name)s” cannot be negative.",
                        name=rule.name,
                    )
                )

    @api.constrains("company_id", "employee_ids", "job_ids", "department_ids")
    def _check_scope_company(self):
        for rule in self:
            if not rule.company_id:
                continue
            scope = [*rule.employee_ids, *rule.job_ids, *rule.department_ids]
            foreign = [record for record in scope if record.company_id and record.company_id != rule.company_id]
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The cadence “%(name)s” belongs to %(company)s but its scope includes %(records)s "
                        "of another company.",
                        name=rule.name,
                        company=rule.company_id.name,
                        records=", ".join(foreign_record.display_name for foreign_record in foreign),
                    )
                )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_selection_values(self, vals)
            check_numbers(self, vals, NUMBER_LIMITS)
        rules = super().create(vals_list)
        self._coaching_reset_checked(rules._coaching_company_ids())
        return rules

    def write(self, vals):
        check_selection_values(self, vals)
        check_numbers(self, vals, NUMBER_LIMITS)
        before = self._coaching_company_ids()
        result = super().write(vals)
        after = self._coaching_company_ids()
        self._coaching_reset_checked(None if before is None or after is None else before | after)
        return result

    def unlink(self):
        self._coaching_reset_checked(self._coaching_company_ids())
        return super().unlink()

    # ------------------------------------------------------------------ the rule

    def _coaching_company_ids(self):
        """The companies whose due dates these rules may change; None when a rule is shared by all."""
        if any(not rule.company_id for rule in self):
            return None
        return set(self.company_id.ids)

    def _next_date(self, start):
        """The due date of the next talk, one interval after ``start``."""
        self.ensure_one()
        return start + relativedelta(**{self.interval_type: self.interval_number})

    def _status(self, due_date, today):
        """On track, due (within the reminder days before ``due_date``) or overdue."""
        self.ensure_one()
        if today > due_date:
            return "overdue"
        if today >= due_date - timedelta(days=self.reminder_days):
            return "due"
        return "on_track"

    def _is_neglected(self, due_date, today):
        """The one escalation rule: the talk due on ``due_date`` has not happened and the grace days are over."""
        self.ensure_one()
        return (today - due_date).days > self.grace_days

    def _coaching_check_rule(self):
        """Raise, in HR's words, what keeps this rule from applying as saving it would check: a record of its scope
        or its template that belongs to another company (it may have moved since), a constraint."""
        self.ensure_one()
        foreign = [
            field._description_string(self.env)
            for field in self._fields.values()
            if field.relational
            and field.check_company
            and field.comodel_name != "res.company"
            and any(record.company_id and record.company_id != self.company_id for record in self.sudo()[field.name])
        ]
        if foreign:
            raise UserError(self.env._("it names records of another company in %(fields)s.", fields=", ".join(foreign)))
        self._validate_fields(self._fields)

    def _coaching_in_hr_lang(self):
        """The rule in the language of who last changed it: HR, who reads what the cron says of it."""
        return self.with_context(lang=self.write_uid.lang or self.env.user.lang)

    @api.model
    def _coaching_rules_for(self, employees):
        """Map each employee id to the rule that applies: employee, then job, then department, then default.

        Reads every candidate rule once and the department trees once per rule, so the cost does not grow
        with the number of employees beyond one pass in Python.
        """
        if not employees:
            return {}
        companies = employees.company_id
        rules = self.search([("company_id", "in", [*companies.ids, False])])
        if not rules:
            return {}
        default_by_company = {company.id: company.coaching_cadence_id for company in companies}
        by_employee, by_job, by_department, defaults = (defaultdict(list) for _i in range(4))
        for rule in rules:
            if rule.employee_ids:
                for employee_id in rule.employee_ids.ids:
                    by_employee[employee_id].append(rule)
            if rule.job_ids:
                for job_id in rule.job_ids.ids:
                    by_job[job_id].append(rule)
            if rule.department_ids:
                covered = (
                    self.env["hr.department"]
                    .with_context(active_test=False)
                    ._search([("id", "child_of", rule.department_ids.ids)])
                )
                for department_id in covered:
                    by_department[department_id].append(rule)
            if rule.is_default:
                defaults[False].append(rule)

        result = {}
        for employee in employees:
            company = employee.company_id
            candidates = []
            for level, matches in (
                (LEVEL_EMPLOYEE, by_employee.get(employee.id, ())),
                (LEVEL_JOB, by_job.get(employee.job_id.id, ()) if employee.job_id else ()),
                (LEVEL_DEPARTMENT, by_department.get(employee.department_id.id, ()) if employee.department_id else ()),
            ):
                candidates += [(level, rule) for rule in matches if rule.company_id in (company, rule.browse())]
                if candidates:
                    break
            if not candidates:
                for rule in defaults[False]:
                    if rule.company_id in (company, rule.browse()):
                        level = LEVEL_COMPANY_DEFAULT if rule == default_by_company.get(company.id) else LEVEL_DEFAULT
                        candidates.append((level, rule))
            if candidates:
                best = min(candidates, key=lambda candidate: (candidate[0], candidate[1].sequence, candidate[1].id))
                result[employee.id] = best[1]
        return result

    # ------------------------------------------------------------------ the engine

    @api.model
    def _coaching_compute(self, employees, today):
        """Map employee id to (rule, last done date, due date, status, next talk date), with a few grouped queries.

        The next talk is the first planned talk's date, else the due date. An employee never coached is due the
        company's onboarding days after joining: their first contract's start when ``hr_contract`` is installed,
        else their creation.
        """
        rules = self._coaching_rules_for(employees)
        # Archived talks count: closed talks are archived, never deleted, and they did take place.
        last_done = dict(
            self.env["hr.coaching.session"]
            .with_context(active_test=False)
            ._read_group(
                [("employee_id", "in", employees.ids), ("state", "=", "done")], ["employee_id"], ["date_scheduled:max"]
            )
        )
        # The first planned talk, and the first one its coach booked (a talk the cron placed is not yet booked).
        first_planned, first_booked = {}, {}
        for employee, booked, first in self.env["hr.coaching.session"]._read_group(
            [("employee_id", "in", employees.ids), ("state", "=", "planned")],
            ["employee_id", "coaching_booked"],
            ["date_scheduled:min"],
        ):
            first_planned[employee] = min(first_planned.get(employee, first), first)
            if booked:
                first_booked[employee] = first
        contract_field = "first_contract_date" if "first_contract_date" in employees._fields else None
        result = {}
        for employee in employees:
            rule = rules.get(employee.id)
            last = last_done.get(employee)
            last = last and last.date()
            planned = first_planned.get(employee)
            planned = planned and planned.date()
            booked = first_booked.get(employee)
            booked = booked and booked.date()
            if not rule:
                result[employee.id] = (rule, last, False, False, planned or False)
                continue
            if last:
                due_date = rule._next_date(last)
            else:
                # A new hire's first talk comes after the company's onboarding days, not one whole interval.
                joined = (contract_field and employee[contract_field]) or employee.create_date.date()
                due_date = joined + timedelta(days=employee.company_id.coaching_onboarding_days)
            status = self._coaching_status_with_talk(rule._status(due_date, today), booked, today)
            result[employee.id] = (rule, last, due_date, status, planned or due_date)
        return result

    @api.model
    def _coaching_status_with_talk(self, status, booked, today):
        """The status shown with the first talk its coach booked (its date, or None): a talk on the calendar from
        today on means the coaching is not overdue, only due."""
        return "due" if status == "overdue" and booked and booked >= today else status

    @api.model
    def _coaching_refresh(self, employees, today=None):
        """Refresh the cadence fields of ``employees`` now: after a talk is planned, moved, closed or cancelled, and
        after an employee is created or moved.

        Reminders and escalations wait for the cron.
        """
        # sudo: the statuses count every talk of the employees, whoever changed them (HR moving an employee
        # cannot read the talks), and they are not the user's to write.
        engine = self.sudo()
        employees = employees.sudo().exists()
        if employees:
            engine._coaching_store(engine._coaching_compute(employees, today or fields.Date.context_today(self)))

    @api.model
    def _coaching_store(self, values, today=None, reminded=None, escalated=None):
        """Write the cadence fields (and the cron's markers) of many employees in one UPDATE.

        One statement instead of one ORM write per distinct value: the fields are read-only, untracked
        and nothing depends on them.
        """
        if not values:
            return
        Employee = self.env["hr.employee"]
        reminded, escalated = reminded or {}, escalated or {}
        Employee.flush_model()
        # One array parameter per column, unnested side by side, rather than one SQL fragment per employee.
        ids = list(values)
        cadences, lasts, dues, statuses, nexts = zip(*values.values(), strict=True)
        markers = SQL(
            """, coaching_checked_date = %s,
                 coaching_reminded_date = COALESCE(v.reminded, e.coaching_reminded_date),
                 coaching_escalated_date = COALESCE(v.escalated, e.coaching_escalated_date)""",
            today,
        )
        self.env.cr.execute(
            SQL(
                """UPDATE hr_employee e
                      SET coaching_cadence_id = v.cadence, last_coaching_date = v.last, coaching_due_date = v.due,
                          next_coaching_date = v.next, coaching_status = v.status %s
                     FROM unnest(%s::int[], %s::int[], %s::date[], %s::date[], %s::varchar[], %s::date[], %s::date[],
                                 %s::date[]) AS v(id, cadence, last, due, status, next, reminded, escalated)
                    WHERE e.id = v.id""",
                markers if today else SQL(""),
                ids,
                [rule.id if rule else None for rule in cadences],
                [last or None for last in lasts],
                [due or None for due in dues],
                [status or None for status in statuses],
                [next_date or None for next_date in nexts],
                [reminded.get(employee_id) for employee_id in ids],
                [escalated.get(employee_id) for employee_id in ids],
            )
        )
        fnames = [
            "coaching_cadence_id",
            "last_coaching_date",
            "coaching_due_date",
            "next_coaching_date",
            "coaching_status",
        ]
        if today:
            fnames += ["coaching_checked_date", "coaching_reminded_date", "coaching_escalated_date"]
        Employee.browse(list(values)).invalidate_recordset(fnames)

    @api.model
    def _coaching_reset_checked(self, company_ids=None):
        """Let the cadence cron recheck these companies' employees today, and wake it up."""
        if company_ids is not None and not company_ids:
            return
        Employee = self.env["hr.employee"]
        Employee.flush_model(["coaching_checked_date"])
        query = SQL("UPDATE hr_employee SET coaching_checked_date = NULL WHERE coaching_checked_date IS NOT NULL")
        if company_ids is not None:
            query = SQL("%s AND company_id IN %s", query, tuple(company_ids))
        self.env.cr.execute(query)
        Employee.invalidate_model(["coaching_checked_date"])
        # sudo: triggering a cron is a technical act that any user changing a rule may cause.
        self.env.ref("hr_performance_coaching.ir_cron_coaching_cadence").sudo()._trigger()

    # ------------------------------------------------------------------ the cron

    @api.model
    def _cron_check_cadence(self, batch_size=2000, today=None):
        """Refresh the statuses, remind the coaches of due talks and escalate neglected ones, one batch per call.

        Each employee is marked checked in the same transaction as their reminders: a rerun skips what is done,
        a rolled back batch is done again. Returns the number of employees left for today.
        """
        today = today or fields.Date.context_today(self)
        Employee = self.env["hr.employee"]
        Employee.flush_model(["active", "coaching_checked_date", "parent_id"])
        # ir.cron already runs this job in one worker at a time. The row locks are for another entry point:
        # closing a talk refreshes the same employees' statuses (_coaching_refresh) while the cron runs, and
        # SKIP LOCKED lets the cron pass such an employee by instead of waiting; the next batch takes them.
        # "Not checked today" spelled so that the index on the checked date answers it (IS DISTINCT FROM is not).
        query = SQL(
            """SELECT id FROM hr_employee
                WHERE active
                  AND (coaching_checked_date < %(today)s OR coaching_checked_date > %(today)s
                       OR coaching_checked_date IS NULL)
             ORDER BY parent_id NULLS LAST, id
                LIMIT %(limit)s
                  FOR UPDATE SKIP LOCKED""",
            today=today,
            limit=batch_size,
        )
        employees = Employee.browse(lock_batch(self.env, query, "hr_performance_coaching.ir_cron_coaching_cadence"))
        if employees:
            self._coaching_process(employees, today)
        remaining = Employee.search_count(
            [
                "|",
                "|",
                ("coaching_checked_date", "<", today),
                ("coaching_checked_date", ">", today),
                ("coaching_checked_date", "=", False),
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(employees), remaining=remaining)
        return remaining

    @api.model
    def _coaching_process(self, employees, today):
        """Cadence work for one locked batch: statuses, one reminder per due talk, one escalation.

        A rule that cannot be applied (a record of another company, a ValidationError or UserError while its talks
        are planned, reminded or escalated) is skipped and reported on its chatter: its employees' statuses are
        kept, they are marked checked, and the other rules go on.
        """
        employees.fetch(["company_id", "job_id", "department_id", "parent_id", "create_date", "name"])
        values = self._coaching_compute(employees, today)
        broken = {}
        for rule in {rule for rule, *_rest in values.values() if rule}:
            try:
                rule._coaching_check_rule()
            except UserError:
                # Checked again in the words HR reads on the rule.
                try:
                    rule._coaching_in_hr_lang()._coaching_check_rule()
                except UserError as error:
                    broken[rule] = error.args[0]
        work = defaultdict(lambda: ([], []))
        for employee in employees:
            rule, _last, next_date, status, _next_talk = values[employee.id]
            if status not in ("due", "overdue") or rule in broken:
                continue
            to_remind, to_escalate = work[rule]
            if employee.coaching_reminded_date != next_date:
                to_remind.append((employee, rule, next_date))
            if (
                status == "overdue"
                and rule._is_neglected(next_date, today)
                and employee.coaching_escalated_date != next_date
            ):
                to_escalate.append((employee, next_date))
        # All rules at once; only when one of them fails, each on its own, to skip that one and go on with the others.
        try:
            with self.env.cr.savepoint():
                reminded, escalated, planned = self._coaching_act(
                    [item for to_remind, _to_escalate in work.values() for item in to_remind],
                    [item for _to_remind, to_escalate in work.values() for item in to_escalate],
                    today,
                )
        except UserError:
            reminded, escalated, planned = {}, {}, {}
            for rule, (to_remind, to_escalate) in work.items():
                try:
                    with self.env.cr.savepoint():
                        done = self._coaching_act(to_remind, to_escalate, today)
                except UserError as error:
                    broken[rule] = error.args[0]
                    continue
                for result, part in zip((reminded, escalated, planned), done, strict=True):
                    result.update(part)
        for employee_id, session in planned.items():
            # The next talk is the planned one, and the status agrees with it.
            rule, last, due_date, status, _next_talk = values[employee_id]
            talk = session.date_scheduled.date()
            if session.coaching_booked:
                status = self._coaching_status_with_talk(status, talk, today)
            values[employee_id] = (rule, last, due_date, status, talk)
        self._coaching_report(broken, today)
        self._coaching_store(values, today=today, reminded=reminded, escalated=escalated)

    @api.model
    def _coaching_act(self, to_remind, to_escalate, today):
        """Plan and remind the due talks of ``to_remind``, escalate the neglected ones of ``to_escalate`` that are
        not booked. Returns {employee id: due date reminded}, {employee id: date escalated} and {employee id: their
        planned talk}."""
        reminded, planned = self._coaching_remind(to_remind, today)
        # A talk its coach has booked is on the calendar: not neglected, whatever its date.
        booked = {employee_id for employee_id, session in planned.items() if session.coaching_booked}
        to_escalate = [(employee, due_date) for employee, due_date in to_escalate if employee.id not in booked]
        escalated = self.env["hr.coaching.signal"]._coaching_escalate(to_escalate, today)
        return reminded, escalated, planned

    @api.model
    def _coaching_report(self, broken, today):
        """Tell on each rule of ``broken`` {rule: reason} why the cron skipped it, once a day, in the words and the
        language of who last changed it."""
        since = datetime.combine(today, time.min)
        for rule, reason in broken.items():
            rule = rule._coaching_in_hr_lang()
            body = Markup("<p>%s</p><p>%s</p>") % (
                rule.env._(
                    "The cadence check of %(date)s skipped this rule: %(reason)s",
                    date=format_date(rule.env, today),
                    reason=reason,
                ),
                rule.env._(
                    "Its employees were not reminded, no talk was planned for them and none of theirs was escalated. "
                    "Once the rule is corrected, they are checked again."
                ),
            )
            told = rule.message_ids.filtered(
                lambda message, body=body: message.date >= since
                and html2plaintext(message.body) == html2plaintext(body)
            )
            if not told:
                rule.message_post(body=body, subtype_xmlid="mail.mt_note")

    @api.model
    def _coaching_remind(self, to_remind, today):
        """One reminder per due employee for their coach, on the planned talk (planned here when missing).

        Returns {employee id: due date reminded} and {employee id: their planned talk}.
        """
        if not to_remind:
            return {}, {}
        Session = self.env["hr.coaching.session"]
        reminder_type = COACHING_DUE
        planned = Session._coaching_plan_due(to_remind, today)
        # "Already reminded": the open coaching reminders of those talks, in one grouped query.
        already = {
            res_id
            for [res_id] in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", Session._name),
                    ("res_id", "in", [session.id for session in planned.values()]),
                    ("activity_type_id", "=", self.env.ref(reminder_type).id),
                ],
                ["res_id"],
            )
        }
        reminders = [
            (
                session,
                session.coach_id.user_id,
                next_date,
                lambda session: session.env._("Coach %(employee)s", employee=session.employee_id.name),
            )
            for employee, _rule, next_date in to_remind
            if (session := planned.get(employee.id)) and session.id not in already
        ]
        Session._coaching_schedule_reminders(reminder_type, reminders)
        return {employee.id: next_date for employee, _rule, next_date in to_remind}, planned
