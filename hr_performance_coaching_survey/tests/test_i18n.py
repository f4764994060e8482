import os
import re
from collections import Counter

import polib

from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools.translate import TranslationModuleReader

from .common import FeedbackCase

MODULE = "hr_performance_coaching_survey"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
MARKUP = re.compile(r"</?[\w.:-]+|/>|\s[\w.:-]+=")


def _i18n_file(name):
    return os.path.join(get_module_path(MODULE), "i18n", name)


@tagged("post_install", "-at_install")
class TestI18n(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pot = polib.pofile(_i18n_file(f"{MODULE}.pot"))
        cls.po = polib.pofile(_i18n_file("zh_CN.po"))
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)

    def test_po_translates_every_term(self):
        """zh_CN.po gives every .pot term a translation that keeps its placeholders and markup, and nothing more."""
        self.assertEqual(self.po.metadata.get("Language"), "zh_CN")
        translations = {(entry.msgctxt, entry.msgid): entry for entry in self.po}
        problems = []
        for term in self.pot:
            entry = translations.get((term.msgctxt, term.msgid))
            if entry is None or not entry.msgstr.strip() or entry.fuzzy:
                problems.append(f"untranslated: {term.msgid!r}")
            elif Counter(PLACEHOLDER.findall(term.msgid)) != Counter(PLACEHOLDER.findall(entry.msgstr)):
                problems.append(f"placeholders differ: {term.msgid!r}")
            elif Counter(MARKUP.findall(term.msgid)) != Counter(MARKUP.findall(entry.msgstr)):
                problems.append(f"markup differs: {term.msgid!r}")
        problems += [
            f"not in the .pot: {key[1]!r}" for key in set(translations) - {(t.msgctxt, t.msgid) for t in self.pot}
        ]
        self.assertFalse(problems, "\n".join(problems))

    def test_pot_is_up_to_date(self):
        """The .pot holds exactly the terms that Odoo's exporter finds in the module today."""
        exported = {
            source
            for module, _type, _name, res_id, source, _value, _comments in TranslationModuleReader(
                self.env.cr, modules=[MODULE]
            )
            if module == MODULE and not str(res_id).endswith("_demo")
        }
        self.assertEqual(exported, {term.msgid for term in self.pot})

    def test_chinese_uses_full_width_punctuation(self):
        """No ASCII comma, question mark, colon or semicolon next to Chinese text."""
        half_width = re.compile(r"[\u4e00-\u9fff][,?:;]|[,?:;][\u4e00-\u9fff]")
        self.assertEqual([e.msgstr for e in self.po if half_width.search(MARKUP.sub("", e.msgstr))], [])

    def test_the_survey_and_the_feedback_tab_speak_chinese(self):
        """In zh_CN the colleague reads the survey's questions in Chinese, and the coach the answers' headings."""
        survey = self.survey.with_context(lang="zh_CN")
        self.assertEqual(survey.title, "辅导面谈反馈")
        self.assertEqual(
            survey.question_ids.sorted("sequence").mapped("title"),
            [
                "这位同事做了哪些对您或团队有帮助的事？",
                "这位同事可以尝试的一件事是什么？",
                "您能举一个您看到的例子吗？",
                "可以让教练看到您的姓名和您的回答吗？",
            ],
        )
        self.assertEqual(self.sign_yes.with_context(lang="zh_CN").value, "是，署上我的姓名")
        self._ask(self.user_manager, self.bob | self.carol | self.dave)
        talk = self.talk.with_user(self.user_manager).with_context(lang="zh_CN")
        self.assertEqual(str(talk.feedback_answers), "<p>已有 0 / 3 人回答，满 3 人后显示。</p>")
        for employee in (self.bob, self.carol, self.dave):
            self._fill(self._answer_of(employee), "Helps.", "Tries.")
        talk.invalidate_recordset()
        self.assertIn(
            "<h5>同事 1</h5><p><strong>这位同事做了哪些对您或团队有帮助的事？</strong>", str(talk.feedback_answers)
        )
