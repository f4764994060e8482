from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.hr_coaching_mixin_tools import check_selection_values
from ..models.hr_coaching_signal import KEY_EVENT_TYPES


class HrCoachingKeyEventWizard(models.TransientModel):
    _name = "hr.coaching.key.event.wizard"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "Log a Key Event"

    employee_id = fields.Many2one("hr.employee", required=True, readonly=True)
    event_type = fields.Selection(KEY_EVENT_TYPES, string="Event", required=True, default="promotion")
    date = fields.Date(required=True, default=fields.Date.context_today)
    note = fields.Text(help="What happened, in a few words: it helps prepare the talk.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if values.get("employee_id"):
            self.env.user._coaching_check_manages(self.env["hr.employee"].browse(values["employee_id"]))
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            check_selection_values(self, vals)
            try:
                fields.Date.to_date(vals.get("date"))
            except (TypeError, ValueError):
                raise ValidationError(
                    self.env._("“%(value)s” is not a date: give the day of the event.", value=vals["date"])
                ) from None
        return super().create(vals_list)

    def action_confirm(self):
        self.ensure_one()
        signals = self.employee_id._coaching_log_key_event(self.event_type, note=self.note, date=self.date)
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.coaching.signal",
            "res_id": signals[:1].id,
            "view_mode": "form",
            "target": "current",
        }
