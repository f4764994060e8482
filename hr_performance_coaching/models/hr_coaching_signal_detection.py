import itertools
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import format_date

from .hr_coaching_signal import ACTIVE_STATES, SIGNAL_REMINDER


class HrCoachingSignal(models.Model):
    """The detection of the signals: the escalation of neglected talks (for the cadence cron) and the daily cron
    that resolves the signals a talk answered and raises the anomalies found."""

    _inherit = "hr.coaching.signal"

    # ------------------------------------------------------------------ escalation

    @api.model
    def _coaching_escalate(self, to_escalate, today):
        """Raise a cadence_overdue signal for each neglected talk of ``to_escalate`` [(employee, due date)] and,
        when the company wants it, tell someone above the coach. Called by the cadence cron, which decides what
        is neglected (``hr.coaching.cadence._is_neglected``).

        Returns {employee id: due date escalated}.
        """
        if not to_escalate:
            return {}
        employees = self.env["hr.employee"].browse([employee.id for employee, _date in to_escalate])
        signals = {
            signal.employee_id.id: signal
            for signal in self.search(
                [
                    ("employee_id", "in", employees.ids),
                    ("signal_type", "=", "cadence_overdue"),
                    ("state", "in", ACTIVE_STATES),
                ]
            )
        }
        new_vals = [
            {
                "employee_id": employee.id,
                "signal_type": "cadence_overdue",
                "date": today,
                "due_date": due_date,
                "name": self.env._(
                    "The coaching talk of %(employee)s was due on %(date)s and has not happened.",
                    employee=employee.name,
                    date=due_date,
                ),
            }
            for employee, due_date in to_escalate
            if employee.id not in signals
        ]
        if new_vals:
            created = self.with_context(tracking_disable=True, mail_create_nosubscribe=True).create(new_vals)
            signals.update({signal.employee_id.id: signal for signal in created})
        # The coach's own manager is told only of the employees he coaches too: the escalation names her and her
        # missed talk, and he opens it. A manager with no say over her (her designated coach works in another
        # team, or reports to her) is not told; the officers are, as for a coach without a manager.
        above = {}
        for employee, _date in to_escalate:
            company = employee.company_id
            if company.coaching_escalation and company.coaching_escalation_target == "coach_manager":
                above[employee] = employee._coaching_coach().parent_id.user_id
        coaches_her = defaultdict(set)
        for user in set(above.values()) - {self.env["res.users"]}:
            employees_above = employees.browse([employee.id for employee, manager in above.items() if manager == user])
            coaches_her[user] = set(user._coaching_manages(employees_above).ids)
        officers = {}
        users_by_signal = {}
        for employee, _date in to_escalate:
            company = employee.company_id
            if not company.coaching_escalation:
                continue
            users = above.get(employee, self.env["res.users"])
            if employee.id not in coaches_her[users]:
                users = self.env["res.users"]
            if not users:
                if company.id not in officers:
                    officers[company.id] = self._coaching_officers(company)
                users = officers[company.id]
            users_by_signal[signals[employee.id].id] = users
        if users_by_signal:
            self.browse(list(users_by_signal))._coaching_remind(
                users_by_signal, summary=lambda signal: signal.env._("Escalation: coaching overdue")
            )
        return {employee.id: due_date for employee, due_date in to_escalate}

    @api.model
    def _coaching_officers(self, company):
        group = self.env.ref("hr_performance_coaching.group_coaching_officer")
        return group.users.filtered(lambda user: not user.share and company in user.company_ids and user.active)

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_detect_signals(self, batch_size=500, today=None):
        """Resolve the signals answered by a done talk and raise the anomalies found, one batch per call.

        ir.cron runs this job in one worker at a time; the unique index on active signals keeps a signal
        raised at the same moment by another path (a manager, the cadence cron) from being doubled.
        Returns the number left.
        """
        today = today or fields.Date.context_today(self)
        done = self._coaching_resolve_answered(batch_size)
        done += self._coaching_resolve_recovered()
        candidates = self._coaching_detect(today)
        batch, rest = candidates[: max(batch_size - done, 0)], candidates[max(batch_size - done, 0) :]
        self._coaching_raise(batch)
        done += len(batch)
        # A full batch of resolutions may have left more to resolve: ask for another round.
        remaining = len(rest) + (1 if done >= batch_size and not batch else 0)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

    @api.model
    def _coaching_resolve_answered(self, limit):
        """Resolve open signals whose employee had a done talk on or after the signal's date."""
        signals = self.search([("state", "in", ACTIVE_STATES)], order="id")
        if not signals:
            return 0
        sessions = self.env["hr.coaching.session"].search_fetch(
            [
                ("employee_id", "in", signals.employee_id.ids),
                ("state", "=", "done"),
                ("date_scheduled", ">=", min(signals.mapped("date"))),
            ],
            ["employee_id", "date_scheduled"],
            order="date_scheduled",
        )
        answered = dict(itertools.islice(signals._coaching_answering_sessions(sessions).items(), limit))
        self._coaching_resolve(answered)
        return len(answered)

    @api.model
    def _coaching_resolve_recovered(self):
        """Resolve the rating drops that a later done appraisal made good: rated at or above the rating before the
        drop. Returns the number resolved."""
        signals = self.search(
            [("signal_type", "=", "rating_drop"), ("state", "in", ACTIVE_STATES), ("appraisal_id", "!=", False)]
        )
        if not signals:
            return 0
        appraisals = self.env["hr.appraisal"].search_fetch(
            [
                ("employee_id", "in", signals.employee_id.ids),
                ("state", "=", "3_done"),
                ("performance_rating", "!=", False),
            ],
            ["employee_id", "performance_rating", "date_close"],
            order="date_close, id",
        )
        by_employee = defaultdict(list)
        for appraisal in appraisals:
            by_employee[appraisal.employee_id.id].append(appraisal)
        resolved = 0
        for signal in signals:
            history = by_employee[signal.employee_id.id]
            drop = signal.appraisal_id
            if drop not in history:
                continue
            position = history.index(drop)
            before = signal.rating_before or (position and history[position - 1].performance_rating)
            recovery = next(
                (
                    appraisal
                    for appraisal in history[position + 1 :]
                    if before and appraisal.performance_rating >= before
                ),
                None,
            )
            if not recovery:
                continue
            signal._coaching_write_state({"state": "resolved"})
            signal.message_post(
                body=self.env._(
                    "The rating went back up to %(rating)s in the appraisal of %(date)s.",
                    rating=dict(self._fields["rating_after"]._description_selection(self.env))[
                        recovery.performance_rating
                    ],
                    date=format_date(self.env, recovery.date_close),
                ),
                subtype_xmlid="mail.mt_note",
            )
            signal.activity_unlink([SIGNAL_REMINDER])
            resolved += 1
        return resolved

    def _coaching_answering_sessions(self, sessions):
        """Map each signal to the done talk that answers it: its own talk once done, else the employee's first
        talk among ``sessions`` (done ones) on or after the signal's date."""
        sessions_by_employee = defaultdict(list)
        for session in sessions.sorted("date_scheduled"):
            sessions_by_employee[session.employee_id.id].append(session)
        answered = {}
        for signal in self:
            if signal.session_id.state == "done":
                answered[signal] = signal.session_id
                continue
            match = next(
                (s for s in sessions_by_employee[signal.employee_id.id] if s.date_scheduled.date() >= signal.date),
                None,
            )
            if match:
                answered[signal] = match
        return answered

    @api.model
    def _coaching_detect(self, today):
        """Values of the anomaly signals to raise today, deduplicated against the signals already raised."""
        candidates = self._coaching_detect_commitments_overdue(today) + self._coaching_detect_rating_drop(today)
        if not candidates:
            return []
        # A signal of the same type dated on or after the situation began already covers it, whatever its state:
        # a dismissed signal is not raised again until something new happens.
        latest = {
            (employee.id, signal_type): date_max
            for employee, signal_type, date_max in self._read_group(
                [("employee_id", "in", list({vals["employee_id"] for vals, _since in candidates}))],
                ["employee_id", "signal_type"],
                ["date:max"],
            )
        }
        appraisals = set()
        if any(vals.get("appraisal_id") for vals, _since in candidates):
            appraisals = {
                appraisal.id
                for [appraisal] in self._read_group(
                    [
                        (
                            "appraisal_id",
                            "in",
                            [vals["appraisal_id"] for vals, _since in candidates if vals.get("appraisal_id")],
                        )
                    ],
                    ["appraisal_id"],
                )
            }
        result = []
        for vals, since in candidates:
            last = latest.get((vals["employee_id"], vals["signal_type"]))
            if (last and last >= since) or vals.get("appraisal_id") in appraisals:
                continue
            result.append(vals)
        return result

    @api.model
    def _coaching_detect_commitments_overdue(self, today):
        groups = self.env["hr.coaching.commitment"]._read_group(
            [
                ("state", "=", "open"),
                ("date_deadline", "<", today),
                ("session_id.state", "!=", "cancelled"),
                ("employee_id.active", "=", True),
            ],
            ["employee_id"],
            ["__count", "date_deadline:max"],
        )
        result = []
        for employee, count, last_deadline in groups:
            if count >= employee.company_id.coaching_commitment_threshold:
                result.append(
                    (
                        {
                            "employee_id": employee.id,
                            "signal_type": "commitments_overdue",
                            "date": today,
                            "overdue_count": count,
                            "name": self._coaching_overdue_text(count, employee.name),
                        },
                        last_deadline,
                    )
                )
        return result

    @api.model
    def _coaching_detect_rating_drop(self, today):
        """A done appraisal rated lower than the one before it, unless a later one has already made it good."""
        appraisals = self.env["hr.appraisal"].search_fetch(
            [("state", "=", "3_done"), ("performance_rating", "!=", False), ("employee_id.active", "=", True)],
            ["employee_id", "performance_rating", "date_close"],
            order="employee_id, date_close, id",
        )
        # The best rating that follows each appraisal of the same employee ("" when none does).
        best_after, best_so_far = {}, {}
        for appraisal in reversed(appraisals):
            employee_id = appraisal.employee_id.id
            best_after[appraisal.id] = best_so_far.get(employee_id, "")
            best_so_far[employee_id] = max(best_so_far.get(employee_id, ""), appraisal.performance_rating)
        result = []
        previous_by_employee = {}
        for appraisal in appraisals:
            previous = previous_by_employee.get(appraisal.employee_id.id)
            previous_by_employee[appraisal.employee_id.id] = appraisal
            if not previous or not previous.performance_rating:
                continue
            dropped = appraisal.performance_rating < previous.performance_rating
            if dropped and best_after[appraisal.id] < previous.performance_rating:
                since = appraisal.date_close or today
                result.append(
                    (
                        {
                            "employee_id": appraisal.employee_id.id,
                            "signal_type": "rating_drop",
                            "date": today,
                            "appraisal_id": appraisal.id,
                            "rating_before": previous.performance_rating,
                            "rating_after": appraisal.performance_rating,
                            "name": self.env._(
                                "The appraisal rating of %(employee)s dropped from %(before)s to %(after)s.",
                                employee=appraisal.employee_id.name,
                                before=previous.performance_rating,
                                after=appraisal.performance_rating,
                            ),
                        },
                        since,
                    )
                )
        return result
