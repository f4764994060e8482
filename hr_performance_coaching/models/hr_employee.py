from odoo import api, fields, models
from odoo.exceptions import AccessError

COACHING_STATUSES = [("on_track", "On track"), ("due", "Due"), ("overdue", "Overdue")]


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "hr.coaching.sortable.mixin"]

    coaching_session_count = fields.Integer(compute="_compute_coaching_counts", string="Coaching Sessions Count")
    coaching_open_commitment_count = fields.Integer(compute="_compute_coaching_counts", string="Open Commitments Count")
    # Kept by the cadence engine (hr.coaching.cadence). Non-HR users read them through hr.employee.public,
    # which shows them to the employee's managers only. Fetched as a group of their own: with the other columns,
    # any read of an employee by a non-HR user (the Employees kanban) would compute them there for nothing.
    coaching_cadence_id = fields.Many2one("hr.coaching.cadence", readonly=True, copy=False, prefetch="coaching")
    last_coaching_date = fields.Date(string="Last Coaching", readonly=True, copy=False, prefetch="coaching")
    coaching_due_date = fields.Date(
        string="Coaching Due",
        readonly=True,
        copy=False,
        prefetch="coaching",
        help="When the next talk is due by the cadence rule.",
    )
    next_coaching_date = fields.Date(
        string="Next Coaching",
        readonly=True,
        copy=False,
        prefetch="coaching",
        help="The date of the planned talk when one is planned, otherwise when the next talk is due.",
    )
    coaching_status = fields.Selection(COACHING_STATUSES, readonly=True, copy=False, index=True, prefetch="coaching")
    # Markers of the cadence cron, written in the same transaction as its reminders: a rerun skips
    # what is done, a rolled back batch is done again.
    # Indexed: the cadence cron takes the employees not checked today, and counts them, on this column.
    coaching_checked_date = fields.Date(readonly=True, copy=False, index=True, groups="base.group_system")
    coaching_reminded_date = fields.Date(readonly=True, copy=False, groups="base.group_system")
    coaching_escalated_date = fields.Date(readonly=True, copy=False, groups="base.group_system")
    # OCA's appraisal rules read the managers above an employee from this field, which OCA recomputes only when
    # the employee's own manager changes: also recompute it when someone higher up moves.
    allowed_user_ids = fields.Many2many(recursive=True)

    # A change of these fields may change the cadence rule, the coach or the start of the cadence.
    COACHING_CADENCE_TRIGGERS = {"department_id", "job_id", "parent_id", "coach_id", "company_id", "active"}
    # A change of these fields changes who coaches whom (res.users._coaching_managed_domain), which the record
    # rules' domains in Odoo's cache hold: the cache is cleared, in every worker, so that it counts at once
    # (create, _write_multi, where every change reaches the database, recomputed ones too, and unlink).
    COACHING_HIERARCHY_FIELDS = {"parent_id", "coach_id", "user_id", "active"}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._coaching_check_self_appointment(vals)
        employees = super().create(vals_list)
        # The record rules' cached lists of who coaches whom (res.users._coaching_managed_domain) miss her.
        self.env.registry.clear_cache()
        # Statuses are current in the same request, not after tonight's cron.
        self.env["hr.coaching.cadence"]._coaching_refresh(employees)
        return employees

    def write(self, vals):
        self._coaching_check_self_appointment(vals)
        before = {
            employee: (employee.department_id, employee.parent_id, employee.job_id)
            for employee in self
            if {"department_id", "parent_id", "job_id"} & vals.keys()
        }
        result = super().write(vals)
        if hierarchy := self.COACHING_HIERARCHY_FIELDS & vals.keys():
            # At once (_write_multi clears the rules' cache): a search that follows takes the rules' domains from
            # the cache before it flushes. A duplicate user raises here as PostgreSQL's error, as in core.
            self.flush_recordset(list(hierarchy))
        if self.COACHING_CADENCE_TRIGGERS & vals.keys():
            self.env["hr.coaching.cadence"]._coaching_refresh(self)
        if before:
            self._coaching_detect_key_events(before)
        return result

    def unlink(self):
        result = super().unlink()
        # Their reports lose their manager (ondelete set null), their user her employee.
        self.env.registry.clear_cache()
        return result

    def _write_multi(self, vals_list):
        # Every change of the hierarchy reaches the database here, the recomputed ones too (a department's new
        # manager becomes its employees' manager): the record rules' cached lists of who coaches whom
        # (res.users._coaching_managed_domain) are cleared.
        if any(self.COACHING_HIERARCHY_FIELDS & vals.keys() for vals in vals_list):
            self.env.registry.clear_cache()
        return super()._write_multi(vals_list)

    def _coaching_check_self_appointment(self, vals):
        """HR names the managers and coaches of others, not itself: an HR officer who is not a coaching officer does
        not make himself someone's manager or coach, nor take over another employee's user, which would give him
        that person's coaching history (docs/security.md). Another HR officer or a coaching officer does it."""
        if self.env.su or not {"parent_id", "coach_id", "user_id"} & vals.keys():
            return
        user = self.env.user
        if user._is_coaching_officer():
            return
        mine = user._coaching_own_employee_ids()
        appointed = vals.get("parent_id") in mine or vals.get("coach_id") in mine
        # Taking over the user of an employee who coaches people (a manager, a coach) would give his history.
        taken = (
            vals.get("user_id") == user.id
            and self.ids
            and self.env["hr.employee"]
            .sudo()
            .search_count(["|", ("parent_id", "in", self.ids), ("coach_id", "in", self.ids)], limit=1)
        )
        if (mine and appointed) or taken:
            raise AccessError(
                self.env._(
                    "You cannot make yourself the manager or coach of an employee, nor take over their user: "
                    "ask another HR officer or a coaching officer."
                )
            )

    def _coaching_detect_key_events(self, before):
        """A new job, department or manager calls for a talk: a key event, through the wizard's own path.

        A job the company marks as a promotion raises ``promotion``; another job, a department or a manager
        raises ``role_change``. Each kind can be switched off in Settings.
        """
        events = {"promotion": self.browse(), "role_change": self.browse()}
        for employee, (department, manager, job) in before.items():
            company = employee.company_id
            if employee.job_id != job and employee.job_id:
                kind = "promotion" if employee.job_id.coaching_promotion else "role_change"
            elif employee.department_id != department or employee.parent_id != manager:
                kind = "role_change"
            else:
                continue
            if kind == "promotion" and not company.coaching_detect_promotion:
                kind = "role_change"
            if kind == "role_change" and not company.coaching_detect_role_change:
                continue
            events[kind] |= employee
        Signal = self.env["hr.coaching.signal"]
        for kind, employees in events.items():
            if employees:
                # sudo: HR records the move; the signal is for the coach, whom HR need not be.
                Signal.sudo()._coaching_log_key_event(employees, kind)

    @api.depends("parent_id", "parent_id.user_id", "parent_id.allowed_user_ids")
    def _compute_allowed_user_ids(self):
        return super()._compute_allowed_user_ids()

    def _compute_coaching_counts(self):
        sessions, commitments, _overdue = self._coaching_counts(self.ids)
        for employee in self:
            employee.coaching_session_count = sessions.get(employee.id, 0)
            employee.coaching_open_commitment_count = commitments.get(employee.id, 0)

    @api.model
    def _coaching_counts(self, employee_ids):
        """Sessions, open commitments and overdue open commitments per employee id, counted with the user's own
        access rules: the smart buttons show what the user can open. One grouped query per model."""
        sessions = self.env["hr.coaching.session"]._read_group(
            [("employee_id", "in", employee_ids)], ["employee_id"], ["__count"]
        )
        commitments = self.env["hr.coaching.commitment"]._read_group(
            [("employee_id", "in", employee_ids), ("state", "=", "open")],
            ["employee_id"],
            ["__count", "date_deadline:array_agg"],
        )
        today = fields.Date.context_today(self)
        return (
            {employee.id: count for employee, count in sessions},
            {employee.id: count for employee, count, _deadlines in commitments},
            {employee.id: sum(day < today for day in deadlines) for employee, _count, deadlines in commitments},
        )

    # ------------------------------------------------------------------ smart buttons

    def action_open_coaching_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_session_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id, "search_default_group_by_state": 0}
        return action

    def action_open_coaching_commitments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_commitment_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"search_default_filter_open": 1}
        return action

    def action_open_coaching_key_event(self):
        self.ensure_one()
        self.env.user._coaching_check_manages(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance_coaching.hr_coaching_key_event_wizard_action"
        )
        action["context"] = {"default_employee_id": self.id}
        return action

    # ------------------------------------------------------------------ delegations

    def _coaching_coach(self):
        """Who coaches this employee: their designated Coach (Odoo's ``coach_id``), else their manager."""
        if not self:
            return self
        self.ensure_one()
        coach = self.coach_id if self.coach_id != self else self.browse()
        return coach or (self.parent_id if self.parent_id != self else self.browse())

    def _coaching_log_key_event(self, event_type, note=False, date=False):
        """Raise a key event signal (promotion, role change, return from long leave, project milestone...).

        The documented entry point for other modules. The current user must manage the employees or be a
        coaching officer. An employee who already has an open key event signal gets the new event added to
        it, so there is never more than one. Returns the signals.
        """
        return self.env["hr.coaching.signal"]._coaching_log_key_event(self, event_type, note=note, date=date)

    def _coaching_refresh_cadence(self):
        """Refresh the cadence status of these employees now; see ``hr.coaching.cadence._coaching_refresh``."""
        self.env["hr.coaching.cadence"]._coaching_refresh(self)
