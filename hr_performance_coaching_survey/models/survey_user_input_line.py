from odoo import api, models


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.user_input_id._coaching_check_untouched()
        return lines

    def write(self, vals):
        self.user_input_id._coaching_check_untouched()
        result = super().write(vals)
        if "user_input_id" in vals:
            self.user_input_id._coaching_check_untouched()
        return result

    def unlink(self):
        self.user_input_id._coaching_check_untouched()
        return super().unlink()
