from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import SkillCoachingCase


@tagged("post_install", "-at_install")
class TestSkillGoal(SkillCoachingCase):
    """A goal that targets a skill level is achieved when the employee's skill reaches it, whoever sets it and
    wherever (issue 13)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Alice starts as a Rust beginner.
        cls.alice_rust = cls.EmployeeSkill.create(
            {
                "employee_id": cls.alice.id,
                "skill_type_id": cls.languages.id,
                "skill_id": cls.rust.id,
                "skill_level_id": cls.beginner.id,
            }
        )

    def test_hr_user_sets_the_level_in_the_employee_form(self):
        """An HR user, who does not coach Alice and cannot read her goals, raises her Rust level to Advanced in the
        employee form: her Rust goal is achieved with the skill named in its chatter; her Go goal is untouched."""
        rust_goal = self._skill_goal(self.alice, self.rust, self.advanced)
        go_goal = self._skill_goal(self.alice, self.go, self.beginner, name="Learn Go")
        with self.assertRaises(AccessError):
            rust_goal.with_user(self.user_hr).read(["name"])
        with Form(self.alice.with_user(self.user_hr)) as form, form.employee_skill_ids.edit(0) as line:
            line.skill_level_id = self.advanced
        self.assertEqual(self.alice_rust.skill_level_id, self.advanced)
        self.assertEqual(
            (rust_goal.state, rust_goal.progress, rust_goal.date_achieved),
            ("achieved", 100, fields.Date.context_today(rust_goal)),
        )
        self.assertEqual(self._proofs(rust_goal), ["<p>Skill reached: Rust, Advanced</p>"])
        proof = rust_goal.sudo().message_ids.filtered(lambda message: "Skill reached" in message.body)
        self.assertEqual(proof.author_id, self.user_hr.partner_id)
        self.assertEqual((go_goal.state, go_goal.progress, self._proofs(go_goal)), ("active", 0, []))

    def test_employee_sets_their_own_level(self):
        """With *Employee Editing* on (Settings), an employee edits their own skills in My Profile: Alice adds Go
        at Expert, beyond the Intermediate her Go goal targets, and the goal is achieved."""
        self.env["ir.config_parameter"].set_param("hr.hr_employee_self_edit", True)
        go_goal = self._skill_goal(self.alice, self.go, self.intermediate, name="Learn Go")
        self.user_alice.tz = "Europe/Brussels"  # required in the profile form; new_test_user leaves it empty
        with Form(self.user_alice.with_user(self.user_alice), view="hr.res_users_view_form_profile") as form:
            with form.employee_skill_ids.new() as line:
                line.skill_type_id = self.languages
                line.skill_id = self.go
                line.skill_level_id = self.expert
        self.assertEqual(self.alice.employee_skill_ids.skill_id, self.rust | self.go)
        self.assertEqual((go_goal.state, go_goal.progress), ("achieved", 100))
        self.assertEqual(self._proofs(go_goal), ["<p>Skill reached: Go, Expert</p>"])

    def test_a_lower_level_does_not_achieve_and_shows_as_current(self):
        """Alice raises her Rust level in My Profile to Intermediate, below the Advanced targeted: the goal stays
        active, and its manager sees the current level beside the target."""
        self.env["ir.config_parameter"].set_param("hr.hr_employee_self_edit", True)
        goal = self._skill_goal(self.alice, self.rust, self.advanced)
        as_manager = goal.with_user(self.user_manager)
        self.assertEqual(as_manager.current_skill_level_id, self.beginner)
        self.user_alice.with_user(self.user_alice).employee_skill_ids = [
            Command.update(self.alice_rust.id, {"skill_level_id": self.intermediate.id})
        ]
        self.assertEqual((goal.state, goal.progress, self._proofs(goal)), ("active", 0, []))
        as_manager.invalidate_recordset(["current_skill_level_id"])
        self.assertEqual(as_manager.current_skill_level_id, self.intermediate)
        self.assertEqual(as_manager.skill_level_id, self.advanced)

    def test_the_manager_sets_the_target_in_the_goal_form(self):
        """In the goal form the manager picks the skill (its type follows) and the level; the current level is
        shown, and nothing is achieved until the level changes. Bob has no Rust level yet: none is shown."""
        with Form(self.Goal.with_user(self.user_manager)) as form:
            form.employee_id = self.alice
            form.name = "Write production Rust"
            form.skill_id = self.rust
            self.assertEqual(form.skill_type_id, self.languages)
            form.skill_level_id = self.advanced
            self.assertEqual(form.current_skill_level_id, self.beginner)
            form.skill_id = self.soft_skills.skill_ids
            self.assertEqual((form.skill_type_id, form.skill_level_id), (self.soft_skills, self.env["hr.skill.level"]))
            self.assertFalse(form.current_skill_level_id)
            form.skill_id = self.rust
            form.skill_level_id = self.advanced
        goal = form.record
        self.assertEqual((goal.skill_type_id, goal.state), (self.languages, "active"))
        bob_goal = self._skill_goal(self.bob, self.rust, self.advanced)
        self.assertFalse(bob_goal.with_user(self.user_manager).current_skill_level_id)

    def test_a_dropped_goal_stays_dropped(self):
        """A goal dropped by the coach is not revived by the level it targeted."""
        goal = self._skill_goal(self.alice, self.rust, self.advanced)
        goal.with_user(self.user_manager).action_drop()
        self.alice_rust.with_user(self.user_hr).skill_level_id = self.expert
        self.assertEqual((goal.state, self._proofs(goal)), ("dropped", []))

    def test_an_import_of_many_levels_proves_each_reached_goal(self):
        """Levels of several employees created in one batch (an import, another module) achieve each reached goal;
        a goal of a level not reached stays active."""
        alice_go = self._skill_goal(self.alice, self.go, self.intermediate, name="Learn Go")
        bob_rust = self._skill_goal(self.bob, self.rust, self.advanced)
        bob_go = self._skill_goal(self.bob, self.go, self.expert, name="Master Go")
        vals_list = [
            {
                "employee_id": employee.id,
                "skill_type_id": self.languages.id,
                "skill_id": skill.id,
                "skill_level_id": level.id,
            }
            for employee, skill, level in [
                (self.alice, self.go, self.intermediate),
                (self.bob, self.rust, self.expert),
                (self.bob, self.go, self.advanced),
            ]
        ]
        self.EmployeeSkill.with_user(self.user_hr).create(vals_list)
        self.assertEqual(
            [(goal.state, self._proofs(goal)) for goal in (alice_go, bob_rust, bob_go)],
            [
                ("achieved", ["<p>Skill reached: Go, Intermediate</p>"]),
                ("achieved", ["<p>Skill reached: Rust, Expert</p>"]),
                ("active", []),
            ],
        )

    def test_a_colleague_cannot_read_the_goal(self):
        """The skill target lives on the goal, readable only along who coaches whom: Carol cannot read Alice's."""
        goal = self._skill_goal(self.alice, self.rust, self.advanced)
        with self.assertRaises(AccessError):
            goal.with_user(self.user_carol).read(["skill_id", "current_skill_level_id"])
        self.assertFalse(self.Goal.with_user(self.user_carol).search([("skill_id", "=", self.rust.id)]))

    def test_the_employee_cannot_change_the_target(self):
        """Alice reads her goal's target and current level, but only the coach side changes the target."""
        goal = self._skill_goal(self.alice, self.rust, self.advanced).with_user(self.user_alice)
        self.assertEqual((goal.skill_level_id, goal.current_skill_level_id), (self.advanced, self.beginner))
        with self.assertRefused(AccessError, "You can only update the progress of your own goals."):
            goal.skill_level_id = self.beginner

    def test_bad_input(self):
        """A level of another skill type, or a skill without a level, is refused with a clear message."""
        Goal = self.Goal.with_user(self.user_manager)
        with self.assertRefused(ValidationError, "The level Confident is not a level of the skill Rust"):
            Goal.create(
                {
                    "employee_id": self.alice.id,
                    "name": "Speak Rust",
                    "skill_id": self.rust.id,
                    "skill_level_id": self.confident.id,
                }
            )
        with self.assertRefused(ValidationError, "choose both the skill and the level"):
            Goal.create({"employee_id": self.alice.id, "name": "Some Rust", "skill_id": self.rust.id})
        goal = self._skill_goal(self.alice, self.rust, self.advanced)
        with self.assertRefused(ValidationError, "The level Advanced is not a level of the skill Public Speaking"):
            goal.write({"skill_id": self.soft_skills.skill_ids.id})
        self.assertEqual(goal.skill_id, self.rust)
        goal.write({"skill_id": False, "skill_level_id": False, "skill_type_id": False})
        self.assertEqual(goal.read(["skill_id", "skill_level_id"])[0]["skill_id"], False)

    def test_no_empty_skill_block_for_the_employee(self):
        """Issue 22, item 11: a goal without a skill shows the employee no empty *Skill Level to Reach* block; the
        coach side keeps it to set one."""
        arch = self.env["hr.coaching.goal"].get_views([(False, "form")])["views"]["form"]["arch"]
        block = etree.fromstring(arch).xpath("//group[@name='skill_target']")[0]
        self.assertEqual(block.get("invisible"), "not skill_id and not is_coach_side")
        goal = self.env["hr.coaching.goal"].create({"employee_id": self.alice.id, "name": "Speak up"})
        self.assertEqual(
            (goal.with_user(self.user_alice).is_coach_side, goal.with_user(self.user_manager).is_coach_side),
            (False, True),
        )
