from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_coaching_mixin_tools import check_selection_values


class HrCoachingTopic(models.Model):
    """A talking point of the shared agenda: both sides add them before the talk; those not covered move on."""

    _name = "hr.coaching.topic"
    _description = "Coaching Talking Point"
    _inherit = ["hr.coaching.scope.mixin"]
    _order = "sequence, id"
    _coaching_talk_links = ("session_id",)
    _coaching_owner_talk = "session_id"
    # The author is who wrote the point; carried points are the carry-over's.
    _coaching_internal_fields = frozenset({"author_id", "carried_from_id", "carried_ids"})

    name = fields.Char(string="Talking Point", required=True)
    session_id = fields.Many2one(
        "hr.coaching.session", required=True, index=True, ondelete="cascade", check_company=True
    )
    employee_id = fields.Many2one(related="session_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True, copy=False)
    side = fields.Selection(
        [("employee", "Employee"), ("coach", "Coach")],
        compute="_compute_side",
        store=True,
        readonly=False,
        precompute=True,
        help="Who brought the point up.",
    )
    done = fields.Boolean(string="Covered", help="Talked about in this talk; points not covered move to the next.")
    sequence = fields.Integer(default=10)
    carried_from_id = fields.Many2one(
        "hr.coaching.topic", string="Carried from", readonly=True, copy=False, ondelete="set null", index=True
    )
    carried_ids = fields.One2many("hr.coaching.topic", "carried_from_id", string="Carried to")
    can_remove = fields.Boolean(
        compute="_compute_can_remove", help="The current user wrote this point, or runs the talk: they may change it."
    )

    @api.depends("author_id", "session_id", "session_id.state")
    @api.depends_context("uid")
    def _compute_can_remove(self):
        # The agenda of a closed talk stays as it was: nobody changes or removes its points any more.
        removable = self._coaching_removable()
        for topic in self:
            topic.can_remove = topic.session_id.state != "done" and (not topic.id or topic in removable)

    def _coaching_removable(self):
        """The points the current user wrote, or whose talk they run: one query for all."""
        coach_side = self.session_id._coaching_coach_side()
        return self.filtered(lambda topic: topic.author_id == self.env.user or topic.session_id in coach_side)

    @api.depends("session_id", "author_id")
    def _compute_side(self):
        for topic in self:
            if not topic.side:
                employee_user = topic.session_id.employee_id.user_id
                topic.side = "employee" if employee_user and topic.author_id == employee_user else "coach"

    # ------------------------------------------------------------------ CRUD

    def _coaching_check_create(self, vals_list):
        Session = self.env["hr.coaching.session"]
        for vals in vals_list:
            check_selection_values(self, vals)
            session = Session.browse(vals.get("session_id") or self.env.context.get("default_session_id"))
            if session.state != "planned":
                raise UserError(self.env._("Talking points are added to a planned talk."))
            if not self.env.su and "side" in vals and not session._is_coach_side():
                raise AccessError(self.env._("Only the coach's side says who brought a point up."))

    def _coaching_check_write(self, vals):
        check_selection_values(self, vals)
        if "session_id" in vals and all(topic.session_id.id == vals["session_id"] for topic in self):
            # Saved with its talk (an agenda written back whole), a point is not moved: nothing to check.
            del vals["session_id"]
        if not self.env.su:
            if self.session_id.filtered(lambda session: session.state == "done"):
                raise UserError(self.env._("The agenda of a closed talk stays as it was."))
            not_coached = self - self.filtered(lambda topic: topic.session_id in self.session_id._coaching_coach_side())
            if not_coached and set(vals) - {"done", "sequence"} and not_coached - not_coached._coaching_removable():
                raise AccessError(self.env._("You can only change your own talking points."))
            if not_coached and "side" in vals:
                raise AccessError(self.env._("Only the coach's side says who brought a point up."))

    @api.model_create_multi
    def create(self, vals_list):
        topics = super().create(vals_list)
        # The employee prepared: a point of their own, not one carried over from the last talk.
        prepared = topics.filtered(
            lambda topic: not topic.carried_from_id and topic.author_id == topic.session_id.employee_id.user_id
        )
        prepared.session_id._coaching_close_preparation_reminder()
        return topics

    def unlink(self):
        if not self.env.su and self - self._coaching_removable():
            raise AccessError(self.env._("You can only remove your own talking points."))
        return super().unlink()

    def action_remove(self):
        self.unlink()
        return True

    # ------------------------------------------------------------------ the agenda carries over

    @api.model
    def _coaching_carry_over(self, employees):
        """Copy the points not covered in a done talk to the employee's first planned talk after it, once.

        A point that waits for a talk to be planned is carried when one is. Runs as superuser: the points of
        earlier talks may have been written by another coach.
        """
        if not employees:
            return
        pending = self.sudo().search(
            [
                ("employee_id", "in", employees.ids),
                ("done", "=", False),
                ("session_id.state", "=", "done"),
                ("carried_ids", "=", False),
            ]
        )
        if not pending:
            return
        next_talk = self.env["hr.coaching.session"]._coaching_next_planned(employees)
        vals_list = []
        for topic in pending:
            target = next_talk(topic.employee_id, topic.session_id.date_scheduled)
            if target:
                vals_list.append(
                    {
                        "session_id": target.id,
                        "name": topic.name,
                        "author_id": topic.author_id.id,
                        "side": topic.side,
                        "sequence": topic.sequence,
                        "carried_from_id": topic.id,
                    }
                )
        if vals_list:
            self.sudo().create(vals_list)
