from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    coaching_promotion = fields.Boolean(
        string="Promotion",
        help="Taking this job is a promotion: it raises a Promotion key event for a talk, not a Role change.",
    )
