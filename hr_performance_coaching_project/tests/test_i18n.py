from odoo.addons.hr_performance_coaching.tests.common import pot_problems, zh_cn_problems
from odoo.tests import tagged

from .common import MilestoneCoachingCase

MODULE = "hr_performance_coaching_project"


@tagged("post_install", "-at_install")
class TestMilestoneI18n(MilestoneCoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        cls.user_pm.lang = "zh_CN"

    def test_po_translates_every_term(self):
        """zh_CN.po translates every .pot term, keeping its placeholders and markup."""
        self.assertEqual(zh_cn_problems(MODULE), [])

    def test_pot_is_up_to_date(self):
        """The .pot holds exactly the terms that Odoo's exporter finds in the module today."""
        self.assertEqual(pot_problems(self.env, MODULE), [])

    def test_milestone_list_speaks_chinese(self):
        """A project user set to zh_CN sees the milestone's coaching column in Chinese."""
        Milestone = self.Milestone.with_user(self.user_pm).with_context(lang="zh_CN")
        fields = Milestone.get_views([(False, "list")])["models"]["project.milestone"]["fields"]
        self.assertEqual(fields["coaching_signaled"]["string"], "已发出辅导信号")
