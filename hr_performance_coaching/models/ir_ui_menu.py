from odoo import models


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        # Like core hr's Departments menu: what only a manager or an officer uses is hidden from the others.
        result = super()._load_menus_blacklist()
        if not self.env.user._coaching_plans_talks():
            result += [
                self.env.ref("hr_performance_coaching.hr_coaching_team_menu").id,
                self.env.ref("hr_performance_coaching.hr_coaching_signal_menu").id,
                self.env.ref("hr_performance_coaching.menu_coaching_reporting").id,
            ]
        return result
