from collections import defaultdict

from odoo import models
from odoo.exceptions import AccessError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _check_access(self, operation):
        """A coaching reminder of someone else is closed or changed by the coach's side only.

        Odoo lets whoever may write a document close its activities. The coached employee may write their own
        session (their preparation) and commitment (their progress), but not tick off their coach's reminder.
        """
        result = super()._check_access(operation)
        if operation not in ("write", "unlink") or self.env.su or not self:
            return result
        refused = result[0] if result else self.browse()
        by_document = defaultdict(lambda: defaultdict(list))
        for activity in (self - refused).sudo():
            document = self.env[activity.res_model] if activity.res_model in self.env else None
            # isinstance, not _inherit: _inherit lists only the last extension's parents, and a bridge addon that
            # extends the talk would otherwise turn the check off.
            coaching = document is not None and isinstance(document, self.pool["hr.coaching.mixin"])
            if activity.user_id != self.env.user and coaching:
                by_document[activity.res_model][activity.res_id].append(activity.id)
        forbidden = []
        for model, activities_by_id in by_document.items():
            documents = self.env[model].browse(activities_by_id)
            for document in documents - documents._coaching_coach_side():
                forbidden += activities_by_id[document.id]
        if not forbidden:
            return result
        forbidden = self.browse(forbidden)
        message = self.env._("Only the coach's side can close or change this coaching reminder.")
        return (refused | forbidden, lambda: AccessError(message))
