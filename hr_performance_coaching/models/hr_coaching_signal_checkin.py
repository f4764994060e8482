from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# The trend signal reads the last TREND_WEEKS sent check-ins of each employee: the last three against the three
# before.
TREND_WEEKS = 3
TREND_FALL = 1.0
CHECKIN_MEASURES = [("workload", "Workload"), ("feeling", "Feeling"), ("blocker", "Blocker")]


def _norm(text):
    """A blocker as compared week to week: whatever its case, spaces and final full stop."""
    return " ".join((text or "").split()).casefold().rstrip(".。")


class HrCoachingSignal(models.Model):
    """The check-in trend anomaly: a fall sustained over three weeks, not a single low week."""

    # A file of its own, beside the detection of the other anomalies: pylint would have it merged there.
    _inherit = "hr.coaching.signal"  # pylint: disable=consider-merging-classes-inherited

    signal_type = fields.Selection(
        selection_add=[("checkin_trend", "Check-in trend")], ondelete={"checkin_trend": "cascade"}
    )
    checkin_measure = fields.Selection(
        CHECKIN_MEASURES,
        string="What Fell",
        readonly=True,
        help="What fell: the workload, the feeling, or a blocker repeated.",
    )
    checkin_mean_before = fields.Float(
        string="Mean Before",
        readonly=True,
        digits=(3, 2),
        help="The mean of the three check-ins before the last three.",
    )
    checkin_mean_after = fields.Float(
        string="Mean After", readonly=True, digits=(3, 2), help="The mean of the last three check-ins."
    )
    checkin_blocker = fields.Char(
        string="Repeated Blocker", readonly=True, help="The blocker named three weeks running."
    )

    # Odoo adds these to the dependencies of the method it overrides (and its "lang" context).
    @api.depends("checkin_measure", "checkin_mean_before", "checkin_mean_after", "checkin_blocker")
    def _compute_reason(self):
        res = super()._compute_reason()
        for signal in self.filtered(lambda signal: signal.signal_type == "checkin_trend" and signal.checkin_measure):
            signal.reason = signal._coaching_trend_text(
                signal.employee_id.name,
                signal.checkin_measure,
                signal.checkin_mean_before,
                signal.checkin_mean_after,
                signal.checkin_blocker,
            )
        return res

    def _coaching_trend_text(self, employee, measure, before, after, blocker):
        """The reason of a check-in trend signal, in words with its numbers."""
        if measure == "blocker":
            return self.env._(
                "%(employee)s named the same blocker three weeks running: “%(blocker)s”.",
                employee=employee,
                blocker=blocker,
            )
        # Outside the calls of _(): the extractor of the terms reads no f-string there.
        before_text, after_text = f"{before:.1f}", f"{after:.1f}"
        if measure == "workload":
            return self.env._(
                "The workload of %(employee)s fell from %(before)s to %(after)s (1: overloaded, 5: light), "
                "the mean of the last three check-ins against the three before.",
                employee=employee,
                before=before_text,
                after=after_text,
            )
        return self.env._(
            "How %(employee)s feels fell from %(before)s to %(after)s (1: very low, 5: great), the mean of the last "
            "three check-ins against the three before.",
            employee=employee,
            before=before_text,
            after=after_text,
        )

    # ------------------------------------------------------------------ what changed since the last run

    @api.model
    def _coaching_changed_employees(self, mark, today):
        """Also the employees whose check-ins were written since the watermark."""
        employee_ids = super()._coaching_changed_employees(mark, today)
        since = mark.get("since") and fields.Datetime.from_string(mark["since"])
        day = mark.get("day") and fields.Date.from_string(mark["day"])
        if not since or not day or day > today:
            return employee_ids  # every employee already
        extra = self._coaching_changed_checkin_employees(since)
        return sorted(set(employee_ids) | extra) if extra - set(employee_ids) else employee_ids

    @api.model
    def _coaching_changed_checkin_employees(self, since):
        """The ids of the employees who sent or corrected a check-in since ``since`` (on the write date's index)."""
        self.env["hr.coaching.checkin"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT employee_id FROM hr_coaching_checkin WHERE write_date >= %s AND state = 'done'",
                since,
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    # ------------------------------------------------------------------ detection

    @api.model
    def _coaching_detect_checkin_trend(self, today, employees):
        """A fall sustained over the last three sent check-ins of ``employees``, in one query for the batch:

        - the mean workload or feeling of the last three is at least 1 below the mean of the three before, and each
          of the three is below that earlier mean (a single low week, which bounces back on its own, raises nothing);
        - or the same blocker named in each of the last three, in three weeks running.

        The situation begins at the first of the last three: a signal dated on or after it covers it, so that once
        a talk answers it, only a new fall (three check-ins after the signal) raises a new one.
        """
        employees = employees.filtered("active")
        if not employees:
            return []
        self.env["hr.coaching.checkin"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT employee_id, date, workload, feeling, blocker
                     FROM (SELECT employee_id, date, workload, feeling, blocker,
                                  row_number() OVER (PARTITION BY employee_id ORDER BY date DESC, id DESC) AS rank
                             FROM hr_coaching_checkin
                            WHERE employee_id IN %s AND state = 'done') last
                    WHERE rank <= %s
                 ORDER BY employee_id, date""",
                tuple(employees.ids),
                2 * TREND_WEEKS,
            )
        )
        by_employee = defaultdict(list)
        for employee_id, day, workload, feeling, blocker in self.env.cr.fetchall():
            by_employee[employee_id].append((day, workload, feeling, blocker))
        result = []
        names = None
        for employee_id, rows in by_employee.items():
            found = self._coaching_trend_of(rows)
            if not found:
                continue
            if names is None:
                names = dict(employees.mapped(lambda employee: (employee.id, employee.name)))
            measure, before, after, blocker, since = found
            result.append(
                (
                    {
                        "employee_id": employee_id,
                        "signal_type": "checkin_trend",
                        "date": today,
                        "checkin_measure": measure,
                        "checkin_mean_before": before,
                        "checkin_mean_after": after,
                        "checkin_blocker": blocker,
                        "name": self._coaching_trend_text(names[employee_id], measure, before, after, blocker),
                    },
                    since,
                )
            )
        return result

    @api.model
    def _coaching_trend_of(self, rows):
        """(measure, mean before, mean after, blocker, first day of the fall) for the check-ins ``rows`` [(date,
        workload, feeling, blocker)] of one employee in date order, or None."""
        last = rows[-TREND_WEEKS:]
        if len(last) < TREND_WEEKS:
            return None
        since = last[0][0]
        for index, measure in ((1, "workload"), (2, "feeling")):
            if len(rows) < 2 * TREND_WEEKS:
                break
            earlier = [int(row[index]) for row in rows[:TREND_WEEKS] if row[index]]
            recent = [int(row[index]) for row in last if row[index]]
            if len(earlier) < TREND_WEEKS or len(recent) < TREND_WEEKS:
                continue
            before, after = sum(earlier) / TREND_WEEKS, sum(recent) / TREND_WEEKS
            if before - after >= TREND_FALL - 1e-9 and all(value < before for value in recent):
                return measure, round(before, 2), round(after, 2), False, since
        blockers = {_norm(row[3]) for row in last}
        weeks = [row[0] - timedelta(days=row[0].weekday()) for row in last]
        running = all((weeks[i + 1] - weeks[i]).days == 7 for i in range(len(weeks) - 1))
        if len(blockers) == 1 and "" not in blockers and running:
            # Quoted in a sentence of its own: without its final full stop.
            return "blocker", 0.0, 0.0, " ".join(last[-1][3].split()).rstrip(".。"), since
        return None
