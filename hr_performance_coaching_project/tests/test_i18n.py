from odoo.addons.hr_performance_coaching.tests.common import pot_problems, zh_cn_problems
from odoo.tests import tagged

from .common import WorkFactsCase

MODULE = "hr_performance_coaching_project"


@tagged("post_install", "-at_install")
class TestMilestoneI18n(WorkFactsCase):
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

    def test_work_facts_speak_chinese(self):
        """A coach set to zh_CN reads the facts of the talk in Chinese, with full-width punctuation."""
        self.user_manager.lang = "zh_CN"
        talk = self.talk.with_context(lang="zh_CN")
        self.assertEqual(
            self._facts(self.user_manager, talk)["open"][1][1],
            "进行中：Rebuild the home page（Website Relaunch），无截止日期",
        )
        panel = talk.with_user(self.user_manager).work_facts
        self.assertIn("进行中的任务（3）", panel)
        self.assertIn('title="复制到现状"', panel)
