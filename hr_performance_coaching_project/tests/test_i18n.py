import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools.translate import TranslationModuleReader

from .common import MilestoneCoachingCase

MODULE = "hr_performance_coaching_project"


def _i18n_file(name):
    return os.path.join(get_module_path(MODULE), "i18n", name)


@tagged("post_install", "-at_install")
class TestMilestoneI18n(MilestoneCoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pot = polib.pofile(_i18n_file(f"{MODULE}.pot"))
        cls.po = polib.pofile(_i18n_file("zh_CN.po"))
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        cls.user_pm.lang = "zh_CN"

    def test_pot_is_up_to_date_and_po_complete(self):
        """The .pot holds the terms Odoo's exporter finds (demo aside), and zh_CN.po translates each of them."""
        exported = {
            source
            for module, _type, _name, res_id, source, _value, _comments in TranslationModuleReader(
                self.env.cr, modules=[MODULE]
            )
            if module == MODULE and not str(res_id).endswith("_demo")
        }
        self.assertEqual({term.msgid for term in self.pot}, exported)
        translated = {entry.msgid for entry in self.po if entry.msgstr.strip() and not entry.fuzzy}
        self.assertEqual(translated, exported)

    def test_milestone_list_speaks_chinese(self):
        """A project user set to zh_CN sees the milestone's coaching column in Chinese."""
        Milestone = self.Milestone.with_user(self.user_pm).with_context(lang="zh_CN")
        fields = Milestone.get_views([(False, "list")])["models"]["project.milestone"]["fields"]
        self.assertEqual(fields["coaching_signaled"]["string"], "已发出辅导信号")
