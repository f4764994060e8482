from odoo.addons.hr_performance_coaching.tests.common import pot_problems, zh_cn_problems
from odoo.tests import tagged

from .common import ReturnFromLeaveCase

MODULE = "hr_performance_coaching_holidays"


@tagged("post_install", "-at_install")
class TestI18n(ReturnFromLeaveCase):
    def test_po_translates_every_term(self):
        """zh_CN.po translates every .pot term, keeping its placeholders and markup."""
        self.assertEqual(zh_cn_problems(MODULE), [])

    def test_pot_is_up_to_date(self):
        """The .pot holds exactly the terms that Odoo's exporter finds in the module today."""
        self.assertEqual(pot_problems(self.env, MODULE), [])

    def test_note_in_chinese(self):
        """Run in Chinese, the cron writes the signal's note in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        leave = self._leave(self.alice, self._day(2, 27), self._day(3, 13))
        self.env["hr.leave"].with_context(lang="zh_CN")._cron_coaching_return_from_leave(today=self._day(3, 16))
        self.assertTrue(leave.coaching_return_signaled)
        note = self._return_signals(self.alice).note
        self.assertTrue(note.startswith("休假（") and note.endswith("）结束返岗。"), note)
        self.assertNotIn("Parental Leave", note)
