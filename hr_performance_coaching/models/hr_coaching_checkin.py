from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_index, format_date

from .hr_coaching_mixin_tools import check_selection_values, internal_write, lock_batch

# Both scales read the same way: the lower, the worse (a workload of 1 is too much, a feeling of 1 is low), so that
# a fall of either one is a fall of its mean (the check-in trend signal).
WORKLOAD_LEVELS = [
    ("1", "Overloaded"),
    ("2", "Heavy"),
    ("3", "Full"),
    ("4", "Comfortable"),
    ("5", "Light"),
]
FEELING_LEVELS = [
    ("1", "Very low"),
    ("2", "Low"),
    ("3", "Okay"),
    ("4", "Good"),
    ("5", "Great"),
]
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
CHECKIN_REMINDER = "hr_performance_coaching.mail_activity_type_coaching_checkin"
CHECKIN_CRON = "hr_performance_coaching.ir_cron_coaching_checkins"
# The reminder is withdrawn this many days after the check-in day: before the next week's.
REMINDER_DAYS = 6


def week_start(day):
    """The Monday of the week of ``day``."""
    return day - timedelta(days=day.weekday())


class HrCoachingCheckin(models.Model):
    """The employee's weekly check-in: her goals' progress, her workload, how she feels, what blocks her and what she
    wants from her coach, in under a minute.

    Hers to write, during its week only (a draft until she sends it, then still hers to correct until Sunday); the
    coach side reads the ones she sent, never writes; colleagues read nothing. One per employee and week: the weekly
    reminder cron makes the draft, with one line per active goal, or she opens it from My Coaching.
    """

    _name = "hr.coaching.checkin"
    _description = "Weekly Check-in"
    _inherit = ["hr.coaching.mixin"]
    _order = "date desc, id desc"
    _coaching_side_depends = ("employee_id",)
    _coaching_internal_fields = frozenset({"state"})

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.employee_id.id,
    )
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(string="Week of", required=True, readonly=True, index=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("draft", "To Fill"), ("done", "Sent")], required=True, default="draft", index=True, tracking=True
    )
    workload = fields.Selection(WORKLOAD_LEVELS, help="1: overloaded … 5: light.")
    feeling = fields.Selection(FEELING_LEVELS, string="How I Feel", help="1: very low … 5: great.")
    blocker = fields.Text(string="What Blocks Me")
    request = fields.Text(string="What I Want from My Coach")
    line_ids = fields.One2many("hr.coaching.checkin.line", "checkin_id", string="My Goals")
    can_edit = fields.Boolean(compute="_compute_can_edit", help="Her own check-in, of this week.")

    def init(self):
        # One check-in per employee and week, also with two cron workers at once.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS hr_coaching_checkin_week_uniq
               ON hr_coaching_checkin (employee_id, (date_trunc('week', date::timestamp)))"""
        )
        # The signals cron reads the check-ins written since its last run.
        create_index(self.env.cr, "hr_coaching_checkin_write_date_index", self._table, ["write_date"])
        create_index(self.env.cr, "hr_coaching_checkin_employee_date_index", self._table, ["employee_id", "date"])

    @api.depends("employee_id", "date")
    @api.depends_context("uid")
    def _compute_can_edit(self):
        own = set(self.env.user._coaching_own_employee_ids())
        monday = week_start(fields.Date.context_today(self))
        for checkin in self:
            checkin.can_edit = (
                checkin.employee_id.id in own and bool(checkin.date) and week_start(checkin.date) == monday
            )

    def _compute_display_name(self):
        for checkin in self:
            checkin.display_name = self.env._(
                "Check-in of %(employee)s, week of %(date)s",
                employee=checkin.employee_id.name,
                date=format_date(self.env, week_start(checkin.date)) if checkin.date else "",
            )

    # ------------------------------------------------------------------ CRUD

    def _coaching_coach_side(self):
        if self.env.su:
            return self
        managed = self.env.user._coaching_manages(self.employee_id)
        return self.filtered(lambda checkin: checkin.employee_id in managed)

    def _coaching_check_create(self, vals_list):
        for vals in vals_list:
            check_selection_values(self, vals)
        if self.env.su:
            return
        employee = self.env.user.employee_id
        if not employee:
            raise UserError(self.env._("You need an employee record to check in: ask HR to add you."))
        # The employee is her own (the guard refuses another one); the week is this one.
        if not employee.company_id.coaching_checkin:
            raise UserError(self.env._("Weekly check-ins are off in your company."))
        if self._coaching_week_checkin(employee):
            raise UserError(self.env._("You have already checked in this week: open it from My Coaching."))

    def _coaching_check_write(self, vals):
        check_selection_values(self, vals)
        if self.env.su:
            return
        # Access first: only she writes her check-in (the record rules), and only during its week.
        self.check_access("write")
        if self.filtered(lambda checkin: not checkin.can_edit):
            raise UserError(self.env._("A check-in of a past week stays as it was."))

    @api.model_create_multi
    def create(self, vals_list):
        checkins = super().create(vals_list)
        checkins._coaching_fill_lines()
        return checkins

    @api.model
    def _coaching_week_checkin(self, employee, day=None):
        """The check-in of ``employee`` for the week of ``day`` (today), whoever may read it."""
        monday = week_start(day or fields.Date.context_today(self))
        # sudo: whether she has checked in this week is answered to her, whose check-in it is.
        return (
            self.sudo()
            .search(
                [("employee_id", "=", employee.id), ("date", ">=", monday), ("date", "<", monday + timedelta(7))],
                limit=1,
            )
            .with_env(self.env)
        )

    def _coaching_fill_lines(self):
        """One line per active goal of the employee, with its progress: she moves the sliders that changed."""
        goals = (
            self.env["hr.coaching.goal"]
            .sudo()
            .search_fetch(
                [("employee_id", "in", self.employee_id.ids), ("state", "=", "active")],
                ["employee_id", "progress"],
                order="date_target, id",
            )
        )
        vals_list = [
            {"checkin_id": checkin.id, "goal_id": goal.id, "progress": goal.progress}
            for checkin in self
            for goal in goals
            if goal.employee_id == checkin.employee_id
        ]
        if vals_list:
            # sudo: the lines come with the check-in, of her own active goals; she writes their progress after.
            with internal_write():
                self.env["hr.coaching.checkin.line"].sudo().create(vals_list)

    # ------------------------------------------------------------------ actions

    def action_submit(self):
        """Send the check-in: the goals' progress goes to the goals, the reminder is done."""
        for checkin in self:
            if not checkin.can_edit:
                raise UserError(self.env._("Only your own check-in of this week can be sent."))
            if not checkin.workload or not checkin.feeling:
                raise UserError(self.env._("Say how your workload is and how you feel (1 to 5) before sending."))
        for line in self.line_ids:
            if line.goal_id.state == "active" and line.goal_id.progress != line.progress:
                line.goal_id.write({"progress": line.progress})
        with internal_write():
            self.write({"state": "done"})
        self.activity_feedback([CHECKIN_REMINDER])
        return True

    @api.model
    def action_open_mine(self):
        """This week's check-in of the current user, made when missing."""
        employee = self.env.user.employee_id
        if not employee:
            raise UserError(self.env._("You need an employee record to check in: ask HR to add you."))
        checkin = self._coaching_week_checkin(employee) or self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Weekly Check-in"),
            "res_model": self._name,
            "res_id": checkin.id,
            "view_mode": "form",
            "views": [(self.env.ref("hr_performance_coaching.hr_coaching_checkin_view_form").id, "form")],
            "target": "current",
            "context": {"form_view_initial_mode": "edit"},
        }

    # ------------------------------------------------------------------ the weekly reminder cron

    @api.model
    def _cron_remind_checkins(self, batch_size=2000, today=None):
        """On each company's check-in day, make the week's draft check-in of each of its employees with a user and
        remind her once; withdraw the reminders left unanswered for ``REMINDER_DAYS`` days. One batch per call.

        A draft of this week is the marker: a rerun skips who has one, a rolled back batch is done again. The
        batch's employees are locked with ``SKIP LOCKED``: a second worker passes them by, and the unique index
        keeps one check-in per employee and week. Returns the number of employees and reminders left.
        """
        today = today or fields.Date.context_today(self)
        withdrawn = self._coaching_withdraw_reminders(today, batch_size)
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("coaching_checkin", "=", True), ("coaching_checkin_weekday", "=", str(today.weekday()))])
        )
        done = 0
        if companies:
            employees = self._coaching_lock_due_employees(companies, today, batch_size)
            if employees:
                # sudo: the cron makes each employee's draft, which she then writes as hers.
                checkins = (
                    self.sudo()
                    .with_context(tracking_disable=True, mail_create_nosubscribe=True)
                    .create([{"employee_id": employee.id, "date": today} for employee in employees])
                )
                self.browse(checkins.ids)._coaching_schedule_reminders(
                    CHECKIN_REMINDER,
                    [
                        (checkin, checkin.employee_id.user_id, today, lambda checkin: checkin.env._("Weekly check-in"))
                        for checkin in checkins.with_env(self.env)
                    ],
                    notify=True,
                )
                done = len(employees)
        remaining = self._coaching_due_count(companies, today) + len(self._coaching_stale_reminders(today))
        self.env["ir.cron"]._notify_progress(done=done + withdrawn, remaining=remaining)
        return remaining

    @api.model
    def _coaching_due_sql(self, companies, today):
        monday = week_start(today)
        return SQL(
            """FROM hr_employee e
              WHERE e.active AND e.user_id IS NOT NULL AND e.company_id IN %(companies)s
                AND NOT EXISTS (SELECT 1 FROM hr_coaching_checkin c
                                 WHERE c.employee_id = e.id AND c.date >= %(monday)s AND c.date < %(sunday)s)""",
            companies=tuple(companies.ids),
            monday=monday,
            sunday=monday + timedelta(days=7),
        )

    @api.model
    def _coaching_lock_due_employees(self, companies, today, limit):
        self.flush_model()
        self.env["hr.employee"].flush_model(["active", "user_id", "company_id"])
        ids = lock_batch(
            self.env,
            SQL(
                "SELECT e.id %s ORDER BY e.id LIMIT %s FOR NO KEY UPDATE OF e SKIP LOCKED",
                self._coaching_due_sql(companies, today),
                limit,
            ),
            CHECKIN_CRON,
        )
        return self.env["hr.employee"].browse(ids)

    @api.model
    def _coaching_due_count(self, companies, today):
        if not companies:
            return 0
        self.flush_model()
        self.env.cr.execute(SQL("SELECT COUNT(*) %s", self._coaching_due_sql(companies, today)))
        return self.env.cr.fetchone()[0]

    @api.model
    def _coaching_stale_reminders(self, today, limit=None):
        """The check-in reminders due ``REMINDER_DAYS`` days ago or more, still open."""
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("activity_type_id", "=", self.env.ref(CHECKIN_REMINDER).id),
                    ("date_deadline", "<=", today - timedelta(days=REMINDER_DAYS)),
                ],
                limit=limit,
                order="id",
            )
        )

    @api.model
    def _coaching_withdraw_reminders(self, today, limit):
        stale = self._coaching_stale_reminders(today, limit)
        count = len(stale)
        # sudo: the reminders are the cron's own, assigned to each employee.
        stale.unlink()
        return count

    # ------------------------------------------------------------------ into the next talk

    def _coaching_summary(self):
        """The check-in in one line: its week, workload, feeling, blocker and request."""
        self.ensure_one()
        workloads = dict(self._fields["workload"]._description_selection(self.env))
        feelings = dict(self._fields["feeling"]._description_selection(self.env))
        # Outside the call of _(): the extractor of the terms reads no f-string there.
        workload = f"{self.workload} ({workloads[self.workload]})" if self.workload else "-"
        feeling = f"{self.feeling} ({feelings[self.feeling]})" if self.feeling else "-"
        text = self.env._(
            "%(checkin)s: workload %(workload)s, feeling %(feeling)s.",
            checkin=self.display_name,
            workload=workload,
            feeling=feeling,
        )
        if self.blocker:
            text += " " + self.env._("Blocker: %(text)s", text=self.blocker)
        if self.request:
            text += " " + self.env._("Request: %(text)s", text=self.request)
        return text

    def _coaching_target_session(self):
        """The planned talk of this check-in's employee named by the form (the talk's own guard checks the write)."""
        self.ensure_one()
        session_id = self.env.context.get("coaching_session_id")
        # Searched with the user's rights: a talk she may not read and a talk that does not exist get one answer.
        session = self.env["hr.coaching.session"].search(
            [
                ("id", "=", session_id if isinstance(session_id, int) and not isinstance(session_id, bool) else 0),
                ("employee_id", "=", self.employee_id.id),
                ("state", "=", "planned"),
            ],
            limit=1,
        )
        if not session:
            raise UserError(self.env._("Copy a check-in from the planned talk of the same employee."))
        return session

    def action_copy_to_reality(self):
        """Append this check-in to the Reality of the planned talk it is shown in."""
        session = self._coaching_target_session()
        session.write({"reality": (session.reality or Markup("")) + Markup("<p>%s</p>") % self._coaching_summary()})
        return True

    def action_add_to_agenda(self):
        """Put this check-in's blocker (else its request, else the check-in) on the agenda of the planned talk."""
        session = self._coaching_target_session()
        name = self.blocker or self.request or self._coaching_summary()
        self.env["hr.coaching.topic"].create({"session_id": session.id, "name": name.strip()})
        return True
