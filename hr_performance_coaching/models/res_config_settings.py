from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The Coaching vs Performance analysis shows no figures below this many appraisals, unless set otherwise.
DEFAULT_MIN_APPRAISALS = 10


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coaching_cadence_id = fields.Many2one(related="company_id.coaching_cadence_id", readonly=False)
    coaching_interval_number = fields.Integer(
        related="company_id.coaching_cadence_id.interval_number", string="Talk Every", readonly=False
    )
    coaching_interval_type = fields.Selection(
        related="company_id.coaching_cadence_id.interval_type", string="Talk Interval Unit", readonly=False
    )
    coaching_reminder_days = fields.Integer(
        related="company_id.coaching_cadence_id.reminder_days", string="Reminder Lead", readonly=False
    )
    coaching_grace_days = fields.Integer(
        related="company_id.coaching_cadence_id.grace_days", string="Grace Days", readonly=False
    )
    coaching_commitment_threshold = fields.Integer(related="company_id.coaching_commitment_threshold", readonly=False)
    coaching_escalation = fields.Boolean(related="company_id.coaching_escalation", readonly=False)
    coaching_escalation_target = fields.Selection(related="company_id.coaching_escalation_target", readonly=False)
    coaching_commitment_reminder_days = fields.Integer(
        related="company_id.coaching_commitment_reminder_days", readonly=False
    )
    coaching_calendar_event = fields.Boolean(related="company_id.coaching_calendar_event", readonly=False)
    coaching_prep_days = fields.Integer(related="company_id.coaching_prep_days", readonly=False)
    coaching_amend_days = fields.Integer(related="company_id.coaching_amend_days", readonly=False)
    coaching_onboarding_days = fields.Integer(related="company_id.coaching_onboarding_days", readonly=False)
    coaching_detect_role_change = fields.Boolean(related="company_id.coaching_detect_role_change", readonly=False)
    coaching_detect_promotion = fields.Boolean(related="company_id.coaching_detect_promotion", readonly=False)
    coaching_reminder_mail = fields.Boolean(related="company_id.coaching_reminder_mail", readonly=False)
    coaching_require_rating = fields.Boolean(related="company_id.coaching_require_rating", readonly=False)
    coaching_checkin = fields.Boolean(related="company_id.coaching_checkin", readonly=False)
    coaching_checkin_weekday = fields.Selection(related="company_id.coaching_checkin_weekday", readonly=False)

    def action_open_coaching_cadences(self):
        return self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_cadence_action")

    # Coaching vs Performance analysis
    coaching_analysis_min_appraisals = fields.Integer(
        string="Minimum Appraisals for the Analysis",
        config_parameter="hr_performance_coaching.analysis_min_appraisals",
        default=DEFAULT_MIN_APPRAISALS,
        help="The Coaching vs Performance analysis shows figures only when at least this many done appraisals "
        "with a previous rating are in the selection: averages over a handful of appraisals would mislead.",
    )

    @api.constrains("coaching_analysis_min_appraisals")
    def _check_coaching_analysis_min_appraisals(self):
        for settings in self:
            if settings.coaching_analysis_min_appraisals < 1:
                raise ValidationError(
                    self.env._(
                        "The Coaching vs Performance analysis needs at least 1 appraisal to show figures, "
                        "not %(count)s.",
                        count=settings.coaching_analysis_min_appraisals,
                    )
                )
