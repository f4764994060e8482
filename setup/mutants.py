"""Mutation check of the rules that matter: would the tests notice if one of them broke?

    ./setup/mutants.sh [--only NAME ...] [--list]

Each mutant is one small break of one rule. For each, the script copies our addons (the main addon, its bridges and
the security model, docs/security.md), applies the break to the copy, and runs the tests that guard the rule against
the copy (pytest-odoo, on a throwaway database where the main addon, every bridge and the apps the bridges extend
are installed without demo data: the bridges' mutants run too). A mutant's file and tests are in the main addon
unless their path starts with a bridge's folder (or ``docs/``). A failing test means the break is caught; green
tests mean it is missed.
The unbroken tests must pass first, or the result would mean nothing. The last line is ``mutants: C caught of N``.

A tool for maintainers, not part of CI: it runs the tests once per mutant (a few minutes).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from coexistence import pytest_command

REPO = Path(__file__).resolve().parents[1]
ADDON = "hr_performance_coaching"
# The main addon first, then the bridges: every top-level hr_performance_coaching_* folder with a manifest.
ADDONS = [ADDON, *sorted(path.parent.name for path in REPO.glob(f"{ADDON}_*/__manifest__.py"))]
# The apps the bridges extend: installed with the main addon, so that each bridge (auto_install) follows.
DEPENDENCY_APPS = ["hr_skills", "survey", "hr_holidays", "project", "hr_timesheet"]

# (name, file, text to replace (exactly once), replacement, test files that guard the rule); see ``locate``
MUTANTS = [
    # Issue 23: the edges of the signals' resolution and detection, and what the signals cron reads.
    (
        "issue 23: a talk on the signal's own day does not answer it",
        "models/hr_coaching_signal_detection.py",
        "if s.date_scheduled.date() >= signal.date),",
        "if s.date_scheduled.date() > signal.date),",
        ["test_signals.py"],
    ),
    (
        "issue 23: resolution off by one day (a talk the day before answers the signal)",
        "models/hr_coaching_signal_detection.py",
        "if s.date_scheduled.date() >= signal.date),",
        "if s.date_scheduled.date() >= signal.date - timedelta(days=1)),",
        ["test_signals.py"],
    ),
    (
        "issue 23: a dismissed signal covers only what began before it was raised",
        "models/hr_coaching_signal_detection.py",
        'seen = max(date_max, dismissed_max) if state == "dismissed" and dismissed_max else date_max',
        "seen = date_max",
        ["test_signals.py"],
    ),
    (
        "issue 23: a commitment due on the day of the dismissal is nothing new",
        "models/hr_coaching_signal_detection.py",
        "last_deadline + timedelta(days=1),",
        "last_deadline,",
        ["test_signals.py"],
    ),
    (
        "issue 23: the signals cron reads every employee on every run",
        "models/hr_coaching_signal_detection.py",
        "if not since or not day or day > today:",
        "if True:",
        ["test_signals.py"],
    ),
    (
        "issue 23: the signals cron re-reads nothing new after a dismissal (commitments fallen due since its day)",
        "models/hr_coaching_signal_detection.py",
        "AND date_deadline >= %(day)s AND date_deadline < %(today)s",
        "AND date_deadline >= %(today)s AND date_deadline < %(today)s",
        ["test_signals.py"],
    ),
    (
        "issue 23: the watermark has no overlap for the transactions under way when the run began",
        "models/hr_coaching_signal_detection.py",
        "WATERMARK_OVERLAP = timedelta(hours=1)",
        "WATERMARK_OVERLAP = timedelta(0)",
        ["test_signals.py"],
    ),
    (
        "issue 23: a signals run left unfinished on another day goes on from where it stopped",
        "models/hr_coaching_signal_detection.py",
        'if mark.get("run_day") != fields.Date.to_string(today):',
        'if not mark.get("run"):',
        ["test_signals.py"],
    ),
    (
        "issue 23: the signals cron's watermark moves to the end of its run",
        "models/hr_coaching_signal_detection.py",
        'since = fields.Datetime.from_string(mark["run"]) - WATERMARK_OVERLAP',
        "since = self.env.cr.now() + WATERMARK_OVERLAP",
        ["test_signals.py"],
    ),
    # Issue 23, item 3: the rules that broke unnoticed, one mutant for each class at least.
    (
        "issue 23: escalated to the coach's manager who does not coach the employee",
        "models/hr_coaching_signal_detection.py",
        "            if employee.id not in coaches_her[users]:\n",
        "            if False:\n",
        ["test_cadence_cron.py"],
    ),
    (
        "issue 23: a signal of a coach without a user told to his manager who does not coach the employee",
        "models/hr_coaching_signal.py",
        "if not users and above and above._coaching_manages(self.employee_id):",
        "if not users and above:",
        ["test_signals.py"],
    ),
    (
        "issue 23: analysis, a cancelled or planned talk counts as the previous talk",
        "models/hr_coaching_session_analysis.py",
        "LAG(date_scheduled) OVER w AS previous,",
        "(SELECT MAX(p.date_scheduled) FROM hr_coaching_session p WHERE p.employee_id = hr_coaching_session.employee_id"
        " AND (p.date_scheduled, p.id) < (hr_coaching_session.date_scheduled, hr_coaching_session.id)) AS previous,",
        ["test_analytics.py", "test_analysis_stored.py"],
    ),
    (
        "issue 23: analysis, a later planned talk takes the place of the latest done one",
        "models/hr_coaching_session_analysis.py",
        "LEAD(id) OVER w IS NULL AS latest",
        "NOT EXISTS (SELECT 1 FROM hr_coaching_session n WHERE n.employee_id = hr_coaching_session.employee_id"
        " AND (n.date_scheduled, n.id) > (hr_coaching_session.date_scheduled, hr_coaching_session.id)) AS latest",
        ["test_analytics.py", "test_analysis_stored.py"],
    ),
    (
        "issue 23: analysis, the appraisal's period counts talks not done",
        "report/hr_coaching_performance_report.py",
        "                       AND s.state = 'done'\n",
        "",
        ["test_analytics.py"],
    ),
    (
        "issue 23: analysis, a talk on the previous appraisal's day counted in both periods",
        "report/hr_coaching_performance_report.py",
        "AND s.date_scheduled >= d.previous_date + 1",
        "AND s.date_scheduled >= d.previous_date",
        ["test_analytics.py"],
    ),
    (
        "issue 23: analysis, an appraisal not done opens the reports' period",
        "models/hr_appraisal.py",
        "WHERE a.state = '3_done' AND a.active\n               WINDOW w",
        "WHERE a.active\n               WINDOW w",
        ["test_analytics.py", "test_coaching_impact.py"],
    ),
    (
        "issue 23: an archived done talk no longer counts for the cadence",
        "models/hr_coaching_cadence.py",
        "\n            .with_context(active_test=False)\n            ._read_group(\n",
        "\n            ._read_group(\n",
        ["test_coach_flow.py"],
    ),
    (
        "issue 23: an archived done talk is not the last talk of the next one",
        "models/hr_coaching_session.py",
        "done = self.with_context(active_test=False).search_fetch(",
        "done = self.search_fetch(",
        ["test_coach_flow.py"],
    ),
    (
        "issue 23: a talk left planned shows a later done talk as its last talk",
        "models/hr_coaching_session.py",
        " and talk.date_scheduled <= moment",
        "",
        ["test_coach_flow.py"],
    ),
    (
        "issue 23: OCA's allowed_user_ids follows the employee's own manager only",
        "models/hr_employee.py",
        '@api.depends("parent_id", "parent_id.user_id", "parent_id.allowed_user_ids")',
        '@api.depends("parent_id")',
        ["test_trust_boundary.py"],
    ),
    (
        "issue 23: the check of a talk's employee looks one level up only",
        "models/res_users.py",
        "SELECT a.employee_id, e.parent_id FROM above a JOIN hr_employee e ON e.id = a.id\n"
        "                     WHERE e.parent_id IS NOT NULL",
        "SELECT a.employee_id, e.parent_id FROM above a JOIN hr_employee e ON e.id = a.id\n"
        "                     WHERE false",
        ["test_trust_boundary.py"],
    ),
    (
        "issue 23: the check of a talk's employee lets a user manage an employee of his own",
        "models/res_users.py",
        "                EXCEPT\n               SELECT id FROM mine",
        "",
        ["test_trust_boundary.py"],
    ),
    (
        "issue 23: the check of a talk's employee counts an archived report the request does not read",
        "models/res_users.py",
        "WHERE e.id = ANY(%(ids)s) AND (e.active OR %(archived)s) AND e.parent_id",
        "WHERE e.id = ANY(%(ids)s) AND e.parent_id",
        ["test_trust_boundary.py"],
    ),
    (
        "issue 23: the check of a talk's employee starts from the user's archived employees too",
        "models/res_users.py",
        "SELECT id FROM hr_employee WHERE user_id = %(uid)s AND active\n               ), above",
        "SELECT id FROM hr_employee WHERE user_id = %(uid)s\n               ), above",
        ["test_trust_boundary.py"],
    ),
    (
        "skills: a level above the target does not achieve the goal",
        "hr_performance_coaching_skills/models/hr_employee_skill.py",
        "if line and goal.skill_level_id.level_progress <= line.skill_level_id.level_progress:",
        "if line and goal.skill_level_id.level_progress == line.skill_level_id.level_progress:",
        ["hr_performance_coaching_skills/tests/test_skill_goal.py"],
    ),
    # Issue 22: the talk's meeting, the close wizard and the feedback request's author.
    (
        "issue 22: the employee writes the meeting of a closed talk",
        "models/calendar_event.py",
        "            # A talk's meeting is its coach side's",
        "            talks = talks.filtered(lambda talk: talk.state == 'planned')\n"
        "            # A talk's meeting is its coach side's",
        ["test_talk_dates.py"],
    ),
    (
        "issue 22: the close wizard dates and closes the talk as superuser",
        "wizard/hr_coaching_close_wizard.py",
        "        session = self.session_id\n",
        "        session = self.session_id.sudo()\n",
        ["test_talk_dates.py"],
    ),
    (
        "issue 22: the feedback request sent by the coach, who then reads the colleague's link",
        "hr_performance_coaching_survey/wizard/hr_coaching_feedback_wizard.py",
        '"author_id": self.env.ref("base.partner_root").id,',
        '"author_id": self.env.user.partner_id.id,',
        ["hr_performance_coaching_survey/tests/test_feedback_request.py"],
    ),
    # The one guard of every coaching record, and the second red team's findings (issue 21).
    (
        "guard: string ids not normalised (only int values checked, as before)",
        "models/hr_coaching_mixin_tools.py",
        "            vals[fname] = normalised(env, field, value)\n"
        "            ids = link_ids(env, field, vals[fname])\n",
        "            ids = [value] if isinstance(value, int) else []\n",
        ["test_trust_second_attack.py", "test_access_matrix.py"],
    ),
    (
        "guard: a closed talk's children move in and out",
        "models/hr_coaching_scope_mixin.py",
        'if moved.filtered(lambda session: session.state == "done"):',
        "if False:",
        ["test_trust_second_attack.py", "test_access_matrix.py"],
    ),
    (
        "guard: a closed talk's children deleted",
        "models/hr_coaching_scope_mixin.py",
        'if self.sudo()[fname].filtered(lambda session: session.state == "done"):',
        "if False:",
        ["test_trust_second_attack.py", "test_access_matrix.py"],
    ),
    (
        "guard: a record moved into another employee's talk",
        "models/hr_coaching_scope_mixin.py",
        "if coached != (old | new) or old.sudo().employee_id != new.sudo().employee_id:",
        "if False:",
        ["test_trust_second_attack.py"],
    ),
    (
        "guard: a field the user may not read is searched",
        "models/hr_coaching_scope_mixin.py",
        "if field is not None and not field.is_accessible(self.env):",
        "if False:",
        ["test_access_matrix.py"],
    ),
    (
        "guard: the model's rules skipped on create (a session created for anyone)",
        "models/hr_coaching_scope_mixin.py",
        "        self._coaching_check_create(vals_list)\n",
        "",
        ["test_access_matrix.py", "test_bad_input.py", "test_trust_boundary.py"],
    ),
    (
        "trust: the appraisal's manager_ids trusted again",
        "models/hr_appraisal.py",
        'return [("employee_id", "in", user._coaching_managed_subquery())]',
        'return ["|", ("manager_ids.user_id", "in", [user.id]), '
        '("employee_id", "in", user._coaching_managed_subquery())]',
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: a coach set through Employee Editing trusted",
        "models/res_users.py",
        'if COACHING_RELATIONS & vals.keys() and not self.env.su and not self.env.user.has_group("hr.group_hr_user"):',
        "if False:",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: the designated coach reads the notes written before him",
        "models/res_users.py",
        'coached=coached if designated else SQL(""),',
        "coached=coached,",
        ["test_trust_second_attack.py", "test_access_matrix.py"],
    ),
    (
        "trust: the signal duplicate check answers before the access check",
        "models/hr_coaching_signal.py",
        "            self.env.user._coaching_check_manages(employees)\n        self._check_no_duplicate(vals_list)",
        "        self._check_no_duplicate(vals_list)",
        ["test_trust_second_attack.py"],
    ),
    (
        "guard: a read-only field written through (a commitment's employee)",
        "models/hr_coaching_scope_mixin.py",
        "or (not self._transient and fname in self._fields and self._fields[fname].readonly)",
        "or False",
        ["test_trust_second_attack.py", "test_access_matrix.py"],
    ),
    (
        "trust: a commitment's state written directly",
        "models/hr_coaching_commitment.py",
        '{"coaching_reminder_stage", "state", "review_session_id", "renewed_from_id", "renewal_ids"}',
        '{"coaching_reminder_stage", "renewal_ids"}',
        ["test_trust_second_attack.py", "test_access_matrix.py"],
    ),
    (
        "trust: a colleague named coach of a talk",
        "models/hr_coaching_session.py",
        "        if coach not in coaches - employee:\n",
        "        if False:\n",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: the coachee downloads the files left on a talk",
        "models/ir_attachment.py",
        "            domain = [*self._coaching_media_domain(), *domain]\n",
        "            pass\n",
        ["test_trust_http.py"],
    ),
    (
        "trust: a file moved out of the note",
        "models/ir_attachment.py",
        "if target != (res_model, res_id) and {res_model, target[0]} & {SESSION, NOTE, EMPLOYEE_NOTE}:",
        "if False:",
        ["test_trust_second_attack.py"],
    ),
    (
        "survey: a signed answer counts toward the minimum",
        "hr_performance_coaching_survey/models/hr_coaching_session.py",
        "anonymous = done.filtered(lambda answer: not answer._coaching_signed()).sorted(",
        "anonymous = done.sorted(",
        ["hr_performance_coaching_survey/tests/test_feedback_flow.py"],
    ),
    (
        "survey: one more answer shows alone",
        "hr_performance_coaching_survey/models/hr_coaching_session.py",
        "return anonymous[: groups * minimum] | (done - anonymous)",
        "return done",
        ["hr_performance_coaching_survey/tests/test_feedback_flow.py"],
    ),
    (
        "holidays: the leave type stored in the signal",
        "hr_performance_coaching_holidays/models/hr_leave.py",
        '"Back from leave, %(date_from)s to %(date_to)s.",',
        '"Back from leave, %(date_from)s to %(date_to)s." + self.holiday_status_id.name,',
        ["hr_performance_coaching_holidays/tests/test_return_from_leave.py"],
    ),
    (
        "project: any project user raises a milestone signal",
        "hr_performance_coaching_project/models/project_milestone.py",
        "        if self.env.su:\n            return self\n        user = self.env.user",
        "        if True:\n            return self\n        user = self.env.user",
        ["hr_performance_coaching_project/tests/test_milestone.py"],
    ),
    (
        "trust: a designated coach takes over a talk and its note",
        "models/hr_coaching_session.py",
        "            if handed - handed._coaching_note_side():\n",
        "            if False:\n",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: a colleague made owner of a commitment",
        "models/hr_coaching_session.py",
        "if self.env.su or not self or owner in (self.employee_id | self.coach_id):",
        "if True:",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: an HR officer makes himself a manager",
        "models/hr_employee.py",
        "        if (mine and appointed) or taken:\n",
        "        if False:\n",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: the files of a closed talk changed (the chatter included, as superuser)",
        "models/ir_attachment.py",
        '        if self._coaching_talks(places).filtered(lambda session: session.state == "done"):',
        "        if False:",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: the appraised employee groups by her managers' unpublished feedback",
        "models/hr_appraisal.py",
        'if spec.split(":")[0].split(".")[0] == "manager_feedback" and not self.env.su '
        "and not self._is_rating_officer():",
        "if False:",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: a closed signal moved and rewritten",
        "models/hr_coaching_signal.py",
        '            if self.filtered(lambda signal: signal.state != "open"):\n',
        "            if False:\n",
        ["test_trust_second_attack.py"],
    ),
    (
        "trust: the coachee adds followers to her talk",
        "models/hr_coaching_mixin.py",
        "            if self - self._coaching_coach_side():\n",
        "            if False:\n",
        ["test_trust_second_attack.py"],
    ),
    (
        "project: a private project's names in the signal",
        "hr_performance_coaching_project/models/project_milestone.py",
        'if self.project_id.privacy_visibility == "followers":',
        "if False:",
        ["hr_performance_coaching_project/tests/test_milestone.py"],
    ),
    (
        "security model: a field without a line in docs/security.md",
        "docs/security.md",
        "| `name`, `employee_id`, `coach_id`, `date_scheduled`,",
        "| `employee_id`, `coach_id`, `date_scheduled`,",
        ["test_access_matrix.py"],
    ),
    # The seven breaks of the code review.
    (
        "digest: overdue employees hard-coded to 0",
        "models/digest_digest.py",
        "digest.kpi_coaching_employees_overdue_value = counts.get(digest.company_id or self.env.company, 0)",
        "digest.kpi_coaching_employees_overdue_value = 0",
        ["test_digest.py"],
    ),
    (
        "analysis: coverage hard-coded",
        "report/hr_coaching_coverage_report.py",
        '"SUM(%(covered)s) * 100.0 / NULLIF(COUNT(*), 0)"',
        '"0 * SUM(%(covered)s) + 100.0 / NULLIF(COUNT(*), 0) * 0 + 50.0"',
        ["test_analytics.py"],
    ),
    (
        "coverage: never coached employees left out",
        "report/hr_coaching_coverage_report.py",
        "WHERE e.active AND e.coaching_cadence_id IS NOT NULL",
        "WHERE e.active AND e.coaching_cadence_id IS NOT NULL AND e.last_coaching_date IS NOT NULL",
        ["test_analytics.py"],
    ),
    (
        "cadence: meeting hour in UTC instead of the coach's time zone",
        "models/hr_coaching_session_meeting.py",
        'tz_name = coach.tz or coach.user_id.tz or self.env.user.tz or "UTC"',
        'tz_name = "UTC"',
        ["test_cadence_cron.py"],
    ),
    (
        "commitments: cancelled talks reminded too",
        "models/hr_coaching_commitment.py",
        '[("state", "=", "open"), ("session_id.state", "!=", "cancelled")]',
        '[("state", "=", "open")]',
        ["test_cadence_cron.py"],
    ),
    (
        "loop: a deleted review talk keeps its commitments",
        "models/hr_coaching_session.py",
        'self.env["hr.coaching.commitment"]._coaching_carry_over(employees.exists())',
        "employees.exists()",
        ["test_commitment_loop.py"],
    ),
    (
        "appraisal: history filter of the reader's sessions replaced by []",
        "models/hr_appraisal.py",
        "                        self._coaching_readable_domain(),\n",
        "                        [],\n",
        ["test_appraisal_history.py"],
    ),
    (
        "signals: reopen allowed from any state",
        "models/hr_coaching_signal.py",
        'if any(signal.state != "dismissed" for signal in self):',
        "if False:",
        ["test_signals.py"],
    ),
    # The central rules of each owner.
    (
        "cadence: a talk due on the reminder day is still on track",
        "models/hr_coaching_cadence.py",
        "if today >= due_date - timedelta(days=self.reminder_days):",
        "if today > due_date - timedelta(days=self.reminder_days):",
        ["test_cadence_cron.py"],
    ),
    (
        "cadence: escalated on the last day of grace",
        "models/hr_coaching_cadence.py",
        "return (today - due_date).days > self.grace_days",
        "return (today - due_date).days >= self.grace_days",
        ["test_cadence_cron.py"],
    ),
    (
        "cadence: reminded again after the coach ticked the reminder off",
        "models/hr_coaching_cadence.py",
        "if employee.coaching_reminded_date != next_date:",
        "if True:",
        ["test_cadence_cron.py"],
    ),
    (
        "reminders: the assignees are not made followers",
        "models/hr_coaching_mixin.py",
        "for res_id, partner_id in sorted(wanted - existing)",
        "for res_id, partner_id in sorted(wanted - existing - wanted)",
        ["test_cadence_cron.py"],
    ),
    (
        "reminders: the company's e-mail setting ignored",
        "models/hr_coaching_mixin.py",
        "by_notify[bool(notify or record.company_id.coaching_reminder_mail)].append(",
        "by_notify[bool(notify)].append(",
        ["test_cadence_cron.py"],
    ),
    (
        "loop: commitments carried to the last planned talk, not the next",
        "models/hr_coaching_session_meeting.py",
        '[("employee_id", "in", employees.ids), ("state", "=", "planned")], order="date_scheduled, id"',
        '[("employee_id", "in", employees.ids), ("state", "=", "planned")], order="date_scheduled desc, id"',
        ["test_commitment_loop.py", "test_employee_loop.py"],
    ),
    (
        "loop: a talk closes without the Will",
        "models/hr_coaching_session_flow.py",
        "if not written_text(session.will):",
        "if False:",
        ["test_commitment_loop.py"],
    ),
    (
        "loop: a talk closes with commitments left unreviewed",
        "models/hr_coaching_session_flow.py",
        'pending = session.review_commitment_ids.filtered(lambda c: c.state != "dropped" and not c.outcome)',
        "pending = session.review_commitment_ids.browse()",
        ["test_commitment_loop.py"],
    ),
    (
        "loop: a closed talk can be rewritten",
        "models/hr_coaching_session.py",
        "locked = fields_written & self.CLOSED_LOCKED_FIELDS",
        "locked = set()",
        ["test_commitment_loop.py", "test_bad_input.py"],
    ),
    (
        "privacy: the private note read as superuser",
        "models/hr_coaching_session.py",
        'notes = self.env["hr.coaching.session.note"].search([("session_id", "in", self.ids)])\n'
        "        note_by_session = {note.session_id.id",
        'notes = self.env["hr.coaching.session.note"].sudo().search([("session_id", "in", self.ids)])\n'
        "        note_by_session = {note.session_id.id",
        ["test_access.py"],
    ),
    (
        "privacy: the employee may write the coach's fields",
        "models/hr_coaching_session.py",
        'EMPLOYEE_WRITABLE_FIELDS = {"employee_prep", "employee_rating", "topic_ids"}',
        'EMPLOYEE_WRITABLE_FIELDS = {"employee_prep", "employee_rating", "topic_ids", "will", "summary"}',
        ["test_access.py"],
    ),
    (
        "trust: the status written directly",
        "models/hr_coaching_scope_mixin.py",
        "            if fname in self._coaching_internal_fields\n            or (",
        "            if False\n            or (",
        ["test_trust_boundary.py"],
    ),
    (
        "trust: links to records out of reach accepted",
        "models/hr_coaching_scope_mixin.py",
        "    def write(self, vals):\n        check_links(self, [vals])\n",
        "    def write(self, vals):\n",
        ["test_trust_boundary.py"],
    ),
    (
        "trust: the scope not checked again after a write",
        "models/hr_coaching_scope_mixin.py",
        '            self.check_access("write")\n        if links:',
        "            pass\n        if links:",
        ["test_trust_second_attack.py"],
    ),
    (
        "guard: the model's rules skipped on write (the coachee rewrites her talk)",
        "models/hr_coaching_scope_mixin.py",
        "        self._coaching_check_write(vals)\n",
        "",
        ["test_trust_boundary.py", "test_access.py"],
    ),
    (
        "trust: the uninstall flag of a caller deletes done talks",
        "models/hr_coaching_session.py",
        "if self.env.su and self.env.context.get(MODULE_UNINSTALL_FLAG):",
        "if self.env.context.get(MODULE_UNINSTALL_FLAG):",
        ["test_trust_boundary.py"],
    ),
    (
        "trust: the coach rates their own talk",
        "models/hr_coaching_session.py",
        "if not self.env.su and session.employee_id.user_id != self.env.user:",
        "if False:",
        ["test_trust_boundary.py"],
    ),
    (
        "trust: the coachee closes the coach's reminder",
        "models/mail_activity.py",
        "for document in documents - documents._coaching_coach_side():",
        "for document in documents.browse():",
        ["test_trust_boundary.py"],
    ),
    (
        "trust: a colleague reads a published rating",
        "models/hr_appraisal.py",
        'own_published = [("employee_id.user_id", "=", self.env.uid), ("manager_feedback_published", "=", True)]',
        'own_published = [("manager_feedback_published", "=", True)]',
        ["test_trust_boundary.py"],
    ),
    (
        "trust: the pictures of the private note stay on the session",
        "models/hr_coaching_note_mixin.py",
        '{"res_model": self._name, "res_id": note.id}',
        "{}",
        ["test_trust_http.py"],
    ),
    (
        "coexistence: a rating required to complete any appraisal",
        "models/hr_appraisal.py",
        "lambda a: a.company_id.coaching_require_rating and not a.performance_rating_raw",
        "lambda a: not a.performance_rating_raw",
        ["test_trust_boundary.py"],
    ),
    (
        "employee loop: points not covered stay behind",
        "models/hr_coaching_topic.py",
        "target = next_talk(topic.employee_id, topic.session_id.date_scheduled)",
        "target = None",
        ["test_employee_loop.py"],
    ),
    (
        "employee loop: the employee is not invited",
        "models/hr_coaching_session_mail.py",
        "            session.sudo().message_subscribe(partner_ids=partner.ids)\n",
        "            continue\n",
        ["test_employee_loop.py"],
    ),
    (
        "employee loop: reminded to prepare at every run",
        "models/hr_coaching_session_mail.py",
        '            ("coaching_prep_reminded", "=", False),\n',
        "",
        ["test_employee_loop.py"],
    ),
    (
        "employee loop: a colleague asks for a talk on someone's behalf",
        "models/hr_coaching_signal.py",
        'if vals.get("signal_type") == "employee_request" and not is_internal_write():\n                raise',
        "if False:\n                raise",
        ["test_employee_loop.py"],
    ),
    (
        "employee loop: the coachee renames the coach's talking point",
        "models/hr_coaching_topic.py",
        'if not_coached and set(vals) - {"done", "sequence"} and not_coached - not_coached._coaching_removable():',
        "if False:",
        ["test_employee_loop.py"],
    ),
    (
        "who coaches whom: a manager coaches themselves",
        "models/res_users.py",
        "SELECT id FROM below WHERE id NOT IN (SELECT id FROM mine)%(coached)s)",
        "SELECT id FROM below%(coached)s)",
        ["test_access.py", "test_trust_boundary.py"],
    ),
    (
        "who coaches whom: only direct reports in the SQL form",
        "models/res_users.py",
        "                     UNION\n"
        "                    SELECT e.id FROM hr_employee e JOIN below b ON e.parent_id = b.id\n",
        "",
        ["test_appraisal_history.py", "test_access.py"],
    ),  # The coach's flow (issue 12).
    (
        "flow: copied prompts count as a written Will",
        "models/hr_coaching_mixin_tools.py",
        "        prompt.drop_tree()\n",
        "        pass\n",
        ["test_coach_flow.py"],
    ),
    (
        "flow: the designated coach is not on the coach side",
        "models/res_users.py",
        "JOIN mine m ON e.coach_id = m.id\n                WHERE e.id = ANY(%(ids)s)",
        "JOIN mine m ON false\n                WHERE e.id = ANY(%(ids)s)",
        ["test_trust_boundary.py"],
    ),
    (
        "flow: a closed talk's summary can be rewritten during the amendment days",
        "models/hr_coaching_session_flow.py",
        'if before and before not in html2plaintext(vals["summary"] or ""):',
        "if False:",
        ["test_coach_flow.py"],
    ),
    (
        "flow: a signal plans a second talk beside the planned one",
        "models/hr_coaching_signal.py",
        "        if not session:\n            session = Session.with_context(",
        "        if True:\n            session = Session.with_context(",
        ["test_coach_flow.py"],
    ),
    (
        "current: a move does not refresh the status",
        "models/hr_employee.py",
        "        if self.COACHING_CADENCE_TRIGGERS & vals.keys():",
        "        if False:",
        ["test_always_current.py"],
    ),
    (
        "current: the status is computed with the mover's rights",
        "models/hr_coaching_cadence.py",
        "        engine = self.sudo()",
        "        engine = self",
        ["test_always_current.py"],
    ),
    (
        "language: the reminder summary in the cron's language",
        "models/hr_coaching_mixin.py",
        "                summary = summary(record.with_env(envs[lang]))",
        "                summary = summary(record)",
        ["test_always_current.py"],
    ),
    (
        "scale: My Coaching writes while it is read (a standby would refuse it)",
        "models/hr_coaching_home.py",
        "        employee = self.env.user.employee_id\n        Session",
        "        employee = self.env.user.employee_id\n"
        '        self.env.cr.execute("UPDATE hr_employee SET write_date = write_date WHERE id = %s", [employee.id])\n'
        "        Session",
        ["test_readonly_routes.py"],
    ),
    # Issue 25, item 4: the facts of the work in the talk, read as the reader, copied by who writes the talk.
    (
        "issue 25: the talk's facts read as superuser",
        "hr_performance_coaching_project/models/hr_coaching_session.py",
        'Task = self.env["project.task"]\n',
        'Task = self.env["project.task"].sudo()\n',
        ["hr_performance_coaching_project/tests/test_work_facts.py"],
    ),
    (
        "issue 25: anyone who reads the talk copies a fact into Reality",
        "hr_performance_coaching_project/models/hr_coaching_session.py",
        'if self.state != "planned" or not self._is_coach_side():',
        "if False:",
        ["hr_performance_coaching_project/tests/test_work_facts.py"],
    ),
    (
        "issue 25: a fact's key of any shape",
        "hr_performance_coaching_project/models/hr_coaching_session.py",
        "FACT_KEY.fullmatch(fact_key)",
        "FACT_KEY.match(fact_key)",
        ["hr_performance_coaching_project/tests/test_work_facts.py"],
    ),
    (
        "issue 25: the hours read as superuser",
        "hr_performance_coaching_timesheet/models/hr_coaching_session.py",
        'Line = self.env["account.analytic.line"]\n',
        'Line = self.env["account.analytic.line"].sudo()\n',
        ["hr_performance_coaching_timesheet/tests/test_work_hours.py"],
    ),
    # Today's rules that no test guarded (the mutation review): feedback, check-ins, Coaching Impact, the facts of the
    # work.
    (
        "issue 26: a verdict like none of the bank is offered a question of the bank",
        "models/hr_coaching_feedback.py",
        "if shared > score:",
        "if shared >= score:",
        ["test_feedback.py"],
    ),
    (
        "issue 26: a feedback goes to the last planned talk, not the next one",
        "models/hr_coaching_feedback.py",
        'order="date_scheduled, id", limit=1',
        'order="date_scheduled desc, id", limit=1',
        ["test_feedback.py"],
    ),
    (
        "issue 26: a check-in fall of exactly one point raises nothing",
        "models/hr_coaching_signal_checkin.py",
        "if before - after >= TREND_FALL - 1e-9",
        "if before - after > TREND_FALL",
        ["test_checkin.py"],
    ),
    (
        "issue 26: last week's check-in can still be changed",
        "models/hr_coaching_checkin.py",
        "week_start(checkin.date) == monday",
        "checkin.date >= monday - timedelta(days=7)",
        ["test_checkin.py"],
    ),
    (
        "issue 24: a band of Coaching Impact with exactly the minimum of appraisals shows no figure",
        "models/hr_coaching_impact.py",
        "enough = count >= minimum",
        "enough = count > minimum",
        ["test_coaching_impact.py"],
    ),
    (
        "issue 24: a manager filters on the departments of other companies",
        "models/hr_coaching_impact.py",
        "employees.department_id.filtered(lambda d: d.company_id in companies or not d.company_id)",
        "employees.department_id",
        ["test_coaching_impact.py"],
    ),
    (
        "issue 25: the hours logged on the day of the last talk are left out",
        "hr_performance_coaching_timesheet/models/hr_coaching_session.py",
        "if day >= since[session.id].date():",
        "if day > since[session.id].date():",
        ["hr_performance_coaching_timesheet/tests/test_work_hours.py"],
    ),
    (
        "issue 25: a milestone reached on the day of the last talk is left out",
        "hr_performance_coaching_project/models/hr_coaching_session.py",
        "and milestone.reached_date >= start.date()",
        "and milestone.reached_date > start.date()",
        ["hr_performance_coaching_project/tests/test_work_facts.py"],
    ),
    (
        "issue 24: a talk on the day of the appraisal is left out of its period",
        "models/hr_coaching_impact_data.py",
        "AND s.date_scheduled < d.date_close + 1",
        "AND s.date_scheduled < d.date_close",
        ["test_coaching_impact.py"],
    ),
    (
        "issue 24: a talk on the day of the previous appraisal counts in the next period too",
        "models/hr_coaching_impact_data.py",
        "WHERE s.date_scheduled >= d.previous_date + 1",
        "WHERE s.date_scheduled >= d.previous_date",
        ["test_coaching_impact.py"],
    ),
    (
        "issue 24: the coaches' means removed within coach use no degree of freedom",
        "models/hr_coaching_impact.py",
        "absorbed=len(coaches)",
        "absorbed=0",
        ["test_coaching_impact.py"],
    ),
]


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=False, **kwargs)


def locate(root, relpath, folder=""):
    """The path of ``relpath`` in the copy ``root``: in a bridge or docs/ when it starts with its folder, else in the
    main addon (under ``folder``, ``tests`` for test files)."""
    if relpath.split("/", 1)[0] in (*ADDONS, "docs"):
        return root / relpath
    return root / ADDON / folder / relpath


def pytest(args, config, database, addon_dir, tests, log):
    """Run ``tests`` of the copy in ``addon_dir``; True when they all pass."""
    paths = [str(locate(addon_dir, test, "tests")) for test in tests]
    with open(log, "w") as out:
        result = run(
            pytest_command(config, database, "-x", "-q", *paths),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=addon_dir,
        )
    return result.returncode == 0


def write_config(path, addons_dir, database, data_dir):
    odoo_addons = os.environ["COACHING_ADDONS_PATH"]
    lines = [
        "[options]",
        f"addons_path = {addons_dir},{odoo_addons}",
        f"data_dir = {data_dir}",
        f"db_name = {database}",
        "without_demo = all",
        "log_level = warn",
        f"http_port = {os.environ.get('COACHING_MUTANTS_HTTP_PORT', '8369')}",
        "http_interface = 127.0.0.1",
    ]
    for key, env in (
        ("db_host", "PGHOST"),
        ("db_port", "PGPORT"),
        ("db_user", "PGUSER"),
        ("db_password", "PGPASSWORD"),
    ):
        if os.environ.get(env):
            lines.append(f"{key} = {os.environ[env]}")
    path.write_text("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names (or parts of names) of the mutants to run")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args()
    mutants = [m for m in MUTANTS if not args.only or any(part in m[0] for part in args.only)]
    if args.list:
        for name, *_rest in mutants:
            print(name)
        return 0

    work = Path(tempfile.mkdtemp(prefix="coaching_mutants_"))
    database = f"coaching_mutants_{os.getpid()}"
    data_dir = work / "data"
    try:
        base = work / "base"
        for folder in (*ADDONS, "docs"):
            shutil.copytree(REPO / folder, base / folder, ignore=shutil.ignore_patterns("__pycache__", "*.png"))
        config = work / "base.conf"
        write_config(config, base, database, data_dir)
        print(f"[mutants] installing {', '.join(ADDONS)} into {database}", flush=True)
        install = run(
            [
                sys.executable,
                os.environ["COACHING_ODOO_BIN"],
                "-c",
                str(config),
                "-d",
                database,
                "-i",
                ",".join([*ADDONS, *DEPENDENCY_APPS]),
                "--stop-after-init",
            ],
            capture_output=True,
            text=True,
        )
        if install.returncode:
            print(install.stdout[-3000:], install.stderr[-3000:], sep="\n")
            print("[mutants] the addon does not install: nothing to measure")
            return 1
        installed = run(
            ["psql", "-d", database, "-Atqc", "SELECT name FROM ir_module_module WHERE state = 'installed'"],
            capture_output=True,
            text=True,
        ).stdout.split()
        if missing := sorted(set(ADDONS) - set(installed)):
            print(f"[mutants] not installed: {', '.join(missing)}: their mutants would measure nothing")
            return 1
        guards = sorted({test for *_rest, tests in mutants for test in tests})
        if not pytest(args, config, database, base, guards, work / "baseline.log"):
            print((work / "baseline.log").read_text()[-5000:])
            print("[mutants] the unbroken tests fail: fix them first")
            return 1
        caught = 0
        for index, (name, relpath, old, new, tests) in enumerate(mutants, 1):
            copy = work / f"m{index}"
            for folder in (*ADDONS, "docs"):
                shutil.copytree(base / folder, copy / folder)
            target = locate(copy, relpath)
            text = target.read_text()
            if text.count(old) != 1:
                print(f"[mutants] {name}: the text to break is found {text.count(old)} times in {relpath}")
                return 1
            target.write_text(text.replace(old, new))
            mutant_config = work / f"m{index}.conf"
            write_config(mutant_config, copy, database, data_dir)
            passed = pytest(args, mutant_config, database, copy, tests, work / f"m{index}.log")
            caught += not passed
            print(f"{'caught' if not passed else 'MISSED'}: {name} ({', '.join(tests)})", flush=True)
            shutil.rmtree(copy)
        print(f"mutants: {caught} caught of {len(mutants)}")
        return 0
    finally:
        run(["dropdb", "--if-exists", database], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
