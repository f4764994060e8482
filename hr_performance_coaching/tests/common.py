import os
import re
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import polib

from odoo.addons.hr_performance_coaching.models.hr_coaching_mixin_tools import COACHING_DUE
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, new_test_user
from odoo.tools.translate import TranslationModuleReader

PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
MARKUP = re.compile(r"</?[\w.:-]+|/>|\s[\w.:-]+=")
# Chinese typography. Markup, URLs and inserted values are masked first: an inserted value (%(x)s, {{ expr }}, {x},
# an inline element that outputs one, <t t-out="..."/>) becomes \x01, a URL \x02, a block tag a break (\x03); other
# inline tags (<strong>, <t t-if>...) are left out. In HTML a line break inside a paragraph shows as a space; in plain
# text it is a break.
HAN = "\u4e00-\u9fff"
CJK = HAN + "\u3000-\u303f\uff01-\uff5e\u201c\u201d\u2018\u2019"
INLINE = r"(?:t|a|span|strong|b|em|i|u|code|small|font)"
INSERTED_ELEMENT = re.compile(rf"<({INLINE})\b[^>]*\st-(?:out|esc|field)=[^>]*?(?:/>|>.*?</\1>)", re.S)
INLINE_TAG = re.compile(rf"</?{INLINE}\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]*>")
INSERTED = re.compile(r"\{\{.*?\}\}|%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
URL = re.compile(r"(?:https?|mailto):[^\s<>\"']+")
# An ASCII , . : ; ? ! ( ) next to Chinese text: Chinese takes the full-width ones.
HALF_WIDTH = re.compile(rf"[{HAN}][,.:;?!()]|[,.:;?!()][{HAN}]")
# A space between Chinese text and an inserted value, a Latin term or a number (either side): Chinese runs them in.
SPACED = re.compile(rf"[{CJK}][ \t\n]+[A-Za-z0-9\x01]|[A-Za-z0-9\x01][ \t\n]+[{CJK}]")


def zh_cn_typography(text):
    """The typography faults of one Chinese text: half-width punctuation next to Chinese, spaces around inserted
    values, Latin terms or numbers."""
    masked = URL.sub("\x02", text)
    if ANY_TAG.search(masked):
        masked = INSERTED_ELEMENT.sub("\x01", masked)
        masked = INSERTED.sub("\x01", INLINE_TAG.sub("", masked))
        masked = ANY_TAG.sub("\x03", masked)
    else:
        masked = INSERTED.sub("\x01", masked).replace("\n", "\x03")
    faults = []
    for name, pattern in (("half-width punctuation in Chinese", HALF_WIDTH), ("space in Chinese", SPACED)):
        match = pattern.search(masked)
        if match:
            faults.append(f"{name} at {match.group(0)!r}: {text!r}")
    return faults


def zh_cn_typography_problems(path):
    """The typography faults of every translation of the zh_CN .po file at ``path``."""
    return [fault for entry in polib.pofile(path) if entry.msgid for fault in zh_cn_typography(entry.msgstr)]


def zh_cn_problems(module):
    """What keeps ``module``'s zh_CN.po from translating its .pot: missing, fuzzy or obsolete terms, placeholders or
    markup that differ, half-width punctuation in Chinese, terms the .pot no longer has. The one check of every addon
    of the project."""
    folder = os.path.join(get_module_path(module), "i18n")
    pot = polib.pofile(os.path.join(folder, f"{module}.pot"))
    translations = {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(os.path.join(folder, "zh_CN.po"))}
    problems = []
    for term in pot:
        entry = translations.get((term.msgctxt, term.msgid))
        if entry is None or not entry.msgstr.strip():
            problems.append(f"untranslated: {term.msgid!r}")
        elif entry.fuzzy or entry.obsolete:
            problems.append(f"fuzzy or obsolete: {term.msgid!r}")
        elif Counter(PLACEHOLDER.findall(term.msgid)) != Counter(PLACEHOLDER.findall(entry.msgstr)):
            problems.append(f"placeholders differ: {term.msgid!r} -> {entry.msgstr!r}")
        elif Counter(MARKUP.findall(term.msgid)) != Counter(MARKUP.findall(entry.msgstr)):
            problems.append(f"markup differs: {term.msgid!r} -> {entry.msgstr!r}")
        else:
            problems += zh_cn_typography(entry.msgstr)
    stale = set(translations) - {(term.msgctxt, term.msgid) for term in pot}
    return problems + [f"not in the .pot any more: {msgid!r}" for _ctx, msgid in sorted(stale)]


def pot_problems(env, module):
    """How ``module``'s .pot differs from the terms that Odoo's exporter finds in the module today (demo data aside):
    new terms of the module that the .pot lacks, and .pot terms the module no longer has."""
    # Fields that apps the module does not depend on add to its models (rating's rating_ids on every mail.thread,
    # once a bridge installs project) are recorded under the module too: they are not its terms.
    record = env["ir.module.module"].search([("name", "=", module)])
    dependencies = record.upstream_dependencies(exclude_states=("uninstallable", "to remove"))
    known = {module, "base", *dependencies.mapped("name")}
    own_fields = {
        f"field_{model._name.replace('.', '_')}__{fname}"
        for model in env.registry.values()
        for fname, field in model._fields.items()
        if known & set(field._modules or ())
    }
    terms = [
        (source, not str(res_id).startswith(f"{module}.field_") or str(res_id).split(".", 1)[1] in own_fields)
        for term_module, _type, _name, res_id, source, _value, _comments in TranslationModuleReader(
            env.cr, modules=[module]
        )
        if term_module == module and not str(res_id).endswith("_demo")
    ]
    in_pot = {term.msgid for term in polib.pofile(os.path.join(get_module_path(module), "i18n", f"{module}.pot"))}
    # New terms count only if they are the module's; a term of the .pot must still be found, whoever adds its field.
    missing = sorted({source for source, own in terms if own} - in_pot)
    gone = sorted(in_pot - {source for source, _own in terms})
    return [f"not in the .pot: {source!r}" for source in missing] + [
        f"no longer in the module: {source!r}" for source in gone
    ]


class CoachingCase(TransactionCase):
    """A small organisation: director > manager > (alice, bob); carol elsewhere; an HR officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.company = cls.env.ref("base.main_company")
        cls.other_company = cls.env["res.company"].create({"name": "Coaching Other Co"})
        users = {
            login: new_test_user(cls.env, login=login, groups=groups, name=name, company_id=cls.company.id)
            for login, name, groups in [
                ("coach_director", "Diane Director", "base.group_user"),
                ("coach_manager", "Mark Manager", "base.group_user"),
                ("coach_alice", "Alice Report", "base.group_user"),
                ("coach_bob", "Bob Report", "base.group_user"),
                ("coach_carol", "Carol Outsider", "base.group_user"),
                ("coach_officer", "Olga Officer", "base.group_user,hr_performance_coaching.group_coaching_officer"),
            ]
        }
        cls.user_director = users["coach_director"]
        cls.user_manager = users["coach_manager"]
        cls.user_alice = users["coach_alice"]
        cls.user_bob = users["coach_bob"]
        cls.user_carol = users["coach_carol"]
        cls.user_officer = users["coach_officer"]
        Employee = cls.env["hr.employee"]
        cls.director = Employee.create({"name": "Diane Director", "user_id": cls.user_director.id})
        cls.manager = Employee.create(
            {"name": "Mark Manager", "user_id": cls.user_manager.id, "parent_id": cls.director.id}
        )
        cls.alice, cls.bob = Employee.create(
            [
                {"name": "Alice Report", "user_id": cls.user_alice.id, "parent_id": cls.manager.id},
                {"name": "Bob Report", "user_id": cls.user_bob.id, "parent_id": cls.manager.id},
            ]
        )
        cls.carol = Employee.create({"name": "Carol Outsider", "user_id": cls.user_carol.id})
        cls.Session = cls.env["hr.coaching.session"]
        cls.Commitment = cls.env["hr.coaching.commitment"]
        cls.template = cls.env.ref("hr_performance_coaching.hr_coaching_template_grow")

    @classmethod
    def _reports(cls, count):
        """``count`` new reports of the manager, in a department of their own."""
        department = cls.env["hr.department"].create({"name": f"Team of {count}"})
        return cls.env["hr.employee"].create(
            [{"name": f"Report {i}", "parent_id": cls.manager.id, "department_id": department.id} for i in range(count)]
        )

    @classmethod
    def _session(cls, employee, when=None, **vals):
        return cls.Session.create(
            {
                "employee_id": employee.id,
                "date_scheduled": when or datetime(2026, 3, 2, 9, 0),
                **vals,
            }
        )

    @classmethod
    def _done_session(cls, employee, when=None, commitments=(), **vals):
        """A closed talk with commitments ``[(name, deadline)]``."""
        session = cls._session(employee, when, will="<p>Ship the first draft.</p>", **vals)
        if commitments:
            cls.Commitment.create(
                [{"session_id": session.id, "name": name, "date_deadline": deadline} for name, deadline in commitments]
            )
        session.action_done()
        return session

    @staticmethod
    def _days(n):
        return date(2026, 3, 2) + timedelta(days=n)

    @contextmanager
    def assertRefused(self, exception, text):
        """Like assertRaisesRegex, inside a savepoint so that the refused change is rolled back."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    # ------------------------------------------------------------------ cadence helpers (issue 4)

    CRONS = {
        "cadence": ("hr.coaching.cadence", "_cron_check_cadence"),
        "commitments": ("hr.coaching.commitment", "_cron_remind_deadlines"),
        "signals": ("hr.coaching.signal", "_cron_detect_signals"),
        "preparation": ("hr.coaching.session", "_cron_remind_preparation"),
    }

    def _run_cron(self, cron, today, batch_size=1000):
        """Run a coaching cron (``cadence``, ``commitments``, ``signals``) like the cron worker does, batch after
        batch, until nothing is left."""
        model, method = self.CRONS[cron]
        for _batch in range(100):
            if not getattr(self.env[model], method)(batch_size=batch_size, today=today):
                return
        raise AssertionError(f"{model}.{method} did not finish")

    def _coaching_activities(self, records, xmlid=COACHING_DUE):
        """The open activities of the given type on ``records``."""
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )
