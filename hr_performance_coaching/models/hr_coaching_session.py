from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import create_index, format_date, html2plaintext, is_html_empty

from .hr_coaching_mixin_tools import RATING_REQUEST
from .hr_coaching_session_meeting import _QUIET_PLANNING

TRIGGER_TYPES = [
    ("routine", "Routine"),
    ("key_event", "Key event"),
    ("anomaly", "Warning sign"),
    ("ad_hoc", "Ad hoc"),
]
GROW_STAGES = [
    ("goal", "Goal"),
    ("reality", "Reality"),
    ("options", "Options"),
    ("will", "Will"),
]
RATINGS = [
    ("1", "Not useful"),
    ("2", "Slightly useful"),
    ("3", "Useful"),
    ("4", "Very useful"),
    ("5", "Extremely useful"),
]


class HrCoachingSession(models.Model):
    _name = "hr.coaching.session"
    _description = "Coaching Session"
    # The talk's time and meeting, what its employee is told, and how it closes, live in their own files.
    _inherit = [
        "hr.coaching.mixin",
        "hr.coaching.session.calendar",
        "hr.coaching.session.mail",
        "hr.coaching.session.flow",
    ]
    _coaching_side_depends = ("employee_id", "coach_id")
    _order = "date_scheduled desc, id desc"
    _rec_names_search = ["name", "employee_id.name"]

    # Fields the coached employee may write on their own session.
    EMPLOYEE_WRITABLE_FIELDS = {"employee_prep", "employee_rating", "topic_ids"}
    # The status changes through action_done, action_cancel and action_reset; the meeting is booked here.
    _coaching_internal_fields = frozenset(
        {"state", "calendar_event_id", "date_closed", "coaching_booked", "coaching_prep_reminded", "signal_ids"}
    )
    # What the coach may still add to a closed talk during the company's amendment days.
    AMENDABLE_FIELDS = {"summary", "commitment_ids"}
    # Fields frozen once the talk is closed.
    CLOSED_LOCKED_FIELDS = {
        "name",
        "employee_id",
        "coach_id",
        "date_scheduled",
        "duration",
        "trigger_type",
        "template_id",
        "goal",
        "reality",
        "options",
        "will",
        "summary",
        "commitment_ids",
        "goal_ids",
        "private_note",
        "note_ids",
        "employee_prep",
        "topic_ids",
        "review_commitment_ids",
    }

    def _default_template_id(self):
        return self.env["hr.coaching.template"]._find_for_trigger(
            self.env.context.get("default_trigger_type", "routine")
        )

    name = fields.Char(
        string="Title",
        tracking=True,
        help="An optional title. Without one, the talk is named after the employee and its date, in the reader's "
        "language and date format.",
    )
    active = fields.Boolean(default=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        # No check_company: company_id is taken from the employee, so on a new session it is still
        # empty and the generated company domain would offer no employee at all.
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    coach_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_coach_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    # Computed rather than related: searched (the filter My Sessions) as the employees' ids, see _search_user_of.
    coach_user_id = fields.Many2one(
        "res.users", compute="_compute_user_ids", search="_search_coach_user_id", compute_sudo=True
    )
    employee_user_id = fields.Many2one(
        "res.users", compute="_compute_user_ids", search="_search_employee_user_id", compute_sudo=True
    )
    department_id = fields.Many2one(
        "hr.department", related="employee_id.department_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        "res.company",
        related="employee_id.company_id",
        store=True,
        index=True,
        precompute=True,
    )
    date_scheduled = fields.Datetime(
        string="Date",
        required=True,
        tracking=True,
        index=True,
        compute="_compute_date_scheduled",
        store=True,
        readonly=False,
        precompute=True,
        help="Proposed for a new talk: the employee's next due date, or the next working day, at 10:00 in the "
        "coach's working hours.",
    )
    date_closed = fields.Datetime(string="Closed on", readonly=True, copy=False)
    date_sort = fields.Float(
        compute="_compute_date_sort",
        store=True,
        precompute=True,
        help="Orders the kanban columns: planned talks soonest first, the others latest first.",
    )
    duration = fields.Float(default=1.0, help="Length of the talk, in hours.")
    trigger_type = fields.Selection(TRIGGER_TYPES, string="Occasion", required=True, default="routine", tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    template_id = fields.Many2one(
        "hr.coaching.template",
        string="Question Template",
        default=_default_template_id,
        check_company=True,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    goal = fields.Html(sanitize_style=True)
    reality = fields.Html(sanitize_style=True)
    options = fields.Html(sanitize_style=True)
    will = fields.Html(sanitize_style=True)
    goal_questions = fields.Html(compute="_compute_stage_questions", string="Goal prompts")
    reality_questions = fields.Html(compute="_compute_stage_questions", string="Reality prompts")
    options_questions = fields.Html(compute="_compute_stage_questions", string="Options prompts")
    will_questions = fields.Html(compute="_compute_stage_questions", string="Will prompts")
    show_questions = fields.Boolean(
        compute="_compute_show_questions",
        help="Whether the form shows the template's questions beside the GROW sections: always for the employee, "
        "for the coach side as each user chose with Use Questions as Prompts.",
    )
    summary = fields.Html(help="What was learned and the next steps.")
    commitment_ids = fields.One2many("hr.coaching.commitment", "session_id", copy=False)
    review_commitment_ids = fields.One2many(
        "hr.coaching.commitment",
        "review_session_id",
        string="Commitments to Review",
        copy=False,
        help="Open commitments from earlier talks, reviewed at the start of this one.",
    )
    open_commitment_count = fields.Integer(compute="_compute_commitment_counts")
    review_pending_count = fields.Integer(compute="_compute_commitment_counts")
    # Technical: the note is read and written as private_note, through the note's own record rules.
    note_ids = fields.One2many(
        "hr.coaching.session.note", "session_id", string="Private Notes", groups="base.group_system"
    )
    private_note = fields.Html(
        compute="_compute_private_note",
        inverse="_inverse_private_note",
        search="_search_private_note",
        help="Only the coach and the employee's managers can read this note.",
    )
    is_coached_employee = fields.Boolean(
        compute="_compute_is_coached_employee", help="The current user is the coached employee: they rate the talk."
    )
    employee_prep = fields.Html(
        string="Employee Preparation",
        help="What the employee wants to talk about, written before the talk.",
    )
    employee_rating = fields.Selection(
        RATINGS,
        string="Usefulness",
        help="How useful the employee found this talk, given after it is done.",
    )
    signal_ids = fields.One2many("hr.coaching.signal", "session_id", string="Signals")
    goal_ids = fields.Many2many(
        "hr.coaching.goal",
        "hr_coaching_goal_session_rel",
        "session_id",
        "goal_id",
        string="Goals",
        copy=False,
        help="The employee's development goals this talk is about.",
    )
    # The employee's last done talk before this one, shown while it is planned: where this one starts.
    previous_session_id = fields.Many2one("hr.coaching.session", string="Last Talk", compute="_compute_previous")
    previous_date = fields.Datetime(string="Last Talk on", compute="_compute_previous")
    previous_will = fields.Html(string="Last Will", compute="_compute_previous")
    previous_summary = fields.Html(string="Last Summary", compute="_compute_previous")
    can_amend = fields.Boolean(
        compute="_compute_can_amend",
        help="The talk is closed, but its coach may still add to the summary and add commitments for a few days.",
    )
    topic_ids = fields.One2many("hr.coaching.topic", "session_id", string="Agenda", copy=False)
    recurrence_weeks = fields.Integer(
        string="Repeat Every",
        help="Keep a rhythm: when this talk closes, the next one is booked this many weeks later, on the same "
        "weekday at the same time, with the points not covered on its agenda. 0: no rhythm.",
    )
    coaching_booked = fields.Boolean(
        readonly=True,
        copy=False,
        help="The meeting is booked and the employee invited. A talk the cadence planned by itself is booked once "
        "its coach sets the time.",
    )
    coaching_prep_reminded = fields.Boolean(
        readonly=True, copy=False, help="The employee was reminded to prepare this talk (once)."
    )
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", copy=False, ondelete="set null", readonly=True
    )

    # ------------------------------------------------------------------ computes

    @api.depends("name", "employee_id", "date_scheduled")
    @api.depends_context("lang", "tz")
    def _compute_display_name(self):
        # Generated when shown, in the reader's language and date format: never stored in the creator's.
        # The wording is translated and each date formatted once per batch: a batch of talks (a list, the reminders
        # of the cadence cron) shares a few dates.
        wording = self.env._("Coaching of %(employee)s on %(date)s")
        dates = {}
        for session in self:
            if session.name:
                session.display_name = session.name
            elif session.employee_id and session.date_scheduled:
                moment = session.date_scheduled
                if moment not in dates:
                    dates[moment] = format_date(self.env, fields.Datetime.context_timestamp(self, moment))
                session.display_name = wording % {"employee": session.employee_id.name, "date": dates[moment]}
            else:
                session.display_name = self.env._("New coaching session")

    @api.depends("employee_id", "coach_id")
    def _compute_date_scheduled(self):
        today = fields.Date.context_today(self)
        for session in self:
            # Proposed while the talk is being planned; a saved talk keeps the time it has.
            if session._origin.id and session.date_scheduled:
                session.date_scheduled = session.date_scheduled
                continue
            employee = session.employee_id
            coach = session.coach_id or employee._coaching_coach() or self.env.user.employee_id
            session.date_scheduled = self._coaching_default_time(employee, coach, today)

    @api.depends("state", "date_scheduled")
    def _compute_date_sort(self):
        for session in self:
            stamp = session.date_scheduled.timestamp() if session.date_scheduled else 0.0
            session.date_sort = stamp if session.state == "planned" else -stamp

    @api.depends("employee_id", "date_scheduled", "state")
    @api.depends_context("uid")
    def _compute_previous(self):
        planned = self.filtered(lambda session: session.state == "planned" and session.employee_id)
        # Archived talks count: a closed talk is archived, never deleted, and it did take place.
        done = self.with_context(active_test=False).search_fetch(
            [("employee_id", "in", planned.employee_id.ids), ("state", "=", "done")],
            ["employee_id", "date_scheduled", "will", "summary"],
            order="date_scheduled desc, id desc",
        )
        for session in self:
            moment = session.date_scheduled or fields.Datetime.now()
            previous = next(
                (
                    talk
                    for talk in done
                    if session in planned and talk.employee_id == session.employee_id and talk.date_scheduled <= moment
                ),
                self.browse(),
            )
            session.previous_session_id = previous
            session.previous_date = previous.date_scheduled
            session.previous_will = previous.will
            session.previous_summary = previous.summary

    @api.depends("state", "date_closed", "company_id.coaching_amend_days")
    @api.depends_context("uid")
    def _compute_can_amend(self):
        coach_side = self._coaching_coach_side()
        for session in self:
            session.can_amend = session in coach_side and session._coaching_in_amend_days()

    @api.depends("employee_id")
    def _compute_coach_id(self):
        for session in self:
            if session.employee_id and (not session.coach_id or session.coach_id == session.employee_id):
                session.coach_id = session.employee_id._coaching_coach()

    @api.depends("template_id", "template_id.question_ids")
    def _compute_stage_questions(self):
        for session in self:
            questions = session.template_id.question_ids
            for stage, _label in GROW_STAGES:
                session[f"{stage}_questions"] = questions.filtered(
                    lambda q, stage=stage: q.stage == stage
                )._as_prompt_html()

    @api.depends_context("uid")
    @api.depends("is_coach_side")
    def _compute_show_questions(self):
        shown = self.env.user.coaching_show_questions
        for session in self:
            session.show_questions = shown or not session.is_coach_side

    @api.depends("commitment_ids.state", "review_commitment_ids.state", "review_commitment_ids.outcome")
    def _compute_commitment_counts(self):
        # Counting as superuser spares the record rules' hierarchy queries: whoever reads a session
        # may read its commitments, the rules of both models being the same.
        Commitment = self.env["hr.coaching.commitment"].sudo()
        open_counts = dict(
            Commitment._read_group(
                [("session_id", "in", self.ids), ("state", "=", "open")], ["session_id"], ["__count"]
            )
        )
        pending_counts = dict(
            Commitment._read_group(
                [
                    ("review_session_id", "in", self.ids),
                    ("state", "=", "open"),
                    ("outcome", "=", False),
                ],
                ["review_session_id"],
                ["__count"],
            )
        )
        for session in self:
            session.open_commitment_count = open_counts.get(session, 0)
            session.review_pending_count = pending_counts.get(session, 0)

    @api.depends_context("uid")
    def _compute_private_note(self):
        # The notes are searched with the user's own record rules: a note the user may not
        # read never reaches the cache, whatever the path (read, export, onchange).
        notes = self.env["hr.coaching.session.note"].search([("session_id", "in", self.ids)])
        note_by_session = {note.session_id.id: note.note for note in notes}
        for session in self:
            session.private_note = note_by_session.get(session.id, False)

    def _inverse_private_note(self):
        # Access first: the note is the talk's coach's and the managers' above (docs/security.md); only then is it
        # looked up, with the user's own rules, which let them read it.
        if self - self._coaching_note_side():
            raise AccessError(self.env._("Only the coach and the employee's managers can write the private note."))
        Note = self.env["hr.coaching.session.note"]
        notes = Note.search([("session_id", "in", self.ids)])
        note_by_session = {note.session_id: note for note in notes}
        to_create = []
        for session in self:
            if session in note_by_session:
                note_by_session[session].note = session.private_note
            elif not is_html_empty(session.private_note):
                to_create.append({"session_id": session.id, "note": session.private_note})
        if to_create:
            Note.create(to_create)

    @api.depends("coach_id.user_id", "employee_id.user_id")
    def _compute_user_ids(self):
        for session in self:
            session.coach_user_id = session.coach_id.user_id
            session.employee_user_id = session.employee_id.user_id

    def _search_coach_user_id(self, operator, value):
        return self._search_user_of("coach_id", operator, value)

    def _search_employee_user_id(self, operator, value):
        return self._search_user_of("employee_id", operator, value)

    def _search_user_of(self, fname, operator, value):
        """``fname.user_id`` (``operator``, ``value``), with the employees of the given users as a list of ids, which
        PostgreSQL finds by the index of ``fname`` also inside an OR (the filter My Sessions: a subquery there had it
        read every talk of the company, issue 23)."""
        if operator in ("=", "in") and value and not isinstance(value, str):
            # sudo: whose employees these are is answered whatever the user may read of hr.employee; the talks
            # found are still those the record rules let the user read.
            Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
            return [(fname, "in", Employee.search([("user_id", operator, value)]).ids)]
        return [(f"{fname}.user_id", operator, value)]

    def _search_private_note(self, operator, value):
        if operator not in ("=", "!=", "like", "ilike", "not like", "not ilike", "=like", "=ilike") or not (
            isinstance(value, str) or value is False
        ):
            raise UserError(self.env._("The private note can only be searched for a text."))
        notes = self.env["hr.coaching.session.note"]._search([("note", operator, value)])
        return [("id", "in", notes.subselect("session_id"))]

    @api.depends("employee_id.user_id")
    @api.depends_context("uid")
    def _compute_is_coached_employee(self):
        for session in self:
            session.is_coached_employee = session.employee_id.user_id == self.env.user

    # ------------------------------------------------------------------ constraints

    @api.constrains("duration")
    def _check_duration(self):
        for session in self:
            if not 0 < session.duration <= 24:
                raise ValidationError(
                    self.env._(
                        "A coaching talk lasts between a few minutes and 24 hours, not %(hours)s hours.",
                        hours=session.duration,
                    )
                )

    @api.constrains("recurrence_weeks")
    def _check_recurrence_weeks(self):
        if self.filtered(lambda session: not 0 <= session.recurrence_weeks <= 52):
            raise ValidationError(self.env._("A rhythm books the next talk every 1 to 52 weeks (0: no rhythm)."))

    @api.constrains("employee_id", "goal_ids")
    def _check_goals(self):
        self.goal_ids._check_same_employee()

    @api.constrains("employee_id", "coach_id")
    def _check_coach(self):
        for session in self:
            if session.coach_id and session.coach_id == session.employee_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot coach themselves: choose another coach.",
                        employee=session.employee_id.name,
                    )
                )

    def init(self):
        # The signals cron reads the talks written since its last run (hr.coaching.signal._cron_detect_signals).
        create_index(self.env.cr, "hr_coaching_session_write_date_index", self._table, ["write_date"])
        # The sessions kanban's columns (one per state, in the view's order): a director's column of done talks reads
        # its first cards along this index instead of sorting all the talks he may read (issue 23).
        create_index(
            self.env.cr, "hr_coaching_session_state_date_sort_index", self._table, ["state", "date_sort", "id"]
        )

    # ------------------------------------------------------------------ CRUD

    def _coaching_check_create(self, vals_list):
        for vals in vals_list:
            self._check_selection_values(vals)
            if vals.get("state", "planned") != "planned" or vals.get("date_closed"):
                raise ValidationError(self.env._("A coaching session starts planned: close it with its buttons."))
            if not self.env.su and (vals.get("employee_prep") or vals.get("employee_rating")):
                # The employee's own fields: she prepares and rates on her talk, nobody does it for her.
                raise AccessError(self.env._("The employee writes her preparation and her rating herself."))
            if vals.get("employee_id"):
                employee = self.env["hr.employee"].browse(vals["employee_id"])
                self._check_employee_in_scope(employee)
                self._coaching_check_coach_choice(employee, self.env["hr.employee"].browse(vals.get("coach_id")))

    def _coaching_check_write(self, vals):
        self._check_selection_values(vals)
        self._check_write_allowed(vals)
        if vals.get("employee_id"):
            self._check_employee_in_scope(self.env["hr.employee"].browse(vals["employee_id"]))
        if "coach_id" in vals and not self.env.su:
            # Handing a talk to another coach hands him its note: the note's side does it (the coach holding the
            # talk, the managers above, the officers), not a designated coach taking over a talk he does not hold.
            handed = self.filtered(lambda session: session.coach_id.id != vals["coach_id"])
            if handed - handed._coaching_note_side():
                raise AccessError(
                    self.env._("Only the coach holding the talk and the managers above hand it to another coach.")
                )
        if vals.get("coach_id") or vals.get("employee_id"):
            for session in self:
                self._coaching_check_coach_choice(
                    self.env["hr.employee"].browse(vals.get("employee_id") or session.employee_id.id),
                    self.env["hr.employee"].browse(vals.get("coach_id") or session.coach_id.id),
                )

    def _coaching_check_owner(self, owner):
        """A commitment of this talk is owned by one of its two people: the employee, or her coach for his own."""
        if self.env.su or not self or owner in (self.employee_id | self.coach_id):
            return
        raise ValidationError(
            self.env._(
                "A commitment of this talk is owned by %(employee)s or by %(coach)s.",
                employee=self.employee_id.name,
                coach=self.coach_id.name or self.employee_id.name,
            )
        )

    def _coaching_check_coach_choice(self, employee, coach):
        """The coach of a talk is one who coaches the employee: a manager above her or her designated coach, as HR
        set them; a coaching officer may name anyone. Naming a colleague would open the talk to him."""
        if not coach or not employee or self.env.su or self.env.user._is_coaching_officer():
            return
        # sudo: the employee's managers and coach, whatever the user may read of hr.employee.
        coaches = self.env["hr.employee"].sudo().search([("id", "parent_of", employee.id)]) | employee.sudo().coach_id
        if coach not in coaches - employee:
            raise ValidationError(
                self.env._(
                    "%(coach)s does not coach %(employee)s: choose one of their managers or their coach.",
                    coach=coach.sudo().name,
                    employee=employee.sudo().name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        self.env["hr.coaching.commitment"]._coaching_carry_over(sessions.employee_id)
        self.env["hr.coaching.topic"]._coaching_carry_over(sessions.employee_id)
        if _QUIET_PLANNING.get():
            # The cadence cron refreshes the statuses of what it plans itself.
            self.env["hr.coaching.signal"].sudo()._coaching_answer_requests(sessions)
        else:
            sessions._coaching_book()
            self.env["hr.coaching.cadence"]._coaching_refresh(sessions.employee_id)
        return sessions

    def write(self, vals):
        employees_before = self.employee_id
        amended = self.filtered(lambda session: session.state == "done") if "summary" in vals else self.browse()
        summaries = {session: session.summary for session in amended}
        result = super().write(vals)
        if {"employee_id", "date_scheduled", "state", "active"} & vals.keys():
            self.env["hr.coaching.commitment"]._coaching_carry_over(employees_before | self.employee_id)
            self.env["hr.coaching.cadence"]._coaching_refresh(employees_before | self.employee_id)
        if {"date_scheduled", "duration"} & vals.keys():
            self._coaching_move_meetings()
        if "date_scheduled" in vals:
            self.filtered(lambda session: session.state == "planned" and not session.coaching_booked)._coaching_book()
        for session in amended:
            if html2plaintext(session.summary or "") != html2plaintext(summaries[session] or ""):
                session.message_post(
                    body=Markup("<p><strong>%s</strong></p>%s")
                    % (self.env._("Summary amended after the talk:"), session.summary or ""),
                    subtype_xmlid="mail.mt_note",
                )
        if vals.get("employee_prep") and not is_html_empty(vals["employee_prep"]):
            self._coaching_close_preparation_reminder()
        if vals.get("employee_rating"):
            # sudo: the rating request is the employee's own, closed whoever records the rating.
            self.sudo().activity_feedback([RATING_REQUEST], feedback=self.env._("Rated."))
        return result

    @api.ondelete(at_uninstall=True)
    def _unlink_except_done(self):
        # Checked at uninstall too: the uninstall flag is a context key any RPC caller can send. Only the
        # uninstall itself, which runs as superuser, removes done talks with the module.
        if self.env.su and self.env.context.get(MODULE_UNINSTALL_FLAG):
            return
        if any(session.state == "done" for session in self):
            raise UserError(self.env._("A done coaching session cannot be deleted. Archive it instead."))

    def unlink(self):
        employees = self.employee_id
        result = super().unlink()
        self.env["hr.coaching.commitment"]._coaching_carry_over(employees.exists())
        self.env["hr.coaching.cadence"]._coaching_refresh(employees)
        return result

    # ------------------------------------------------------------------ actions

    def action_open_talk(self):
        """The talk in its own form, e.g. from My Coaching, where the employee reads its recap and rates it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_apply_template(self):
        """Show the template's questions beside the GROW sections, as prompts to ask: they are never written into
        the talk, so they reach neither the recap, nor the next talk, nor the file. The choice is the user's own
        and holds for her next talks, until she hides them."""
        # env.user is the superuser's record of the user: she sets her own display choice, nothing else.
        self.env.user.coaching_show_questions = True
        return True

    def action_hide_questions(self):
        """Hide the template's questions beside the GROW sections, for this user's talks."""
        # env.user is the superuser's record of the user: she sets her own display choice, nothing else.
        self.env.user.coaching_show_questions = False
        return True

    # ------------------------------------------------------------------ who stands where

    def _coaching_coach_side(self):
        """The talks the current user coaches: officer, coach, or a manager above the employee; one query."""
        if self.env.su:
            return self
        user = self.env.user
        managed = user._coaching_manages(self.employee_id)
        return self.filtered(lambda session: session.coach_id.user_id == user or session.employee_id in managed)

    def _coaching_note_side(self):
        """The talks whose private note the current user writes: he holds the talk, stands above the employee in the
        manager chain, or is a coaching officer; a designated coach only for the talks he holds. One query."""
        user = self.env.user
        if self.env.su or user._is_coaching_officer():
            return self
        # sudo: who stands above whom is answered whatever the user may read of hr.employee.
        chain = (
            self.env["hr.employee"]
            .sudo()
            .search([("id", "in", self.employee_id.ids), *user._coaching_managed_domain(designated=False)])
        )
        return self.filtered(lambda session: session.coach_id.user_id == user or session.employee_id in chain)

    def _check_employee_in_scope(self, employees):
        if not self.env.su:
            self.env.user._coaching_check_manages(employees)

    def _check_write_allowed(self, vals):
        fields_written = set(vals)
        for session in self:
            if session.state == "done":
                locked = fields_written & self.CLOSED_LOCKED_FIELDS
                if locked - self.AMENDABLE_FIELDS or (locked and not session._coaching_may_amend(vals)):
                    raise UserError(
                        self.env._(
                            "%(name)s is closed: its talk, summary and commitments can no longer be changed.",
                            name=session.display_name,
                        )
                    )
            if "employee_prep" in vals and not self.env.su and session.employee_id.user_id != self.env.user:
                raise AccessError(
                    self.env._("Only %(employee)s writes their preparation.", employee=session.employee_id.name)
                )
            if "employee_rating" in vals:
                if not self.env.su and session.employee_id.user_id != self.env.user:
                    raise AccessError(
                        self.env._(
                            "Only %(employee)s rates how useful the talk was.", employee=session.employee_id.name
                        )
                    )
                if vals["employee_rating"] and session.state != "done":
                    raise UserError(self.env._("The session can be rated once it is done."))
            if not self.env.su and not session._is_coach_side() and fields_written - self.EMPLOYEE_WRITABLE_FIELDS:
                raise AccessError(
                    self.env._("You can only write your preparation and your rating on your own coaching session.")
                )
