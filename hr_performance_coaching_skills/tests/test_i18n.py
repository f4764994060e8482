from odoo.addons.hr_performance_coaching.tests.common import pot_problems, zh_cn_problems
from odoo.tests import tagged

from .common import SkillCoachingCase

MODULE = "hr_performance_coaching_skills"


@tagged("post_install", "-at_install")
class TestI18n(SkillCoachingCase):
    """The Chinese translation is complete and reaches the chatter note of a goal proven by a skill level."""

    def test_po_translates_every_term(self):
        """zh_CN.po gives every .pot term a translation that keeps its placeholders and markup."""
        self.assertEqual(zh_cn_problems(MODULE), [])

    def test_pot_is_up_to_date(self):
        """The .pot holds exactly the terms that Odoo's exporter finds in the module today."""
        self.assertEqual(pot_problems(self.env, MODULE), [])

    def test_the_proof_is_written_in_the_language_of_who_sets_the_level(self):
        """An HR user working in Chinese raises Alice's level: the goal's note is in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        self.user_hr.lang = "zh_CN"
        goal = self._skill_goal(self.alice, self.rust, self.advanced)
        # A request carries the user's language in its context; with_user alone does not.
        self.EmployeeSkill.with_user(self.user_hr).with_context(lang=self.user_hr.lang).create(
            {
                "employee_id": self.alice.id,
                "skill_type_id": self.languages.id,
                "skill_id": self.rust.id,
                "skill_level_id": self.advanced.id,
            }
        )
        self.assertEqual(
            [str(message.body) for message in goal.sudo().message_ids if "已达到技能" in message.body],
            ["<p>已达到技能：Rust，Advanced</p>"],
        )
