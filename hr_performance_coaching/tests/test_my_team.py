"""My Team: the manager's landing page, their direct and indirect reports with the state of their coaching."""

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CoachingCase

TEAM_ACTION = "hr_performance_coaching.hr_coaching_team_action"
TEAM_MENU = "hr_performance_coaching.hr_coaching_team_menu"


@tagged("post_install", "-at_install")
class TestMyTeam(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An indirect report of the manager, below Alice.
        cls.dan = cls.env["hr.employee"].create({"name": "Dan Indirect", "parent_id": cls.alice.id})
        cls.Public = cls.env["hr.employee.public"]
        cls.today = fields.Date.today()

    def _team(self, user):
        return set(self.Public.with_user(user).search([("coaching_in_my_team", "=", True)]).ids)

    def _plan_talk(self, user, employee):
        return self.Public.with_user(user).browse(employee.id).action_coaching_plan_talk()

    # ------------------------------------------------------------------ who is in My Team

    def test_my_team_is_the_direct_and_indirect_reports(self):
        self.assertEqual(self._team(self.user_manager), {self.alice.id, self.bob.id, self.dan.id})
        self.assertEqual(self._team(self.user_director), {self.manager.id, self.alice.id, self.bob.id, self.dan.id})
        self.assertEqual(self._team(self.user_alice), {self.dan.id})
        self.assertEqual(self._team(self.user_carol), set())
        self.assertEqual(self._team(self.user_officer), set(), "an officer with no employee has no team")
        # The action's domain is the same search.
        action = self.env["ir.actions.act_window"]._for_xml_id(TEAM_ACTION)
        self.assertEqual(action["domain"], "[('coaching_in_my_team', '=', True)]")
        self.assertEqual(
            set(self.Public.with_user(self.user_manager).search([("coaching_in_my_team", "!=", True)]).ids)
            & {self.manager.id, self.director.id, self.carol.id, self.alice.id},
            {self.manager.id, self.director.id, self.carol.id},
        )
        members = self.Public.with_user(self.user_manager).browse([self.alice.id, self.manager.id, self.carol.id])
        self.assertEqual(members.mapped("coaching_in_my_team"), [True, False, False])

    def test_my_team_follows_a_reorganisation(self):
        # As in the employee form, Bob's coach moves with his manager.
        self.bob.write({"parent_id": self.carol.id, "coach_id": self.carol.id})
        self.assertEqual(self._team(self.user_manager), {self.alice.id, self.dan.id})
        self.assertEqual(self._team(self.user_carol), {self.bob.id})

    # ------------------------------------------------------------------ counts and status

    def test_counts_are_exact_for_the_manager_and_hidden_from_colleagues(self):
        session = self._session(
            self.alice, datetime.combine(self.today - timedelta(days=30), datetime.min.time()), will="<p>Go</p>"
        )
        self.Commitment.create(
            [
                {"session_id": session.id, "name": "Overdue one", "date_deadline": self.today - timedelta(days=5)},
                {"session_id": session.id, "name": "Overdue two", "date_deadline": self.today - timedelta(days=1)},
                {"session_id": session.id, "name": "Due today", "date_deadline": self.today},
                {"session_id": session.id, "name": "Later", "date_deadline": self.today + timedelta(days=5)},
                {"session_id": session.id, "name": "Finished", "date_deadline": self.today - timedelta(days=3)},
            ]
        )
        session.commitment_ids.filtered(lambda c: c.name == "Finished").state = "done"
        Signal = self.env["hr.coaching.signal"]
        Signal.create({"employee_id": self.alice.id, "name": "Workload", "signal_type": "manual"})
        Signal.create(
            {"employee_id": self.alice.id, "name": "Promotion", "signal_type": "key_event", "state": "scheduled"}
        )
        Signal.create({"employee_id": self.alice.id, "name": "Old", "signal_type": "rating_drop", "state": "resolved"})
        Signal.create({"employee_id": self.bob.id, "name": "Bob's", "signal_type": "manual", "state": "dismissed"})
        counts = ["coaching_open_commitment_count", "coaching_overdue_commitment_count", "coaching_open_signal_count"]
        alice, bob = self.Public.with_user(self.user_manager).browse([self.alice.id, self.bob.id])
        self.assertEqual([alice[fname] for fname in counts], [4, 2, 2])
        self.assertEqual([bob[fname] for fname in counts], [0, 0, 0])
        # A colleague reads no counts of a colleague; the employee reads no signals about themselves.
        self.assertEqual([self.Public.with_user(self.user_bob).browse(self.alice.id)[f] for f in counts], [0, 0, 0])
        self.assertEqual([self.Public.with_user(self.user_carol).browse(self.alice.id)[f] for f in counts], [0, 0, 0])
        self.assertEqual(self.Public.with_user(self.user_alice).browse(self.alice.id).coaching_open_signal_count, 0)
        # The filters of My Team.
        Public = self.Public.with_user(self.user_manager)
        team = [("coaching_in_my_team", "=", True)]
        self.assertEqual(Public.search([*team, ("coaching_overdue_commitment_count", ">", 0)]).ids, [self.alice.id])
        self.assertEqual(Public.search([*team, ("coaching_open_signal_count", ">", 0)]).ids, [self.alice.id])
        self.assertEqual(
            set(Public.search([*team, ("coaching_open_signal_count", "=", 0)]).ids), {self.bob.id, self.dan.id}
        )
        self.assertEqual(Public.search([*team, ("coaching_open_commitment_count", ">=", 4)]).ids, [self.alice.id])
        self.assertFalse(self.Public.with_user(self.user_bob).search([("coaching_overdue_commitment_count", ">", 0)]))

    def test_status_shown_filtered_and_grouped_for_the_manager_only(self):
        last, following = self.today - timedelta(days=40), self.today - timedelta(days=10)
        self.alice.write({"coaching_status": "overdue", "last_coaching_date": last, "next_coaching_date": following})
        self.bob.write({"coaching_status": "on_track"})
        self.dan.write({"coaching_status": "due"})
        alice = self.Public.with_user(self.user_manager).browse(self.alice.id)
        self.assertEqual(
            (alice.coaching_status, alice.last_coaching_date, alice.next_coaching_date), ("overdue", last, following)
        )
        colleague = self.Public.with_user(self.user_bob).browse(self.alice.id)
        self.assertEqual((colleague.coaching_status, colleague.last_coaching_date), (False, False))
        Public = self.Public.with_user(self.user_manager)
        team = [("coaching_in_my_team", "=", True)]
        self.assertEqual(Public.search([*team, ("coaching_status", "=", "overdue")]).ids, [self.alice.id])
        self.assertEqual(Public.search([*team, ("coaching_status", "=", "due")]).ids, [self.dan.id])
        groups = Public._read_group(team, ["coaching_status"], ["__count"])
        self.assertEqual(sorted(groups), [("due", 1), ("on_track", 1), ("overdue", 1)])
        # Grouped by a colleague: no status but their own.
        groups = self.Public.with_user(self.user_bob)._read_group(
            [("id", "in", [self.alice.id, self.bob.id, self.dan.id])], ["coaching_status"], ["__count"]
        )
        self.assertEqual(dict(groups), {False: 2, "on_track": 1})
        self.assertTrue(Public.fields_get(["coaching_status"])["coaching_status"]["groupable"])

    # ------------------------------------------------------------------ what to do first (issue 22, item 8)

    def test_a_designated_coach_reads_filters_and_groups_the_status_as_the_rules_say(self):
        """Who coaches whom is one definition: Bob's designated coach, Carol, who is not his manager, finds him in
        My Team and may plan his talk; she reads his status, finds him by it and groups him by it, exactly as the
        record rules and the SQL form give her Bob, and nobody else (issue 23, item 5)."""
        self.bob.coach_id = self.carol
        self.bob.write({"coaching_status": "overdue", "last_coaching_date": self.today})
        self.alice.write({"coaching_status": "due"})
        Public = self.Public.with_user(self.user_carol)
        Employee = self.env["hr.employee"].sudo()
        by_rules = Employee.search(self.user_carol._coaching_managed_domain())
        by_sql = Employee.search([("id", "in", self.user_carol._coaching_managed_subquery())])
        self.assertEqual((by_rules, by_sql), (self.bob, self.bob))
        self.assertEqual(self._team(self.user_carol), {self.bob.id})
        self.assertTrue(Public.browse(self.bob.id).coaching_can_manage)
        bob = Public.browse(self.bob.id)
        self.assertEqual((bob.coaching_status, bob.last_coaching_date), ("overdue", self.today))
        self.assertEqual(Public.browse(self.alice.id).coaching_status, False)
        self.assertEqual(Public.search([("coaching_status", "=", "overdue")]).ids, [self.bob.id])
        self.assertEqual(Public.search([("coaching_status", "in", ("due", "overdue"))]).ids, [self.bob.id])
        groups = Public._read_group([("id", "in", (self.alice | self.bob).ids)], ["coaching_status"], ["__count"])
        self.assertEqual(dict(groups), {False: 1, "overdue": 1})

    def test_status_agrees_with_the_planned_talk(self):
        """A planned talk means the coaching is not overdue, and the next talk is the planned one."""
        self._done_session(self.bob, datetime.combine(self.today - timedelta(days=60), datetime.min.time()))
        bob = self.Public.with_user(self.user_manager).browse(self.bob.id)
        self.assertEqual(bob.coaching_status, "overdue")
        talk = self._session(self.bob, datetime.combine(self.today + timedelta(days=5), datetime.min.time()))
        self.env.invalidate_all()
        bob = self.Public.with_user(self.user_manager).browse(self.bob.id)
        self.assertEqual((bob.coaching_status, bob.next_coaching_date), ("due", talk.date_scheduled.date()))
        talk.action_cancel()
        self.env.invalidate_all()
        self.assertEqual(self.Public.with_user(self.user_manager).browse(self.bob.id).coaching_status, "overdue")

    def test_my_team_lists_who_needs_a_talk_direct_reports_first(self):
        """My Team opens on those who need a talk (nothing planned, and due, overdue, a signal open or no talk yet),
        the direct reports first, then the others by their manager; its counters say what they count."""
        self.env["hr.employee"].create({"name": "Eve Indirect", "parent_id": self.bob.id})
        self._done_session(self.bob, datetime.combine(self.today - timedelta(days=3), datetime.min.time()))
        self._done_session(self.alice, datetime.combine(self.today - timedelta(days=3), datetime.min.time()))
        self._session(self.dan, datetime.combine(self.today + timedelta(days=3), datetime.min.time()))
        Public = self.Public.with_user(self.user_director)
        action = self.env["ir.actions.act_window"]._for_xml_id(TEAM_ACTION)
        self.assertEqual(action["context"], "{'search_default_filter_needs_talk': 1}")
        views = Public.get_views([(action["views"][0][0], "kanban"), (action["search_view_id"][0], "search")])["views"]
        kanban = views["kanban"]["arch"]
        order = "coaching_is_direct desc, parent_id, name"
        self.assertIn(f'default_order="{order}"', kanban)
        for label in ("open commitment", "open commitments", "overdue", "signal", "signals", "Reports to"):
            self.assertIn(f"> {label}</span>" if label != "Reports to" else "<span>Reports to </span>", kanban)
        self.assertIn('name="filter_needs_talk"', views["search"]["arch"])

        team = [("coaching_in_my_team", "=", True)]
        # Mark reports to the director; then by manager: Dan to Alice, Eve to Bob, Alice and Bob to Mark.
        self.assertEqual(
            Public.search(team, order=order).mapped("name"),
            ["Mark Manager", "Dan Indirect", "Eve Indirect", "Alice Report", "Bob Report"],
        )
        needs = [*team, ("coaching_needs_talk", "=", True)]
        # Mark and Eve never had a talk; Alice and Bob just did; Dan's talk is planned.
        self.assertEqual(Public.search(needs, order=order).mapped("name"), ["Mark Manager", "Eve Indirect"])
        self.env["hr.coaching.signal"].create({"employee_id": self.bob.id, "name": "Workload"})
        self.assertEqual(
            Public.search(needs, order=order).mapped("name"), ["Mark Manager", "Eve Indirect", "Bob Report"]
        )
        self.assertEqual(
            Public.browse([self.bob.id, self.dan.id]).mapped("coaching_needs_talk"), [True, False], "as computed"
        )
        # A talk the cadence placed by itself waits for its coach's time: it does not answer the need yet.
        eve = self.env["hr.employee"].search([("name", "=", "Eve Indirect")])
        placed = self.Session._coaching_plan_due([(eve, self.env["hr.coaching.cadence"], self.today)], self.today)
        self.assertFalse(placed[eve.id].coaching_booked)
        self.assertIn("Eve Indirect", Public.search(needs, order=order).mapped("name"))
        # For the manager, Alice and Bob are the direct reports.
        self.assertEqual(
            self.Public.with_user(self.user_manager).search(team, order=order).mapped("name"),
            ["Alice Report", "Bob Report", "Dan Indirect", "Eve Indirect"],
        )

    # ------------------------------------------------------------------ a new manager's first week (issue 22, item 12)

    def test_whether_a_colleague_needs_a_talk_is_the_manager_s_to_know(self):
        self.assertFalse(self.alice.last_coaching_date, "never coached: Alice needs a talk")
        self.assertTrue(self.Public.with_user(self.user_manager).browse(self.alice.id).coaching_needs_talk)
        for user in (self.user_bob, self.user_carol):
            Public = self.Public.with_user(user)
            self.assertFalse(Public.browse(self.alice.id).coaching_needs_talk, user.login)
            self.assertFalse(Public.search([("coaching_needs_talk", "=", True)]), user.login)

    def test_onramp_for_a_manager_who_never_coached(self):
        """My Team's on-ramp shows a manager who has never coached his direct reports with no talk yet; one click
        plans a first talk this week with the First talk template."""
        Alice = self.Public.with_user(self.user_alice)
        self.assertEqual(
            Alice.coaching_onramp(), {"show": True, "reports": [{"id": self.dan.id, "name": "Dan Indirect"}]}
        )
        self.assertEqual(
            self.Public.with_user(self.user_manager).coaching_onramp()["reports"],
            [{"id": self.alice.id, "name": "Alice Report"}, {"id": self.bob.id, "name": "Bob Report"}],
        )
        for user in (self.user_bob, self.user_carol):
            self.assertEqual(self.Public.with_user(user).coaching_onramp(), {"show": False, "reports": []}, user.login)
        with self.assertRefused(AccessError, "Only the managers of"):
            self.Public.with_user(self.user_bob).browse(self.alice.id).action_coaching_plan_first_talk()

        action = Alice.browse(self.dan.id).action_coaching_plan_first_talk()
        talk = self.Session.browse(action["res_id"])
        self.assertEqual(
            (talk.employee_id, talk.coach_id, talk.template_id, talk.state),
            (self.dan, self.alice, self.env.ref("hr_performance_coaching.hr_coaching_template_first_talk"), "planned"),
        )
        self.assertTrue(self.today < talk.date_scheduled.date() <= self.today + timedelta(days=7))
        self.assertEqual(Alice.browse(self.dan.id).action_coaching_plan_first_talk()["res_id"], talk.id, "opened again")
        self.assertEqual(Alice.coaching_onramp(), {"show": False, "reports": []}, "she coaches now")

    # ------------------------------------------------------------------ Plan Talk

    def test_plan_talk_opens_the_planned_talk_or_a_new_one(self):
        action = self._plan_talk(self.user_manager, self.alice)
        self.assertEqual(
            (action["type"], action["res_model"], action["view_mode"]),
            ("ir.actions.act_window", "hr.coaching.session", "form"),
        )
        self.assertFalse(action.get("res_id"))
        first_talk = self.env.ref("hr_performance_coaching.hr_coaching_template_first_talk")
        # Alice never had a talk: her first one proposes the First talk template (issue 22, item 12).
        self.assertEqual(
            action["context"], {"default_employee_id": self.alice.id, "default_template_id": first_talk.id}
        )
        # The new form: the session's defaults fill the coach.
        session = self.Session.with_user(self.user_manager).with_context(**action["context"]).create({})
        self.assertEqual(
            (session.employee_id, session.coach_id, session.template_id), (self.alice, self.manager, first_talk)
        )
        later = self._session(self.alice, datetime(2026, 6, 1, 9, 0))
        self._done_session(self.alice, datetime(2026, 2, 1, 9, 0))
        self.assertEqual(session.state, "planned")
        first = min(session | later, key=lambda s: (s.date_scheduled, s.id))
        action = self._plan_talk(self.user_manager, self.alice)
        self.assertEqual(action["res_id"], first.id)
        self.assertNotIn("context", action)
        # The director above and the officer plan talks too; for Dan, his manager Alice does.
        self.assertEqual(self._plan_talk(self.user_director, self.alice)["res_id"], first.id)
        self.assertEqual(self._plan_talk(self.user_officer, self.alice)["res_id"], first.id)
        self.assertEqual(
            self._plan_talk(self.user_alice, self.dan)["context"],
            {"default_employee_id": self.dan.id, "default_template_id": first_talk.id},
        )
        # After a done talk, the session's own default template.
        self._done_session(self.bob, datetime(2026, 2, 1, 9, 0))
        self.assertEqual(self._plan_talk(self.user_manager, self.bob)["context"], {"default_employee_id": self.bob.id})

    def test_plan_talk_refused_for_whom_the_user_does_not_coach(self):
        self._session(self.alice)
        for user, employee in (
            (self.user_bob, self.alice),
            (self.user_carol, self.alice),
            (self.user_alice, self.alice),
            (self.user_alice, self.bob),
            (self.user_manager, self.director),
        ):
            with self.assertRefused(AccessError, "Only the managers of"):
                self._plan_talk(user, employee)

    # ------------------------------------------------------------------ landing page and menu

    def test_landing_page_my_team_for_those_who_plan_talks(self):
        landing = self.env.ref("hr_performance_coaching.hr_coaching_landing_action")
        team_action = self.env.ref(TEAM_ACTION)
        root = self.env.ref("hr_performance_coaching.menu_coaching_root")
        self.assertEqual(root.action, landing)
        for user in (self.user_manager, self.user_director, self.user_officer):
            action = landing.with_user(user).run()
            self.assertEqual((action["id"], action["res_model"]), (team_action.id, "hr.employee.public"), user.login)
        for user in (self.user_bob, self.user_carol):
            action = landing.with_user(user).run()
            self.assertEqual((action["res_model"], action["view_mode"]), ("hr.coaching.home", "form"), user.login)
        # Alice coaches nobody until Dan arrives below her.
        self.dan.write({"parent_id": False, "coach_id": False})
        self.assertEqual(landing.with_user(self.user_alice).run()["res_model"], "hr.coaching.home")
        self.dan.parent_id = self.alice
        self.assertEqual(landing.with_user(self.user_alice).run()["id"], team_action.id)
        # The web client opens the app on the root menu's own action.
        menus = self.env["ir.ui.menu"].with_user(self.user_bob).load_web_menus(False)
        self.assertEqual((menus[root.id]["actionID"], menus[root.id]["actionModel"]), (landing.id, "ir.actions.server"))

    def test_my_team_menu_hidden_from_who_coaches_nobody(self):
        menu = self.env.ref(TEAM_MENU)
        Menu = self.env["ir.ui.menu"]
        self.dan.write({"parent_id": False, "coach_id": False})
        for user in (self.user_alice, self.user_bob, self.user_carol):
            self.assertIn(menu.id, Menu.with_user(user)._load_menus_blacklist(), user.login)
        for user in (self.user_manager, self.user_director, self.user_officer):
            self.assertNotIn(menu.id, Menu.with_user(user)._load_menus_blacklist(), user.login)
        self.assertEqual(menu.parent_id, self.env.ref("hr_performance_coaching.menu_coaching_root"))
        self.assertEqual(menu.action, self.env.ref(TEAM_ACTION))

    def test_core_employee_views_unchanged(self):
        """My Team has views of its own: the Employees app keeps core's default views."""
        views = self.Public.get_views([(False, "kanban"), (False, "list"), (False, "search")])["views"]
        self.assertEqual(views["kanban"]["id"], self.env.ref("hr.hr_employee_public_view_kanban").id)
        self.assertEqual(views["search"]["id"], self.env.ref("hr.hr_employee_public_view_search").id)
        self.assertNotEqual(views["list"]["id"], self.env.ref("hr_performance_coaching.hr_coaching_team_view_list").id)
        action = self.env["ir.actions.act_window"]._for_xml_id(TEAM_ACTION)
        self.assertEqual(
            [(view_id, mode) for view_id, mode in action["views"]],
            [
                (self.env.ref("hr_performance_coaching.hr_coaching_team_view_kanban").id, "kanban"),
                (self.env.ref("hr_performance_coaching.hr_coaching_team_view_list").id, "list"),
                (self.env.ref("hr.hr_employee_public_view_form").id, "form"),
            ],
        )
