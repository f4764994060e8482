from odoo import models
from odoo.exceptions import ValidationError


class HrCoachingMixin(models.AbstractModel):
    _name = "hr.coaching.mixin"
    _description = "Coaching Input Checks"

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
