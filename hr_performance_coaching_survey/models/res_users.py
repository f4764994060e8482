from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _coaching_feedback_domain(self, company_ids, path="coaching_session_id", partner_path="partner_id"):
        """The feedback answers this user may read as records, as the domain of the global record rules.

        An answer asked for a coaching talk holds who answered: as a record it is read only by the coaching
        officers of the talk's company and by the respondent, their own one. The coach side reads the answers
        through the talk, without names and once enough colleagues answered. Answers of other surveys are left
        to the survey rules. ``path`` holds the talk, ``partner_path`` the respondent.
        """
        self.ensure_one()
        if self._is_coaching_officer():
            return ["|", (path, "=", False), (f"{path}.company_id", "in", company_ids)]
        return ["|", (path, "=", False), (partner_path, "=", self.partner_id.id)]
