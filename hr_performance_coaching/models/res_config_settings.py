from odoo import fields, models


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
    coaching_reminder_mail = fields.Boolean(related="company_id.coaching_reminder_mail", readonly=False)
    coaching_require_rating = fields.Boolean(related="company_id.coaching_require_rating", readonly=False)

    def action_open_coaching_cadences(self):
        return self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_cadence_action")
