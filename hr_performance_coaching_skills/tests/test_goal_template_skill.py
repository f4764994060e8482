from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SkillCoachingCase


@tagged("post_install", "-at_install")
class TestGoalTemplateSkill(SkillCoachingCase):
    """The goal library with the skills bridge (issue 25, item 3): a template expects a skill level, which a goal saved
    as a template keeps and which the goals created from it target."""

    def test_template_carries_the_expected_skill_level(self):
        goal = self._skill_goal(self.alice, self.rust, self.advanced)
        action = goal.with_user(self.user_manager).action_coaching_save_as_template()
        template = self.env["hr.coaching.goal.template"].browse(action["res_id"])
        self.assertEqual(
            (template.skill_type_id, template.skill_id, template.skill_level_id),
            (self.languages, self.rust, self.advanced),
        )
        created = template.with_user(self.user_manager)._coaching_create_goal({"employee_id": self.bob.id})
        self.assertEqual(
            (created.employee_id, created.skill_id, created.skill_level_id, created.state),
            (self.bob, self.rust, self.advanced, "active"),
        )
        with self.assertRefused(ValidationError, "choose both the skill and the level"):
            template.skill_level_id = False
        with self.assertRefused(ValidationError, "is not a level of the skill"):
            template.skill_level_id = self.confident[:1]
