from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class ReportCoachingFileSession(models.AbstractModel):
    """The coaching file of a set of sessions: the done ones, grouped by employee, oldest first."""

    _name = "report.hr_performance_coaching.report_coaching_file_session"
    _description = "Coaching File (sessions)"

    @api.model
    def _get_report_values(self, docids, data=None):
        sessions = self.env["hr.coaching.session"].browse(docids).filtered(lambda s: s.state == "done")
        return self._coaching_file_values(sessions)

    @api.model
    def _coaching_file_values(self, sessions, date_from=False, date_to=False):
        sessions = sessions.sorted(lambda s: (s.employee_id.name or "", s.date_scheduled, s.id))
        files = []
        for employee in sessions.employee_id:
            employee_sessions = sessions.filtered(lambda s, employee=employee: s.employee_id == employee)
            files.append(
                {
                    "employee": employee,
                    "sessions": employee_sessions,
                    "date_from": date_from or employee_sessions[:1].date_scheduled.date(),
                    "date_to": date_to or employee_sessions[-1:].date_scheduled.date(),
                }
            )
        return {
            "is_html_empty": is_html_empty,
            "doc_model": "hr.coaching.session",
            "docs": sessions,
            "files": files,
            "outcome_labels": dict(
                self.env["hr.coaching.commitment"]._fields["outcome"]._description_selection(self.env)
            ),
            "state_labels": dict(self.env["hr.coaching.commitment"]._fields["state"]._description_selection(self.env)),
            "trigger_labels": dict(
                self.env["hr.coaching.session"]._fields["trigger_type"]._description_selection(self.env)
            ),
        }


class ReportCoachingFileEmployee(models.AbstractModel):
    """The coaching file of employees: their done sessions of the period, by default the last twelve months."""

    _name = "report.hr_performance_coaching.report_coaching_file_employee"
    _description = "Coaching File (employees)"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        date_to = self._option_date(data, "date_to") or fields.Date.context_today(self)
        date_from = self._option_date(data, "date_from") or date_to - relativedelta(months=12)
        sessions = self.env["hr.coaching.session"].search(
            [
                ("employee_id", "in", docids),
                ("state", "=", "done"),
                ("date_scheduled", ">=", fields.Datetime.to_datetime(date_from)),
                ("date_scheduled", "<", fields.Datetime.to_datetime(date_to + relativedelta(days=1))),
            ]
        )
        values = self.env["report.hr_performance_coaching.report_coaching_file_session"]._coaching_file_values(
            sessions, date_from, date_to
        )
        employees = self.env["hr.employee"].browse(docids)
        covered = {file["employee"] for file in values["files"]}
        values["files"] += [
            {"employee": employee, "sessions": sessions.browse(), "date_from": date_from, "date_to": date_to}
            for employee in employees
            if employee not in covered
        ]
        values.update(doc_model="hr.employee", docs=employees)
        return values

    @api.model
    def _option_date(self, data, key):
        """The date ``data[key]`` of the report's options, refused in words when it is not a date."""
        try:
            return fields.Date.to_date(data.get(key))
        except (TypeError, ValueError):
            raise UserError(
                self.env._(
                    "The coaching file's period needs dates such as 2026-01-31, not “%(value)s”.", value=data.get(key)
                )
            ) from None
