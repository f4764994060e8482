import logging
import random
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

_logger = logging.getLogger(__name__)

# Shared with static/tests/tours/impact_tour.js.
BIG_TEAM = "Impact Big Team"
SMALL_TEAM = "Impact Small Team"
BIG, SMALL = 40, 6
MINIMUM = 20
SEED = 24


@tagged("post_install", "-at_install")
class TestImpactTour(HttpCase):
    """Coaching Impact in a real browser (issue 24, item 3): an HR officer in English and in Chinese, a manager who
    sees his branch only, and one whose branch is below the minimum.

    The organisation has a known truth, drawn with a seed: 40 reports of Mia and 6 of Sam, rated on 31 January 2025
    and again on 31 January 2026, with 0 to 24 routine talks between (0 to 2 a month). The new rating is the previous
    one, plus one point at a talk a month or more, minus one without any talk, plus a coin toss of -1, 0 or +1: more
    routine coaching goes with a better next rating."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("hr_performance_coaching.analysis_min_appraisals", MINIMUM)
        officer_groups = "base.group_user,hr_performance_coaching.group_coaching_officer"
        cls.user_officer = new_test_user(
            cls.env, login="impact_officer", password="impact_officer", name="Olivia Officer", groups=officer_groups
        )
        cls.user_officer_zh = new_test_user(
            cls.env, login="impact_officer_zh", password="impact_officer_zh", name="Zhou Officer", groups=officer_groups
        )
        cls.user_mia = new_test_user(
            cls.env, login="impact_mia", password="impact_mia", name="Mia Manager", groups="base.group_user"
        )
        cls.user_sam = new_test_user(
            cls.env, login="impact_sam", password="impact_sam", name="Sam Small", groups="base.group_user"
        )
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.mia = Employee.create({"name": "Mia Manager", "user_id": cls.user_mia.id})
        cls.sam = Employee.create({"name": "Sam Small", "user_id": cls.user_sam.id})
        cls.big_team = Department.create({"name": BIG_TEAM, "manager_id": cls.mia.id})
        cls.small_team = Department.create({"name": SMALL_TEAM, "manager_id": cls.sam.id})
        (cls.mia | cls.sam).department_id = False
        reports = Employee.create(
            [
                {"name": f"Impact Report {index:02d}", "parent_id": manager.id, "department_id": team.id}
                for index, (manager, team) in enumerate(
                    [(cls.mia, cls.big_team)] * BIG + [(cls.sam, cls.small_team)] * SMALL
                )
            ]
        )
        rng = random.Random(SEED)
        appraisals, sessions = [], []
        for employee in reports:
            talks = rng.randint(0, 24)
            previous = rng.randint(2, 4)
            dose = talks / 12
            new = previous + (1 if dose >= 1 else -1 if not talks else 0) + rng.choice((-1, 0, 1))
            new = min(max(new, 1), 5)
            for day, rating in ((date(2025, 1, 31), previous), (date(2026, 1, 31), new)):
                appraisals.append(
                    {
                        "employee_id": employee.id,
                        "date_close": day,
                        "state": "3_done",
                        "performance_rating": str(rating),
                    }
                )
            start = datetime(2025, 2, 3, 9, 0)
            sessions += [(employee, start + timedelta(days=15 * talk)) for talk in range(talks)]
        cls.env["hr.appraisal"].create(appraisals)
        # The routine talks of the year, done, written straight to the table: closing 500 talks one by one through
        # their buttons would take minutes, and the page reads only these columns.
        cls.env.flush_all()
        for employee, when in sessions:
            cls.env.cr.execute(
                """INSERT INTO hr_coaching_session (name, employee_id, coach_id, company_id, department_id,
                                                    date_scheduled, trigger_type, state, active, duration, will)
                   VALUES ('Routine talk', %s, %s, %s, %s, %s, 'routine', 'done', true, 1, '<p>Go on</p>')""",
                (employee.id, employee.parent_id.id, employee.company_id.id, employee.department_id.id, when),
            )
        cls.env.invalidate_all()
        cls.Impact = cls.env["hr.coaching.impact"]

    def _data(self, user, **filters):
        return self.Impact.with_user(user).with_context(lang=user.lang).get_dashboard_data(filters)

    def test_officer_reads_the_verdict_and_the_charts(self):
        """An HR officer opens Coaching > Reporting > Coaching Impact: the verdict sentence first, the four charts,
        the reference labelled as such, the plain words; a department below the minimum shows no figure."""
        data = self._data(self.user_officer)
        estimate = data["estimate"]
        _logger.info(
            "[impact page] officer n=%s effect=%.3f ci=[%.3f, %.3f] naive=%.3f",
            data["n"],
            estimate["effect"],
            estimate["ci_low"],
            estimate["ci_high"],
            estimate["naive_effect"],
        )
        self.assertEqual((data["n"], estimate["verdict"], data["is_officer"]), (BIG + SMALL, "positive", True))
        self.assertEqual([line["coach"] for line in data["calibration"]], ["Mia Manager", "Sam Small"])
        small = self._data(self.user_officer, department_ids=[self.small_team.id])
        self.assertEqual((small["n"], small["enough"], small["estimate"]["effect"]), (SMALL, False, None))
        self.start_tour("/odoo", "hr_performance_coaching_impact_tour", login="impact_officer")

    def test_officer_reads_the_page_in_chinese(self):
        """The same page for an HR officer who reads Chinese: the verdict, the headings, the plain words and the
        chart's rows in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_performance_coaching"], ["zh_CN"], overwrite=True)
        self.user_officer_zh.lang = "zh_CN"
        self.start_tour("/odoo", "hr_performance_coaching_impact_zh_tour", login="impact_officer_zh")

    def test_manager_sees_his_branch_only(self):
        """Mia counts her 40 reports, not Sam's 6, and sees no calibration of the coaches; Sam, below the minimum,
        reads that there is not enough data and sees no figure."""
        mia = self._data(self.user_mia)
        self.assertEqual((mia["n"], mia["estimate"]["verdict"], mia["calibration"]), (BIG, "positive", []))
        self.assertEqual(mia["departments"], [[self.big_team.id, BIG_TEAM]])
        self.start_tour("/odoo", "hr_performance_coaching_impact_manager_tour", login="impact_mia")
        sam = self._data(self.user_sam)
        self.assertEqual((sam["n"], sam["enough"], sam["estimate"]["effect"]), (SMALL, False, None))
        self.assertEqual([band["mean_change"] for band in sam["naive_bands"]], [None] * 4)
        self.start_tour("/odoo", "hr_performance_coaching_impact_small_tour", login="impact_sam")

    def _visible_menus(self, user):
        """The xmlids of the menus the web client shows ``user``: those reachable from the apps' roots."""
        menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
        seen, todo = set(), list(menus["root"]["children"])
        while todo:
            menu = menus[todo.pop()]
            seen.add(menu["xmlid"])
            todo += menu["children"]
        return seen

    def test_menu_for_officers_and_managers_only(self):
        """Coaching > Reporting > Coaching Impact is shown to the HR officer and to a manager, not to an employee
        who coaches nobody; and the page's data are refused to that employee."""
        menu = "hr_performance_coaching.hr_coaching_impact_menu"
        self.assertEqual(self.env.ref(menu).parent_id, self.env.ref("hr_performance_coaching.menu_coaching_reporting"))
        employee_user = new_test_user(self.env, login="impact_emma", name="Emma Employee", groups="base.group_user")
        self.env["hr.employee"].create({"name": "Emma Employee", "user_id": employee_user.id, "parent_id": self.mia.id})
        users = self.user_officer | self.user_mia | employee_user
        visible = {user.login: menu in self._visible_menus(user) for user in users}
        self.assertEqual(visible, {"impact_officer": True, "impact_mia": True, "impact_emma": False})
        with self.assertRaises(AccessError):
            self._data(employee_user)

    def test_page_at_390_px(self):
        """On a phone-sized screen the verdict comes first and the charts fit the width."""
        self.browser_size = "390x844"
        self.start_tour(
            "/odoo/action-hr_performance_coaching.hr_coaching_impact_action",
            "hr_performance_coaching_impact_mobile_tour",
            login="impact_officer",
        )
