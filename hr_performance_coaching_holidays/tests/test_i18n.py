import os
import re
from collections import Counter

import polib

from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import ReturnFromLeaveCase

MODULE = "hr_performance_coaching_holidays"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]")
MARKUP = re.compile(r"</?[\w.:-]+|/>|\s[\w.:-]+=")


@tagged("post_install", "-at_install")
class TestI18n(ReturnFromLeaveCase):
    def test_po_translates_every_term(self):
        """zh_CN.po translates every .pot term, keeping its placeholders and markup."""
        folder = os.path.join(get_module_path(MODULE), "i18n")
        pot = polib.pofile(os.path.join(folder, f"{MODULE}.pot"))
        po = {entry.msgid: entry for entry in polib.pofile(os.path.join(folder, "zh_CN.po"))}
        problems = []
        for term in pot:
            entry = po.get(term.msgid)
            if entry is None or not entry.msgstr.strip() or entry.fuzzy:
                problems.append(f"untranslated: {term.msgid!r}")
            elif Counter(PLACEHOLDER.findall(term.msgid)) != Counter(PLACEHOLDER.findall(entry.msgstr)):
                problems.append(f"placeholders differ: {term.msgid!r}")
            elif Counter(MARKUP.findall(term.msgid)) != Counter(MARKUP.findall(entry.msgstr)):
                problems.append(f"markup differs: {term.msgid!r}")
        self.assertFalse(problems, "\n".join(problems))

    def test_note_in_chinese(self):
        """Run in Chinese, the cron writes the signal's note in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        leave = self._leave(self.alice, self._day(2, 27), self._day(3, 13))
        self.env["hr.leave"].with_context(lang="zh_CN")._cron_coaching_return_from_leave(today=self._day(3, 16))
        self.assertTrue(leave.coaching_return_signaled)
        self.assertTrue(self._return_signals(self.alice).note.startswith("休假（Parental Leave，"))
