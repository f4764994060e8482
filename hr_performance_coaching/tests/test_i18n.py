import os
import re

import polib

from odoo.modules.module import get_module_path, get_modules
from odoo.tests import tagged
from odoo.tools.convert import convert_file

from .common import CoachingCase, pot_problems, zh_cn_problems, zh_cn_typography_problems

MODULE = "hr_performance_coaching"
# This addon and its bridges, installed or not.
OUR_ADDONS = [name for name in get_modules() if name == MODULE or name.startswith(f"{MODULE}_")]
REGENERATE = (
    "Regenerate it from a database where the module was freshly installed (-u keeps old noupdate data):\n"
    "  odoo-bin -c <config> -d <db> --i18n-export=hr_performance_coaching/i18n/hr_performance_coaching.pot "
    "--modules=hr_performance_coaching --stop-after-init\n"
    "then merge it into the Chinese file and translate the new terms:\n"
    "  msgmerge --no-fuzzy-matching --update hr_performance_coaching/i18n/zh_CN.po "
    "hr_performance_coaching/i18n/hr_performance_coaching.pot"
)


def _i18n_file(name):
    return os.path.join(get_module_path(MODULE), "i18n", name)


@tagged("post_install", "-at_install")
class TestI18n(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(_i18n_file("zh_CN.po"))
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms([MODULE], ["zh_CN"], overwrite=True)
        cls.user_manager.lang = "zh_CN"

    def test_po_translates_every_term(self):
        """zh_CN.po gives every .pot term a finished translation that keeps its placeholders and markup."""
        self.assertEqual(self.po.metadata.get("Language"), "zh_CN")
        self.assertEqual(self.po.metadata.get("Plural-Forms"), "nplurals=1; plural=0;")
        problems = zh_cn_problems(MODULE)
        self.assertFalse(problems, "zh_CN.po is not complete:\n" + "\n".join(problems))

    def test_pot_is_up_to_date(self):
        """The .pot holds exactly the terms that Odoo's exporter finds in the module today."""
        problems = pot_problems(self.env, MODULE)
        self.assertFalse(problems, "The .pot is stale:\n" + "\n".join(problems) + "\n" + REGENERATE)

    def test_session_form_speaks_chinese(self):
        """A manager set to zh_CN sees the session form's buttons, GROW headings and field labels in Chinese."""
        Session = self.Session.with_user(self.user_manager).with_context(lang=self.user_manager.lang)
        views = Session.get_views([(False, "form")])
        arch = views["views"]["form"]["arch"]
        for label in ('string="结束面谈"', "<h4>目标</h4>", "<h4>现状</h4>", "<h4>方案</h4>", "<h4>行动</h4>"):
            self.assertIn(label, arch)
        self.assertNotIn('string="Close Session"', arch)
        fields = views["models"]["hr.coaching.session"]["fields"]
        # One word for one thing, Odoo's own: the employee's Coach in hr's own zh_CN.
        hr_po = polib.pofile(os.path.join(get_module_path("hr"), "i18n", "zh_CN.po"))
        odoo_coach = next(entry.msgstr for entry in hr_po if entry.msgid == "Coach")
        self.assertEqual((fields["coach_id"]["string"], odoo_coach), ("教练", "教练"))
        self.assertEqual(dict(fields["state"]["selection"])["planned"], "已安排")

    def test_question_bank_uses_seed_wording(self):
        """In zh_CN the default GROW template asks the seed's questions, and a prompt names the verdict it replaces."""
        template = self.template.with_user(self.user_manager).with_context(lang="zh_CN")
        first = template.question_ids[:1]
        self.assertEqual(first.name, "你这段时间最在意、最想做到的目标是什么？")
        session = self._session(self.alice, template_id=self.template.id)
        prompts = session.with_user(self.user_manager).with_context(lang="zh_CN").reality_questions
        self.assertIn("回顾这两周，你觉得最大的卡点在哪？", prompts)
        self.assertIn("与其说“你这个项目推进得太慢了”", prompts)
        english = first.with_context(lang="en_US").name
        self.assertEqual(english, "What is the goal you care about and most want to reach right now?")

    def test_open_button_and_open_state_differ(self):
        """The "Open" button of a past talk reads 打开 in zh_CN; the Open state of a commitment or signal is 进行中."""
        Home = self.env["hr.coaching.home"].with_user(self.user_manager).with_context(lang="zh_CN")
        arch = Home.get_views([(False, "form")])["views"]["form"]["arch"]
        button = re.search(r'<button name="action_open_talk"[^>]*>', arch).group(0)
        self.assertIn('string="打开"', button)
        self.assertIn('title="打开面谈：查看回顾并评价"', button)
        for model in ("hr.coaching.commitment", "hr.coaching.signal"):
            Model = self.env[model].with_user(self.user_manager).with_context(lang="zh_CN")
            selection = dict(Model.fields_get(["state"])["state"]["selection"])
            self.assertEqual(selection["open"], "进行中", model)
        search = self.Commitment.with_context(lang="zh_CN").get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn('string="进行中"', re.search(r'<filter[^>]*name="filter_open"[^>]*>', search).group(0))

    def test_goal_thread_is_a_history(self):
        """The goal's Thread tab, the talks and commitments that served it, is its 历程."""
        Goal = self.env["hr.coaching.goal"].with_user(self.user_manager).with_context(lang="zh_CN")
        arch = Goal.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('<page string="历程" name="thread">', arch)

    def test_chinese_typography_of_every_addon(self):
        """Every zh_CN text of our addons (including extra files for other apps' terms) uses full-width punctuation
        next to Chinese and no spaces around inserted values, Latin terms or numbers, markup and URLs aside."""
        problems = []
        for module in sorted(OUR_ADDONS):
            for folder in ("i18n", "i18n_extra"):
                path = os.path.join(get_module_path(module), folder, "zh_CN.po")
                if os.path.exists(path):
                    problems += [f"{module}/{folder}: {problem}" for problem in zh_cn_typography_problems(path)]
        self.assertFalse(problems, "Chinese typography:\n" + "\n".join(problems))


@tagged("post_install", "-at_install")
class TestAppraisalInChinese(CoachingCase):
    """OCA's hr_appraisal_oca ships no zh_CN: our i18n_extra/zh_CN.po translates its form for a Chinese user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Chinese installed once the addons are there: the language install loads each installed module's terms.
        cls.env["res.lang"]._activate_lang("zh_CN")
        modules = cls.env["ir.module.module"].search([("name", "in", ("hr_appraisal_oca", MODULE))])
        modules._update_translations("zh_CN")
        cls.env.invalidate_all()

    def _assert_form_in_chinese(self):
        Appraisal = self.env["hr.appraisal"].with_context(lang="zh_CN")
        views = Appraisal.get_views([(False, "form"), (False, "search")])
        arch = views["views"]["form"]["arch"]
        for term in (
            'string="确认"',
            'string="标记为完成"',
            'string="重新打开"',
            '<page string="绩效考核" name="appraisal">',
            "<h3>员工的反馈</h3>",
            "<h3>经理的反馈</h3>",
            'placeholder="员工姓名"',
            'string="私密备注"',
        ):
            self.assertIn(term, arch)
        for english in ("Mark as Done", "Employee's Feedback", "Private Note"):
            self.assertNotIn(english, arch)
        self.assertIn('string="待确认"', views["views"]["search"]["arch"])
        fields = Appraisal.fields_get(["employee_id", "manager_ids", "date_close", "state", "tag_ids", "note"])
        self.assertEqual(
            {name: field["string"] for name, field in fields.items()},
            {
                "employee_id": "员工",
                "manager_ids": "经理",
                "date_close": "考核日期",
                "state": "状态",
                "tag_ids": "标签",
                "note": "私密备注",
            },
        )
        states = [("1_new", "待确认"), ("2_pending", "已确认"), ("3_done", "已完成")]
        self.assertEqual(fields["state"]["selection"], states)
        self.assertEqual(views["models"]["hr.appraisal"]["fields"]["date_close"]["string"], "考核日期")
        menu = self.env.ref("hr_appraisal_oca.menu_hr_appraisal_root").with_context(lang="zh_CN")
        action = self.env.ref("hr_appraisal_oca.hr_appraisal_action_form").with_context(lang="zh_CN")
        self.assertEqual((menu.name, action.name), ("绩效考核", "绩效考核"))

    def test_appraisal_form_in_chinese(self):
        """With zh_CN installed, the appraisal form, its search, field labels, states and menu are in Chinese."""
        self._assert_form_in_chinese()

    def test_appraisal_stays_chinese_after_its_update(self):
        """Updating hr_appraisal_oca rewrites its fields and views in English: their Chinese stays."""
        Fields = self.env["ir.model.fields"].with_context(module="hr_appraisal_oca")
        Fields._reflect_fields(["hr.appraisal"])
        self.env["ir.model.fields.selection"].with_context(module="hr_appraisal_oca")._reflect_selections(
            ["hr.appraisal"]
        )
        convert_file(self.env, "hr_appraisal_oca", "views/hr_appraisal_form_view.xml", {}, mode="update")
        self.env.invalidate_all()
        form = self.env.ref("hr_appraisal_oca.hr_appraisal_form_view").with_context(lang="en_US")
        self.assertIn('string="Mark as Done"', form.arch_db)
        self._assert_form_in_chinese()
