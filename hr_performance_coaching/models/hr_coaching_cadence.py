from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# How specific a scope is: the lowest level wins, ties go by sequence.
LEVEL_EMPLOYEE, LEVEL_JOB, LEVEL_DEPARTMENT, LEVEL_COMPANY_DEFAULT, LEVEL_DEFAULT = range(5)


class HrCoachingCadence(models.Model):
    _name = "hr.coaching.cadence"
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
        help="The rule applies to these employees first of all.",
    )
    job_ids = fields.Many2many("hr.job", "hr_coaching_cadence_job_rel", "cadence_id", "job_id", string="Job Positions")
    department_ids = fields.Many2many(
        "hr.department",
        "hr_coaching_cadence_department_rel",
        "cadence_id",
        "department_id",
        string="Departments",
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
                parts.append(self.env._("%(count)s employee(s)", count=len(rule.employee_ids)))
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
        rules = super().create(vals_list)
        self.env["hr.employee"]._coaching_reset_checked(rules._coaching_company_ids())
        return rules

    def write(self, vals):
        before = self._coaching_company_ids()
        result = super().write(vals)
        after = self._coaching_company_ids()
        self.env["hr.employee"]._coaching_reset_checked(None if before is None or after is None else before | after)
        return result

    def unlink(self):
        self.env["hr.employee"]._coaching_reset_checked(self._coaching_company_ids())
        return super().unlink()

    # ------------------------------------------------------------------ business methods

    def _coaching_company_ids(self):
        """The companies whose due dates these rules may change; None when a rule is shared by all."""
        if any(not rule.company_id for rule in self):
            return None
        return set(self.company_id.ids)

    def _next_date(self, start):
        """The due date of the next talk, one interval after ``start``."""
        self.ensure_one()
        return start + relativedelta(**{self.interval_type: self.interval_number})

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
