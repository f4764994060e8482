from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

COACHING_STATUSES = [("on_track", "On track"), ("due", "Due"), ("overdue", "Overdue")]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    coaching_session_ids = fields.One2many("hr.coaching.session", "employee_id", string="Coaching Sessions")
    coaching_session_count = fields.Integer(compute="_compute_coaching_counts", string="Coaching Sessions Count")
    coaching_open_commitment_count = fields.Integer(compute="_compute_coaching_counts", string="Open Commitments Count")
    # Refreshed by the cadence cron. Non-HR users read them through hr.employee.public, which shows them
    # only to the employee's managers and the coaching officers.
    coaching_cadence_id = fields.Many2one("hr.coaching.cadence", readonly=True, copy=False)
    last_coaching_date = fields.Date(string="Last Coaching", readonly=True, copy=False)
    next_coaching_date = fields.Date(string="Next Coaching", readonly=True, copy=False)
    coaching_status = fields.Selection(COACHING_STATUSES, readonly=True, copy=False, index=True)
    # Markers of the cadence cron, written in the same transaction as its activities: a rerun skips
    # what is done, a rolled back batch is done again.
    coaching_checked_date = fields.Date(readonly=True, copy=False, groups="base.group_system")
    coaching_reminded_date = fields.Date(readonly=True, copy=False, groups="base.group_system")
    coaching_escalated_date = fields.Date(readonly=True, copy=False, groups="base.group_system")
    coaching_signal_ids = fields.One2many("hr.coaching.signal", "employee_id", string="Coaching Signals")

    def _compute_coaching_counts(self):
        sessions, commitments = self._coaching_counts(self.ids)
        for employee in self:
            employee.coaching_session_count = sessions.get(employee.id, 0)
            employee.coaching_open_commitment_count = commitments.get(employee.id, 0)

    @api.model
    def _coaching_counts(self, employee_ids):
        """Sessions and open commitments per employee id, counted with the user's own access rules:
        the smart buttons show what the user can open."""
        sessions = {
            employee.id: count
            for employee, count in self.env["hr.coaching.session"]._read_group(
                [("employee_id", "in", employee_ids)], ["employee_id"], ["__count"]
            )
        }
        commitments = {
            employee.id: count
            for employee, count in self.env["hr.coaching.commitment"]._read_group(
                [("employee_id", "in", employee_ids), ("state", "=", "open")], ["employee_id"], ["__count"]
            )
        }
        return sessions, commitments

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

    # ------------------------------------------------------------------ cadence

    def action_open_coaching_key_event(self):
        self.ensure_one()
        self._coaching_check_manages()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_performance_coaching.hr_coaching_key_event_wizard_action"
        )
        action["context"] = {"default_employee_id": self.id}
        return action

    def _coaching_log_key_event(self, event_type, note=False, date=False):
        """Raise a key event signal (promotion, role change, return from long leave, project milestone...).

        The documented entry point for other modules. The current user must manage the employees or be a
        coaching officer. An employee who already has an open key event signal gets the new event added to
        it, so there is never more than one. Returns the signals.
        """
        Signal = self.env["hr.coaching.signal"]
        labels = dict(Signal._fields["key_event_type"]._description_selection(self.env))
        if event_type not in labels:
            raise UserError(
                self.env._(
                    "“%(value)s” is not a kind of key event. Choose one of: %(allowed)s.",
                    value=event_type,
                    allowed=", ".join(labels),
                )
            )
        self._coaching_check_manages()
        date = date or fields.Date.context_today(self)
        # Looked up as superuser: the open signal may have been raised by the cron or another manager.
        existing = {
            signal.employee_id.id: signal
            for signal in Signal.sudo().search(
                [
                    ("employee_id", "in", self.ids),
                    ("signal_type", "=", "key_event"),
                    ("state", "in", ("open", "scheduled")),
                ]
            )
        }
        signals = Signal.browse()
        to_raise = []
        for employee in self:
            reason = self.env._("%(event)s: %(employee)s", event=labels[event_type], employee=employee.name)
            if employee.id in existing:
                signal = existing[employee.id].with_env(self.env)
                signal.write(
                    {
                        "name": f"{signal.name}; {labels[event_type]}",
                        "note": "\n".join(filter(None, [signal.note, note])),
                        "date": max(signal.date, date),
                    }
                )
                signals |= signal
            else:
                to_raise.append(
                    {
                        "employee_id": employee.id,
                        "signal_type": "key_event",
                        "key_event_type": event_type,
                        "name": reason,
                        "note": note,
                        "date": date,
                    }
                )
        return signals | Signal._coaching_raise(to_raise)

    def _coaching_check_manages(self):
        """Refuse unless the current user is a coaching officer or stands above each employee."""
        if self.env.su or self.env.user.has_group("hr_performance_coaching.group_coaching_officer"):
            return
        my_employees = self.env.user.employee_ids
        for employee in self:
            if not my_employees or not employee.parent_id._coaching_is_below(my_employees):
                raise AccessError(
                    self.env._(
                        "Only the managers of %(employee)s and the coaching officers can do this.",
                        employee=employee.name,
                    )
                )

    @api.model
    def _coaching_reset_checked(self, company_ids=None):
        """Let the cadence cron recheck these companies' employees today, and wake it up."""
        if company_ids is not None and not company_ids:
            return
        self.flush_model(["coaching_checked_date"])
        query = SQL("UPDATE hr_employee SET coaching_checked_date = NULL WHERE coaching_checked_date IS NOT NULL")
        if company_ids is not None:
            query = SQL("%s AND company_id IN %s", query, tuple(company_ids))
        self.env.cr.execute(query)
        self.invalidate_model(["coaching_checked_date"])
        cron = self.env.ref("hr_performance_coaching.ir_cron_coaching_cadence", raise_if_not_found=False)
        if cron:
            # Triggering a cron is a technical act any user changing a rule may cause.
            cron.sudo()._trigger()

    @api.model
    def _cron_coaching_signals(self, batch_size=500, today=None):
        """Detect anomaly signals and resolve those a done talk answered. Returns the number left."""
        today = today or fields.Date.context_today(self)
        return self.env["hr.coaching.signal"]._coaching_signals_batch(batch_size, today)

    @api.model
    def _cron_coaching_commitments(self, batch_size=1000, today=None):
        """One reminder to the owner before a commitment's deadline, one to owner and coach once overdue.

        The stage reached is stored on the commitment in the same transaction as the activities, on rows
        locked with SKIP LOCKED: reruns and a second worker create nothing twice. Returns the number left.
        """
        today = today or fields.Date.context_today(self)
        Commitment = self.env["hr.coaching.commitment"]
        Commitment.flush_model(["state", "date_deadline", "coaching_reminder_stage", "session_id", "company_id"])
        self.env["hr.coaching.session"].flush_model(["state"])
        self.env["res.company"].flush_model(["coaching_commitment_reminder_days"])
        pending = SQL(
            """FROM hr_coaching_commitment c
               JOIN hr_coaching_session s ON s.id = c.session_id
               JOIN res_company co ON co.id = c.company_id
              WHERE c.state = 'open' AND s.state != 'cancelled'
                AND ((c.date_deadline < %(today)s AND c.coaching_reminder_stage IS DISTINCT FROM 'overdue')
                  OR (c.date_deadline >= %(today)s AND c.coaching_reminder_stage IS NULL
                      AND c.date_deadline <= %(today)s + co.coaching_commitment_reminder_days))""",
            today=today,
        )
        self.env.cr.execute(
            SQL("SELECT c.id %s ORDER BY c.id LIMIT %s FOR UPDATE OF c SKIP LOCKED", pending, batch_size)
        )
        commitments = Commitment.browse([row[0] for row in self.env.cr.fetchall()])
        if commitments:
            commitments._coaching_remind_commitments(today)
        self.env.cr.execute(SQL("SELECT COUNT(*) %s", pending))
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=len(commitments), remaining=remaining)
        return remaining

    @api.model
    def _cron_coaching_cadence(self, batch_size=2000, today=None):
        """Refresh the cadence fields, remind the coaches of due talks and escalate neglected ones.

        Takes a batch of employees not yet checked today, locked with SKIP LOCKED so that two workers never
        take the same employee, and marks them checked in the same transaction as their activities.
        Returns the number of employees left.
        """
        today = today or fields.Date.context_today(self)
        self.flush_model(["active", "coaching_checked_date", "parent_id"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM hr_employee
                    WHERE active AND coaching_checked_date IS DISTINCT FROM %s
                 ORDER BY parent_id NULLS LAST, id
                    LIMIT %s
                      FOR UPDATE SKIP LOCKED""",
                today,
                batch_size,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            self.browse(ids)._coaching_process_cadence(today)
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM hr_employee WHERE active AND coaching_checked_date IS DISTINCT FROM %s",
                today,
            )
        )
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=len(ids), remaining=remaining)
        return remaining

    def _coaching_compute_cadence(self, today):
        """Map employee id to (rule, last done date, next due date, status), with a few grouped queries."""
        rules = self.env["hr.coaching.cadence"]._coaching_rules_for(self)
        last_done = {
            employee.id: last
            for employee, last in self.env["hr.coaching.session"]
            .with_context(active_test=False)
            ._read_group(
                [("employee_id", "in", self.ids), ("state", "=", "done")], ["employee_id"], ["date_scheduled:max"]
            )
        }
        contract_field = "first_contract_date" if "first_contract_date" in self._fields else None
        result = {}
        for employee in self:
            rule = rules.get(employee.id)
            last = last_done.get(employee.id)
            last = last and last.date()
            if not rule:
                result[employee.id] = (rule, last, False, False)
                continue
            if last:
                start = last
            else:
                started = (contract_field and employee[contract_field]) or employee.create_date.date()
                start = max(started, rule.create_date.date())
            next_date = rule._next_date(start)
            if today > next_date:
                status = "overdue"
            elif today >= next_date - timedelta(days=rule.reminder_days):
                status = "due"
            else:
                status = "on_track"
            result[employee.id] = (rule, last, next_date, status)
        return result

    def _coaching_refresh_cadence(self, today=None):
        """Refresh the four cadence fields now, e.g. after a talk is closed; reminders wait for the cron."""
        employees = self.sudo().exists()  # the fields are refreshed whoever closes the talk
        if employees:
            values = employees._coaching_compute_cadence(today or fields.Date.context_today(self))
            employees._coaching_store_cadence(values)

    def _coaching_store_cadence(self, values, today=None, reminded=None, escalated=None):
        """Write the cadence fields (and the cron's markers) of many employees in one UPDATE.

        One statement instead of one ORM write per distinct value: the fields are read-only, untracked
        and nothing depends on them.
        """
        if not values:
            return
        reminded, escalated = reminded or {}, escalated or {}
        self.flush_model()
        rows = SQL(", ").join(
            SQL(
                "(%s, %s::int, %s::date, %s::date, %s::varchar, %s::date, %s::date)",
                employee_id,
                rule.id if rule else None,
                last or None,
                next_date or None,
                status or None,
                reminded.get(employee_id),
                escalated.get(employee_id),
            )
            for employee_id, (rule, last, next_date, status) in values.items()
        )
        markers = SQL(
            """, coaching_checked_date = %s,
                 coaching_reminded_date = COALESCE(v.reminded, e.coaching_reminded_date),
                 coaching_escalated_date = COALESCE(v.escalated, e.coaching_escalated_date)""",
            today,
        )
        self.env.cr.execute(
            SQL(
                """UPDATE hr_employee e
                      SET coaching_cadence_id = v.cadence, last_coaching_date = v.last,
                          next_coaching_date = v.next, coaching_status = v.status %s
                     FROM (VALUES %s) AS v(id, cadence, last, next, status, reminded, escalated)
                    WHERE e.id = v.id""",
                markers if today else SQL(""),
                rows,
            )
        )
        fnames = ["coaching_cadence_id", "last_coaching_date", "next_coaching_date", "coaching_status"]
        if today:
            fnames += ["coaching_checked_date", "coaching_reminded_date", "coaching_escalated_date"]
        self.browse(list(values)).invalidate_recordset(fnames)

    def _coaching_process_cadence(self, today):
        """Cadence work for one locked batch: statuses, one reminder per due talk, one escalation."""
        self.fetch(["company_id", "job_id", "department_id", "parent_id", "create_date", "name"])
        values = self._coaching_compute_cadence(today)
        to_remind, to_escalate = [], []
        for employee in self:
            rule, _last, next_date, status = values[employee.id]
            if status not in ("due", "overdue"):
                continue
            if employee.coaching_reminded_date != next_date:
                to_remind.append((employee, rule, next_date))
            if (
                status == "overdue"
                and (today - next_date).days > rule.grace_days
                and employee.coaching_escalated_date != next_date
            ):
                to_escalate.append((employee, next_date))
        reminded = self._coaching_remind(to_remind, today)
        escalated = self._coaching_escalate(to_escalate, today)
        self._coaching_store_cadence(values, today=today, reminded=reminded, escalated=escalated)

    @api.model
    def _coaching_remind(self, to_remind, today):
        """One activity per due employee for their coach, on the planned talk (planned here when missing).

        Returns {employee id: due date reminded}.
        """
        if not to_remind:
            return {}
        Session = self.env["hr.coaching.session"]
        activity_type = self.env.ref("hr_performance_coaching.mail_activity_type_coaching_due")
        employees = self.browse([employee.id for employee, _rule, _date in to_remind])
        planned = {}
        for session in Session.search_fetch(
            [("employee_id", "in", employees.ids), ("state", "=", "planned")],
            ["employee_id", "coach_id"],
            order="date_scheduled, id",
        ):
            planned.setdefault(session.employee_id.id, session)
        # "Already reminded": the open coaching reminders of those talks, in one grouped query.
        already = {
            res_id
            for [res_id] in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", Session._name),
                    ("res_id", "in", [session.id for session in planned.values()]),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        default_template = self.env["hr.coaching.template"]._find_for_trigger("routine")
        new_vals, new_employees = [], []
        for employee, rule, next_date in to_remind:
            coach = employee.parent_id
            if employee.id not in planned and coach and coach != employee:
                new_vals.append(
                    {
                        "employee_id": employee.id,
                        "coach_id": coach.id,
                        "date_scheduled": self._coaching_meeting_time(max(next_date, today), coach),
                        "trigger_type": "routine",
                        "template_id": (rule.template_id or default_template).id,
                    }
                )
                new_employees.append(employee.id)
        if new_vals:
            sessions = Session.with_context(
                tracking_disable=True, mail_create_nosubscribe=True, coaching_cadence_cron=True
            ).create(new_vals)
            planned.update(zip(new_employees, sessions, strict=True))
        model_id = self.env["ir.model"]._get_id(Session._name)
        activity_vals = []
        for employee, _rule, next_date in to_remind:
            session = planned.get(employee.id)
            user = session.coach_id.user_id if session else False
            if not user or session.id in already:
                continue
            activity_vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": session.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": next_date,
                    "summary": self.env._("Coach %(employee)s", employee=employee.name),
                }
            )
        self._coaching_create_activities(Session._name, activity_vals)
        return {employee.id: next_date for employee, _rule, next_date in to_remind}

    @api.model
    def _coaching_escalate(self, to_escalate, today):
        """Raise a cadence_overdue signal and, when the company wants it, tell someone above the coach.

        Returns {employee id: due date escalated}.
        """
        if not to_escalate:
            return {}
        Signal = self.env["hr.coaching.signal"]
        employees = self.browse([employee.id for employee, _date in to_escalate])
        signals = {
            signal.employee_id.id: signal
            for signal in Signal.search(
                [
                    ("employee_id", "in", employees.ids),
                    ("signal_type", "=", "cadence_overdue"),
                    ("state", "in", ("open", "scheduled")),
                ]
            )
        }
        new_vals = [
            employee._coaching_overdue_signal_vals(today, due_date)
            for employee, due_date in to_escalate
            if employee.id not in signals
        ]
        if new_vals:
            created = Signal.with_context(tracking_disable=True, mail_create_nosubscribe=True).create(new_vals)
            signals.update({signal.employee_id.id: signal for signal in created})
        officers = {}
        users_by_signal = {}
        for employee, _date in to_escalate:
            company = employee.company_id
            if not company.coaching_escalation:
                continue
            users = self.env["res.users"]
            if company.coaching_escalation_target == "coach_manager":
                users = employee.parent_id.parent_id.user_id
            if not users:
                if company.id not in officers:
                    officers[company.id] = self._coaching_officers(company)
                users = officers[company.id]
            users_by_signal[signals[employee.id].id] = users
        if users_by_signal:
            Signal.browse(list(users_by_signal))._coaching_schedule_activities(
                users_by_signal, summary=self.env._("Escalation: coaching overdue")
            )
        return {employee.id: next_date for employee, next_date in to_escalate}

    def _coaching_overdue_signal_vals(self, today, due_date=None):
        self.ensure_one()
        return {
            "employee_id": self.id,
            "signal_type": "cadence_overdue",
            "date": today,
            "name": self.env._(
                "The coaching talk of %(employee)s was due on %(date)s and has not happened.",
                employee=self.name,
                date=due_date or self.next_coaching_date or today,
            ),
        }

    @api.model
    def _coaching_officers(self, company):
        group = self.env.ref("hr_performance_coaching.group_coaching_officer")
        return group.users.filtered(lambda user: not user.share and company in user.company_ids and user.active)

    @api.model
    def _coaching_meeting_time(self, day, coach):
        """Nine in the morning of ``day`` in the coach's time zone, as a naive UTC datetime."""
        tz_name = coach.tz or coach.user_id.tz or self.env.user.tz or "UTC"
        try:
            tz = pytz.timezone(tz_name)
        except pytz.UnknownTimeZoneError:
            tz = pytz.utc
        return tz.localize(datetime.combine(day, time(9, 0))).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _coaching_create_activities(self, model, vals_list):
        """Create reminders in one batch, their users already following the records.

        mail.activity.create subscribes each assigned user with a few queries per user; adding all the
        followers first, in one insert, keeps the cost flat however many coaches are reminded.
        """
        if not vals_list:
            return self.env["mail.activity"]
        self._coaching_add_followers(model, [(vals["res_id"], vals["user_id"]) for vals in vals_list])
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True, coaching_skip_subscribe=True)
            .create(vals_list)
        )

    @api.model
    def _coaching_add_followers(self, model, pairs):
        """Make the users of ``pairs`` [(res_id, user_id)] follow the records, with one read and one insert."""
        users = self.env["res.users"].browse({user_id for _res_id, user_id in pairs})
        partner_by_user = {user.id: user.partner_id.id for user in users}
        wanted = {(res_id, partner_by_user[user_id]) for res_id, user_id in pairs if partner_by_user.get(user_id)}
        if not wanted:
            return
        # Followers are technical records: the activity itself would subscribe its user the same way.
        Followers = self.env["mail.followers"].sudo()
        existing = {
            (follower.res_id, follower.partner_id.id)
            for follower in Followers.search_fetch(
                [
                    ("res_model", "=", model),
                    ("res_id", "in", list({res_id for res_id, _partner in wanted})),
                    ("partner_id", "in", list({partner for _res_id, partner in wanted})),
                ],
                ["res_id", "partner_id"],
            )
        }
        subtype_ids, _internal, _external = self.env["mail.message.subtype"]._default_subtypes(model)
        Followers.create(
            [
                {"res_model": model, "res_id": res_id, "partner_id": partner_id, "subtype_ids": [(6, 0, subtype_ids)]}
                for res_id, partner_id in sorted(wanted - existing)
            ]
        )
