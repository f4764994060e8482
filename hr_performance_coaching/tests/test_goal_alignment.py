from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import CoachingCase


@tagged("post_install", "-at_install")
class TestGoalAlignment(CoachingCase):
    """Issue 25, items 1 to 3: goals aligned from the company down to each person, their progress rolled up, the
    priorities agreed in a talk, and the goal library."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Goal = cls.env["hr.coaching.goal"]
        cls.sales = cls.env["hr.department"].create({"name": "SMB Sales", "manager_id": cls.manager.id})
        (cls.manager | cls.alice | cls.bob).department_id = cls.sales
        # Another branch: Brian reports to the director like Mark, and manages Bea in his own team.
        cls.user_brian = new_test_user(cls.env, login="goal_brian", groups="base.group_user", name="Brian Branch")
        cls.brian = cls.env["hr.employee"].create(
            {"name": "Brian Branch", "user_id": cls.user_brian.id, "parent_id": cls.director.id}
        )
        cls.support = cls.env["hr.department"].create({"name": "Support", "manager_id": cls.brian.id})
        cls.bea = cls.env["hr.employee"].create(
            {"name": "Bea Support", "parent_id": cls.brian.id, "department_id": cls.support.id}
        )

    def _chain(self):
        """Company → team → Alice's personal goal, each set by whom the rules say."""
        company_goal = self.Goal.with_user(self.user_officer).create({"name": "Grow ARR 30 %", "goal_type": "company"})
        team_goal = self.Goal.with_user(self.user_manager).create(
            {
                "name": "Cut churn in SMB",
                "goal_type": "team",
                "department_id": self.sales.id,
                "parent_id": company_goal.id,
            }
        )
        personal = self.Goal.with_user(self.user_manager).create(
            {"name": "Ship v2 onboarding", "employee_id": self.alice.id, "parent_id": team_goal.id}
        )
        return company_goal, team_goal, personal

    # ------------------------------------------------------------------ item 1: the chain

    def test_company_team_personal_chain_path_and_rolled_up_progress(self):
        company_goal, team_goal, personal = self._chain()
        self.assertEqual(
            (company_goal.company_id, company_goal.employee_id, company_goal.owner_id),
            (self.company, self.env["hr.employee"], self.env["hr.employee"]),
        )
        self.assertEqual(
            (team_goal.owner_id, team_goal.department_id, team_goal.company_id),
            (self.manager, self.sales, self.company),
        )
        self.assertEqual(
            (personal.goal_type, personal.department_id, personal.state), ("personal", self.sales, "active")
        )
        # Bob's goal weighs twice Alice's in the team goal; the team goal is one of the company goal's two.
        bobs = self.Goal.with_user(self.user_manager).create(
            {"name": "Call every churned client", "employee_id": self.bob.id, "parent_id": team_goal.id, "weight": 2}
        )
        other_team_goal = self.Goal.with_user(self.user_officer).create(
            {"name": "Open Lyon", "goal_type": "team", "department_id": self.support.id, "parent_id": company_goal.id}
        )
        personal.with_user(self.user_alice).progress = 40
        bobs.with_user(self.user_bob).progress = 70
        # (40 * 1 + 70 * 2) / 3 = 60; the company goal: (60 + 0) / 2 = 30.
        self.assertEqual((team_goal.progress, company_goal.progress, other_team_goal.progress), (60, 30, 0))
        self.assertTrue(team_goal.progress_rolled_up)
        # Alice's proposal counts once her manager accepts it: (60 + 0 + 15 * 2) / 4 = 22.5, shown as 23.
        proposal = self.Goal.with_user(self.user_alice).create(
            {"name": "Learn the churn report", "employee_id": self.alice.id, "parent_id": company_goal.id}
        )
        proposal.with_user(self.user_alice).progress = 15
        self.assertEqual((proposal.state, company_goal.progress), ("proposed", 30))
        proposal.with_user(self.user_manager).action_accept()
        proposal.with_user(self.user_manager).weight = 2
        self.assertEqual(company_goal.progress, 23)
        proposal.with_user(self.user_manager).action_drop()
        self.assertEqual(
            personal.with_user(self.user_alice).alignment_path,
            "Ship v2 onboarding → Cut churn in SMB (60 %) → Grow ARR 30 % (30 %)",
        )
        # Dropped goals do not count; set by hand, the progress is the manager's.
        bobs.with_user(self.user_manager).action_drop()
        self.assertEqual((team_goal.progress, company_goal.progress), (40, 20))
        with self.assertRefused(UserError, "weighted average of its aligned goals"):
            team_goal.with_user(self.user_manager).progress = 90
        team_goal.with_user(self.user_manager).write({"progress_manual": True, "progress": 90})
        personal.with_user(self.user_alice).progress = 10
        self.assertEqual((team_goal.progress, company_goal.progress), (90, 45))
        self.assertFalse(team_goal.progress_rolled_up)

    def test_path_in_the_readers_language(self):
        _company_goal, _team_goal, personal = self._chain()
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_performance_coaching"], ["zh_CN"], overwrite=True)
        path = personal.with_user(self.user_alice).with_context(lang="zh_CN").alignment_path
        self.assertEqual(path, "Ship v2 onboarding → Cut churn in SMB（0%） → Grow ARR 30 %（0%）")

    def test_alignment_follows_the_levels_and_never_loops(self):
        company_goal, team_goal, personal = self._chain()
        lone_team_goal = self.Goal.create({"name": "Open Lyon", "goal_type": "team", "department_id": self.sales.id})
        with self.assertRefused(ValidationError, "a goal serves one of its level or above"):
            company_goal.parent_id = lone_team_goal
        with self.assertRefused(ValidationError, "a goal serves one of its level or above"):
            self.Goal.create(
                {"name": "Upside down", "goal_type": "team", "department_id": self.sales.id, "parent_id": personal.id}
            )
        with self.assertRefused(ValidationError, "cannot be aligned to itself"):
            company_goal.parent_id = company_goal
        with self.assertRefused(ValidationError, "cannot be aligned to itself"):
            team_goal.parent_id = team_goal
        with self.assertRefused(ValidationError, "it is no one employee's"):
            self.Goal.create(
                {"name": "Mixed", "goal_type": "team", "department_id": self.sales.id, "employee_id": self.alice.id}
            )
        with self.assertRefused(ValidationError, "needs its team"):
            self.Goal.create({"name": "Teamless", "goal_type": "team"})
        with self.assertRefused(ValidationError, "that one is another employee's"):
            self.Goal.create({"name": "Bob under Alice", "employee_id": self.bob.id, "parent_id": personal.id})

    # ------------------------------------------------------------------ item 1: who may do what

    def test_employee_reads_the_chain_not_the_team_goal_and_proposes_a_goal(self):
        company_goal, team_goal, personal = self._chain()
        Goal = self.Goal.with_user(self.user_alice)
        # Her own goal and the company's; the team goal above hers only through her goal's path.
        self.assertEqual(Goal.search([]), personal | company_goal)
        with self.assertRaises(AccessError):
            team_goal.with_user(self.user_alice).read(["name"])
        self.assertIn("Cut churn in SMB (0 %)", personal.with_user(self.user_alice).alignment_path)
        # My Coaching lists her goals with where each leads.
        Home = self.env["hr.coaching.home"].with_user(self.user_alice)
        home_id = Home.action_open()["res_id"]
        # The web client reads the page in its next request, with nothing of the creation in cache.
        self.env.invalidate_all()
        home = Home.browse(home_id)
        self.assertEqual(home.goal_ids, personal)
        self.assertEqual(
            home.goal_ids.alignment_path, "Ship v2 onboarding → Cut churn in SMB (0 %) → Grow ARR 30 % (0 %)"
        )
        with self.assertRaises(AccessError):
            personal.with_user(self.user_alice).parent_id = company_goal
        with self.assertRaises(AccessError):
            company_goal.with_user(self.user_alice).name = "Grow ARR 50 %"
        # She proposes a goal of her own, aligned to the company's; her manager accepts it.
        proposal = Goal.create({"name": "Learn the CRM", "employee_id": self.alice.id, "parent_id": company_goal.id})
        self.assertEqual(proposal.state, "proposed")
        with self.assertRaises(AccessError):
            proposal.action_accept()
        with self.assertRaises(AccessError):
            Goal.create({"name": "Aligned to the team", "employee_id": self.alice.id, "parent_id": team_goal.id})
        with self.assertRaises(AccessError):
            Goal.create({"name": "Bob's", "employee_id": self.bob.id})
        with self.assertRaises(AccessError):
            Goal.create({"name": "Our team's", "goal_type": "team", "department_id": self.sales.id})
        proposal.with_user(self.user_manager).action_accept()
        self.assertEqual(proposal.state, "active")

    def test_colleague_and_manager_of_another_branch(self):
        company_goal, team_goal, personal = self._chain()
        for user in (self.user_bob, self.user_brian):
            Goal = self.Goal.with_user(user)
            self.assertEqual(Goal.search([("id", "in", (team_goal | personal).ids)]), self.Goal, user.login)
            self.assertEqual(Goal.search([("id", "=", company_goal.id)]), company_goal, user.login)
            with self.assertRaises(AccessError):
                team_goal.with_user(user).progress = 50
            with self.assertRaises(AccessError):
                personal.with_user(user).read(["alignment_path"])
        # Brian sets his own team's goals and aligns them to the company's, not to Mark's team goal or Mark's team.
        support_goal = self.Goal.with_user(self.user_brian).create(
            {
                "name": "Answer in a day",
                "goal_type": "team",
                "department_id": self.support.id,
                "parent_id": company_goal.id,
            }
        )
        self.assertEqual(support_goal.owner_id, self.brian)
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.user_brian).create(
                {"name": "Faster", "goal_type": "team", "department_id": self.sales.id}
            )
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.user_brian).create(
                {"name": "Under Mark's", "employee_id": self.bea.id, "parent_id": team_goal.id}
            )
        with self.assertRaises(AccessError):
            self.Goal.with_user(self.user_brian).create({"name": "Company", "goal_type": "company"})
        # Mark does not read Brian's team goal; the director above both manages both.
        with self.assertRaises(AccessError):
            support_goal.with_user(self.user_manager).read(["name"])
        self.assertEqual(
            self.Goal.with_user(self.user_director).search([("goal_type", "=", "team")]), team_goal | support_goal
        )
        support_goal.with_user(self.user_director).target = "90 % answered within a day"

    def test_coaching_officer_manages_company_goals(self):
        company_goal, team_goal, personal = self._chain()
        officer = company_goal.with_user(self.user_officer)
        officer.write({"name": "Grow ARR 35 %", "target": "ARR + 35 %"})
        self.assertEqual(
            self.Goal.with_user(self.user_officer).search([("id", "in", (team_goal | personal).ids)]),
            team_goal | personal,
        )
        with self.assertRaises(AccessError):
            company_goal.with_user(self.user_manager).write({"name": "Grow ARR 10 %"})
        with self.assertRaises(AccessError):
            team_goal.with_user(self.user_manager).write({"goal_type": "company", "department_id": False})
        with self.assertRaises(AccessError):
            company_goal.with_user(self.user_manager).unlink()
        officer.unlink()
        self.assertFalse(team_goal.parent_id)

    # ------------------------------------------------------------------ item 2: re-prioritising in the talk

    def test_reprioritised_in_the_talk_with_its_reason(self):
        _company_goal, team_goal, personal = self._chain()
        talk = self._session(self.alice, datetime(2026, 3, 2, 9, 0), goal_ids=[Command.link(personal.id)])
        self.env.cr.precommit.run()
        action = (
            personal.with_user(self.user_manager)
            .with_context(coaching_session_id=talk.id, tracking_disable=False)
            .action_coaching_reprioritize()
        )
        Wizard = self.env[action["res_model"]].with_user(self.user_manager).with_context(**action["context"])
        with Form(Wizard) as form:
            self.assertEqual((form.session_id, form.goal_id, form.priority), (talk, personal, "0"))
            form.priority = "2"
            form.date_target = date(2026, 6, 30)
            form.weight = 3
            form.target = "Live for 20 clients"
            form.reason = "The launch moved to June"
        form.record.with_context(tracking_disable=False).action_confirm()
        self.env.cr.precommit.run()
        self.assertEqual(
            (personal.priority, personal.date_target, personal.weight, personal.target, personal.agreed_session_id),
            ("2", date(2026, 6, 30), 3.0, "Live for 20 clients", talk),
        )
        tracked = personal.sudo().message_ids.tracking_value_ids
        self.assertEqual(
            sorted(tracked.field_id.mapped("name")),
            ["agreed_session_id", "date_target", "priority", "target", "weight"],
        )
        agreed = tracked.filtered(lambda value: value.field_id.name == "agreed_session_id")
        self.assertEqual(agreed.new_value_char, talk.display_name)
        note = personal.sudo().message_ids.filtered(lambda message: "Re-prioritised" in (message.body or ""))
        self.assertEqual(
            str(note.body), f"<p>Re-prioritised in the talk “{talk.display_name}”: The launch moved to June</p>"
        )
        # Dropping it from the talk; Alice, or a goal not discussed in the talk, cannot.
        Wizard.create(
            {"goal_id": personal.id, "session_id": talk.id, "drop": True, "reason": "No longer"}
        ).action_confirm()
        self.assertEqual(personal.state, "dropped")
        other = self.Goal.create({"name": "Not in the talk", "employee_id": self.alice.id})
        with self.assertRefused(UserError, "is not discussed in this talk"):
            Wizard.create({"goal_id": other.id, "session_id": talk.id, "priority": "1", "reason": "x"}).action_confirm()
        with self.assertRefused(AccessError, "Only the coach's side of the talk"):
            self.env[action["res_model"]].with_user(self.user_alice).create(
                {"goal_id": other.id, "session_id": talk.id, "priority": "1", "reason": "x"}
            ).action_confirm()
        with self.assertRefused(UserError, "Nothing changes"):
            talk.goal_ids = [Command.link(other.id)]
            Wizard.create(
                {"goal_id": other.id, "session_id": talk.id, "priority": "0", "weight": 1.0, "reason": "x"}
            ).action_confirm()
        self.assertEqual(team_goal.progress, 0)

    # ------------------------------------------------------------------ item 3: the goal library

    def test_save_as_template_and_create_from_template(self):
        today = fields.Date.context_today(self.Goal)
        _company_goal, team_goal, personal = self._chain()
        Goal = self.Goal.with_user(self.user_manager)
        Goal.create(
            [
                {"name": "Map the flow", "employee_id": self.alice.id, "parent_id": personal.id, "weight": 1},
                {"name": "Ship to 5 clients", "employee_id": self.alice.id, "parent_id": personal.id, "weight": 3},
            ]
        )
        personal.with_user(self.user_manager).write(
            {"date_target": today + relativedelta(months=3), "target": "Live for 20 clients"}
        )
        action = personal.with_user(self.user_manager).action_coaching_save_as_template()
        template = self.env["hr.coaching.goal.template"].browse(action["res_id"])
        self.assertEqual(
            (template.name, template.duration_months, template.target, template.company_id),
            ("Ship v2 onboarding", 3, "Live for 20 clients", self.company),
        )
        self.assertEqual(
            template.line_ids.mapped(lambda line: (line.name, line.weight)),
            [("Map the flow", 1.0), ("Ship to 5 clients", 3.0)],
        )
        # For Bob, aligned to the team goal: the goal, its two sub-goals, due in three months.
        action = template.with_user(self.user_manager).action_coaching_create_goal()
        with Form(self.env[action["res_model"]].with_user(self.user_manager).with_context(**action["context"])) as form:
            self.assertEqual(form.date_target, today + relativedelta(months=3))
            form.employee_id = self.bob
            form.parent_id = team_goal
        goal = self.Goal.browse(form.record.action_confirm()["res_id"])
        self.assertEqual(
            (goal.name, goal.employee_id, goal.parent_id, goal.date_target, goal.state),
            ("Ship v2 onboarding", self.bob, team_goal, today + relativedelta(months=3), "active"),
        )
        self.assertEqual(
            goal.child_ids.mapped(lambda child: (child.name, child.employee_id, child.weight, child.date_target)),
            [
                ("Map the flow", self.bob, 1.0, today + relativedelta(months=3)),
                ("Ship to 5 clients", self.bob, 3.0, today + relativedelta(months=3)),
            ],
        )
        goal.child_ids[1].with_user(self.user_bob).progress = 80
        self.assertEqual(goal.progress, 60)
        # The library is the company's: read by all, kept by those who coach.
        self.assertEqual(self.env["hr.coaching.goal.template"].with_user(self.user_alice).search([]), template)
        with self.assertRaises(AccessError):
            template.with_user(self.user_alice).name = "Mine"
        with self.assertRaises(AccessError):
            self.env["hr.coaching.goal.template"].with_user(self.user_bob).create({"name": "Bob's"})
        # Alice creates it for Bob: refused; for herself, a proposal with its sub-goals.
        with self.assertRaises(AccessError):
            template.with_user(self.user_alice)._coaching_create_goal({"employee_id": self.bob.id})
        mine = template.with_user(self.user_alice)._coaching_create_goal({"employee_id": self.alice.id})
        self.assertEqual((mine.state, mine.child_ids.mapped("state")), ("proposed", ["proposed", "proposed"]))
