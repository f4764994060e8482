from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_coaching_checkin import WEEKDAYS
from .hr_coaching_mixin_tools import check_numbers, check_selection_values

NUMBER_LIMITS = {
    "coaching_commitment_threshold": 1000,
    "coaching_commitment_reminder_days": 365,
    "coaching_prep_days": 365,
    "coaching_amend_days": 365,
    "coaching_onboarding_days": 365,
}


class ResCompany(models.Model):
    _inherit = "res.company"

    coaching_cadence_id = fields.Many2one(
        "hr.coaching.cadence",
        string="Default Cadence",
        domain="[('company_id', 'in', [id, False])]",
        help="The rule for everyone no more specific rule covers.",
    )
    coaching_commitment_threshold = fields.Integer(
        string="Overdue Commitments Threshold",
        default=2,
        help="Raise a signal when an employee has at least this many overdue open commitments.",
    )
    coaching_escalation = fields.Boolean(
        string="Escalate Neglected Coaching",
        default=True,
        help="When the grace days have passed, tell someone above the coach.",
    )
    coaching_escalation_target = fields.Selection(
        [("coach_manager", "The coach's own manager"), ("officers", "The company's coaching officers")],
        string="Escalate To",
        default="coach_manager",
        required=True,
    )
    coaching_commitment_reminder_days = fields.Integer(
        string="Commitment Reminder",
        default=2,
        help="How many days before a commitment's deadline its owner is reminded.",
    )
    coaching_require_rating = fields.Boolean(
        string="Require a Performance Rating",
        help="Refuse to complete an appraisal without a performance rating. Off: an unrated appraisal can be "
        "completed, and the coaching analysis counts it apart.",
    )
    coaching_reminder_mail = fields.Boolean(
        string="E-mail Coaching Reminders",
        help="Also send Odoo's assignment e-mail for each coaching reminder. Without it, the reminders of the "
        "daily runs appear in each person's activities and digest, not as one e-mail per due talk or commitment.",
    )
    coaching_prep_days = fields.Integer(
        string="Preparation Reminder",
        default=2,
        help="How many days before a talk the employee is reminded to prepare it.",
    )
    coaching_amend_days = fields.Integer(
        string="Amendment Days",
        default=7,
        help="How many days after closing a talk its coach may still add to the summary and add commitments. "
        "What was written stays; each addition is kept in the chatter. After that, the talk is locked.",
    )
    coaching_onboarding_days = fields.Integer(
        string="Onboarding Days",
        default=14,
        help="A new hire's first talk is due this many days after they join, not one whole cadence interval.",
    )
    coaching_detect_role_change = fields.Boolean(
        string="Detect Role Changes",
        default=True,
        help="A new department, manager or job raises a Role change key event that calls for a talk.",
    )
    coaching_detect_promotion = fields.Boolean(
        string="Detect Promotions",
        default=True,
        help="A new job marked as a promotion raises a Promotion key event that calls for a talk.",
    )
    coaching_calendar_event = fields.Boolean(
        string="Coaching Meetings in Calendar",
        default=True,
        help="Create a calendar meeting for the coach and the employee when a session is planned.",
    )
    # Weekly check-ins (issue 26)
    coaching_checkin = fields.Boolean(
        string="Weekly Check-ins",
        help="Each employee gets a short weekly check-in to fill on the check-in day: her goals' progress, her "
        "workload, how she feels, what blocks her.",
    )
    coaching_checkin_weekday = fields.Selection(
        WEEKDAYS,
        string="Check-in Day",
        default="4",
        required=True,
        help="The day of the week the employees are reminded to check in.",
    )

    @api.constrains(
        "coaching_commitment_threshold",
        "coaching_commitment_reminder_days",
        "coaching_prep_days",
        "coaching_amend_days",
    )
    def _check_coaching_numbers(self):
        if low := self.filtered(lambda company: company.coaching_commitment_threshold < 1):
            raise ValidationError(
                self.env._("The overdue commitments threshold of %(company)s must be at least 1.", company=low[0].name)
            )
        if negative := self.filtered(
            lambda company: min(
                company.coaching_commitment_reminder_days, company.coaching_prep_days, company.coaching_amend_days
            )
            < 0
        ):
            raise ValidationError(
                self.env._(
                    "The reminder and amendment days of %(company)s cannot be negative.",
                    company=negative[0].name,
                )
            )

    @api.constrains("coaching_onboarding_days")
    def _check_coaching_onboarding_days(self):
        if negative := self.filtered(lambda company: company.coaching_onboarding_days < 0):
            raise ValidationError(
                self.env._("The onboarding days of %(company)s cannot be negative.", company=negative[0].name)
            )

    def write(self, vals):
        check_selection_values(self, {fname: vals[fname] for fname in vals if fname.startswith("coaching_")})
        check_numbers(self, vals, NUMBER_LIMITS)
        result = super().write(vals)
        if {"coaching_cadence_id", "coaching_onboarding_days"} & vals.keys():
            self.env["hr.coaching.cadence"]._coaching_reset_checked(set(self.ids))
        if "coaching_commitment_threshold" in vals:
            # Who has enough overdue commitments changes for everyone: the signals cron reads them all again.
            self.env["hr.coaching.signal"]._coaching_reset_watermark()
        return result
