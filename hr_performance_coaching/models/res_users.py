from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

# The relations that give coaching access (docs/security.md): HR sets them, never the employee herself. The
# department sets the employee's manager (hr.employee's parent_id follows its manager).
COACHING_RELATIONS = {"coach_id", "employee_parent_id", "department_id"}


class ResUsers(models.Model):
    """Who coaches whom, defined once.

    A user coaches the employees strictly below their own employees in the *Manager* chain (``parent_id``) and the
    employees whose designated *Coach* (``coach_id``, Odoo's own field) is one of their employees; coaching officers
    coach everyone of their companies. The record rules and the Python checks all use
    ``_coaching_managed_domain`` or its SQL form ``_coaching_managed_subquery``, so that they cannot disagree.
    Nobody coaches themselves, and the relations are HR's to set: Employee Editing does not reach them.
    """

    _inherit = "res.users"

    coaching_show_questions = fields.Boolean(
        string="Show Coaching Questions",
        help="Show the template's questions beside the GROW sections of the talks this user holds.",
    )

    def write(self, vals):
        # Employee Editing (hr.hr_employee_self_edit) lets a user write her own employee's fields through her user;
        # the manager, the department (which sets the manager) and the coach give access to coaching records, so only
        # HR sets them (docs/security.md).
        if COACHING_RELATIONS & vals.keys() and not self.env.su and not self.env.user.has_group("hr.group_hr_user"):
            raise AccessError(
                self.env._("Your manager, department and coach are set by HR: ask an HR officer to change them.")
            )
        return super().write(vals)

    def _is_coaching_officer(self):
        self.ensure_one()
        return self.has_group("hr_performance_coaching.group_coaching_officer")

    def _coaching_managed_domain(self, path="id", designated=True):
        """The employees this user manages, as a domain on ``path``, a field holding hr.employee ids.

        This is the form of the record rules, which Odoo evaluates in SQL and in Python (``filtered_domain``): the
        ids of ``_coaching_managed_subquery``, read in one query. Odoo keeps the rules' domains in its cache
        (``ir.rule._compute_domain``), so that a request checks who coaches whom once, not at each use of a rule
        (a ``child_of`` costs a query per level of the hierarchy each time a rule is applied, a third of the
        queries of a talk's form and saves); a re-organisation clears that cache (``hr.employee``'s create, write
        and unlink of ``COACHING_HIERARCHY_FIELDS``), so it counts at once. With ``designated=False``, only the
        managers above count: the private notes' history is theirs, and a designated coach reads the notes of the
        talks he holds only. With no employee it matches nothing.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT id FROM %s AS managed ORDER BY id", self._coaching_managed_subquery(designated=designated))
        )
        return [(path, "in", [employee_id for [employee_id] in self.env.cr.fetchall()])]

    def _coaching_own_employee_ids(self, archived=False):
        """The user's own employees, from whom the domain starts: their active employees in every company, as the
        SQL form reads them inside its query. (``employee_ids`` keeps to the companies of the request, and reads
        archived ones when the context does: the two forms would then disagree.) With ``archived``, the archived
        ones too: ``('employee_id.user_id', '=', user.id)`` of a record rule (her talks stay hers once archived),
        as a list PostgreSQL finds by the index of ``employee_id`` even inside the ``OR`` of several rules, where a
        subquery would have it read every row of the table."""
        self.ensure_one()
        # sudo: whose employees these are is answered whatever the user may read of hr.employee.
        Employee = self.env["hr.employee"].sudo().with_context(active_test=not archived)
        return Employee.search([("user_id", "=", self.id)], order="id").ids

    def _coaching_managed_subquery(self, designated=True):
        """The employees this user manages, as one SQL subquery for ``(field, 'in', ...)``: those strictly below
        the user's own employees in the *Manager* chain and, unless ``designated=False``, those whose designated
        *Coach* is one of them; never the user's own employees (nobody coaches themselves).

        Searches over many records walk the tree inside their own query with this. The test of who coaches whom
        checks that it and ``_coaching_managed_domain`` give the same employees, also after a re-organisation.
        """
        self.ensure_one()
        # The query reads the hierarchy from the database: pending changes of it must be there first.
        self.env["hr.employee"].flush_model(["parent_id", "coach_id", "user_id", "active"])
        coached = SQL(
            """ UNION
                SELECT e.id FROM hr_employee e JOIN mine m ON e.coach_id = m.id
                 WHERE e.id NOT IN (SELECT id FROM mine)"""
        )
        # The user's own employees as _coaching_own_employee_ids has them (active ones, every company), read inside
        # the same query.
        return SQL(
            """(WITH RECURSIVE mine(id) AS (
                    SELECT id FROM hr_employee WHERE user_id = %(uid)s AND active
                ), below(id) AS (
                    SELECT e.id FROM hr_employee e JOIN mine m ON e.parent_id = m.id
                     UNION
                    SELECT e.id FROM hr_employee e JOIN below b ON e.parent_id = b.id
                )
                SELECT id FROM below WHERE id NOT IN (SELECT id FROM mine)%(coached)s)""",
            uid=self.id,
            coached=coached if designated else SQL(""),
        )

    def _coaching_manages(self, employees):
        """The part of ``employees`` this user coaches as a manager or an officer, in one query."""
        self.ensure_one()
        if not employees or self._is_coaching_officer():
            return employees
        self.env["hr.employee"].flush_model(["parent_id", "coach_id", "user_id", "active"])
        # As a search of the employees would: archived ones only when the context reads them, no record not saved
        # yet (a NewId is false).
        self.env.cr.execute(
            self._coaching_managed_among(
                [employee_id for employee_id in employees.ids if employee_id],
                archived=not employees.env.context.get("active_test", True),
            )
        )
        managed = {employee_id for [employee_id] in self.env.cr.fetchall()}
        return employees.filtered(lambda employee: employee.id in managed)

    def _coaching_managed_among(self, employee_ids, archived=False):
        """The part of ``employee_ids`` this user manages, as one SQL query: ``_coaching_managed_subquery`` asked
        about a few employees. It walks up from them (their managers, theirs, ...: as many rows as the hierarchy has
        levels) instead of down from the user: a director of 5,000 people checks one talk's employee in a
        millisecond, not by listing his whole organisation (issue 23, a big tenant). Both forms say the same, by
        the same definition (the test of who coaches whom checks it, also after a re-organisation): strictly below
        the user's own active employees in the *Manager* chain, or whose designated *Coach* is one of them; never
        one of them. Archived employees of ``employee_ids`` count only with ``archived``."""
        return SQL(
            """WITH RECURSIVE mine(id) AS (
                    SELECT id FROM hr_employee WHERE user_id = %(uid)s AND active
               ), above(employee_id, id) AS (
                    SELECT e.id, e.parent_id FROM hr_employee e
                     WHERE e.id = ANY(%(ids)s) AND (e.active OR %(archived)s) AND e.parent_id IS NOT NULL
                     UNION
                    SELECT a.employee_id, e.parent_id FROM above a JOIN hr_employee e ON e.id = a.id
                     WHERE e.parent_id IS NOT NULL
               )
               SELECT a.employee_id FROM above a JOIN mine m ON m.id = a.id
                UNION
               SELECT e.id FROM hr_employee e JOIN mine m ON e.coach_id = m.id
                WHERE e.id = ANY(%(ids)s) AND (e.active OR %(archived)s)
                EXCEPT
               SELECT id FROM mine""",
            uid=self.id,
            ids=list(employee_ids),
            archived=archived,
        )

    def _coaching_plans_talks(self):
        """True for a coaching officer and for a manager with someone below them: they plan talks."""
        self.ensure_one()
        # sudo: whether the user has reports is answered whatever they may read of hr.employee.
        return self._is_coaching_officer() or bool(
            self.env["hr.employee"].sudo().search_count(self._coaching_managed_domain(), limit=1)
        )

    def _coaching_check_manages(self, employees):
        """Refuse, in words, unless this user coaches each of ``employees``."""
        if outside := employees - self._coaching_manages(employees):
            raise AccessError(
                self.env._(
                    "Only the managers of %(employee)s and the coaching officers can do this.",
                    employee=outside[0].name,
                )
            )
