from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from .common import CoachingCase


class TestAnalytics(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eve = cls.env["hr.employee"].create({"name": "Eve Report", "parent_id": cls.manager.id})
        cls.Report = cls.env["hr.coaching.report"]
        cls.Performance = cls.env["hr.coaching.performance.report"]
        cls.Coverage = cls.env["hr.coaching.coverage.report"]
        # Sessions between the appraisal of January and the one of April: 2 for Alice, 6 for Bob, 3 for Eve.
        for employee, count in [(cls.alice, 2), (cls.bob, 6), (cls.eve, 3)]:
            for week in range(count):
                cls._done_session(employee, datetime(2026, 2, 2 + 3 * week, 9, 0))
        cls.carol_session = cls._done_session(cls.carol, datetime(2026, 2, 3, 9, 0), coach_id=cls.director.id)
        ratings = {cls.alice: ("3", "4"), cls.bob: ("3", "5"), cls.eve: ("4", "3"), cls.carol: ("3", "2")}
        cls.env["hr.appraisal"].create(
            [
                {"employee_id": employee.id, "date_close": day, "state": "3_done", "performance_rating": rating}
                for employee, pair in ratings.items()
                for day, rating in zip((date(2026, 1, 31), date(2026, 4, 30)), pair, strict=True)
            ]
        )
        cls.env["ir.config_parameter"].set_param("hr_performance_coaching.analysis_min_appraisals", 2)

    def test_report_one_row_per_session(self):
        """The analysis has one row per session, with the lead time to the employee's previous session."""
        rows = self.Report.search([("employee_id", "=", self.bob.id)], order="date")
        self.assertEqual(len(rows), 6)
        self.assertEqual(rows[0].days_since_previous, 0)
        self.assertEqual(rows[1:].mapped("days_since_previous"), [3] * 5)
        self.assertEqual(set(rows.mapped("state")), {"done"})

    def _coverage_team(self):
        """R&D (under Management), with a cadence rule for seven of its eight people: five report to Mark Manager
        (two coached lately, one coached but overdue, two never coached), two to Carol (one coached lately, one
        never coached). The eighth has no cadence."""
        today = fields.Date.context_today(self.env.user)
        Cadence = self.env["hr.coaching.cadence"]
        self.env.ref("hr_performance_coaching.hr_coaching_cadence_monthly").active = False
        management = self.env["hr.department"].create({"name": "Management"})
        rnd = self.env["hr.department"].create({"name": "Research & Development", "parent_id": management.id})
        names = ["Recent 1", "Recent 2", "Overdue", "Never 1", "Never 2", "Carol Recent", "Carol Never", "No Rule"]
        people = dict(
            zip(
                names,
                self.env["hr.employee"].create(
                    [
                        {
                            "name": name,
                            "department_id": rnd.id,
                            "parent_id": (self.carol if name.startswith("Carol") else self.manager).id,
                        }
                        for name in names
                    ]
                ),
                strict=True,
            )
        )
        with_rule = self.env["hr.employee"].browse([people[name].id for name in names[:-1]])
        Cadence.create({"name": "R&D monthly", "interval_number": 1, "employee_ids": [(6, 0, with_rule.ids)]})
        recently = datetime.combine(today - relativedelta(days=5), datetime.min.time()).replace(hour=9)
        for name in ["Recent 1", "Recent 2", "Carol Recent"]:
            self._done_session(people[name], recently)
        self._done_session(people["Overdue"], recently - relativedelta(months=3))
        Cadence._coaching_refresh(with_rule | people["No Rule"])
        self.env.flush_all()
        return rnd, people

    def test_coverage_counts_never_coached(self):
        """Coverage per team counts every employee with a cadence: 3 covered out of 7, the never coached included."""
        rnd, people = self._coverage_team()
        self.assertEqual(people["Overdue"].coaching_status, "overdue")
        self.assertFalse(people["Never 1"].last_coaching_date)
        self.assertFalse(people["No Rule"].coaching_cadence_id)
        [team] = self.Coverage.with_user(self.user_officer).read_group(
            [("department_id", "=", rnd.id)],
            ["coverage:avg", "covered_count:sum", "never_coached_count:sum", "overdue_count:sum"],
            ["department_id"],
        )
        self.assertEqual(team["department_id_count"], 7)
        self.assertEqual(
            (team["covered_count"], team["never_coached_count"], team["overdue_count"]),
            (3, 3, 1),
        )
        self.assertEqual(team["coverage"], 100.0 * 3 / 7)
        self.assertAlmostEqual(team["coverage"], 42.86, places=2)
        covered = self.Coverage.search([("department_id", "=", rnd.id), ("covered", "=", True)])
        self.assertEqual(covered.employee_id.mapped("name"), ["Carol Recent", "Recent 1", "Recent 2"])
        never = self.Coverage.search([("department_id", "=", rnd.id), ("never_coached", "=", True)])
        self.assertEqual(never.employee_id.mapped("name"), ["Carol Never", "Never 1", "Never 2"])

    def test_coverage_of_the_manager_team(self):
        """A manager's coverage counts only the people below them: 2 covered out of 5."""
        rnd, people = self._coverage_team()
        as_manager = self.Coverage.with_user(self.user_manager)
        [team] = as_manager.read_group(
            [("department_id", "=", rnd.id)], ["coverage:avg", "never_coached_count:sum"], ["department_id"]
        )
        self.assertEqual(team["department_id_count"], 5)
        self.assertEqual(team["never_coached_count"], 2)
        self.assertEqual(team["coverage"], 100.0 * 2 / 5)
        self.assertEqual(
            as_manager.search([("department_id", "=", rnd.id)]).employee_id.mapped("name"),
            ["Never 1", "Never 2", "Overdue", "Recent 1", "Recent 2"],
        )
        self.assertFalse(self.Coverage.with_user(self.user_alice).search([("department_id", "=", rnd.id)]))
        as_carol = self.Coverage.with_user(self.user_carol).search([("department_id", "=", rnd.id)])
        self.assertEqual(as_carol.employee_id.mapped("name"), ["Carol Never", "Carol Recent"])

    def test_coverage_leaves_out_employees_without_cadence(self):
        """An employee no cadence rule applies to is not in the coverage, whatever their team."""
        rnd, people = self._coverage_team()
        self.assertFalse(self.Coverage.search([("employee_id", "=", people["No Rule"].id)]))
        self.assertEqual(self.Coverage.search_count([("department_id", "=", rnd.id)]), 7)
        people["No Rule"].active = False
        people["Never 1"].active = False
        self.env.flush_all()
        self.assertEqual(self.Coverage.search_count([("department_id", "=", rnd.id)]), 6, "archived: left out")

    def test_coverage_per_team_menu(self):
        """Coverage per Team opens the coverage of every employee, grouped by team, measured in %."""
        rnd, _people = self._coverage_team()
        action = self.env.ref("hr_performance_coaching.hr_coaching_report_action_coverage")
        self.assertEqual(action.res_model, "hr.coaching.coverage.report")
        context = safe_eval(action.context)
        self.assertEqual(context["graph_measure"], "coverage")
        self.assertEqual(context["search_default_group_by_department"], 1)
        groups = self.Coverage.with_user(self.user_officer).web_read_group(
            [("department_id", "=", rnd.id)], ["coverage:avg", "__count"], ["department_id"], lazy=False
        )["groups"]
        self.assertEqual(
            [(g["department_id"][1], g["__count"], g["coverage"]) for g in groups],
            [("Management / Research & Development", 7, 100.0 * 3 / 7)],
        )

    def test_session_analysis_has_no_coverage(self):
        """The session analysis no longer offers a Coverage measure that showed 0.00 in every month."""
        self.assertNotIn("coverage", self.Report._fields)
        arch = etree.fromstring(self.Report.get_view(view_type="pivot")["arch"])
        self.assertEqual(
            [node.get("name") for node in arch.iter("field") if node.get("type") == "measure"], ["kept_rate"]
        )

    def test_within_cadence_uses_the_status(self):
        """A session is within cadence when it is the employee's latest done one and they are not overdue."""
        (self.alice | self.bob).write({"coaching_status": "overdue"})
        (self.eve | self.carol).write({"coaching_status": "due"})
        self.env.flush_all()
        within = self.Report.search([("within_cadence", "=", True)])
        self.assertEqual(within.employee_id, self.eve | self.carol)

    def test_kept_rate_is_a_ratio_of_sums(self):
        """The kept rate of a group is kept over reviewed commitments of its sessions, not an average of rates."""
        first = self._done_session(
            self.alice,
            datetime(2026, 5, 4, 9, 0),
            commitments=[("One", date(2026, 5, 10)), ("Two", date(2026, 5, 10)), ("Three", date(2026, 5, 10))],
        )
        first.commitment_ids.sorted("id")[0].outcome = "kept"
        first.commitment_ids.sorted("id")[1:].outcome = "missed"
        second = self._done_session(self.alice, datetime(2026, 5, 5, 9, 0), commitments=[("Four", date(2026, 5, 10))])
        second.commitment_ids.outcome = "kept"
        [group] = self.Report.read_group(
            [("session_id", "in", (first | second).ids)], ["kept_rate:avg", "reviewed_count:sum"], ["employee_id"]
        )
        self.assertEqual(group["reviewed_count"], 4)
        self.assertAlmostEqual(group["kept_rate"], 50.0)

    def test_report_is_merged_into_each_read(self):
        """PostgreSQL merges the analysis into the query of each read, with the record rules: no window and no count
        over every talk of the company before the rules pick the user's (issue 23, item 2: a manager of 10 read
        500,000 talks and their commitments, 1.3 s per grouping of the pivot)."""
        query = self.Report.with_user(self.user_manager)._search([("state", "=", "done")])
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertNotIn("WindowAgg", plan)
        self.assertNotIn("Subquery Scan", plan)

    def test_report_access(self):
        """An employee sees only their own rows, a manager their chain, an officer everything."""
        as_alice = self.Report.with_user(self.user_alice).search([])
        self.assertEqual(as_alice.employee_id, self.alice)
        as_manager = self.Report.with_user(self.user_manager).search([])
        self.assertEqual(as_manager.employee_id, self.alice | self.bob | self.eve)
        as_director = self.Report.with_user(self.user_director).search([])
        self.assertEqual(as_director.employee_id, self.alice | self.bob | self.eve | self.carol)
        self.assertEqual(self.Report.with_user(self.user_carol).search([]).employee_id, self.carol)
        self.assertEqual(self.Report.with_user(self.user_officer).search_count([]), self.Report.search_count([]))

    def test_frequency_bands_and_rating_change(self):
        """Each appraisal with a previous rating falls in the band of its period's session count."""
        rows = self.Performance.search([("employee_id", "in", (self.alice | self.bob | self.eve | self.carol).ids)])
        by_employee = {row.employee_id: row for row in rows}
        self.assertEqual(len(rows), 4)
        self.assertEqual(
            {e: (r.session_count, r.frequency_band, r.rating_change) for e, r in by_employee.items()},
            {
                self.alice: (2, "1_2", 1),
                self.bob: (6, "6_plus", 2),
                self.eve: (3, "3_5", -1),
                self.carol: (1, "1_2", -1),
            },
        )
        self.assertEqual(by_employee[self.carol].coach_id, self.director)
        groups = self.Performance.read_group(
            [("id", "in", rows.ids)], ["rating_change:avg"], ["frequency_band"], orderby="frequency_band"
        )
        self.assertEqual(
            [(g["frequency_band"], g["frequency_band_count"], g["rating_change"]) for g in groups],
            [("1_2", 2, 0.0), ("3_5", 1, -1.0), ("6_plus", 1, 2.0)],
        )

    def test_windows_count_done_talks_only(self):
        """The windows of both analyses count done talks only (issue 23, item 3). Finn's talks: done on 2, 12 and
        16 March, cancelled on 5 March, still planned on 14 and 20 March. His previous talk is his previous done
        one (12 March: 10 days, not 7 since the cancelled one; 16 March: 4, not 2 since the planned one); only
        his latest done talk can be within cadence, not a later planned one; the appraisal closed on 16 March
        counts the done talks after the previous appraisal's day (2 March) up to its own day included: 2. An
        appraisal still to be done (confirmed, closing on 9 March) is nobody's previous one and has no row."""
        finn = self.env["hr.employee"].create({"name": "Finn Report", "parent_id": self.manager.id})
        for day in (2, 12, 16):
            self._done_session(finn, datetime(2026, 3, day, 9, 0))
        self._session(finn, datetime(2026, 3, 5, 9, 0)).action_cancel()
        for day in (14, 20):
            self._session(finn, datetime(2026, 3, day, 9, 0))
        finn.write({"coaching_status": "on_track"})
        self.env["hr.appraisal"].create(
            [
                {"employee_id": finn.id, "date_close": day, "state": "3_done", "performance_rating": rating}
                for day, rating in ((date(2026, 3, 2), "3"), (date(2026, 3, 16), "4"))
            ]
        )
        self.env["hr.appraisal"].create(
            {"employee_id": finn.id, "date_close": date(2026, 3, 9), "state": "2_pending", "performance_rating": "1"}
        )
        self.env.flush_all()
        rows = self.Report.search([("employee_id", "=", finn.id)], order="date")
        self.assertEqual(
            [(row.date.day, row.state, row.days_since_previous, row.within_cadence) for row in rows],
            [
                (2, "done", 0, False),
                (5, "cancelled", 0, False),
                (12, "done", 10, False),
                (14, "planned", 0, False),
                (16, "done", 4, True),
                (20, "planned", 0, False),
            ],
        )
        performance = self.Performance.search([("employee_id", "=", finn.id)])
        self.assertEqual(
            [(row.date, row.session_count, row.frequency_band, row.rating_change) for row in performance],
            [(date(2026, 3, 16), 2, "1_2", 1)],
        )

    def test_not_enough_data(self):
        """Below the minimum number of appraisals the analysis shows no averages and says why."""
        self.env["ir.config_parameter"].set_param("hr_performance_coaching.analysis_min_appraisals", 1000)
        self.assertFalse(self.Performance._has_enough_data())
        self.assertEqual(self.Performance.read_group([], ["rating_change:avg"], ["frequency_band"]), [])
        self.assertIn("Not enough data", self.Performance.get_empty_list_help(""))
        self.env["ir.config_parameter"].set_param("hr_performance_coaching.analysis_min_appraisals", 2)
        self.assertTrue(self.Performance._has_enough_data())

    def test_performance_report_access(self):
        """The employee sees their own row once the feedback is published; the manager sees the chain."""
        own = self.Performance.with_user(self.user_alice).search([])
        self.assertEqual(own.employee_id, self.alice)
        own.appraisal_id.sudo().manager_feedback_published = False  # as her manager would
        self.env.flush_all()
        self.assertFalse(self.Performance.with_user(self.user_alice).search([]))
        as_manager = self.Performance.with_user(self.user_manager).search([])
        self.assertEqual(as_manager.employee_id, self.alice | self.bob | self.eve)
        self.assertFalse(self.Performance.with_user(self.user_bob).search([("employee_id", "=", self.alice.id)]))

    def test_every_analysis_menu_opens(self):
        """Each analysis action runs its default filters, grouping and measures as a manager, without an error."""
        self._done_session(self.alice, datetime(2026, 3, 2, 9, 0), commitments=[("Step", date(2026, 3, 9))])
        reviewed = self._session(self.alice, datetime(2026, 3, 16, 9, 0), will="<p>Go on</p>")
        reviewed.review_commitment_ids.outcome = "kept"
        reviewed.action_done()
        reviewed.employee_rating = "4"
        eval_context = {"context_today": lambda: date.today(), "relativedelta": relativedelta, "uid": self.env.uid}
        for xmlid in [
            "hr_coaching_report_action",
            "hr_coaching_report_action_coverage",
            "hr_coaching_report_action_sessions_per_month",
            "hr_coaching_report_action_kept_rate",
            "hr_coaching_report_action_quality",
        ]:
            action = self.env.ref(f"hr_performance_coaching.{xmlid}")
            Model = self.env[action.res_model]
            arch = etree.fromstring(Model.get_view(action.search_view_id.id, "search")["arch"])
            filters = {node.get("name"): node for node in arch.iter("filter")}
            context = safe_eval(action.context)
            domain, groupby = [], []
            for key in context:
                if key.startswith("search_default_"):
                    node = filters[key.removeprefix("search_default_")]
                    if node.get("domain"):
                        domain += safe_eval(node.get("domain"), eval_context)
                    if node.get("context"):
                        groupby.append(safe_eval(node.get("context"))["group_by"])
            measures = [
                f"{m}:{Model._fields[m].aggregator}" for m in context.get("pivot_measures", []) if m != "__count"
            ]
            groups = Model.with_user(self.user_manager).web_read_group(
                domain, [*measures, "__count"], groupby or ["date:month"], lazy=False
            )
            self.assertTrue(groups["groups"], f"{xmlid} shows the manager's people")

    def test_settings_minimum_appraisals(self):
        """The minimum number of appraisals is a setting, explained there, that the analysis reads back."""
        admin = self.env.ref("base.user_admin")
        arch = etree.fromstring(self.env["res.config.settings"].with_user(admin).get_view()["arch"])
        [setting] = arch.xpath("//setting[@id='coaching_analysis_min_appraisals']")
        self.assertIn("done appraisals with a previous rating", setting.get("help"))
        with Form(self.env["res.config.settings"].with_user(admin)) as settings:
            self.assertEqual(settings.coaching_analysis_min_appraisals, 2)
            settings.coaching_analysis_min_appraisals = 5
        settings.save().execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("hr_performance_coaching.analysis_min_appraisals"), "5"
        )
        self.assertEqual(self.Performance._min_appraisals(), 5)
        self.assertEqual(Form(self.env["res.config.settings"].with_user(admin)).coaching_analysis_min_appraisals, 5)

    def test_settings_minimum_appraisals_refuses_zero(self):
        """Fewer than one appraisal is refused in words, and the saved minimum stays."""
        admin = self.env.ref("base.user_admin")
        for bad in (0, -3):
            with self.assertRefused(ValidationError, "at least 1 appraisal"):
                self.env["res.config.settings"].with_user(admin).create({"coaching_analysis_min_appraisals": bad})
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("hr_performance_coaching.analysis_min_appraisals"), "2"
        )
