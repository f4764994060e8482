from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, is_html_empty

from .hr_coaching_mixin_tools import COACHING_DUE, PREP_REMINDER, internal_write, written_text


class HrCoachingSessionFlow(models.AbstractModel):
    """How a talk moves: closed (with its Will and its review), cancelled, planned again, amended during the
    company's amendment days, and followed by the next talk. The talk's own part, kept apart from its content and
    rules (``hr.coaching.session`` inherits it)."""

    _name = "hr.coaching.session.flow"
    _description = "Coaching Talk: Closing and Next Talk"

    # ------------------------------------------------------------------ actions

    def action_close(self):
        """The Close button: a talk closed before its planned time asks first when it was held."""
        self.ensure_one()
        self._coaching_check_closable()
        if self.date_scheduled <= fields.Datetime.now():
            return self.action_done()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("When was the talk held?"),
            "res_model": "hr.coaching.close.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_session_id": self.id},
        }

    def _coaching_check_closable(self):
        """Refuse, in words, to close a talk that is not planned, has no Will, or whose review is not done."""
        for session in self:
            if session.state != "planned":
                raise UserError(
                    self.env._("Only a planned session can be closed: %(name)s.", name=session.display_name)
                )
            missing = []
            if not written_text(session.will):
                missing.append(self.env._("- Will: write down what the employee will do next."))
            pending = session.review_commitment_ids.filtered(lambda c: c.state != "dropped" and not c.outcome)
            if pending:
                missing.append(
                    self.env._(
                        "- Review: record an outcome (kept, partly, missed) or drop these commitments: " "%(names)s.",
                        names=", ".join(pending.mapped("name")),
                    )
                )
            if missing:
                raise UserError(
                    self.env._("The session cannot be closed yet:\n%(missing)s", missing="\n".join(missing))
                )

    def action_done(self):
        self._coaching_check_closable()
        self._write_state("done")
        with internal_write():
            self.write({"date_closed": fields.Datetime.now()})
        for session in self:
            body = Markup("<p><strong>%s</strong></p>") % self.env._("Session closed.")
            if not is_html_empty(session.summary):
                body += session.summary
            session.message_post(body=body, subtype_xmlid="mail.mt_note")
        self._coaching_after_close(done=True)
        return True

    def action_cancel(self):
        self._write_state("cancelled", "planned", self.env._("Only a planned session can be cancelled."))
        self._coaching_after_close(done=False)
        return True

    def action_reset(self):
        self._write_state("planned", "cancelled", self.env._("Only a cancelled session can be planned again."))
        self._coaching_own_meetings().with_context(active_test=False).action_unarchive()
        self._coaching_move_meetings()
        return True

    def action_plan_next(self):
        """From a done talk, the employee's next one: the planned talk when there is one; otherwise a talk planned
        here, at the talk's rhythm when it keeps one, else on the employee's due date at the hour of this one in
        the coach's time zone. Opens it; the open commitments and talking points come along."""
        self.ensure_one()
        if self.state != "done":
            raise UserError(self.env._("Plan the next talk from a done one."))
        planned = self.search(
            [("employee_id", "=", self.employee_id.id), ("state", "=", "planned")], order="date_scheduled, id", limit=1
        )
        if not planned:
            planned = self._coaching_plan_following()
        return planned.action_open_talk()

    def _coaching_plan_following(self):
        """Plan the talk after this done one, with the user's rights: at its rhythm when it keeps one, else on
        the employee's due date at the hour of this one."""
        self.ensure_one()
        coach = self.employee_id._coaching_coach() or self.coach_id
        if self.recurrence_weeks:
            when = self._coaching_rhythm_date()
        else:
            usual = self._coaching_local_time(self.date_scheduled, self.coach_id).time()
            when = self._coaching_default_time(self.employee_id, coach, fields.Date.context_today(self), at=usual)
        return self.create(
            {
                "employee_id": self.employee_id.id,
                "coach_id": coach.id,
                "template_id": self.template_id.id,
                "date_scheduled": when,
                "duration": self.duration,
                "recurrence_weeks": self.recurrence_weeks,
            }
        )

    # ------------------------------------------------------------------ business methods

    @api.model
    def _coaching_demo_close_after_talk(self):
        """Demo data only: the talks the demo closes at install count as closed when they ended, so that only the
        recent ones still take amendments."""
        done = self.search([("state", "=", "done")])
        with internal_write():
            for session in done:
                session.date_closed = session.date_scheduled + timedelta(hours=session.duration or 1.0)

    def _coaching_in_amend_days(self):
        """The talk was closed less than its company's amendment days ago."""
        self.ensure_one()
        days = self.company_id.coaching_amend_days
        return bool(
            self.state == "done"
            and self.date_closed
            and fields.Datetime.now() < self.date_closed + timedelta(days=days)
        )

    def _coaching_may_amend(self, vals):
        """A closed talk takes additions, not rewrites: during the amendment days its coach side may add to the
        summary (what was written stays) and add commitments (``Command.create`` only)."""
        self.ensure_one()
        if not self._coaching_in_amend_days() or not (self.env.su or self._is_coach_side()):
            return False
        if "summary" in vals:
            before = html2plaintext(self.summary or "").strip()
            if before and before not in html2plaintext(vals["summary"] or ""):
                return False
        # Additions only: Command.LINK would move another talk's commitment in, the others remove or rewrite.
        return all(
            isinstance(command, list | tuple) and command and command[0] == Command.CREATE
            for command in vals.get("commitment_ids") or []
        )

    def _write_state(self, state, from_state=None, refusal=None):
        """Move the talks to ``state``, refusing with ``refusal`` unless they are all in ``from_state``."""
        if from_state and any(session.state != from_state for session in self):
            raise UserError(refusal)
        with internal_write():
            self.write({"state": state})

    def _coaching_after_close(self, done):
        """Close the reminders and the meeting activities of the talk; a done talk answers its signals and books the
        next one when it keeps a rhythm, a cancelled one frees its signals."""
        reminder_type = COACHING_DUE
        # Signals are answered by the talk whoever closes it, also signals the closing user cannot read.
        Signal = self.env["hr.coaching.signal"].sudo()
        # sudo: the reminders and meeting activities belong to the coach, who is not always the user closing.
        sessions = self.sudo()
        sessions.activity_unlink([PREP_REMINDER])
        meetings = sessions.activity_ids.filtered(lambda activity: activity.activity_type_id.category == "meeting")
        if done:
            sessions.activity_feedback([reminder_type], feedback=self.env._("The coaching session took place."))
            meetings.action_feedback(feedback=self.env._("The coaching session took place."))
            self.env["hr.coaching.topic"]._coaching_carry_over(self.employee_id)
            self._coaching_send_recap()
            signals = Signal.search(
                [("employee_id", "in", self.employee_id.ids), ("state", "in", ("open", "scheduled"))]
            )
            Signal._coaching_resolve(signals._coaching_answering_sessions(self))
            self._coaching_keep_rhythm()
        else:
            sessions.activity_unlink([reminder_type])
            meetings.unlink()
            Signal.search([("session_id", "in", self.ids), ("state", "=", "scheduled")]).write(
                {"state": "open", "session_id": False}
            )
            # The meeting of a cancelled talk goes with it; its attendees may not all be the closing user's.
            self._coaching_own_meetings().action_archive()

    def _coaching_keep_rhythm(self):
        """Book the next talk of the closed talks that keep a rhythm, unless one is planned already."""
        rhythmic = self.filtered("recurrence_weeks")
        if not rhythmic:
            return
        planned = set(
            self.search([("employee_id", "in", rhythmic.employee_id.ids), ("state", "=", "planned")]).employee_id.ids
        )
        for session in rhythmic:
            if session.employee_id.id not in planned:
                session._coaching_plan_following()
                planned.add(session.employee_id.id)
