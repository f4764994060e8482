from odoo.addons.hr_performance_coaching.tests.common import pot_problems, zh_cn_problems
from odoo.tests import tagged

from .common import WorkHoursCase

MODULE = "hr_performance_coaching_timesheet"


@tagged("post_install", "-at_install")
class TestWorkHoursI18n(WorkHoursCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)

    def test_po_translates_every_term(self):
        """zh_CN.po translates every .pot term, keeping its placeholders and markup."""
        self.assertEqual(zh_cn_problems(MODULE), [])

    def test_pot_is_up_to_date(self):
        """The .pot holds exactly the terms that Odoo's exporter finds in the module today."""
        self.assertEqual(pot_problems(self.env, MODULE), [])

    def test_hours_speak_chinese(self):
        """A coach set to zh_CN reads the hours of the panel in Chinese, and copies them so."""
        self.user_manager.lang = "zh_CN"
        talk = self.talk.with_context(lang="zh_CN")
        self.assertEqual(
            self._facts(self.user_manager, talk)["hours"][0][1],
            "工时：Plan the launch party，上次面谈以来记录5.0小时；已用9.0小时，共分配10.0小时",
        )
        self.assertIn("工时与分配工时（2）", talk.with_user(self.user_manager).work_facts)
