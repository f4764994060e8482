import re
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.addons.project.models.project_task import CLOSED_STATES
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, html2plaintext

# Without a done talk before, the facts go back this many days.
FACTS_DAYS_WITHOUT_TALK = 90
# A fact's key, as the panel names it: its kind and the id of its record.
FACT_KEY = re.compile(r"(closed|open|overdue|milestone|hours)-([1-9][0-9]{0,9})")


class HrCoachingSession(models.Model):
    _inherit = "hr.coaching.session"

    work_facts = fields.Html(
        string="Since the Last Talk",
        compute="_compute_work_facts",
        sanitize=False,
        help="The employee's tasks closed, open and overdue, and the milestones reached on her tasks since the last "
        "talk, as far as the reader may open them in Project.",
    )

    @api.depends("state", "employee_id.user_id", "coach_id", "date_scheduled")
    @api.depends_context("uid", "lang", "tz", "allowed_company_ids")
    def _compute_work_facts(self):
        coach_side = self.filtered(lambda session: session.state == "planned")._coaching_coach_side()
        facts_by_session = self._coaching_work_facts(coach_side)
        for session in self:
            facts = facts_by_session.get(session.id)
            session.work_facts = session._coaching_work_facts_html(facts, session in coach_side) if facts else False

    # ------------------------------------------------------------------ actions

    def action_copy_fact_to_reality(self, fact_key):
        """Append the fact ``fact_key`` of the panel to the Reality stage: the coach side, on a planned talk."""
        self.ensure_one()
        self._coaching_check_fact_key(fact_key)
        # Access first, existence after: whether the fact exists is told only to who may write the talk.
        if self.state != "planned" or not self._is_coach_side():
            raise AccessError(self.env._("Only the coach side copies facts into the Reality of a planned talk."))
        self.reality = self._coaching_append_fact(self.reality, fact_key)
        return True

    def action_copy_fact_to_preparation(self, fact_key):
        """Append the fact ``fact_key`` of the panel to the employee's preparation: she alone, on a planned talk."""
        self.ensure_one()
        self._coaching_check_fact_key(fact_key)
        if self.state != "planned" or self.employee_id.user_id != self.env.user:
            raise AccessError(
                self.env._("Only %(employee)s copies facts into her preparation.", employee=self.employee_id.name)
            )
        self.employee_prep = self._coaching_append_fact(self.employee_prep, fact_key)
        return True

    # ------------------------------------------------------------------ business methods

    def _coaching_check_fact_key(self, fact_key):
        # RPC callers choose the shape: only a key of the panel's own form is looked up.
        if not isinstance(fact_key, str) or not FACT_KEY.fullmatch(fact_key):
            raise UserError(self.env._("This is not a fact of the panel: copy one of its lines."))

    def _coaching_append_fact(self, html, fact_key):
        """``html`` with the line of the fact ``fact_key`` appended, once: copied twice, it is there once. The fact
        is looked up in the panel as the current user computes it, so only a fact she may read is copied."""
        fact = next(
            (
                fact
                for facts in self._coaching_work_facts().get(self.id, {}).values()
                for fact in facts
                if fact["key"] == fact_key
            ),
            None,
        )
        if not fact:
            raise UserError(self.env._("This fact is no longer in the panel: reload the talk."))
        line = self._coaching_fact_line(fact)
        if line in html2plaintext(html or ""):
            return html
        return (html or Markup()) + Markup("<p>%s</p>") % line

    def _coaching_facts_readers(self, coach_side=None):
        """The planned talks of this batch whose facts the current user reads: the coach side of the talk
        (``coach_side`` when the caller knows it), and the employee, for her preparation. The others read an empty
        panel."""
        planned = self.filtered(lambda session: session.state == "planned" and session.id and session.employee_user_id)
        if not planned:
            return planned
        if coach_side is None:
            coach_side = planned._coaching_coach_side()
        user = self.env.user
        return (planned & coach_side) | planned.filtered(lambda session: session.employee_user_id == user)

    def _coaching_facts_since(self):
        """Where the facts start: the last done talk, else ``FACTS_DAYS_WITHOUT_TALK`` days ago."""
        self.ensure_one()
        return self.previous_date or fields.Datetime.now() - timedelta(days=FACTS_DAYS_WITHOUT_TALK)

    def _coaching_work_facts(self, coach_side=None):
        """{session id: {section: [fact]}} for the talks whose facts the current user reads, searched with her own
        rights (record rules apply: a task or milestone she cannot open in Project is not there), in a fixed number
        of queries whatever the number of tasks. A fact is a dict: ``key``, ``name`` (the record's), ``url``,
        ``template`` (its line, with ``%(name)s`` and the other ``values``), ``values``."""
        sessions = self._coaching_facts_readers(coach_side)
        Task = self.env["project.task"]
        if not sessions or not Task.has_access("read"):
            return {}
        since = {session.id: session._coaching_facts_since() for session in sessions}
        now = fields.Datetime.now()
        tasks = Task.search_fetch(
            [
                ("user_ids", "in", sessions.employee_user_id.ids),
                "|",
                ("state", "not in", list(CLOSED_STATES)),
                "&",
                ("state", "=", "1_done"),
                ("date_last_stage_update", ">=", min(since.values())),
            ],
            ["name", "user_ids", "project_id", "state", "date_deadline", "date_last_stage_update", "milestone_id"],
            order="date_deadline, id",
        )
        # Names read with the user's rights too: a project she cannot open is not named.
        project_names = {
            project.id: project.name
            for project in self.env["project.project"].search_fetch([("id", "in", tasks.project_id.ids)], ["name"])
        }
        milestones = self.env["project.milestone"].search_fetch(
            [
                ("id", "in", tasks.milestone_id.ids),
                ("is_reached", "=", True),
                ("reached_date", ">=", min(since.values()).date()),
            ],
            ["name", "project_id", "reached_date"],
            order="reached_date desc, id",
        )
        result = {}
        for session in sessions:
            user, start = session.employee_user_id, since[session.id]
            # Not filtered on active users: who is assigned is read from the task, without reading the users.
            own = tasks.with_context(active_test=False).filtered(lambda task, user=user: user in task.user_ids)
            closed = own.filtered(
                lambda task, start=start: task.state == "1_done" and task.date_last_stage_update >= start
            )
            still_open = own.filtered(lambda task: task.state not in CLOSED_STATES)
            overdue = still_open.filtered(lambda task: task.date_deadline and task.date_deadline < now)
            reached = milestones.filtered(
                lambda milestone, own=own, start=start: milestone in own.milestone_id
                and milestone.reached_date >= start.date()
            )
            sections = {
                "closed": [
                    session._coaching_task_fact(
                        "closed",
                        task,
                        self.env._("Closed: %(name)s (%(project)s), on %(date)s"),
                        project_names,
                        date=task.date_last_stage_update,
                    )
                    for task in closed.sorted("date_last_stage_update", reverse=True)
                ],
                "overdue": [
                    session._coaching_task_fact(
                        "overdue",
                        task,
                        self.env._("Overdue: %(name)s (%(project)s), due %(date)s"),
                        project_names,
                        date=task.date_deadline,
                    )
                    for task in overdue
                ],
                "open": [
                    session._coaching_task_fact(
                        "open",
                        task,
                        self.env._("Open: %(name)s (%(project)s), due %(date)s"),
                        project_names,
                        date=task.date_deadline,
                    )
                    if task.date_deadline
                    else session._coaching_task_fact(
                        "open", task, self.env._("Open: %(name)s (%(project)s), no deadline"), project_names
                    )
                    for task in still_open - overdue
                ],
                "milestone": [
                    {
                        "key": f"milestone-{milestone.id}",
                        "name": milestone.name,
                        "url": f"/odoo/project.milestone/{milestone.id}",
                        "template": self.env._("Milestone reached: %(name)s (%(project)s), on %(date)s"),
                        "values": {
                            "project": project_names.get(milestone.project_id.id) or self.env._("a private project"),
                            "date": format_date(self.env, milestone.reached_date),
                        },
                    }
                    for milestone in reached
                ],
            }
            result[session.id] = sections
        return result

    def _coaching_task_fact(self, kind, task, template, project_names, date=None):
        values = {"project": project_names.get(task.project_id.id) or self.env._("a private project")}
        if date:
            values["date"] = format_date(self.env, fields.Datetime.context_timestamp(self, date))
        return {
            "key": f"{kind}-{task.id}",
            "name": task.name,
            "url": f"/odoo/project.task/{task.id}",
            "template": template,
            "values": values,
        }

    @api.model
    def _coaching_fact_line(self, fact):
        """The fact as plain text: the line copied into the talk."""
        return fact["template"] % {**fact["values"], "name": fact["name"]}

    def _coaching_work_facts_titles(self):
        return {
            "closed": self.env._("Tasks closed"),
            "overdue": self.env._("Overdue tasks"),
            "open": self.env._("Open tasks"),
            "milestone": self.env._("Milestones reached"),
        }

    def _coaching_work_facts_html(self, sections, coach_side):
        """The panel: a heading per section with its count, a line per fact linked to its record, and a button to
        copy it into the Reality (the coach side) or into the preparation (the employee)."""
        self.ensure_one()
        if not any(sections.values()):
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "No task closed, open or overdue, and no milestone reached, that you may open in Project."
            )
        copy_title = self.env._("Copy into Reality") if coach_side else self.env._("Copy into my preparation")
        titles = self._coaching_work_facts_titles()
        if self.previous_date:
            start = self.env._(
                "From the last talk, on %(date)s, to today.",
                date=format_date(self.env, fields.Datetime.context_timestamp(self, self.previous_date)),
            )
        else:
            start = self.env._("No talk done yet: the last %(days)s days.", days=FACTS_DAYS_WITHOUT_TALK)
        parts = [Markup('<p class="text-muted small mb-1">%s</p>') % start]
        for section, facts in sections.items():
            if not facts:
                continue
            lines = Markup().join(
                Markup(
                    '<li class="o_coaching_fact" data-fact-key="%(key)s">%(line)s '
                    '<button type="button" class="btn btn-link btn-sm p-0 ms-1 o_coaching_copy_fact" '
                    'data-fact-key="%(key)s" title="%(title)s"><i class="fa fa-clipboard"></i></button></li>'
                )
                % {
                    "key": fact["key"],
                    "title": copy_title,
                    "line": escape(fact["template"])
                    % {
                        **fact["values"],
                        "name": Markup('<a href="%s">%s</a>') % (fact["url"], fact["name"]),
                    },
                }
                for fact in facts
            )
            heading = self.env._("%(title)s (%(count)s)", title=titles[section], count=len(facts))
            parts.append(
                Markup('<div class="o_coaching_facts_%s"><h6 class="mt-2 mb-1">%s</h6><ul class="mb-1">%s</ul></div>')
                % (section, heading, lines)
            )
        return Markup().join(parts)
