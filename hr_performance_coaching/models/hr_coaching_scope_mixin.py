from odoo import api, models

from .hr_coaching_mixin_tools import check_links


class HrCoachingScopeMixin(models.AbstractModel):
    """What every coaching record a user writes shares: its links point to what the user may read, and a write
    leaves it in the user's scope. Record rules alone check a record before a write, not where it goes."""

    _name = "hr.coaching.scope.mixin"
    _description = "Coaching Record in the User's Scope"
    _check_company_auto = True

    @api.model_create_multi
    def create(self, vals_list):
        check_links(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_links(self, [vals])
        result = super().write(vals)
        if not self.env.su:
            self.check_access("write")
        return result
