from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import create_index, format_date, format_datetime
from odoo.tools.i18n import format_list

from .hr_appraisal import PERFORMANCE_RATINGS
from .hr_coaching_mixin_tools import COACHING_DUE, internal_write, is_internal_write

SIGNAL_TYPES = [
    ("cadence_overdue", "Coaching overdue"),
    ("commitments_overdue", "Commitments overdue"),
    ("rating_drop", "Rating drop"),
    ("key_event", "Key event"),
    ("employee_request", "Asked by the employee"),
    ("manual", "Manual"),
]
KEY_EVENT_TYPES = [
    ("promotion", "Promotion"),
    ("role_change", "Role change"),
    ("return_from_leave", "Return from long leave"),
    ("project_milestone", "Project milestone"),
    ("other", "Other"),
]
ACTIVE_STATES = ("open", "scheduled")
# The occasion of the talk planned from a signal: the anomalies (and manual signals) call for an anomaly talk.
SIGNAL_OCCASIONS = {"key_event": "key_event", "employee_request": "ad_hoc"}
# How many key events an open key-event signal keeps in its codes and note: it gathers them, but not without bound.
MERGED_EVENTS = 20
# A signal asks its coach for a talk: its activity is of the type of the due talks.
SIGNAL_REMINDER = COACHING_DUE


