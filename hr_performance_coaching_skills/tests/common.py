from odoo.addons.hr_performance_coaching.tests.common import CoachingCase
from odoo.tests import new_test_user


class SkillCoachingCase(CoachingCase):
    """The coaching organisation, an HR user, and skills of their own (no demo data needed): Rust and Go with four
    levels, and a second skill type whose levels a Rust goal cannot target."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(
            cls.env,
            login="coach_hr_user",
            name="Hugo HR",
            groups="base.group_user,hr.group_hr_user",
            company_id=cls.company.id,
        )
        SkillType = cls.env["hr.skill.type"]
        cls.languages, cls.soft_skills = SkillType.create(
            [
                {
                    "name": "Coaching Languages",
                    "skill_ids": [(0, 0, {"name": "Rust"}), (0, 0, {"name": "Go"})],
                    "skill_level_ids": [
                        (0, 0, {"name": "Beginner", "level_progress": 20, "default_level": True}),
                        (0, 0, {"name": "Intermediate", "level_progress": 50}),
                        (0, 0, {"name": "Advanced", "level_progress": 80}),
                        (0, 0, {"name": "Expert", "level_progress": 100}),
                    ],
                },
                {
                    "name": "Coaching Soft Skills",
                    "skill_ids": [(0, 0, {"name": "Public Speaking"})],
                    "skill_level_ids": [(0, 0, {"name": "Confident", "level_progress": 60})],
                },
            ]
        )
        skills = {skill.name: skill for skill in cls.languages.skill_ids}
        cls.rust, cls.go = skills["Rust"], skills["Go"]
        levels = {level.name: level for level in cls.languages.skill_level_ids}
        cls.beginner, cls.intermediate = levels["Beginner"], levels["Intermediate"]
        cls.advanced, cls.expert = levels["Advanced"], levels["Expert"]
        cls.confident = cls.soft_skills.skill_level_ids
        cls.Goal = cls.env["hr.coaching.goal"]
        cls.EmployeeSkill = cls.env["hr.employee.skill"]

    def _skill_goal(self, employee, skill, level, name="Write production Rust"):
        """A goal created by the employee's manager, as in the goal form."""
        return self.Goal.with_user(self.user_manager).create(
            {"employee_id": employee.id, "name": name, "skill_id": skill.id, "skill_level_id": level.id}
        )

    def _proofs(self, goal):
        """The bodies of the goal's chatter messages that say a skill was reached."""
        return [str(message.body) for message in goal.sudo().message_ids if "Skill reached" in message.body]
