from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coaching_feedback_min_answers = fields.Integer(related="company_id.coaching_feedback_min_answers", readonly=False)
