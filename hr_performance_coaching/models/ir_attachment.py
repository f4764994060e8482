from odoo import api, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .hr_coaching_mixin_tools import is_internal_write

SESSION = "hr.coaching.session"
NOTE = "hr.coaching.session.note"


class IrAttachment(models.Model):
    """The files stored on a coaching session are the coach side's, except what the chatter shows.

    The HTML editor stores what is uploaded while a talk is edited on the session: pictures of its GROW stages, but
    also whatever goes into the private note before it is saved, an image's original before it is cropped, an image
    removed again. The coached employee reads the session; its files follow a stricter rule (docs/security.md): she
    reads those attached to a message of the session, and her own uploads; the coach side reads them all. The rule
    is one domain (``_coaching_media_domain``), added to the searches through which Odoo reads attachments (fetch,
    /web/content, /web/image) and used by ``check``, Odoo's own check of the mail and portal paths.
    """

    _inherit = "ir.attachment"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = [*self._coaching_media_domain(), *domain]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model_create_multi
    def create(self, vals_list):
        self._coaching_check_closed_talks(
            {vals["res_id"] for vals in vals_list if vals.get("res_model") == SESSION and vals.get("res_id")}
        )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("res_model", SESSION) == SESSION and vals.get("res_id"):
            self._coaching_check_closed_talks({vals["res_id"]})
        if {"res_model", "res_id", "datas", "raw", "db_datas"} & vals.keys():
            self._coaching_check_closed_talks(self._coaching_session_ids())
        return super().write(vals)

    def unlink(self):
        self._coaching_check_closed_talks(self._coaching_session_ids())
        return super().unlink()

    def _coaching_session_ids(self):
        if not self.ids:
            return set()
        self.env.cr.execute(
            "SELECT res_id FROM ir_attachment WHERE id IN %s AND res_model = %s AND res_id IS NOT NULL",
            [tuple(self.ids), SESSION],
        )
        return {res_id for (res_id,) in self.env.cr.fetchall()}

    def _coaching_check_closed_talks(self, session_ids):
        """The files of a closed talk stay as they were, through any path: the chatter's upload and message edits
        create and delete them as superuser. Only the addon itself (and its uninstall) changes them."""
        if not session_ids or is_internal_write() or (self.env.su and self.env.context.get(MODULE_UNINSTALL_FLAG)):
            return
        # sudo: the state of the talks, whoever the caller is; it decides only this refusal.
        if self.env[SESSION].sudo().browse(session_ids).exists().filtered(lambda session: session.state == "done"):
            raise UserError(self.env._("The files of a closed talk stay as they were."))

    def check(self, mode, values=None):
        result = super().check(mode, values)
        if self.env.is_superuser():
            return result
        if mode == "read" and self:
            # sudo: the rule itself decides, not the user's other rights, which super() checked.
            readable = self.sudo()._search([("id", "in", self.ids), *self._coaching_media_domain()])
            if set(self.ids) - set(readable):
                raise AccessError(self.env._("Sorry, you are not allowed to access this document."))
        elif mode != "read":
            self._coaching_check_files(mode, values or {})
        return result

    def _coaching_check_files(self, mode, values):
        """What a user changes of the files of a talk: they stay where the talk put them (only the addon moves them,
        as the note claims its pictures), on a talk that exists and is not closed; the coachee changes her own
        uploads only. Odoo's own check (the right to write the talk) came first."""
        rows = []
        if self.ids:
            self.env.cr.execute(
                "SELECT res_model, res_id, create_uid FROM ir_attachment WHERE id IN %s", [tuple(self.ids)]
            )
            rows = self.env.cr.fetchall()
        if mode == "write" and {"res_model", "res_id"} & values.keys():
            for res_model, res_id, _uid in rows:
                target = (values.get("res_model", res_model), values.get("res_id", res_id))
                if target != (res_model, res_id) and {res_model, target[0]} & {SESSION, NOTE}:
                    raise AccessError(self.env._("The files of a talk stay with the talk."))
        if mode == "create":
            rows = [(values.get("res_model"), values.get("res_id"), self.env.uid)]
        by_session = {res_id: uid for res_model, res_id, uid in rows if res_model == SESSION and res_id}
        note_ids = {res_id for res_model, res_id, _uid in rows if res_model == NOTE and res_id}
        # sudo: whether the talks exist and are closed is told only after Odoo's own access check above.
        sessions = self.env[SESSION].sudo().browse(by_session).exists()
        sessions |= self.env[NOTE].sudo().browse(note_ids).exists().session_id
        if len(sessions) < len(by_session):
            raise AccessError(self.env._("Sorry, you are not allowed to access this document."))
        if sessions.filtered(lambda session: session.state == "done"):
            raise UserError(self.env._("The files of a closed talk stay as they were."))
        coached = sessions.sudo(False)._coaching_coach_side()
        for res_model, res_id, uid in rows:
            if res_model == SESSION and res_id not in coached.ids and uid != self.env.uid:
                raise AccessError(self.env._("Only the coach's side changes the files of a talk."))

    @api.model
    def _coaching_media_domain(self):
        """The attachments the current user may read as far as the coaching sessions go: those not on a session, and
        on a session those of the talks they coach, of the session's messages, and their own uploads."""
        user = self.env.user
        if user._is_coaching_officer():
            return []
        coached = SQL(
            """(SELECT s.id FROM hr_coaching_session s LEFT JOIN hr_employee c ON c.id = s.coach_id
                 WHERE c.user_id = %(uid)s OR s.employee_id IN %(managed)s)""",
            uid=user.id,
            managed=user._coaching_managed_subquery(),
        )
        of_messages = SQL(
            """(SELECT rel.attachment_id FROM message_attachment_rel rel
                  JOIN mail_message message ON message.id = rel.message_id
                 WHERE message.model = %(model)s)""",
            model=SESSION,
        )
        return [
            "|",
            ("res_model", "!=", SESSION),
            "|",
            ("create_uid", "=", user.id),
            "|",
            ("res_id", "in", coached),
            ("id", "in", of_messages),
        ]
