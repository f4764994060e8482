from odoo.addons.hr_performance_coaching.tests.common import pot_problems, zh_cn_problems
from odoo.tests import tagged

from .common import FeedbackCase

MODULE = "hr_performance_coaching_survey"


@tagged("post_install", "-at_install")
class TestI18n(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)

    def test_po_translates_every_term(self):
        """zh_CN.po gives every .pot term a translation that keeps its placeholders, markup and full-width
        punctuation, and nothing more."""
        self.assertEqual(zh_cn_problems(MODULE), [])

    def test_pot_is_up_to_date(self):
        """The .pot holds exactly the terms that Odoo's exporter finds in the module today."""
        self.assertEqual(pot_problems(self.env, MODULE), [])

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
        self.assertEqual(str(talk.feedback_answers), "<p>已有0/3人回答，其中0人未署名：满3人未署名后显示。</p>")
        for employee in (self.bob, self.carol, self.dave):
            self._fill(self._answer_of(employee), "Helps.", "Tries.")
        talk.invalidate_recordset()
        self.assertIn(
            "<h5>同事1</h5><p><strong>这位同事做了哪些对您或团队有帮助的事？</strong>", str(talk.feedback_answers)
        )
