from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class HrCoachingCommitment(models.Model):
    _name = "hr.coaching.commitment"
    _description = "Coaching Commitment"
    _inherit = ["hr.coaching.mixin"]
    _order = "date_deadline, id"

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
                        deadline=commitment.date_deadline,
                        date=session_day,
                    )
                )

    @api.constrains("progress")
    def _check_progress(self):
        for commitment in self:
            if not 0 <= commitment.progress <= 100:
                raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    @api.constrains("owner_id", "session_id")
    def _check_company(self):
        for commitment in self:
            if commitment.owner_id.company_id and commitment.owner_id.company_id != commitment.company_id:
                raise ValidationError(
                    self.env._(
                        "%(owner)s belongs to another company than the coaching session of “%(name)s”.",
                        owner=commitment.owner_id.name,
                        name=commitment.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Session = self.env["hr.coaching.session"]
        for vals in vals_list:
            self._check_selection_values(vals)
            self._check_required_values(vals)
            session = Session.browse(vals.get("session_id") or self.env.context.get("default_session_id"))
            if session and session.state == "done":
                raise UserError(
                    self.env._("%(name)s is closed: add the commitment to the next talk.", name=session.name)
                )
            if vals.get("outcome") and vals.get("state", "open") == "open":
                vals["state"] = "done"
        commitments = super().create(vals_list)
        commitments.employee_id._coaching_assign_reviews()
        return commitments

    def write(self, vals):
        self._check_selection_values(vals)
        self._check_required_values(vals, update=True)
        self._check_write_allowed(vals)
        if vals.get("outcome") and "state" not in vals:
            vals["state"] = "done"
        result = super().write(vals)
        if vals.get("state") in ("done", "dropped"):
            self._coaching_close_reminders(
                vals["state"] == "done",
                feedback=self.env._("The commitment is finished."),
                activity_xmlid="hr_performance_coaching.mail_activity_type_commitment_due",
            )
        return result

    def _check_required_values(self, vals, update=False):
        labels = {"name": self.env._("what will be done"), "date_deadline": self.env._("a deadline")}
        for fname, label in labels.items():
            if (update and fname in vals and not vals[fname]) or (not update and not vals.get(fname)):
                raise ValidationError(self.env._("A commitment needs %(what)s.", what=label))

    def _check_write_allowed(self, vals):
        for commitment in self:
            if commitment.session_id.state == "done" and set(vals) & self.CLOSED_LOCKED_FIELDS:
                raise UserError(
                    self.env._(
                        "“%(name)s” was made in a closed talk: only its progress and outcome can change.",
                        name=commitment.name,
                    )
                )
            if (
                not self.env.su
                and set(vals) - self.EMPLOYEE_WRITABLE_FIELDS
                and not commitment.session_id._is_coach_side()
            ):
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
        return self.create(new_vals)

    def action_drop(self):
        self.write({"state": "dropped"})
        return True

    def action_reopen(self):
        self.write({"state": "open", "outcome": False})
        return True

    def _coaching_remind_commitments(self, today):
        """Create the due reminders of this locked batch and store the stage reached."""
        activity_type = self.env.ref("hr_performance_coaching.mail_activity_type_commitment_due")
        self.fetch(["name", "date_deadline", "owner_id", "session_id", "coaching_reminder_stage"])
        # "Already reminded": open reminders per commitment and user, in one grouped query.
        already = {
            (res_id, user.id)
            for res_id, user in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id", "user_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        stages = {"upcoming": self.browse(), "overdue": self.browse()}
        for commitment in self:
            overdue = commitment.date_deadline < today
            users = commitment.owner_id.user_id
            if overdue:
                users |= commitment.session_id.coach_id.user_id
            for user in users:
                if (commitment.id, user.id) in already:
                    continue
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": commitment.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today if overdue else commitment.date_deadline,
                        "summary": (
                            self.env._("Overdue commitment: %(name)s", name=commitment.name)
                            if overdue
                            else self.env._("Commitment due: %(name)s", name=commitment.name)
                        ),
                    }
                )
            stages["overdue" if overdue else "upcoming"] |= commitment
        self.env["hr.employee"]._coaching_create_activities(self._name, vals_list)
        for stage, commitments in stages.items():
            if commitments:
                commitments.with_context(tracking_disable=True).write({"coaching_reminder_stage": stage})
