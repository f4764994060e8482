import json
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_date

from .hr_coaching_mixin_tools import lock_batch
from .hr_coaching_signal import ACTIVE_STATES, SIGNAL_REMINDER

# The signals cron's watermark: {"since": what changed from then is read, "day": the last complete run's day, and
# within a run "run": when its first batch began, "run_day": its day, "after": the last employee id done}.
WATERMARK_KEY = "hr_performance_coaching.signals_watermark"
# Rows carry the start of the transaction that wrote them: one that began before a run and committed after it is
# read again by the next run, if it lasted less than this.
WATERMARK_OVERLAP = timedelta(hours=1)


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
    def _cron_detect_signals(self, batch_size=2000, today=None):
        """Resolve the signals answered by a done talk and raise the anomalies found, one batch of employees per
        call, reading only the employees whose talks, commitments, appraisals or signals changed since the last
        complete run, and those whose commitments fell overdue since its day (``_coaching_changed_employees``).

        The watermark (the ``hr_performance_coaching.signals_watermark`` parameter) moves in the transaction of the
        run's last batch only, to the start of the run's first batch (less an overlap): a failed batch rolls it
        back, so the next run reads that batch's employees again; reading twice raises nothing twice (the
        detection skips what a signal covers, and the unique index keeps one active signal per employee and
        type). Each batch locks its employees with ``SKIP LOCKED``, and its watermark row the same way: a second
        worker, or a talk being closed for one of them, is passed by and left to the next batch.
        Returns the number of employees left.
        """
        today = today or fields.Date.context_today(self)
        mark = self._coaching_watermark_lock()
        if mark is None:  # another worker is running a batch of this cron: it goes on with the run
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return 0
        if mark.get("run_day") != fields.Date.to_string(today):
            # A new run (one left unfinished on another day starts again: its day's deadlines are read again too).
            mark.update(run=fields.Datetime.to_string(self.env.cr.now()), run_day=fields.Date.to_string(today), after=0)
        employee_ids = [
            employee_id
            for employee_id in self._coaching_changed_employees(mark, today)
            if employee_id > mark.get("after", 0)
        ]
        batch = employee_ids[:batch_size]
        locked = set(self._coaching_lock_employees(batch))
        skipped = [employee_id for employee_id in batch if employee_id not in locked]
        employees = self.env["hr.employee"].browse([employee_id for employee_id in batch if employee_id in locked])
        if employees:
            self._coaching_resolve_answered(employees)
            self._coaching_resolve_recovered(employees)
            self._coaching_raise(self._coaching_detect(today, employees))
        remaining = len(employee_ids) - len(batch) + len(skipped)
        if skipped:
            mark["after"] = min(skipped) - 1  # those before the first one skipped are done
        elif remaining:
            mark["after"] = batch[-1]
        else:
            # The run is complete: the next one reads what changed since this one began, with an overlap for the
            # transactions that began before it and committed after (their rows carry their start time).
            since = fields.Datetime.from_string(mark["run"]) - WATERMARK_OVERLAP
            mark = {"since": fields.Datetime.to_string(since), "day": fields.Date.to_string(today)}
        self._coaching_watermark_write(mark)
        self.env["ir.cron"]._notify_progress(done=len(employees), remaining=remaining)
        return remaining

    # ------------------------------------------------------------------ what changed since the last run

    @api.model
    def _coaching_watermark_lock(self):
        """The watermark of the signals cron, its row locked for this batch; None when another worker holds it."""
        self.env["ir.config_parameter"].flush_model()
        rows = lock_batch(
            self.env,
            SQL(
                "SELECT id FROM ir_config_parameter WHERE key = %s FOR NO KEY UPDATE SKIP LOCKED",
                WATERMARK_KEY,
            ),
            "hr_performance_coaching.ir_cron_coaching_signals",
        )
        # Read from the locked row itself: get_param's cache may predate another worker's last batch.
        self.env.cr.execute(SQL("SELECT value FROM ir_config_parameter WHERE key = %s", WATERMARK_KEY))
        value = (self.env.cr.fetchone() or [None])[0]
        if not rows and value is not None:
            return None
        try:
            mark = json.loads(value or "{}")
        except ValueError:
            mark = {}
        return mark if isinstance(mark, dict) else {}

    @api.model
    def _coaching_watermark_write(self, mark):
        # sudo: the watermark is the cron's own bookkeeping, whoever runs it.
        self.env["ir.config_parameter"].sudo().set_param(WATERMARK_KEY, json.dumps(mark, sort_keys=True))

    @api.model
    def _coaching_reset_watermark(self):
        """Let the next run of the signals cron read every employee again (a threshold changed), and wake it."""
        self._coaching_watermark_write({})
        # sudo: triggering a cron is a technical act that any user changing a setting may cause.
        self.env.ref("hr_performance_coaching.ir_cron_coaching_signals").sudo()._trigger()

    @api.model
    def _coaching_changed_employees(self, mark, today):
        """The ids of the employees, in order, whose signals may change since the watermark ``mark``: their talks
        closed or touched (with open commitments), their commitments or appraisals written, their signals written,
        or a commitment of theirs due between the last run's day and today. Every employee on the first run, or
        when the day goes back."""
        since = mark.get("since") and fields.Datetime.from_string(mark["since"])
        day = mark.get("day") and fields.Date.from_string(mark["day"])
        if not since or not day or day > today:
            self.env["hr.employee"].flush_model(["active"])
            self.env.cr.execute(SQL("SELECT id FROM hr_employee ORDER BY id"))
            return [row[0] for row in self.env.cr.fetchall()]
        for model in ("hr.coaching.session", "hr.coaching.commitment", "hr.appraisal", "hr.coaching.signal"):
            self.env[model].flush_model()
        # Each branch runs on an index: write_date on the four tables, the open commitments by deadline.
        self.env.cr.execute(
            SQL(
                """SELECT employee_id FROM hr_coaching_session WHERE write_date >= %(since)s AND state = 'done'
                    UNION
                   SELECT c.employee_id FROM hr_coaching_session s
                     JOIN hr_coaching_commitment c ON c.session_id = s.id AND c.state = 'open'
                    WHERE s.write_date >= %(since)s
                    UNION
                   SELECT employee_id FROM hr_coaching_commitment WHERE write_date >= %(since)s
                    UNION
                   SELECT employee_id FROM hr_coaching_commitment
                    WHERE state = 'open' AND date_deadline >= %(day)s AND date_deadline < %(today)s
                    UNION
                   SELECT employee_id FROM hr_appraisal WHERE write_date >= %(since)s
                    UNION
                   SELECT employee_id FROM hr_coaching_signal WHERE write_date >= %(since)s
                 ORDER BY employee_id""",
                since=since,
                day=day,
                today=today,
            )
        )
        return [row[0] for row in self.env.cr.fetchall() if row[0]]

    @api.model
    def _coaching_lock_employees(self, employee_ids):
        """Lock the employees of a batch; those a talk's closing or the cadence cron holds are skipped."""
        if not employee_ids:
            return []
        return lock_batch(
            self.env,
            SQL(
                "SELECT id FROM hr_employee WHERE id IN %s ORDER BY id FOR NO KEY UPDATE SKIP LOCKED",
                tuple(employee_ids),
            ),
            "hr_performance_coaching.ir_cron_coaching_signals",
        )

    # ------------------------------------------------------------------ resolution and detection of a batch

    @api.model
    def _coaching_resolve_answered(self, employees):
        """Resolve the open signals of ``employees`` answered by a done talk on or after the signal's date."""
        signals = self.search([("employee_id", "in", employees.ids), ("state", "in", ACTIVE_STATES)], order="id")
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
        answered = signals._coaching_answering_sessions(sessions)
        self._coaching_resolve(answered)
        return len(answered)

    @api.model
    def _coaching_resolve_recovered(self, employees):
        """Resolve the rating drops of ``employees`` that a later done appraisal made good: rated at or above the
        rating before the drop. Returns the number resolved."""
        signals = self.search(
            [
                ("employee_id", "in", employees.ids),
                ("signal_type", "=", "rating_drop"),
                ("state", "in", ACTIVE_STATES),
                ("appraisal_id", "!=", False),
            ]
        )
        if not signals:
            return 0
        # Rated ones kept here, not in the domain: searching the computed rating scans every appraisal's rating.
        appraisals = (
            self.env["hr.appraisal"]
            .search_fetch(
                [("employee_id", "in", signals.employee_id.ids), ("state", "=", "3_done")],
                ["employee_id", "performance_rating", "date_close"],
                order="date_close, id",
            )
            .filtered("performance_rating")
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
    def _coaching_detect(self, today, employees):
        """Values of the anomaly signals of ``employees`` to raise today, deduplicated against the signals already
        raised."""
        candidates = (
            self._coaching_detect_commitments_overdue(today, employees)
            + self._coaching_detect_rating_drop(today, employees)
            + self._coaching_detect_checkin_trend(today, employees)
        )
        if not candidates:
            return []
        # A signal of the same type covers a situation that began on or before its date, and a dismissed one what
        # began on or before its dismissal: a dismissed signal is not raised again until something new happens
        # after it. An open one covers everything (one per employee and type, see _coaching_raise).
        covered = {}
        for employee, signal_type, state, date_max, dismissed_max in self._read_group(
            [("employee_id", "in", list({vals["employee_id"] for vals, _since in candidates}))],
            ["employee_id", "signal_type", "state"],
            ["date:max", "dismissed_date:max"],
        ):
            seen = max(date_max, dismissed_max) if state == "dismissed" and dismissed_max else date_max
            key = (employee.id, signal_type)
            covered[key] = max(covered.get(key, seen), seen)
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
            last = covered.get((vals["employee_id"], vals["signal_type"]))
            if (last and last >= since) or vals.get("appraisal_id") in appraisals:
                continue
            result.append(vals)
        return result

    @api.model
    def _coaching_detect_commitments_overdue(self, today, employees):
        groups = self.env["hr.coaching.commitment"]._read_group(
            [
                ("employee_id", "in", employees.ids),
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
                        # The situation is new from the day its last commitment became overdue.
                        last_deadline + timedelta(days=1),
                    )
                )
        return result

    @api.model
    def _coaching_detect_rating_drop(self, today, employees):
        """A done appraisal of ``employees`` rated lower than the one before it, unless a later one has already made
        it good."""
        # Rated ones kept here, not in the domain: searching the computed rating scans every appraisal's rating.
        appraisals = (
            self.env["hr.appraisal"]
            .search_fetch(
                [("employee_id", "in", employees.filtered("active").ids), ("state", "=", "3_done")],
                ["employee_id", "performance_rating", "date_close"],
                order="employee_id, date_close, id",
            )
            .filtered("performance_rating")
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
