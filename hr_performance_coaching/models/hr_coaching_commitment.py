from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import create_index, format_date

from .hr_coaching_mixin_tools import COMMITMENT_DUE, internal_write


class HrCoachingCommitment(models.Model):
    _name = "hr.coaching.commitment"
    _description = "Coaching Commitment"
    _inherit = ["hr.coaching.mixin"]
    _coaching_side_depends = ("session_id",)
    _coaching_side_anchor = "session_id"
    _order = "date_deadline, id"
    _coaching_talk_links = ("session_id", "review_session_id")
    _coaching_owner_talk = "session_id"
    # The state follows the outcome or the buttons; the review talk is the carry-over's, a renewal the button's.
    _coaching_internal_fields = frozenset(
        {"coaching_reminder_stage", "state", "review_session_id", "renewed_from_id", "renewal_ids"}
    )

    # Fields the employee may update on their own commitment.
    EMPLOYEE_WRITABLE_FIELDS = {"progress", "progress_note"}
    # Fields frozen once the session where the commitment was made is closed.
    CLOSED_LOCKED_FIELDS = {"name", "session_id", "owner_id", "date_deadline"}

    name = fields.Char(string="Commitment", required=True, tracking=True)
    session_id = fields.Many2one(
        "hr.coaching.session",
        string="Made in",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    session_date = fields.Datetime(related="session_id.date_scheduled", string="Session Date")
    employee_id = fields.Many2one(
        "hr.employee", related="session_id.employee_id", store=True, index=True, precompute=True
    )
    coach_id = fields.Many2one("hr.employee", related="session_id.coach_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company", related="session_id.company_id", store=True, index=True, precompute=True
    )
    owner_id = fields.Many2one(
        "hr.employee",
        compute="_compute_owner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        tracking=True,
        # One of the talk's two people: the employee, or the coach for his own part.
        domain="[('id', 'in', [employee_id, coach_id])]",
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("dropped", "Dropped")],
        required=True,
        default="open",
        tracking=True,
        index=True,
        group_expand=True,
    )
    outcome = fields.Selection(
        [("kept", "Kept"), ("partly", "Partly kept"), ("missed", "Missed")],
        tracking=True,
        help="Recorded when the commitment is reviewed in a later talk.",
    )
    review_session_id = fields.Many2one(
        "hr.coaching.session",
        string="Reviewed in",
        index=True,
        ondelete="set null",
        copy=False,
        help="The talk where the outcome is recorded.",
    )
    progress = fields.Integer(string="Progress (%)", help="The owner's own estimate, from 0 to 100.")
    progress_note = fields.Text()
    renewed_from_id = fields.Many2one(
        "hr.coaching.commitment", string="Renewed from", index=True, ondelete="set null", copy=False
    )
    renewal_ids = fields.One2many("hr.coaching.commitment", "renewed_from_id", string="Renewals")
    goal_id = fields.Many2one(
        "hr.coaching.goal",
        string="Serves Goal",
        index=True,
        ondelete="set null",
        domain="[('employee_id', '=', employee_id), ('state', '=', 'active')]",
        help="The development goal this commitment is a step towards.",
    )
    result = fields.Selection(
        [("open", "Open"), ("kept", "Kept"), ("partly", "Partly kept"), ("missed", "Missed"), ("dropped", "Dropped")],
        compute="_compute_result",
        store=True,
        help="How the commitment ended: its outcome once reviewed, or dropped; open until then.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    coaching_reminder_stage = fields.Selection(
        [("upcoming", "Reminded before the deadline"), ("overdue", "Reminded as overdue")],
        readonly=True,
        copy=False,
        index=True,
    )

    @api.depends("session_id.employee_id")
    def _compute_owner_id(self):
        for commitment in self:
            if not commitment.owner_id:
                commitment.owner_id = commitment.session_id.employee_id

    @api.depends("state", "outcome")
    def _compute_result(self):
        for commitment in self:
            if commitment.state == "dropped":
                commitment.result = "dropped"
            else:
                commitment.result = commitment.outcome or "open"

    @api.onchange("session_id")
    def _onchange_session_id_deadline(self):
        """A new commitment is due when the next talk reviews it: that talk's date when it is planned, else the
        employee's next due date after this talk, else two weeks after it. Only the form proposes it: a
        commitment created without a deadline is refused."""
        if self.date_deadline or not self.session_id:
            return
        self.date_deadline = self._coaching_default_deadline(self.session_id)

    @api.model
    def _coaching_default_deadline(self, session):
        """The day the next talk after ``session`` reviews its commitments (see the onchange)."""
        when = session.date_scheduled or fields.Datetime.now()
        employee = session.employee_id
        if employee:
            following = self.env["hr.coaching.session"].search(
                [
                    ("employee_id", "=", employee.id),
                    ("state", "=", "planned"),
                    ("date_scheduled", ">", when),
                    ("id", "!=", session._origin.id),
                ],
                order="date_scheduled, id",
                limit=1,
            )
            if following:
                return following.date_scheduled.date()
            # sudo: which rule applies reads the rules' scopes, HR's; only the interval of the employee's rule is used.
            rule = self.env["hr.coaching.cadence"].sudo()._coaching_rules_for(employee).get(employee.id)
            if rule:
                return rule._next_date(when.date())
        return when.date() + timedelta(days=14)

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for commitment in self:
            commitment.is_overdue = (
                commitment.state == "open" and bool(commitment.date_deadline) and commitment.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Overdue can only be searched as true or false."))
        positive = (operator == "=") == bool(value)
        domain = [("state", "=", "open"), ("date_deadline", "<", fields.Date.context_today(self))]
        return domain if positive else ["!", "&", *domain]

    @api.constrains("date_deadline", "session_id")
    def _check_date_deadline(self):
        for commitment in self:
            session_day = commitment.session_id.date_scheduled and commitment.session_id.date_scheduled.date()
            if commitment.date_deadline and session_day and commitment.date_deadline < session_day:
                raise ValidationError(
                    self.env._(
                        "The deadline of “%(name)s” (%(deadline)s) is before the talk where it " "was made (%(date)s).",
                        name=commitment.name,
                        deadline=format_date(self.env, commitment.date_deadline),
                        date=format_date(self.env, session_day),
                    )
                )

    @api.constrains("goal_id", "session_id")
    def _check_goal(self):
        self.goal_id._check_same_employee()

    @api.constrains("progress")
    def _check_progress(self):
        for commitment in self:
            if not 0 <= commitment.progress <= 100:
                raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    @api.constrains("owner_id", "session_id")
    def _check_owner_company(self):
        for commitment in self:
            if commitment.owner_id.company_id and commitment.owner_id.company_id != commitment.company_id:
                raise ValidationError(
                    self.env._(
                        "%(owner)s belongs to another company than the coaching session of “%(name)s”.",
                        owner=commitment.owner_id.name,
                        name=commitment.name,
                    )
                )

    def _coaching_check_create(self, vals_list):
        Session = self.env["hr.coaching.session"]
        for vals in vals_list:
            self._check_selection_values(vals)
            self._check_required_values(vals)
            session = Session.browse(vals.get("session_id") or self.env.context.get("default_session_id"))
            self.env["hr.coaching.goal"].browse(vals.get("goal_id"))._coaching_check_employee(session.employee_id)
            if vals.get("owner_id"):
                session._coaching_check_owner(self.env["hr.employee"].browse(vals["owner_id"]))
            if session and session.state == "done" and not session._coaching_may_amend({}):
                raise UserError(
                    self.env._("%(name)s is closed: add the commitment to the next talk.", name=session.display_name)
                )
            if vals.get("outcome") and vals.get("state", "open") == "open":
                vals["state"] = "done"

    def _coaching_check_write(self, vals):
        self._check_selection_values(vals)
        self._check_required_values(vals, update=True)
        self._check_write_allowed(vals)
        if vals.get("outcome") and "state" not in vals:
            vals["state"] = "done"

    def init(self):
        # The crons' filters: the reminders and the overdue commitments read the open ones by deadline; the signals
        # cron reads the commitments written since its last run.
        cr = self.env.cr
        open_deadline = "hr_coaching_commitment_open_deadline_index"
        create_index(cr, open_deadline, self._table, ["date_deadline"], where="state = 'open'")
        create_index(cr, "hr_coaching_commitment_write_date_index", self._table, ["write_date"])

    @api.model_create_multi
    def create(self, vals_list):
        commitments = super().create(vals_list)
        for commitment in commitments.filtered(lambda commitment: commitment.session_id.state == "done"):
            commitment.session_id.message_post(
                body=self.env._(
                    "Commitment added after the talk: %(name)s (by %(deadline)s).",
                    name=commitment.name,
                    deadline=format_date(self.env, commitment.date_deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._coaching_carry_over(commitments.employee_id)
        return commitments

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in ("done", "dropped"):
            reminder_type = COMMITMENT_DUE
            # sudo: the reminders belong to the owner and the coach, not always to the user closing the commitment.
            if vals["state"] == "done":
                self.sudo().activity_feedback([reminder_type], feedback=self.env._("The commitment is finished."))
            else:
                self.sudo().activity_unlink([reminder_type])
        return result

    def _coaching_coach_side(self):
        coach_side = self.session_id._coaching_coach_side()
        return self.filtered(lambda commitment: commitment.session_id in coach_side)

    def _check_required_values(self, vals, update=False):
        labels = {"name": self.env._("what will be done"), "date_deadline": self.env._("a deadline")}
        for fname, label in labels.items():
            if (update and fname in vals and not vals[fname]) or (not update and not vals.get(fname)):
                raise ValidationError(self.env._("A commitment needs %(what)s.", what=label))
        progress = vals.get("progress")
        if progress is not None and progress is not False and not 0 <= progress <= 100:
            # Checked before the database sees it: a huge number would not fit its column.
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    def _check_write_allowed(self, vals):
        for commitment in self:
            if commitment.session_id.state == "done" and set(vals) & self.CLOSED_LOCKED_FIELDS:
                raise UserError(
                    self.env._(
                        "“%(name)s” was made in a closed talk: only its progress and outcome can change.",
                        name=commitment.name,
                    )
                )
            # The review (outcome, state, goal) closes with the talk where it is made; Drop and Reopen write here too.
            # sudo: the state of the talk where it is reviewed, whoever may read it.
            reviewed = {"outcome", "state", "goal_id"} & vals.keys()
            if reviewed and not self.env.su and commitment.sudo().review_session_id.state == "done":
                raise UserError(self.env._("The review of this commitment was closed with its talk."))
            if vals.get("goal_id"):
                self.env["hr.coaching.goal"].browse(vals["goal_id"])._coaching_check_employee(commitment.employee_id)
            if vals.get("owner_id"):
                commitment.session_id._coaching_check_owner(self.env["hr.employee"].browse(vals["owner_id"]))
            if self.env.su or commitment.session_id._is_coach_side():
                continue
            if set(vals) - self.EMPLOYEE_WRITABLE_FIELDS or commitment.owner_id.user_id != self.env.user:
                raise AccessError(self.env._("You can only update the progress of your own commitments."))

    def action_renew(self):
        """Carry a partly kept or missed commitment into a new open one, linked to the old."""
        new_vals = []
        for commitment in self:
            if commitment.outcome not in ("partly", "missed"):
                raise UserError(self.env._("Only a partly kept or missed commitment can be renewed."))
            session = commitment.review_session_id or commitment.session_id
            start = max(commitment.date_deadline, session.date_scheduled.date())
            new_vals.append(
                {
                    "name": commitment.name,
                    "session_id": session.id,
                    "owner_id": commitment.owner_id.id,
                    "date_deadline": start + timedelta(days=14),
                    "renewed_from_id": commitment.id,
                }
            )
        if not self.env.su and self - self._coaching_coach_side():
            raise AccessError(self.env._("Only the coach's side reviews a commitment."))
        with internal_write():  # the link to the commitment renewed is the button's
            return self.create(new_vals)

    def action_drop(self):
        with internal_write():  # the state is the buttons'; who may press them is the write's own check
            self.write({"state": "dropped"})
        return True

    def action_reopen(self):
        with internal_write():  # the state is the buttons'; who may press them is the write's own check
            self.write({"state": "open", "outcome": False})
        return True

    # ------------------------------------------------------------------ the loop

    @api.model
    def _coaching_carry_over(self, employees):
        """Carry every open commitment of ``employees`` to the first planned talk after the one where it was made.

        Runs as superuser: the carry-over must see all open commitments of the employee, also those
        made in talks that the current user (a coach, say) cannot read.
        """
        if not employees:
            return
        commitments = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("state", "=", "open"),
                ("outcome", "=", False),
                ("session_id.state", "=", "done"),
            ]
        )
        next_talk = self.env["hr.coaching.session"]._coaching_next_planned(employees)
        targets = defaultdict(lambda: self.sudo().browse())
        for commitment in commitments:
            target = next_talk(commitment.employee_id, commitment.session_id.date_scheduled)
            if commitment.review_session_id != target:
                targets[target.id] |= commitment
        for target_id, to_move in targets.items():
            to_move.write({"review_session_id": target_id or False})

    # ------------------------------------------------------------------ the cron

    @api.model
    def _cron_remind_deadlines(self, batch_size=1000, today=None):
        """One reminder to the owner before a commitment's deadline, one to owner and coach once overdue.

        The stage reached is stored on the commitment in the same transaction as its reminders: a rerun creates
        nothing twice and a rolled back batch is done again. The batch is locked first (_coaching_lock_batch).
        Returns the number of commitments left.
        """
        today = today or fields.Date.context_today(self)
        domain = self._coaching_reminder_domain(today)
        commitments = self._coaching_lock_batch(
            domain, "id", batch_size, "hr_performance_coaching.ir_cron_coaching_commitments"
        )
        commitments._coaching_remind(today)
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(commitments), remaining=remaining)
        return remaining

    @api.model
    def _coaching_reminder_domain(self, today):
        """The open commitments of live talks that need a reminder today: overdue and not yet reminded as such,
        or due within their company's reminder days and not reminded at all."""
        within_reminder_days = expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    ("date_deadline", "<=", today + timedelta(days=company.coaching_commitment_reminder_days)),
                ]
                for company in self.env["res.company"].sudo().search([])
            ]
        )
        return expression.AND(
            [
                [("state", "=", "open"), ("session_id.state", "!=", "cancelled")],
                expression.OR(
                    [
                        [("date_deadline", "<", today), ("coaching_reminder_stage", "!=", "overdue")],
                        [
                            ("date_deadline", ">=", today),
                            ("coaching_reminder_stage", "=", False),
                            *within_reminder_days,
                        ],
                    ]
                ),
            ]
        )

    def _coaching_remind(self, today):
        """Remind the owners (and, once overdue, the coaches) of these commitments and store the stage reached."""
        reminder_type = COMMITMENT_DUE
        self.fetch(["name", "date_deadline", "owner_id", "session_id", "coaching_reminder_stage"])
        # "Already reminded": open reminders per commitment and user, in one grouped query.
        already = {
            (res_id, user.id)
            for res_id, user in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", self.env.ref(reminder_type).id),
                ],
                ["res_id", "user_id"],
            )
        }
        reminders = []
        stages = {"upcoming": self.browse(), "overdue": self.browse()}
        for commitment in self:
            overdue = commitment.date_deadline < today
            users = commitment.owner_id.user_id
            if overdue:
                users |= commitment.session_id.coach_id.user_id
            summary = (
                (lambda commitment: commitment.env._("Overdue commitment: %(name)s", name=commitment.name))
                if overdue
                else (lambda commitment: commitment.env._("Commitment due: %(name)s", name=commitment.name))
            )
            reminders += [
                (commitment, user, today if overdue else commitment.date_deadline, summary)
                for user in users
                if (commitment.id, user.id) not in already
            ]
            stages["overdue" if overdue else "upcoming"] |= commitment
        self._coaching_schedule_reminders(reminder_type, reminders)
        for stage, commitments in stages.items():
            if commitments:
                with internal_write():
                    commitments.with_context(tracking_disable=True).write({"coaching_reminder_stage": stage})
