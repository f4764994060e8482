from odoo import models
from odoo.exceptions import ValidationError


class HrCoachingMixin(models.AbstractModel):
    """What sessions, commitments and signals share: worded input checks and coaching reminders."""

    _name = "hr.coaching.mixin"
    _description = "Coaching Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    def _check_selection_values(self, vals):
        """Refuse an unknown selection value with words, before the ORM raises a bare ValueError."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if not field or field.type != "selection" or value in (False, None):
                continue
            allowed = [key for key, _label in field._description_selection(self.env)]
            if value not in allowed:
                raise ValidationError(
                    self.env._(
                        "“%(value)s” is not a valid choice for %(field)s. Choose one of: %(allowed)s.",
                        value=value,
                        field=field._description_string(self.env),
                        allowed=", ".join(allowed),
                    )
                )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # The coaching crons add the followers in one batch before creating their reminders.
        if self.env.context.get("coaching_skip_subscribe"):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _coaching_close_reminders(self, done, feedback=None, activity_xmlid=None):
        """Mark the reminders of these records done with ``feedback``, or remove them.

        The reminders belong to the coach or the owner, not always to the user who closes the record,
        hence as superuser. ``activity_xmlid`` narrows them to one activity type.
        """
        reminders = self.sudo().activity_ids
        if activity_xmlid:
            activity_type = self.env.ref(activity_xmlid, raise_if_not_found=False)
            reminders = reminders.filtered(lambda activity: activity.activity_type_id == activity_type)
        if not reminders:
            return
        if done:
            reminders.action_feedback(feedback=feedback)
        else:
            reminders.unlink()
