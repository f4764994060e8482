from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round

from .hr_coaching_mixin_tools import internal_write

GOAL_STATES = [("proposed", "Proposed"), ("active", "Active"), ("achieved", "Achieved"), ("dropped", "Dropped")]
GOAL_TYPES = [("company", "Company"), ("team", "Team"), ("personal", "Personal")]
# A goal is aligned to a goal of its own level or above: company > team > personal.
GOAL_LEVEL = {"company": 0, "team": 1, "personal": 2}
GOAL_PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Top")]


class HrCoachingGoal(models.Model):
    """A goal: the company's, a team's or an employee's development goal (the Goal of GROW), aligned upwards.

    A personal goal is threaded from one talk to the next: the talks where it was discussed and the commitments that
    serve it make its thread; its progress is tracked in the chatter. The employee reads their own goals, updates the
    progress and proposes new ones; the coach side accepts and manages them. A team goal is its department's, owned
    by the department's manager; a company goal is the coaching officers'. Each goal may be aligned to one above it
    (``parent_id``): the employee reads that chain as ``alignment_path`` (names and progress only), not the goals.
    """

    _name = "hr.coaching.goal"
    _description = "Development Goal"
    _inherit = ["hr.coaching.mixin"]
    _coaching_side_depends = ("employee_id", "owner_id", "goal_type")
    _order = "state, date_target, id desc"
    _coaching_talk_links = ("session_ids",)
    # The commitments serve the goal from their side (their goal_id).
    _coaching_internal_fields = frozenset({"state", "date_achieved", "commitment_ids", "agreed_session_id"})

    # Fields the employee may update on their own goal.
    EMPLOYEE_WRITABLE_FIELDS = {"progress"}

    name = fields.Char(string="Goal", required=True, tracking=True)
    goal_type = fields.Selection(
        GOAL_TYPES,
        string="Level",
        required=True,
        default="personal",
        tracking=True,
        index=True,
        help="Company: set by the coaching officers. Team: a department's, owned by its manager. Personal: an "
        "employee's, aligned to a team or company goal.",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        index=True,
        tracking=True,
        default=lambda self: self.env.context.get("default_employee_id"),
        domain="[('company_id', 'in', allowed_company_ids)]",
    )
    company_id = fields.Many2one("res.company", compute="_compute_company_id", store=True, index=True, precompute=True)
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        string="Team",
        check_company=True,
        tracking=True,
        help="A team goal's department; a personal goal's is its employee's.",
    )
    owner_id = fields.Many2one(
        "hr.employee",
        compute="_compute_owner_id",
        store=True,
        index="btree_not_null",
        help="Who answers for the goal: the employee, or the manager of the team for a team goal.",
    )
    parent_id = fields.Many2one(
        "hr.coaching.goal",
        string="Aligned To",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        check_company=True,
        domain="[('id', '!=', id), ('state', 'in', ('active', 'proposed'))]",
        help="The team or company goal this one serves.",
    )
    child_ids = fields.One2many("hr.coaching.goal", "parent_id", string="Aligned Goals")
    # Text, not Char: the path wraps in the talk's list of goals instead of being cut.
    alignment_path = fields.Text(
        compute="_compute_alignment_path",
        string="Alignment",
        help="From this goal up to the company's, with the progress of each goal above it.",
    )
    weight = fields.Float(
        default=1.0,
        tracking=True,
        digits=(16, 1),
        help="How much this goal counts in the progress of the goal it is aligned to.",
    )
    progress_manual = fields.Boolean(
        string="Progress Set by Hand",
        help="Unticked, the progress of a goal with aligned goals is their weighted average.",
    )
    progress_rolled_up = fields.Boolean(
        compute="_compute_progress_rolled_up", help="The progress is the weighted average of the aligned goals."
    )
    priority = fields.Selection(GOAL_PRIORITIES, default="0", tracking=True)
    target = fields.Char(tracking=True, help="What counts as done: a number, a date, a result.")
    agreed_session_id = fields.Many2one(
        "hr.coaching.session",
        string="Last Agreed In",
        readonly=True,
        copy=False,
        tracking=True,
        help="The talk where its priority, target or date were last agreed.",
    )
    description = fields.Html(help="What achieving it looks like, in the employee's words.")
    date_target = fields.Date(string="Target Date", tracking=True)
    state = fields.Selection(GOAL_STATES, required=True, default="active", tracking=True, index=True)
    date_achieved = fields.Date(readonly=True, copy=False, help="When the goal was marked achieved.")
    progress = fields.Integer(
        string="Progress (%)",
        compute="_compute_progress",
        store=True,
        readonly=False,
        recursive=True,
        tracking=True,
        help="From 0 to 100; each change is in the chatter.",
    )
    session_ids = fields.Many2many(
        "hr.coaching.session",
        "hr_coaching_goal_session_rel",
        "goal_id",
        "session_id",
        string="Talks",
        help="The talks where this goal was discussed.",
    )
    commitment_ids = fields.One2many("hr.coaching.commitment", "goal_id", string="Commitments")
    session_count = fields.Integer(compute="_compute_counts", string="Talks Count")

    _sql_constraints = [
        ("progress_range", "CHECK (progress BETWEEN 0 AND 100)", "Progress is a percentage from 0 to 100."),
    ]

    @api.depends("employee_id.company_id", "department_id.company_id")
    def _compute_company_id(self):
        for goal in self:
            # A company goal is the company's where it was set.
            goal.company_id = (
                goal.employee_id.company_id or goal.department_id.company_id or goal.company_id or self.env.company
            )

    @api.depends("goal_type", "employee_id.department_id")
    def _compute_department_id(self):
        for goal in self:
            if goal.goal_type == "personal":
                goal.department_id = goal.employee_id.department_id
            elif goal.goal_type == "company":
                goal.department_id = False

    @api.depends("goal_type", "employee_id", "department_id.manager_id")
    def _compute_owner_id(self):
        for goal in self:
            if goal.goal_type == "team":
                goal.owner_id = goal.department_id.manager_id
            else:
                goal.owner_id = goal.employee_id

    @api.depends("progress_manual", "child_ids.progress", "child_ids.weight", "child_ids.state")
    def _compute_progress(self):
        for goal in self:
            if goal._coaching_rolls_up():
                counted = goal._coaching_counted_children()
                total = sum(counted.mapped("weight"))
                # Half up, as people round: 22.5 % shows as 23 %.
                average = sum(child.progress * child.weight for child in counted) / total
                goal.progress = int(float_round(average, precision_digits=0))
            elif not goal.progress:
                goal.progress = 0

    def _coaching_rolls_up(self):
        """True when the progress of this goal is its aligned goals' weighted average."""
        self.ensure_one()
        counted = self._coaching_counted_children()
        return not self.progress_manual and sum(counted.mapped("weight")) > 0

    def _coaching_counted_children(self):
        """The aligned goals that count in this one's progress: accepted and not dropped (a proposal waits)."""
        return self.child_ids.filtered(lambda child: child.state in ("active", "achieved"))

    @api.depends("progress_manual", "child_ids.weight", "child_ids.state")
    def _compute_progress_rolled_up(self):
        for goal in self:
            goal.progress_rolled_up = goal._coaching_rolls_up()

    @api.depends("name", "parent_id")
    @api.depends_context("lang")
    def _compute_alignment_path(self):
        for goal in self:
            goal.alignment_path = goal._coaching_alignment_path()

    def _coaching_alignment_path(self):
        """``Ship v2 onboarding → Cut churn in SMB (40 %) → Grow ARR 30 % (25 %)``: the goal's name, then each goal
        above it with its progress, in the reader's language."""
        self.ensure_one()
        names = [self.name or ""]
        # sudo: the chain above a goal the user reads is told to her, names and progress only (docs/security.md);
        # the goals themselves stay out of her reach.
        node, seen = self.sudo().parent_id, {self.id}
        while node and node.id not in seen:
            seen.add(node.id)
            names.append(self.env._("%(goal)s (%(progress)s %%)", goal=node.name, progress=node.progress))
            node = node.parent_id
        return " → ".join(names)

    @api.depends("session_ids")
    def _compute_counts(self):
        for goal in self:
            goal.session_count = len(goal.session_ids)

    @api.constrains("progress")
    def _check_progress(self):
        if self.filtered(lambda goal: not 0 <= goal.progress <= 100):
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    @api.constrains("goal_type", "employee_id", "department_id")
    def _check_goal_type(self):
        for goal in self:
            if goal.goal_type == "personal" and not goal.employee_id:
                raise ValidationError(self.env._("The personal goal “%(goal)s” needs its employee.", goal=goal.name))
            if goal.goal_type != "personal" and goal.employee_id:
                raise ValidationError(
                    self.env._(
                        "The goal “%(goal)s” is a team or company goal: it is no one employee's. Make it a "
                        "personal goal, or clear its employee.",
                        goal=goal.name,
                    )
                )
            if goal.goal_type == "team" and not goal.department_id:
                raise ValidationError(self.env._("The team goal “%(goal)s” needs its team.", goal=goal.name))

    @api.constrains("parent_id", "goal_type", "employee_id")
    def _check_alignment(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A goal cannot be aligned to itself or to a goal aligned to it."))
        for goal in self:
            for child in goal.child_ids | goal:
                parent = child.parent_id
                if not parent:
                    continue
                if GOAL_LEVEL[parent.goal_type] > GOAL_LEVEL[child.goal_type]:
                    raise ValidationError(
                        self.env._(
                            "The goal “%(goal)s” cannot be aligned to “%(parent)s”: a goal serves one of its level or "
                            "above (company, then team, then personal).",
                            goal=child.name,
                            parent=parent.name,
                        )
                    )
                if parent.goal_type == "personal" and parent.employee_id != child.employee_id:
                    raise ValidationError(
                        self.env._(
                            "The goal “%(goal)s” cannot be a sub-goal of “%(parent)s”: that one is another "
                            "employee's.",
                            goal=child.name,
                            parent=parent.name,
                        )
                    )

    @api.constrains("employee_id", "session_ids", "commitment_ids")
    def _check_same_employee(self):
        """A goal is one employee's: only their talks discuss it and only their commitments serve it. Also checked
        from the talk and the commitment side (``_check_goals``)."""
        for goal in self:
            goal._coaching_check_employee(goal.session_ids.employee_id | goal.commitment_ids.employee_id)

    def _coaching_check_employee(self, employees):
        """Refuse, in words, a goal of ``self`` discussed with or served for another employee than its own."""
        for goal in self:
            if others := employees - goal.employee_id:
                raise ValidationError(
                    self.env._(
                        "The goal “%(goal)s” is %(employee)s's: it cannot be discussed in a talk with %(other)s.",
                        goal=goal.name,
                        employee=goal.employee_id.name,
                        other=others[0].name,
                    )
                )

    # ------------------------------------------------------------------ CRUD

    def _coaching_check_create(self, vals_list):
        for vals in vals_list:
            self._check_selection_values(vals)
            self._check_progress_value(vals)
            if not self.env.su:
                self._coaching_check_may_set(vals)
            if vals.get("state") == "achieved":
                vals.setdefault("date_achieved", fields.Date.context_today(self))

    def _coaching_check_may_set(self, vals):
        """Who sets a goal of each level: the coaching officers the company's; the manager of a team, the managers
        above him and the officers the team's; the coach side an employee's, which the employee herself proposes."""
        user = self.env.user
        goal_type = vals.get("goal_type") or self.env.context.get("default_goal_type") or "personal"
        if user._is_coaching_officer():
            return
        if goal_type == "company":
            raise AccessError(self.env._("Only the coaching officers set the company's goals."))
        if goal_type == "team":
            department = self.env["hr.department"].browse(vals.get("department_id") or [])
            # sudo: who manages the team is read whatever the user may read of its manager's employee.
            self._coaching_check_owns_team(department.sudo().manager_id)
            return
        employee = self.env["hr.employee"].browse(vals.get("employee_id") or [])
        if employee and employee.id in user._coaching_own_employee_ids() and not user._coaching_manages(employee):
            # The employee proposes a goal of her own: her coach side accepts it (action_accept).
            if vals.get("session_ids") or vals.get("commitment_ids"):
                raise AccessError(self.env._("Your coach links your goals to your talks once they accept them."))
            vals["state"] = "proposed"
            return
        user._coaching_check_manages(employee)

    def _coaching_check_owns_team(self, manager):
        """Refuse, in words, unless the user is ``manager``, one of the managers above him, or an officer."""
        user = self.env.user
        if user._is_coaching_officer() or (manager and manager.id in user._coaching_own_employee_ids()):
            return
        if not manager or not user._coaching_manages(manager):
            raise AccessError(
                self.env._("Only the team's manager, the managers above him and the coaching officers set its goals.")
            )

    def _coaching_check_write(self, vals):
        self._check_selection_values(vals)
        self._check_progress_value(vals)
        if not self.env.su:
            coach_side = self._coaching_coach_side()
            if (self - coach_side) and vals.keys() - self.EMPLOYEE_WRITABLE_FIELDS:
                raise AccessError(self.env._("You can only update the progress of your own goals."))
            # A goal given to another employee must stay in the user's scope: the guard checks it after the write.
        if "progress" in vals and not vals.get("progress_manual"):
            if rolled_up := self.filtered(lambda goal: goal._coaching_rolls_up()):
                raise UserError(
                    self.env._(
                        "The progress of “%(goal)s” is the weighted average of its aligned goals: tick Progress Set "
                        "by Hand first to set it yourself.",
                        goal=rolled_up[0].name,
                    )
                )
        if "state" in vals:
            vals["date_achieved"] = fields.Date.context_today(self) if vals["state"] == "achieved" else False

    def _check_progress_value(self, vals):
        if (vals.get("weight") or 0) < 0:
            raise ValidationError(self.env._("The weight of a goal cannot be negative."))
        progress = vals.get("progress")
        if progress not in (None, False) and not 0 <= progress <= 100:
            # Checked before the database sees it: a huge number would not fit its column.
            raise ValidationError(self.env._("Progress is a percentage from 0 to 100."))

    def _coaching_coach_side(self):
        """The goals the user manages: an employee's goal her coach side; a team goal its manager, the managers above
        him and the officers; a company goal the officers."""
        if self.env.su or self.env.user._is_coaching_officer():
            return self
        user = self.env.user
        own = set(user._coaching_own_employee_ids())
        managed = user._coaching_manages(self.employee_id | self.owner_id)
        return self.filtered(
            lambda goal: (goal.goal_type == "personal" and goal.employee_id in managed)
            or (goal.goal_type == "team" and goal.owner_id and (goal.owner_id in managed or goal.owner_id.id in own))
        )

    # ------------------------------------------------------------------ actions

    def action_accept(self):
        """The coach side accepts the goal the employee proposed: it becomes one of her active goals."""
        if any(goal.state != "proposed" for goal in self):
            raise UserError(self.env._("Only a proposed goal can be accepted."))
        if self - self._coaching_coach_side():
            raise AccessError(self.env._("Only the employee's coach side accepts the goals she proposes."))
        with internal_write():
            self.write({"state": "active"})
        return True

    def action_achieve(self):
        self._coaching_set_state("achieved", self.env._("Only an active goal can be marked achieved."))
        return True

    def action_drop(self):
        self._coaching_set_state("dropped", self.env._("Only an active goal can be dropped."), ("active", "proposed"))
        return True

    def action_reopen(self):
        if any(goal.state == "active" for goal in self):
            raise UserError(self.env._("The goal is already active."))
        with internal_write():
            self.write({"state": "active"})
        return True

    def _coaching_set_state(self, state, refusal, from_states=("active",)):
        if any(goal.state not in from_states for goal in self):
            raise UserError(refusal)
        with internal_write():
            self.write({"state": state, **({"progress": 100} if state == "achieved" else {})})

    def _coaching_achieve(self, reason):
        """Mark these goals achieved with ``reason`` in their chatter: the entry point for other modules, e.g. a
        skill level reached. Runs whoever triggered it; the goals are the employee's."""
        goals = self.filtered(lambda goal: goal.state == "active")
        if goals:
            # sudo: the fact that proves the goal may be recorded by someone outside the coach side.
            goals.sudo().write({"state": "achieved", "progress": 100})
            for goal in goals:
                goal.sudo().message_post(body=reason, subtype_xmlid="mail.mt_note")
        return goals

    # ------------------------------------------------------------------ the talk, the library

    def action_coaching_reprioritize(self):
        """From a talk's Goal section: the wizard that records the priorities agreed in that talk."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Re-prioritise"),
            "res_model": "hr.coaching.goal.reprioritize.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_goal_id": self.id,
                "default_session_id": self.env.context.get("coaching_session_id"),
                "default_priority": self.priority,
                "default_date_target": self.date_target,
                "default_weight": self.weight,
                "default_target": self.target,
            },
        }

    def action_coaching_save_as_template(self):
        """A goal of the library, from this one: its name, description, sub-goals and usual duration."""
        self.ensure_one()
        template = self.env["hr.coaching.goal.template"].create(self._coaching_template_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.coaching.goal.template",
            "res_id": template.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _coaching_template_values(self):
        """The values of a goal template made from this goal (hook: the skills bridge adds the skill level)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        months = 0
        if self.date_target and self.date_target > today:
            delta = relativedelta(self.date_target, today)
            months = delta.years * 12 + delta.months + (1 if delta.days else 0)
        return {
            "name": self.name,
            "description": self.description,
            "target": self.target,
            "duration_months": months,
            "company_id": self.company_id.id,
            "line_ids": [
                Command.create({"name": child.name, "weight": child.weight, "sequence": index})
                for index, child in enumerate(self.child_ids.filtered(lambda child: child.state != "dropped"))
            ],
        }
