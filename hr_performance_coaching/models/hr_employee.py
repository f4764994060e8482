from collections import defaultdict

from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    coaching_session_ids = fields.One2many("hr.coaching.session", "employee_id", string="Coaching Sessions")
    coaching_session_count = fields.Integer(compute="_compute_coaching_counts", string="Coaching Sessions Count")
    coaching_open_commitment_count = fields.Integer(compute="_compute_coaching_counts", string="Open Commitments Count")

    def _compute_coaching_counts(self):
        # Counted with the user's own access rules: the buttons show what the user can open.
        sessions = dict(
            self.env["hr.coaching.session"]._read_group([("employee_id", "in", self.ids)], ["employee_id"], ["__count"])
        )
        commitments = dict(
            self.env["hr.coaching.commitment"]._read_group(
                [("employee_id", "in", self.ids), ("state", "=", "open")], ["employee_id"], ["__count"]
            )
        )
        for employee in self:
            employee.coaching_session_count = sessions.get(employee, 0)
            employee.coaching_open_commitment_count = commitments.get(employee, 0)

    def action_open_coaching_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_session_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id, "search_default_group_by_state": 0}
        return action

    def action_open_coaching_commitments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_performance_coaching.hr_coaching_commitment_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"search_default_filter_open": 1}
        return action

    def _coaching_is_below(self, managers):
        """True when one of ``managers`` is this employee or stands above them in the ``parent_id`` chain."""
        if not self:
            return False
        self.ensure_one()
        seen = set()
        employee = self
        while employee and employee.id not in seen:
            if employee in managers:
                return True
            seen.add(employee.id)
            employee = employee.parent_id
        return False

    def _coaching_assign_reviews(self):
        """Carry every open commitment to the first planned talk after the one where it was made.

        Runs as superuser: the carry-over must see all open commitments of the employee, also those
        made in talks that the current user (a coach, say) cannot read.
        """
        if not self:
            return
        commitments = (
            self.env["hr.coaching.commitment"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.ids),
                    ("state", "=", "open"),
                    ("outcome", "=", False),
                    ("session_id.state", "=", "done"),
                ]
            )
        )
        planned = (
            self.env["hr.coaching.session"]
            .sudo()
            .search(
                [("employee_id", "in", self.ids), ("state", "=", "planned")],
                order="date_scheduled, id",
            )
        )
        planned_by_employee = defaultdict(list)
        for session in planned:
            planned_by_employee[session.employee_id.id].append(session)
        targets = defaultdict(lambda: self.env["hr.coaching.commitment"].sudo())
        for commitment in commitments:
            made_on = commitment.session_id.date_scheduled
            target = next(
                (s for s in planned_by_employee[commitment.employee_id.id] if s.date_scheduled >= made_on),
                self.env["hr.coaching.session"],
            )
            if commitment.review_session_id != target:
                targets[target.id] |= commitment
        for target_id, to_move in targets.items():
            to_move.write({"review_session_id": target_id or False})
