from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .hr_coaching_mixin_tools import check_links, check_scalars, is_internal_write, link_ids


class HrCoachingScopeMixin(models.AbstractModel):
    """The one guard every coaching record inherits (docs/security.md), in a fixed order:

    1. values are normalised the way the ORM stores them ('45' is checked as 45, ``Command.link`` for its id), and
       every link must point to a record the user may read;
    2. the fields that only the model's actions write are refused, whatever the context;
    3. the model's own rules run (``_coaching_check_create`` / ``_coaching_check_write``): who, on which side, in
       which state; their checks that something exists come after their access checks;
    4. after a write, the record must still be in the user's scope, and a closed talk's lock covers what is attached
       to it: nothing moves into or out of a closed talk, nothing attached to one is deleted, and a record moved from
       one talk to another stays with the same employee, moved by the coach's side of both.

    Record rules alone check a record before a write, not where it goes; the models' own ``create`` and ``write``
    hold what follows a change, never a check of its values.
    """

    _name = "hr.coaching.scope.mixin"
    _inherit = ["hr.coaching.sortable.mixin"]
    _description = "Coaching Record in the User's Scope"
    _check_company_auto = True
    # Fields that only the model's own actions write, under internal_write().
    _coaching_internal_fields = frozenset()
    # The fields linking a record to talks (hr.coaching.session): the closed talk's lock covers them.
    _coaching_talk_links = ()
    # The talk a record belongs to: moving it to another talk takes the coach's side of both, of one employee.
    _coaching_owner_talk = None

    @api.model_create_multi
    def create(self, vals_list):
        # The ORM fills a field missing from the values with the context's default_<field>: the caller chooses the
        # context as much as the values, so the checks below read such a default as a given value.
        defaults = {
            key[8:]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[8:] in self._fields
        }
        if defaults:
            vals_list = [{**defaults, **vals} for vals in vals_list]
        check_links(self, vals_list)
        check_scalars(self, vals_list)
        guarded = not self.env.su and not is_internal_write()
        if guarded:
            # A new record takes the actions' fields as the model defines them: a value given in the values or as a
            # default_ key of the context is refused, unless it is that very default (forms send it back).
            for vals in vals_list:
                self._coaching_check_internal(
                    fname
                    for fname in self._coaching_actions_fields(vals)
                    if vals[fname] != self._coaching_field_default(fname)
                )
        self._coaching_check_create(vals_list)
        if guarded:
            self._coaching_check_new_talk_links(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        check_links(self, [vals])
        check_scalars(self, [vals])
        guarded = not self.env.su and not is_internal_write()
        if guarded:
            self._coaching_check_internal(vals.keys())
        self._coaching_check_write(vals)
        links = [fname for fname in self._coaching_talk_links if fname in vals] if guarded else []
        before = {(record.id, fname): record[fname] for record in self for fname in links}
        result = super().write(vals)
        if not self.env.su:
            self.check_access("write")
        if links:
            self._coaching_check_talk_moves(before)
        if guarded:
            self._coaching_check_side_after_write(vals)
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # A field the user may not read may not be searched either: a search on it would tell what it holds.
        if not self.env.su:
            for leaf in domain or ():
                if isinstance(leaf, list | tuple) and len(leaf) == 3 and isinstance(leaf[0], str):
                    field = self._fields.get(leaf[0].split(".", 1)[0])
                    if field is not None and not field.is_accessible(self.env):
                        raise AccessError(
                            self.env._(
                                "You cannot search on %(field)s of %(model)s.",
                                field=field._description_string(self.env),
                                model=self._description,
                            )
                        )
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def unlink(self):
        if not self.env.su and not is_internal_write():
            for fname in self._coaching_talk_links:
                # sudo: the state of the talks the record is attached to, whoever may read them.
                if self.sudo()[fname].filtered(lambda session: session.state == "done"):
                    raise UserError(self.env._("Nothing attached to a closed talk can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------ the models' rules

    def _coaching_check_create(self, vals_list):
        """The model's rules for new records, on normalised values (hook)."""

    def _coaching_check_write(self, vals):
        """The model's rules for a write of ``vals`` on ``self``, on normalised values (hook)."""

    # ------------------------------------------------------------------ the guard's own rules

    def _coaching_field_default(self, fname):
        """The value the model itself gives ``fname`` on a new record, whatever the context."""
        field = self._fields[fname]
        return field.default(self) if field.default else False

    def _coaching_actions_fields(self, fnames):
        """The fields of ``fnames`` that no plain write sets: the actions' fields, and every field the model declares
        read-only (computed and related ones included: a related field written through would change its source as
        superuser). A wizard's read-only fields are its defaults: what it does goes through the models' guard."""
        return {
            fname
            for fname in fnames
            if fname in self._coaching_internal_fields
            or (not self._transient and fname in self._fields and self._fields[fname].readonly)
        }

    def _coaching_check_internal(self, fnames):
        if internal := self._coaching_actions_fields(fnames):
            raise ValidationError(
                self.env._(
                    "%(fields)s can only be changed with the buttons of the %(model)s.",
                    fields=", ".join(self._fields[fname]._description_string(self.env) for fname in sorted(internal)),
                    model=self._description,
                )
            )

    def _coaching_check_side_after_write(self, vals):
        """What only the coach's side writes leaves the record on the user's coach side: a manager does not give his
        report's goal or talk to himself, where he would stand on the employee's side. For the models that say what
        the employee writes (``EMPLOYEE_WRITABLE_FIELDS``)."""
        employee_fields = getattr(self, "EMPLOYEE_WRITABLE_FIELDS", None)
        if employee_fields is None or not vals.keys() - employee_fields:
            return
        if self - self._coaching_coach_side():
            raise AccessError(
                self.env._("After this change you would no longer coach it: only the coach's side gives it away.")
            )

    def _coaching_check_new_talk_links(self, vals_list):
        """A new record is not attached to a closed talk, but for the talk it belongs to, whose own rules decide (a
        commitment added during the amendment days)."""
        Session = self.env["hr.coaching.session"]
        for fname in set(self._coaching_talk_links) - {self._coaching_owner_talk}:
            field = self._fields[fname]
            ids = {sid for vals in vals_list if vals.get(fname) for sid in link_ids(self.env, field, vals[fname])}
            # sudo: the state of the talks, once the links were checked as readable.
            if Session.sudo().browse(ids).filtered(lambda session: session.state == "done"):
                raise UserError(self.env._("A closed talk keeps what is attached to it: nothing moves in or out."))

    def _coaching_check_talk_moves(self, before):
        """After a write of the talk links: nothing moved into or out of a closed talk, and a record moved from
        one talk to another stays with the same employee, moved by someone who coaches both talks."""
        for (record_id, fname), old in before.items():
            record = self.browse(record_id)
            new = record[fname]
            # sudo: the state and employee of the talks, once the link itself was checked as readable.
            moved = (old | new).sudo() - (old & new).sudo()
            if not moved:
                continue
            if moved.filtered(lambda session: session.state == "done"):
                raise UserError(self.env._("A closed talk keeps what is attached to it: nothing moves in or out."))
            if fname == self._coaching_owner_talk and old:
                coached = (old | new)._coaching_coach_side()
                if coached != (old | new) or old.sudo().employee_id != new.sudo().employee_id:
                    raise AccessError(
                        self.env._("Only the coach's side moves a record, to another talk of the same employee.")
                    )
