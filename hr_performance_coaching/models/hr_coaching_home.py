from odoo import Command, api, fields, models


class HrCoachingHome(models.TransientModel):
    """My Coaching: the employee's own page, their next talk to prepare, their commitments and their past talks.

    A transient record per visit, read and written with the employee's own rights: the preparation and the agenda
    are the next talk's own fields, written through.
    """

    _name = "hr.coaching.home"
    _inherit = ["hr.coaching.scope.mixin"]
    _description = "My Coaching"

    employee_id = fields.Many2one("hr.employee", compute="_compute_home", readonly=True)
    next_session_id = fields.Many2one("hr.coaching.session", string="Next Talk", compute="_compute_home")
    next_date = fields.Datetime(related="next_session_id.date_scheduled", string="Date")
    next_coach_id = fields.Many2one(related="next_session_id.coach_id", string="Coach")
    next_meeting_id = fields.Many2one(related="next_session_id.calendar_event_id", string="Meeting")
    next_prep = fields.Html(related="next_session_id.employee_prep", string="My Preparation", readonly=False)
    next_employee_note = fields.Html(
        related="next_session_id.employee_note",
        string="My Private Note",
        readonly=False,
        help="Only you read this note: not your coach, not your managers, not HR.",
    )
    next_topic_ids = fields.One2many(related="next_session_id.topic_ids", string="Agenda", readonly=False)
    next_review_ids = fields.One2many(
        related="next_session_id.review_commitment_ids", string="To Review in the Next Talk"
    )
    commitment_ids = fields.Many2many("hr.coaching.commitment", compute="_compute_home", string="My Open Commitments")
    coach_commitment_ids = fields.Many2many(
        "hr.coaching.commitment",
        compute="_compute_home",
        string="My Coach's Commitments",
        help="What your coach committed to do for you.",
    )
    past_session_ids = fields.Many2many("hr.coaching.session", compute="_compute_home", string="Past Talks")

    def _compute_display_name(self):
        for home in self:
            home.display_name = self.env._("My Coaching")

    @api.depends_context("uid")
    def _compute_home(self):
        employee = self.env.user.employee_id
        Session = self.env["hr.coaching.session"]
        Commitment = self.env["hr.coaching.commitment"]
        next_session = Session.search(
            [("employee_id", "=", employee.id), ("state", "=", "planned")], order="date_scheduled, id", limit=1
        )
        open_commitments = Commitment.search([("employee_id", "=", employee.id), ("state", "=", "open")])
        past = Session.search([("employee_id", "=", employee.id), ("state", "=", "done")], order="date_scheduled desc")
        for home in self:
            home.employee_id = employee
            home.next_session_id = next_session
            home.commitment_ids = open_commitments.filtered(lambda c: c.owner_id == employee)
            home.coach_commitment_ids = open_commitments - home.commitment_ids
            home.past_session_ids = past

    def write(self, vals):
        """Write her changes through to her next talk, and only them.

        The web client sends the agenda back as commands on the related one2many; written through the related field,
        they would come back to the talk as its whole agenda (every point, the coach's too) and with the values the
        client computed for a new line (its side, an empty talk). Here each point is written as she changed it: her
        new points with their text, the others with the values that differ. The agenda is then read again from the
        talk, so that her new points show at once.
        """
        vals = dict(vals)
        session_vals = {}
        if "next_topic_ids" in vals:
            session_vals["topic_ids"] = self._coaching_agenda_changes(vals.pop("next_topic_ids"))
        if "next_prep" in vals:
            session_vals["employee_prep"] = vals.pop("next_prep")
        if "next_employee_note" in vals:
            session_vals["employee_note"] = vals.pop("next_employee_note")
        talks = self._coaching_talk_changes(vals.pop("past_session_ids", ()))
        result = super().write(vals) if vals else True
        for talk, talk_vals in talks:
            talk.write(talk_vals)
        if session_vals:
            for home in self:
                home.next_session_id.write(session_vals)
            self.invalidate_recordset(["next_topic_ids", "next_prep", "next_employee_note"])
        return result

    def _coaching_agenda_changes(self, commands):
        """The commands of the agenda that change something: new points without the values the talk sets (their
        talk, their side), changed points with the values that differ."""
        Topic = self.env["hr.coaching.topic"]
        changes = []
        for command in commands or ():
            if command[0] == Command.CREATE:
                values = {key: value for key, value in command[2].items() if key not in ("session_id", "side")}
                changes.append(Command.create(values))
            elif command[0] == Command.UPDATE:
                topic = Topic.browse(command[1])
                if values := self._coaching_changed_values(topic, command[2]):
                    changes.append(Command.update(topic.id, values))
            elif command[0] != Command.LINK or command[1] not in self.next_session_id.topic_ids.ids:
                changes.append(command)
        return changes

    def _coaching_talk_changes(self, commands):
        """[(talk, values)] of what she changed in her past talks (her rating, in the review dialog). The list of
        past talks is the page's own: a command that links or removes a talk changes nothing."""
        Session = self.env["hr.coaching.session"]
        changes = []
        for command in commands or ():
            if command[0] == Command.UPDATE:
                talk = Session.browse(command[1])
                if values := self._coaching_changed_values(talk, command[2]):
                    changes.append((talk, values))
        return changes

    @staticmethod
    def _coaching_changed_values(record, values):
        """The part of ``values`` that changes ``record`` (a value for an unknown field is kept, for the write to
        refuse)."""

        def changes(fname, value):
            field = record._fields[fname]
            return field.convert_to_record(field.convert_to_cache(value, record), record) != record[fname]

        return {fname: value for fname, value in values.items() if fname not in record._fields or changes(fname, value)}

    @api.model
    def action_open(self):
        """The My Coaching page of the current user."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My Coaching"),
            "res_model": self._name,
            "res_id": self.create({}).id,
            "view_mode": "form",
            "target": "current",
            "context": {"form_view_initial_mode": "edit"},
        }

    @api.model
    def action_open_landing(self):
        """The page the Coaching app opens on: My Team for those who plan talks, My Coaching for the others."""
        if self.env.user._coaching_plans_talks():
            return self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_team_action")
        return self.action_open()

    def action_ask_for_talk(self):
        return self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance_coaching.hr_coaching_request_wizard_action"
        )
