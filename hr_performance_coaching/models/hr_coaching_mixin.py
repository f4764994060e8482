from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from .hr_coaching_mixin_tools import check_selection_values, lock_batch


class _FollowersAdded(frozenset):
    """The (res_id, partner_id) pairs that ``_coaching_schedule_reminders`` has just made followers.

    A Python type of its own: a JSON-RPC caller cannot put one in the context, so it unlocks nothing.
    """


class HrCoachingMixin(models.AbstractModel):
    """What sessions, commitments and signals share: worded input checks and the coaching reminders."""

    _name = "hr.coaching.mixin"
    _description = "Coaching Document"
    _inherit = ["hr.coaching.scope.mixin", "mail.thread", "mail.activity.mixin"]

    # The fields whose values decide who stands on the coach's side of a record (see ``_coaching_coach_side``), and
    # the many2one to the record that decides it, when it is not the record itself (a commitment's talk).
    _coaching_side_depends = ()
    _coaching_side_anchor = None

    # The current user stands on the coach's side of this record: the form shows them the coach's actions.
    is_coach_side = fields.Boolean(compute="_compute_is_coach_side")

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

    def _is_coach_side(self):
        """True when the current user stands on the coach's side of this record: the one rule, for one record."""
        self.ensure_one()
        return bool(self._coaching_coach_side())

    @api.depends(lambda self: self._coaching_side_depends)
    @api.depends_context("uid")
    def _compute_is_coach_side(self):
        # The rule of _is_coach_side, for all the records in one query.
        coach_side = self._coaching_coach_side()
        for record in self:
            anchor = record[self._coaching_side_anchor] if self._coaching_side_anchor else record
            # A record not saved yet is being planned by its future coach; saving it checks the scope.
            record.is_coach_side = not anchor.id or record in coach_side

    def _check_selection_values(self, vals):
        check_selection_values(self, vals)

    # ------------------------------------------------------------------ reminders

    @api.model
    def _coaching_lock_batch(self, domain, order, limit, cron_xmlid):
        """The next batch of a reminder cron, locked first: someone writing one of these records meanwhile waits for
        the batch (and Odoo retries the request) instead of the cron failing on a row updated under it and leaving
        its reminders for the next day; a record a user holds is left to the next batch (see ``lock_batch``)."""
        self.flush_model()
        query = self._search(domain, order=order, limit=limit)
        return self.browse(
            lock_batch(
                self.env,
                SQL("%s FOR NO KEY UPDATE OF %s SKIP LOCKED", query.select(), SQL.identifier(self._table)),
                cron_xmlid,
            )
        )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if not self.env.su and partner_ids and set(partner_ids) - set(self.env.user.partner_id.ids):
            # Followers read the talk's messages: the coachee does not add colleagues; the coach's side does.
            if self - self._coaching_coach_side():
                raise AccessError(self.env._("Only the coach's side adds followers to a coaching record."))
        # mail.activity.create subscribes each assignee with a few queries per user. The reminder batch below
        # has already added them all in one insert: skip the records whose partners all follow already.
        records = self
        added = self.env.context.get("coaching_followers_added")
        if isinstance(added, _FollowersAdded) and partner_ids:
            records = self.filtered(lambda record: any((record.id, pid) not in added for pid in partner_ids))
        return super(HrCoachingMixin, records).message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _coaching_schedule_reminders(self, act_type_xmlid, reminders, notify=None):
        """Schedule automated activities of one type, in one batch: the one creation path of the coaching reminders.

        ``reminders`` is a list of ``(record, user, date_deadline, summary)`` with records of this model; a summary
        may be a function of the record, called in the assignee's language so that each reads theirs. Like
        ``activity_schedule``, the activities are ``automated`` so that ``activity_feedback`` and
        ``activity_unlink`` find them again. Unlike it, each one has its own user and deadline, and all the
        assignees are made followers with one insert: a cron reminding hundreds of coaches costs the same few
        queries as one. Each assignee gets Odoo's assignment notification when their company asks for it
        (Settings, Coaching, E-mail Coaching Reminders), or always with ``notify`` (the employee's own reminders).
        Like ``activity_schedule``, it creates nothing under ``mail_activity_automation_skip`` (an import, a mass
        change).
        """
        if self.env.context.get("mail_activity_automation_skip"):
            return self.env["mail.activity"]
        reminders = [(record, user, day, summary) for record, user, day, summary in reminders if user]
        if not reminders:
            return self.env["mail.activity"]
        activity_type = self.env.ref(act_type_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        added = self._coaching_add_followers([(record.id, user.partner_id.id) for record, user, _d, _s in reminders])
        # The document names in one batch. mail.activity computes res_name on each activity's own record (one
        # browse per res_id), which costs one display_name computation per reminder when the batch is flushed.
        # sudo: that compute runs as superuser too (compute_sudo): the name is the document's, whoever reads it.
        documents = self.browse([record.id for record, _u, _d, _s in reminders]).sudo()
        names = {document.id: document.display_name for document in documents}
        by_notify = {True: [], False: []}
        envs = {}
        for record, user, day, summary in reminders:
            lang = user.lang or self.env.lang
            if lang not in envs:
                envs[lang] = self.with_context(lang=lang).env
            kind = activity_type.with_env(envs[lang])
            if callable(summary):
                summary = summary(record.with_env(envs[lang]))
            by_notify[bool(notify or record.company_id.coaching_reminder_mail)].append(
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "res_name": names[record.id],
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "user_id": user.id,
                    "date_deadline": day,
                    "summary": summary or kind.summary,
                    "note": kind.default_note,
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
