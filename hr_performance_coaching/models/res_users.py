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

        This is the form of the record rules, which Odoo evaluates in SQL and in Python (``filtered_domain``): a
        list of ids (``_coaching_managed_ids``), which PostgreSQL finds by the index of ``path`` even inside the
        ``OR`` of several rules, where a subquery would have it read every row of the table (a director's talks
        among 500,000). With ``designated=False``, only the managers above count: the private notes' history is
        theirs, and a designated coach reads the notes of the talks he holds only. With no employee it matches
        nothing. The rules' domains are cached per user (``ir.rule._compute_domain``): hr.employee clears that
        cache when someone's manager, coach, user or archiving changes, so a re-organisation counts at once.
        """
        self.ensure_one()
        return [(path, "in", self._coaching_managed_ids(designated))]

    def _coaching_managed_ids(self, designated=True):
        """The ids of the employees strictly below this user's employees in the *Manager* chain (archived ones
        too, as ``child_of``), and with ``designated`` of the employees whose *Coach* is one of them; never the
        user's own employees."""
        self.ensure_one()
        mine = self.employee_ids.ids
        if not mine:
            return []
        # The query reads the hierarchy from the database: pending changes of it must be there first.
        self.env["hr.employee"].flush_model(["parent_id", "coach_id", "user_id", "active"])
        coached = SQL("UNION SELECT id FROM hr_employee WHERE coach_id = ANY(%s)", mine) if designated else SQL()
        self.env.cr.execute(
            SQL(
                """WITH RECURSIVE below(id) AS (
                        SELECT id FROM hr_employee WHERE parent_id = ANY(%(mine)s)
                         UNION
                        SELECT e.id FROM hr_employee e JOIN below b ON e.parent_id = b.id
                    )
                    SELECT id FROM below %(coached)s""",
                mine=mine,
                coached=coached,
            )
        )
        return sorted({row[0] for row in self.env.cr.fetchall()} - set(mine))

    def _coaching_own_employee_ids(self):
        """The ids of this user's employees, archived ones too: ``('employee_id.user_id', '=', user.id)`` of a record
        rule, as a list PostgreSQL finds by the index of ``employee_id`` (see ``_coaching_managed_domain``)."""
        self.ensure_one()
        # sudo: which employees are the user's is answered whatever they may read of hr.employee.
        return self.env["hr.employee"].sudo().with_context(active_test=False).search([("user_id", "=", self.id)]).ids

    def _coaching_managed_subquery(self):
        """The same employees as ``_coaching_managed_domain()``, as one SQL subquery for ``(field, 'in', ...)``.

        ``child_of`` costs one query per level of the hierarchy each time it is searched; searches over many
        records walk the tree inside their own query with this instead. The test of who coaches whom checks
        that both forms give the same employees, also after a re-organisation.
        """
        self.ensure_one()
        # The query reads the hierarchy from the database: pending changes of it must be there first.
        self.env["hr.employee"].flush_model(["parent_id", "coach_id", "user_id", "active"])
        # The user's employees as user.employee_ids has them (active ones), read inside the same query.
        return SQL(
            """(WITH RECURSIVE mine(id) AS (
                    SELECT id FROM hr_employee WHERE user_id = %(uid)s AND active
                ), below(id) AS (
                    SELECT e.id FROM hr_employee e JOIN mine m ON e.parent_id = m.id
                     UNION
                    SELECT e.id FROM hr_employee e JOIN below b ON e.parent_id = b.id
                )
                SELECT id FROM below WHERE id NOT IN (SELECT id FROM mine)
                 UNION
                SELECT e.id FROM hr_employee e JOIN mine m ON e.coach_id = m.id
                 WHERE e.id NOT IN (SELECT id FROM mine))""",
            uid=self.id,
        )

    def _coaching_manages(self, employees):
        """The part of ``employees`` this user coaches as a manager or an officer, in one query."""
        self.ensure_one()
        if not employees or self._is_coaching_officer():
            return employees
        if not self.employee_ids:
            return employees.browse()
        # sudo: who stands above whom is answered whatever the user may read of hr.employee.
        managed = set(
            employees.sudo()._search([("id", "in", employees.ids), ("id", "in", self._coaching_managed_subquery())])
        )
        return employees.filtered(lambda employee: employee.id in managed)

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
