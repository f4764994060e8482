from odoo import api, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .hr_coaching_mixin_tools import is_internal_write

SESSION = "hr.coaching.session"
NOTE = "hr.coaching.session.note"
EMPLOYEE_NOTE = "hr.coaching.session.employee.note"


class IrAttachment(models.Model):
    """The files stored on a coaching session are the coach side's, except what the chatter shows.

    The HTML editor stores what is uploaded while a talk is edited on the session: pictures of its GROW stages, but
    also whatever goes into the private note before it is saved, an image's original before it is cropped, an image
    removed again. The coached employee reads the session; its files follow a stricter rule (docs/security.md): she
    reads those attached to a message of the session, and her own uploads; the coach side reads them all. The rule
    is one domain (``_coaching_media_domain``), added to the searches through which Odoo reads attachments (fetch,
    /web/content, /web/image) and used by ``check``, Odoo's own check of the mail and portal paths. A closed talk's
    files do not change on any path (``_coaching_check_closed_talks``).
    """

    _inherit = "ir.attachment"

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = [*self._coaching_media_domain(), *domain]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model_create_multi
    def create(self, vals_list):
        self._coaching_check_closed_talks([(vals.get("res_model"), vals.get("res_id")) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if {"res_model", "res_id", "datas", "raw", "db_datas"} & vals.keys():
            where = [(res_model, res_id) for res_model, res_id, _uid in self._coaching_rows()]
            targets = [(vals.get("res_model", res_model), vals.get("res_id", res_id)) for res_model, res_id in where]
            self._coaching_check_closed_talks(where + targets)
        return super().write(vals)

    def unlink(self):
        self._coaching_check_closed_talks([(res_model, res_id) for res_model, res_id, _uid in self._coaching_rows()])
        return super().unlink()

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

    # ------------------------------------------------------------------ the rules

    def _coaching_rows(self):
        """[(res_model, res_id, create_uid)] of ``self``, read in one query (not the ORM's prefetch of the files)."""
        if not self.ids:
            return []
        self.env.cr.execute("SELECT res_model, res_id, create_uid FROM ir_attachment WHERE id IN %s", [tuple(self.ids)])
        return self.env.cr.fetchall()

    def _coaching_talks(self, places):
        """The talks of ``places`` [(res_model, res_id)]: a session's files, and a private note's (the coach's or the
        employee's)."""
        # sudo: where a file is stored is decided before the user's right to it.
        sessions = self.env[SESSION].sudo().browse({res_id for model, res_id in places if model == SESSION and res_id})
        notes = self.env[NOTE].sudo().browse({res_id for model, res_id in places if model == NOTE and res_id})
        own_notes = (
            self.env[EMPLOYEE_NOTE]
            .sudo()
            .browse({res_id for model, res_id in places if model == EMPLOYEE_NOTE and res_id})
        )
        return sessions.exists() | notes.exists().session_id | own_notes.exists().session_id

    def _coaching_check_closed_talks(self, places):
        """The files of a closed talk stay as they were, through any path: the chatter's upload and message edits
        create and delete them as superuser. Only the addon itself (and its uninstall) changes them."""
        if is_internal_write() or (self.env.su and self.env.context.get(MODULE_UNINSTALL_FLAG)):
            return
        if self._coaching_talks(places).filtered(lambda session: session.state == "done"):
            raise UserError(self.env._("The files of a closed talk stay as they were."))

    def _coaching_check_files(self, mode, values):
        """What a user changes of the files of a talk: they stay where the talk put them (only the addon moves them,
        as the note claims its pictures), on a talk that exists; the coachee changes her own uploads only. Odoo's
        own check (the right to write the talk) came first; closed talks are ``_coaching_check_closed_talks``'."""
        rows = self._coaching_rows()
        if mode == "write" and {"res_model", "res_id"} & values.keys():
            for res_model, res_id, _uid in rows:
                target = (values.get("res_model", res_model), values.get("res_id", res_id))
                if target != (res_model, res_id) and {res_model, target[0]} & {SESSION, NOTE, EMPLOYEE_NOTE}:
                    raise AccessError(self.env._("The files of a talk stay with the talk."))
        if mode == "create":
            rows = [(values.get("res_model"), values.get("res_id"), self.env.uid)]
        session_ids = {res_id for res_model, res_id, _uid in rows if res_model == SESSION and res_id}
        sessions = self._coaching_talks([(SESSION, res_id) for res_id in session_ids])
        if len(sessions) < len(session_ids):
            raise AccessError(self.env._("Sorry, you are not allowed to access this document."))
        coached = sessions.sudo(False)._coaching_coach_side()
        for res_model, res_id, uid in rows:
            if res_model == SESSION and res_id not in coached.ids and uid != self.env.uid:
                raise AccessError(self.env._("Only the coach's side changes the files of a talk."))

    @api.model
    def _coaching_media_domain(self):
        """The attachments the current user may read as far as the coaching sessions go. Only the coached
        employee reads a session without being on its coach side (docs/security.md): on her own talks she reads the
        files of their messages and her own uploads; every other file is as Odoo's own check says."""
        own_talks = SQL(
            """(SELECT s.id FROM hr_coaching_session s JOIN hr_employee e ON e.id = s.employee_id
                 WHERE e.user_id = %(uid)s)""",
            uid=self.env.uid,
        )
        of_messages = SQL(
            """(SELECT rel.attachment_id FROM message_attachment_rel rel
                  JOIN mail_message message ON message.id = rel.message_id
                 WHERE message.model = %(model)s)""",
            model=SESSION,
        )
        return [
            "|",
            "|",
            "|",
            ("res_model", "!=", SESSION),
            ("res_id", "not in", own_talks),
            ("create_uid", "=", self.env.uid),
            ("id", "in", of_messages),
        ]
