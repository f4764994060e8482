import contextvars
from contextlib import contextmanager

from lxml import etree

from odoo import api, models
from odoo.exceptions import ValidationError

# Set only by the models' own actions while they write their internal fields (a session's status, its meeting).
# A Python context variable, not a key of the Odoo context: an RPC caller cannot set it.
_INTERNAL_WRITE = contextvars.ContextVar("hr_performance_coaching_internal_write", default=False)


@contextmanager
def internal_write():
    """Let the enclosed code write the fields that only the addon's own actions may write."""
    token = _INTERNAL_WRITE.set(True)
    try:
        yield
    finally:
        _INTERNAL_WRITE.reset(token)


def is_internal_write():
    return _INTERNAL_WRITE.get()


def check_selection_values(records, vals):
    """Refuse an unknown selection value with words, before the ORM raises a bare ValueError."""
    env = records.env
    for fname, value in vals.items():
        field = records._fields.get(fname)
        if not field or field.type != "selection" or value in (False, None):
            continue
        allowed = [key for key, _label in field._description_selection(env)]
        if value not in allowed:
            raise ValidationError(
                env._(
                    "“%(value)s” is not a valid choice for %(field)s. Choose one of: %(allowed)s.",
                    value=value,
                    field=field._description_string(env),
                    allowed=", ".join(allowed),
                )
            )


def check_numbers(records, vals, limits):
    """Refuse a number larger than ``limits`` {field name: highest} (either sign) before the database sees it:
    a huge number would not fit its column and fail with a database error instead of words. The models'
    constraints word the other limits (at least 1, not negative)."""
    env = records.env
    for fname, highest in limits.items():
        value = vals.get(fname)
        if value is None or value is False:
            continue
        if not isinstance(value, int | float) or abs(value) > highest:
            raise ValidationError(
                env._(
                    "%(value)s is out of range for %(field)s: give at most %(highest)s.",
                    field=records._fields[fname]._description_string(env),
                    highest=highest,
                    value=value,
                )
            )


def check_links(records, vals_list):
    """Refuse a many2one value that points to a record the user may not read.

    Record rules are checked on the record itself, not on what its links point to: without this, a user could
    link a session, a commitment or an employee out of their reach, and read its name through the link.
    """
    env = records.env
    if env.su:
        return
    for vals in vals_list:
        for fname, value in vals.items():
            field = records._fields.get(fname)
            if field is None or field.type != "many2one" or not value or not isinstance(value, int):
                continue
            # Internal users read employees through their public profile, with its company rule.
            model = "hr.employee.public" if field.comodel_name == "hr.employee" else field.comodel_name
            env[model].browse(value).check_access("read")


class _FollowersAdded(frozenset):
    """The (res_id, partner_id) pairs that ``_coaching_schedule_reminders`` has just made followers.

    A Python type of its own: a JSON-RPC caller cannot put one in the context, so it unlocks nothing.
    """


class HrCoachingMixin(models.AbstractModel):
    """What sessions, commitments and signals share: worded input checks and the coaching reminders."""

    _name = "hr.coaching.mixin"
    _description = "Coaching Document"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    # Fields that only the model's own actions write, under internal_write().
    _coaching_internal_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        check_links(self, vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not is_internal_write() and (internal := vals.keys() & self._coaching_internal_fields):
            raise ValidationError(
                self.env._(
                    "%(fields)s can only be changed with the buttons of the %(model)s.",
                    fields=", ".join(self._fields[fname]._description_string(self.env) for fname in sorted(internal)),
                    model=self._description,
                )
            )
        check_links(self, [vals])
        result = super().write(vals)
        if not self.env.su:
            # Record rules are checked on the records before a write; this checks where the write took them.
            self.check_access("write")
        return result

    @api.model
    def get_views(self, views, options=None):
        # Only managers and officers plan talks, raise signals and set commitments: the others get no "New",
        # rather than a button that fails on save.
        result = super().get_views(views, options)
        if not self.env.user._coaching_plans_talks():
            for view in result["views"].values():
                arch = etree.fromstring(view["arch"])
                if arch.tag in ("kanban", "list", "form", "calendar"):
                    arch.set("create", "0")
                    view["arch"] = etree.tostring(arch, encoding="unicode")
        return result

    def _coaching_coach_side(self):
        """The records of ``self`` on which the current user stands on the coach's side (may close its reminders)."""
        return self

    def _check_selection_values(self, vals):
        check_selection_values(self, vals)

    # ------------------------------------------------------------------ reminders

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # mail.activity.create subscribes each assignee with a few queries per user. The reminder batch below
        # has already added them all in one insert: skip the records whose partners all follow already.
        records = self
        added = self.env.context.get("coaching_followers_added")
        if isinstance(added, _FollowersAdded) and partner_ids:
            records = self.filtered(lambda record: any((record.id, pid) not in added for pid in partner_ids))
        return super(HrCoachingMixin, records).message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _coaching_schedule_reminders(self, act_type_xmlid, reminders):
        """Schedule automated activities of one type, in one batch: the one creation path of the coaching reminders.

        ``reminders`` is a list of ``(record, user, date_deadline, summary)`` with records of this model. Like
        ``activity_schedule``, the activities are ``automated`` so that ``activity_feedback`` and
        ``activity_unlink`` find them again. Unlike it, each one has its own user and deadline, and all the
        assignees are made followers with one insert: a cron reminding hundreds of coaches costs the same few
        queries as one. Each assignee gets Odoo's assignment notification when their company asks for it
        (Settings, Coaching, E-mail Coaching Reminders).
        """
        reminders = [(record, user, day, summary) for record, user, day, summary in reminders if user]
        if not reminders:
            return self.env["mail.activity"]
        activity_type = self.env.ref(act_type_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        added = self._coaching_add_followers([(record.id, user.partner_id.id) for record, user, _d, _s in reminders])
        by_notify = {True: [], False: []}
        for record, user, day, summary in reminders:
            by_notify[bool(record.company_id.coaching_reminder_mail)].append(
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "user_id": user.id,
                    "date_deadline": day,
                    "summary": summary or activity_type.summary,
                    "note": activity_type.default_note,
                }
            )
        Activity = self.env["mail.activity"].with_context(coaching_followers_added=added)
        activities = Activity.create(by_notify[True])
        # Without e-mails the reminder still shows in the assignee's activities, systray and digest.
        activities |= Activity.with_context(mail_activity_quick_update=True).create(by_notify[False])
        return activities

    def _coaching_add_followers(self, pairs):
        """Make the partners of ``pairs`` [(res_id, partner_id)] follow these records, with one read and one insert.

        Returns the pairs that follow now, as a context value ``message_subscribe`` trusts.
        """
        wanted = {(res_id, partner_id) for res_id, partner_id in pairs if partner_id}
        if not wanted:
            return _FollowersAdded()
        # Followers are technical records: the activity itself would subscribe its user the same way.
        Followers = self.env["mail.followers"].sudo()
        existing = {
            (follower.res_id, follower.partner_id.id)
            for follower in Followers.search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", list({res_id for res_id, _partner in wanted})),
                    ("partner_id", "in", list({partner for _res_id, partner in wanted})),
                ],
                ["res_id", "partner_id"],
            )
        }
        subtype_ids, _internal, _external = self.env["mail.message.subtype"]._default_subtypes(self._name)
        Followers.create(
            [
                {
                    "res_model": self._name,
                    "res_id": res_id,
                    "partner_id": partner_id,
                    "subtype_ids": [(6, 0, subtype_ids)],
                }
                for res_id, partner_id in sorted(wanted - existing)
            ]
        )
        return _FollowersAdded(wanted)