class HrCoachingSignal(models.Model):
    """A reason to talk now: raised by the crons (overdue commitments, a neglected cadence, a rating drop), by a
    manager (a key event) or by hand, and answered by the next done talk."""

    _name = "hr.coaching.signal"
    _description = "Coaching Signal"
    _inherit = ["hr.coaching.mixin"]
    _order = "date desc, id desc"
    _coaching_talk_links = ("session_id",)
    # The status changes through the actions and the detection; the facts are the detection's.
    _coaching_internal_fields = frozenset(
        {
            "state",
            "session_id",
            "due_date",
            "overdue_count",
            "rating_before",
            "rating_after",
            "key_event_codes",
            "appraisal_id",
            "dismissed_date",
        }
    )

    name = fields.Char(string="Reason", required=True, tracking=True)
    reason = fields.Char(
        compute="_compute_reason", string="Why", help="The reason, told from the signal's type and facts."
    )
    # The facts behind a detected signal; its reason is told from them in the reader's language.
    due_date = fields.Date(readonly=True, help="When the neglected talk was due.")
    overdue_count = fields.Integer(readonly=True, help="How many commitments were overdue.")
    rating_before = fields.Selection(PERFORMANCE_RATINGS, readonly=True)
    rating_after = fields.Selection(PERFORMANCE_RATINGS, readonly=True)
    key_event_codes = fields.Char(readonly=True, help="The key events logged, as codes.")
    employee_id = fields.Many2one("hr.employee", required=True, index=True, check_company=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True, precompute=True
    )
    department_id = fields.Many2one("hr.department", related="employee_id.department_id", store=True, precompute=True)
    coach_id = fields.Many2one(
        "hr.employee", compute="_compute_coach_id", help="The employee's coach, else their manager."
    )
    signal_type = fields.Selection(SIGNAL_TYPES, string="Type", required=True, default="manual", index=True)
    key_event_type = fields.Selection(KEY_EVENT_TYPES, string="Key Event")
    note = fields.Text()
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    state = fields.Selection(
        [("open", "Open"), ("scheduled", "Scheduled"), ("resolved", "Resolved"), ("dismissed", "Dismissed")],
        required=True,
        default="open",
        tracking=True,
        index=True,
    )
    session_id = fields.Many2one("hr.coaching.session", index=True, ondelete="set null", check_company=True, copy=False)
    appraisal_id = fields.Many2one("hr.appraisal", index=True, ondelete="set null", copy=False)
    dismissed_date = fields.Date(
        string="Dismissed On",
        readonly=True,
        copy=False,
        help="When the signal was dismissed: the detection raises it again only for what happens after.",
    )

    @api.depends("employee_id.coach_id", "employee_id.parent_id")
    def _compute_coach_id(self):
        for signal in self:
            signal.coach_id = signal.employee_id._coaching_coach() if signal.employee_id else False

    @api.depends(
        "name",
        "signal_type",
        "employee_id",
        "due_date",
        "overdue_count",
        "rating_before",
        "rating_after",
        "key_event_codes",
    )
    @api.depends_context("lang")
    def _compute_reason(self):
        # Told when read, in the reader's language: a list never mixes the languages of those who raised them.
        ratings = dict(self._fields["rating_before"]._description_selection(self.env))
        events = dict(self._fields["key_event_type"]._description_selection(self.env))
        dates = {}  # each due date formatted once per batch: the cadence cron escalates many on the same days
        for signal in self:
            employee = signal.employee_id.name
            kind = signal.signal_type
            if kind == "cadence_overdue" and signal.due_date:
                if signal.due_date not in dates:
                    dates[signal.due_date] = format_date(self.env, signal.due_date)
                reason = self.env._(
                    "The coaching talk of %(employee)s was due on %(date)s and has not happened.",
                    employee=employee,
                    date=dates[signal.due_date],
                )
            elif kind == "commitments_overdue" and signal.overdue_count:
                reason = self._coaching_overdue_text(signal.overdue_count, employee)
            elif kind == "rating_drop" and signal.rating_before and signal.rating_after:
                reason = self.env._(
                    "The appraisal rating of %(employee)s dropped from %(before)s to %(after)s.",
                    employee=employee,
                    before=ratings[signal.rating_before],
                    after=ratings[signal.rating_after],
                )
            elif kind == "key_event" and signal.key_event_codes:
                reason = self.env._(
                    "%(event)s: %(employee)s",
                    # The events listed the reader's way ("A and B", "A和B"), not with a separator of one language.
                    event=format_list(
                        self.env,
                        list(dict.fromkeys(events.get(code, code) for code in signal.key_event_codes.split(","))),
                    ),
                    employee=employee,
                )
            elif kind == "employee_request":
                reason = self.env._("%(employee)s asks for a talk", employee=employee)
            else:
                reason = signal.name
            signal.reason = reason

    def _coaching_overdue_text(self, count, employee):
        """The overdue commitments of ``employee`` (a name), told in the singular or the plural."""
        if count == 1:
            return self.env._("%(count)s commitment of %(employee)s is overdue.", count=count, employee=employee)
        return self.env._("%(count)s commitments of %(employee)s are overdue.", count=count, employee=employee)

    def _compute_display_name(self):
        for signal in self:
            signal.display_name = signal.reason

    def init(self):
        # At most one open or scheduled signal per employee and type, also with two cron workers at once.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS hr_coaching_signal_active_uniq
               ON hr_coaching_signal (employee_id, signal_type) WHERE state IN ('open', 'scheduled')"""
        )
        # The signals cron reads the signals written since its last run.
        create_index(self.env.cr, "hr_coaching_signal_write_date_index", self._table, ["write_date"])

    # ------------------------------------------------------------------ CRUD

    def _coaching_check_create(self, vals_list):
        for vals in vals_list:
            self._check_selection_values(vals)
            if vals.get("signal_type") == "employee_request" and not is_internal_write():
                raise AccessError(self.env._("Only the employee asks for a talk, for themselves."))
        if not self.env.su and not is_internal_write():
            # Access first: whether an employee already has an open signal is told only to those who coach them.
            employees = self.env["hr.employee"].browse(
                {vals["employee_id"] for vals in vals_list if vals.get("employee_id")}
            )
            self.env.user._coaching_check_manages(employees)
        self._check_no_duplicate(vals_list)

    def _coaching_check_write(self, vals):
        self._check_selection_values(vals)
        if vals.get("signal_type") == "employee_request" and not is_internal_write():
            raise AccessError(self.env._("Only the employee asks for a talk, for themselves."))
        if not self.env.su and not is_internal_write():
            # Access first: the duplicate check below must not answer for signals or employees out of reach.
            self.check_access("write")
            if self.filtered(lambda signal: signal.state != "open"):
                # Planned, answered by a talk or dismissed: what it said and about whom is part of that record.
                raise UserError(self.env._("Only an open signal can be changed: this one was planned or closed."))
            if vals.get("employee_id"):
                self.env.user._coaching_check_manages(self.env["hr.employee"].browse(vals["employee_id"]))
        if vals.get("state") in ACTIVE_STATES or "employee_id" in vals or "signal_type" in vals:
            self._check_no_duplicate(
                [
                    {
                        "employee_id": vals.get("employee_id", signal.employee_id.id),
                        "signal_type": vals.get("signal_type", signal.signal_type),
                        "state": vals.get("state", signal.state),
                    }
                    for signal in self
                ],
                exclude=self,
            )

    def _check_no_duplicate(self, vals_list, exclude=None):
        keys = [
            (vals.get("employee_id"), vals.get("signal_type", "manual"))
            for vals in vals_list
            if vals.get("state", "open") in ACTIVE_STATES
        ]
        if not keys:
            return
        # Checked as superuser: the duplicate may be a signal the current user cannot read.
        existing = self.sudo()._read_group(
            [
                ("employee_id", "in", [key[0] for key in keys]),
                ("state", "in", ACTIVE_STATES),
                ("id", "not in", (exclude or self.browse()).ids),
            ],
            ["employee_id", "signal_type"],
        )
        taken = {(employee.id, signal_type) for employee, signal_type in existing}
        if len(set(keys)) < len(keys) or taken & set(keys):
            raise UserError(
                self.env._("This employee already has an open signal of this type: update it or resolve it first.")
            )

    # ------------------------------------------------------------------ actions

    def action_plan_session(self):
        """Plan the talk that answers all the employee's open signals: her planned talk, or one planned at the
        proposed time. It takes the occasion and template of this signal, the reasons as its title and her request
        as her point on the agenda; the signals are linked to it. Opens it."""
        self.ensure_one()
        if self.state != "open":
            raise UserError(self.env._("Only an open signal can be planned."))
        signals = self | self.search(
            [("employee_id", "=", self.employee_id.id), ("state", "=", "open"), ("id", "!=", self.id)]
        )
        Session = self.env["hr.coaching.session"]
        session = Session.search(
            [("employee_id", "=", self.employee_id.id), ("state", "=", "planned")], order="date_scheduled, id", limit=1
        )
        trigger = SIGNAL_OCCASIONS.get(self.signal_type, "anomaly")
        template = self.env["hr.coaching.template"]._find_for_trigger(trigger, signals._coaching_key_events())
        reasons = [reason for reason in dict.fromkeys(signals.mapped("reason")) if reason not in (session.name or "")]
        title = "; ".join(filter(None, [*reasons, session.name]))
        if not session:
            session = Session.with_context(default_trigger_type=trigger).create(
                {
                    "employee_id": self.employee_id.id,
                    "trigger_type": trigger,
                    "template_id": template.id,
                    "name": title,
                }
            )
        else:
            vals = {"name": title}
            if session.trigger_type == "routine":
                # A routine talk (the cadence planned it) becomes the talk about what happened.
                vals.update(trigger_type=trigger, template_id=template.id or session.template_id.id)
            session.write(vals)
        signals.filtered(lambda signal: signal.state == "open")._coaching_write_state(
            {"session_id": session.id, "state": "scheduled"}
        )
        signals._coaching_put_requests_on_agenda(session)
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.coaching.session",
            "res_id": session.id,
            "view_mode": "form",
            "target": "current",
        }

    def _coaching_key_events(self):
        """The codes of the key events these signals answer (a project milestone...): the template follows them."""
        return {
            code
            for signal in self.filtered(lambda signal: signal.signal_type == "key_event")
            for code in [signal.key_event_type, *(signal.key_event_codes or "").split(",")]
            if code
        }

    def action_dismiss(self):
        if any(signal.state not in ACTIVE_STATES for signal in self):
            raise UserError(self.env._("Only an open or scheduled signal can be dismissed."))
        self._coaching_write_state({"state": "dismissed", "dismissed_date": fields.Date.context_today(self)})
        # sudo: the reminders of a signal belong to the coach or to those it was escalated to.
        self.sudo().activity_unlink([SIGNAL_REMINDER])
        return True

    def action_reopen(self):
        if any(signal.state != "dismissed" for signal in self):
            raise UserError(self.env._("Only a dismissed signal can be reopened."))
        self._coaching_write_state({"state": "open", "dismissed_date": False})
        return True

    # ------------------------------------------------------------------ business methods

    def _coaching_write_state(self, vals):
        """The one way a signal's status changes: the actions and the detection, never a plain write."""
        with internal_write():
            return self.write(vals)

    @api.model
    def _coaching_raise(self, vals_list):
        """Raise signals, skipping any employee who already has an open one of that type.

        Returns the new signals. Each one gives the coach (the employee's manager) an activity. Callers that
        may meet an existing signal find it with one grouped query here, never a search per employee.
        """
        vals_list = [vals for vals in vals_list if vals.get("employee_id")]
        if not vals_list:
            return self.browse()
        active = self.sudo()._read_group(
            [
                ("employee_id", "in", list({vals["employee_id"] for vals in vals_list})),
                ("state", "in", ACTIVE_STATES),
            ],
            ["employee_id", "signal_type"],
        )
        taken = {(employee.id, signal_type) for employee, signal_type in active}
        to_create = []
        for vals in vals_list:
            key = (vals["employee_id"], vals.get("signal_type", "manual"))
            if key not in taken:
                taken.add(key)
                to_create.append(vals)
        if not to_create:
            return self.browse()
        with internal_write():  # the facts of a signal are the detection's and the key events'
            signals = self.with_context(tracking_disable=True, mail_create_nosubscribe=True).create(to_create)
        signals._coaching_remind()
        return signals

    def _coaching_remind(self, users_by_signal=None, summary=None):
        """One reminder per signal for the employee's coach, or for the given users (escalation)."""
        reminders = [
            (signal, user, signal.date, summary or (lambda signal: signal.reason))
            for signal in self
            for user in (
                users_by_signal.get(signal.id) if users_by_signal is not None else signal._coaching_recipients()
            )
        ]
        self._coaching_schedule_reminders(SIGNAL_REMINDER, reminders)

    def _coaching_recipients(self):
        """Who is told of this signal: the coach; for a coach without a user, the coach's manager when he coaches
        the employee too (the reminder names her), else the company's coaching officers. A signal is never raised
        for nobody."""
        self.ensure_one()
        # sudo: who stands above the coach is HR's data, whatever the detection's user may read of hr.employee.
        coach = self.coach_id.sudo()
        users = coach.user_id
        above = coach.parent_id.user_id
        if not users and above and above._coaching_manages(self.employee_id):
            users = above
        return users or self._coaching_officers(self.company_id)

    def _coaching_resolve(self, sessions_by_signal):
        """Resolve signals answered by a done session, linking the session."""
        if not sessions_by_signal:
            return
        by_session = defaultdict(lambda: self.browse())
        for signal, session in sessions_by_signal.items():
            by_session[session] |= signal
        for session, signals in by_session.items():
            signals._coaching_write_state({"state": "resolved", "session_id": session.id})
            # sudo: the reminders belong to the coach or to those the signal was escalated to.
            signals.sudo().activity_feedback([SIGNAL_REMINDER], feedback=self.env._("Answered by a coaching session."))

    def _coaching_put_requests_on_agenda(self, session):
        """The text of the employee's requests among these signals, on the agenda of ``session`` as her points."""
        existing = set(session.sudo().topic_ids.mapped("name"))
        vals_list = []
        for signal in self.filtered(lambda signal: signal.signal_type == "employee_request" and signal.note):
            text = signal.note.strip()
            if text and text not in existing and session.state == "planned":
                existing.add(text)
                vals_list.append(
                    {
                        "session_id": session.id,
                        "name": text,
                        "author_id": signal.employee_id.user_id.id,
                        "side": "employee",
                        "sequence": 0,
                    }
                )
        if vals_list:
            # sudo: her point is written by her, whoever plans the talk; the author is the agenda's bookkeeping.
            self.env["hr.coaching.topic"].sudo().create(vals_list)

    # ------------------------------------------------------------------ key events

    @api.model
    def _coaching_log_key_event(self, employees, event_type, note=False, date=False):
        """Raise a key event signal for each of ``employees``; see ``hr.employee._coaching_log_key_event``."""
        labels = dict(self._fields["key_event_type"]._description_selection(self.env))
        if event_type not in labels:
            raise UserError(
                self.env._(
                    "“%(value)s” is not a kind of key event. Choose one of: %(allowed)s.",
                    value=event_type,
                    allowed=", ".join(labels),
                )
            )
        if not self.env.su:
            self.env.user._coaching_check_manages(employees)
        date = date or fields.Date.context_today(self)
        # Looked up as superuser: the open signal may have been raised by the cron or another manager.
        existing = {
            signal.employee_id.id: signal.with_env(self.env)
            for signal in self.sudo().search(
                [
                    ("employee_id", "in", employees.ids),
                    ("signal_type", "=", "key_event"),
                    ("state", "in", ACTIVE_STATES),
                ]
            )
        }
        signals = self.browse()
        to_raise = []
        for employee in employees:
            if employee.id in existing:
                signal = existing[employee.id]
                codes = (signal.key_event_codes or "").split(",")
                with internal_write():  # the key events are facts of the signal, added here only
                    signal.write(
                        {
                            # A kind of event is named once; the codes and the note keep the last events only.
                            "name": signal.name if event_type in codes else f"{signal.name}; {labels[event_type]}",
                            "key_event_codes": ",".join(list(filter(None, [*codes, event_type]))[-MERGED_EVENTS:]),
                            "note": "\n".join(
                                list(filter(None, [*(signal.note or "").splitlines(), note]))[-MERGED_EVENTS:]
                            ),
                            "date": max(signal.date, date),
                        }
                    )
                signals |= signal
            else:
                to_raise.append(
                    {
                        "employee_id": employee.id,
                        "signal_type": "key_event",
                        "key_event_type": event_type,
                        "key_event_codes": event_type,
                        "name": self.env._("%(event)s: %(employee)s", event=labels[event_type], employee=employee.name),
                        "note": note,
                        "date": date,
                    }
                )
        return signals | self._coaching_raise(to_raise)

    # ------------------------------------------------------------------ the employee asks for a talk

    @api.model
    def _coaching_request_talk(self, reason):
        """The current user asks for a talk with their coach, for themselves only. Returns the signal."""
        employee = self.env.user.employee_id
        if not employee or not employee._coaching_coach():
            raise UserError(self.env._("You need a coach or a manager in the employee directory to ask for a talk."))
        if not (reason or "").strip():
            raise UserError(self.env._("Say in a few words what you would like to talk about."))
        values = {
            "employee_id": employee.id,
            "signal_type": "employee_request",
            "name": self.env._("%(employee)s asks for a talk", employee=employee.name),
            "note": reason,
        }
        # sudo: employees cannot raise signals, and never read them; this one they raise for themselves only.
        with internal_write():
            signals = self.sudo()._coaching_raise([values])
        if not signals:
            raise UserError(self.env._("You have already asked for a talk: your coach has been told."))
        return signals

    @api.model
    def _coaching_answer_requests(self, sessions):
        """A talk planned for an employee who asked for one schedules their request; a booked talk (its coach set
        the time) resolves the signal that their coaching is overdue: the talk is on the calendar."""
        planned = sessions.filtered(lambda session: session.state == "planned")
        signals = self.search(
            [
                ("employee_id", "in", planned.employee_id.ids),
                ("signal_type", "in", ("employee_request", "cadence_overdue")),
                ("state", "=", "open"),
            ]
        )
        for signal in signals:
            session = planned.filtered(lambda session, signal=signal: session.employee_id == signal.employee_id)[:1]
            if signal.signal_type == "employee_request":
                signal._coaching_write_state({"state": "scheduled", "session_id": session.id})
                signal._coaching_put_requests_on_agenda(session)
            elif session.coaching_booked:
                signal._coaching_write_state({"state": "resolved", "session_id": session.id})
                signal.message_post(
                    body=self.env._(
                        "A talk is planned on %(date)s.",
                        date=format_datetime(self.env, session.date_scheduled, dt_format="short"),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                signal.activity_unlink([SIGNAL_REMINDER])
