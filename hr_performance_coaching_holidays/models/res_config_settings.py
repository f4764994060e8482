from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coaching_leave_min_days = fields.Integer(related="company_id.coaching_leave_min_days", readonly=False)
