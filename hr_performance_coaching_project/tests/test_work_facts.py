from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError

from .common import WorkFactsCase


class TestWorkFacts(WorkFactsCase):
    def _coach_facts(self):
        return {
            "closed": [
                (
                    f"closed-{self.task_closed.id}",
                    f"Closed: Write the style guide (Website Relaunch), on {self._day(-3)}",
                )
            ],
            "overdue": [
                (
                    f"overdue-{self.task_overdue.id}",
                    f"Overdue: Fix the checkout (Website Relaunch), due {self._day(-2)}",
                )
            ],
            "open": [
                (
                    f"open-{self.task_due.id}",
                    f"Open: Plan the launch party (Website Relaunch), due {self._day(5)}",
                ),
                (f"open-{self.task_home.id}", "Open: Rebuild the home page (Website Relaunch), no deadline"),
                (f"open-{self.task_blog.id}", "Open: Migrate the blog (Website Relaunch), no deadline"),
            ],
            "milestone": [
                (f"milestone-{self.milestone.id}", f"Milestone reached: Go-live (Website Relaunch), on {self._day(0)}")
            ],
        }

    def test_coach_reads_what_he_may_open_in_project(self):
        """The coach reads Alice's tasks closed since the last talk (not before it, not cancelled), open and overdue,
        and the milestone reached on them; not her task of the private project he does not follow, nor its
        milestone, nor Bob's task, nor her task of another company."""
        self.assertEqual(self._facts(self.user_manager), self._coach_facts())

    def test_a_milestone_reached_on_the_day_of_the_last_talk_is_shown(self):
        """The day of the last talk is part of the time since it: a milestone reached that day is a fact of this
        talk."""
        self.milestone.reached_date = (self.now - timedelta(days=10)).date()
        self.assertEqual(
            self._facts(self.user_manager)["milestone"],
            [(f"milestone-{self.milestone.id}", f"Milestone reached: Go-live (Website Relaunch), on {self._day(-10)}")],
        )

    def test_employee_reads_her_own_facts(self):
        """Alice, preparing, reads her facts as herself: also her task of the private project (she is assigned to
        it), named without the project she may not open; not its milestone, which Project hides from her."""
        facts = self._coach_facts()
        facts["open"].insert(
            0, (f"open-{self.task_private.id}", f"Open: Prepare the data room (a private project), due {self._day(3)}")
        )
        self.assertEqual(self._facts(self.user_alice), facts)

    def test_a_follower_of_the_private_project_reads_its_facts(self):
        """The director, above Alice and following the private project, reads its task and milestone with names."""
        self.private_project.message_subscribe(partner_ids=self.user_director.partner_id.ids)
        facts = self._facts(self.user_director)
        self.assertIn(
            (f"open-{self.task_private.id}", f"Open: Prepare the data room (Secret Merger), due {self._day(3)}"),
            facts["open"],
        )
        self.assertIn(
            (
                f"milestone-{self.private_milestone.id}",
                f"Milestone reached: Signing (Secret Merger), on {self._day(0)}",
            ),
            facts["milestone"],
        )

    def test_panel_is_empty_for_others_and_on_closed_talks(self):
        """A colleague does not read the talk at all; the closed talk shows no panel, to anyone; the panel of the
        planned talk links each fact to its record and offers the copy to the coach."""
        with self.assertRaises(AccessError):
            self.talk.with_user(self.user_carol).read(["work_facts"])
        self.assertFalse(self.last_talk.with_user(self.user_manager).work_facts)
        self.assertFalse(self.last_talk.with_user(self.user_alice).work_facts)
        panel = self.talk.with_user(self.user_manager).work_facts
        self.assertIn(f'<a href="/odoo/project.task/{self.task_overdue.id}">Fix the checkout</a>', panel)
        self.assertIn(
            f'data-fact-key="overdue-{self.task_overdue.id}" title="Copy into Reality"><i class="fa fa-clipboard"></i>'
            "</button>",
            panel,
        )
        self.assertNotIn("Prepare the data room", panel)
        self.assertIn('title="Copy into my preparation"', self.talk.with_user(self.user_alice).work_facts)

    def test_names_are_escaped(self):
        """A task or project named with markup is shown as text in the panel, and copied as text."""
        self.task_overdue.name = '<img src=x onerror="alert(1)">'
        self.project.name = "<b>Relaunch</b>"
        panel = self.talk.with_user(self.user_manager).work_facts
        self.assertIn("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</a> (&lt;b&gt;Relaunch&lt;/b&gt;)", panel)
        self.assertNotIn("<img", panel)
        self.assertNotIn("<b>", panel)
        talk = self.talk.with_user(self.user_manager)
        talk.action_copy_fact_to_reality(f"overdue-{self.task_overdue.id}")
        self.assertNotIn("<img", talk.reality)

    def test_without_a_talk_before_the_last_90_days(self):
        """Bob has no done talk: his panel starts 90 days back and says so."""
        talk = self._session(self.bob, when=self.now + timedelta(days=1))
        panel = talk.with_user(self.user_manager).work_facts
        self.assertIn("No talk done yet: the last 90 days.", panel)
        self.assertEqual(
            self._facts(self.user_manager, talk)["open"],
            [
                (f"open-{self.task_blog.id}", "Open: Migrate the blog (Website Relaunch), no deadline"),
                (
                    f"open-{self.Task.search([('name', '=', 'Announce the launch')]).id}",
                    "Open: Announce the launch (Website Relaunch), no deadline",
                ),
            ],
        )

    def test_copy_into_reality(self):
        """The coach copies a fact into Reality, appended once however many times he clicks."""
        talk = self.talk.with_user(self.user_manager)
        talk.reality = "<p>She is stretched.</p>"
        key = f"overdue-{self.task_overdue.id}"
        self.assertTrue(talk.action_copy_fact_to_reality(key))
        talk.action_copy_fact_to_reality(key)
        self.assertEqual(
            talk.reality,
            f"<p>She is stretched.</p><p>Overdue: Fix the checkout (Website Relaunch), due {self._day(-2)}</p>",
        )

    def test_copy_refuses_what_the_coach_cannot_read(self):
        """A fact the coach cannot open in Project is not copied, whatever key he sends; Reality is unchanged."""
        talk = self.talk.with_user(self.user_manager)
        for key in (
            f"open-{self.task_private.id}",
            f"milestone-{self.private_milestone.id}",
            f"open-{self.task_closed.id}",
        ):
            with self.subTest(key=key), self.assertRefused(UserError, "This fact is no longer in the panel"):
                talk.action_copy_fact_to_reality(key)
        self.assertFalse(self.talk.reality)

    def test_copy_refuses_bad_keys(self):
        """RPC callers choose the shape: ids, strings of ids, lists and malformed keys are refused in words."""
        talk = self.talk.with_user(self.user_manager)
        for key in (
            self.task_overdue.id,
            str(self.task_overdue.id),
            [f"overdue-{self.task_overdue.id}"],
            None,
            f"overdue-{self.task_overdue.id} ",
            "overdue-0",
            "overdue-abc",
            f"late-{self.task_overdue.id}",
        ):
            with self.subTest(key=key), self.assertRefused(UserError, "This is not a fact of the panel"):
                talk.action_copy_fact_to_reality(key)
        self.assertFalse(self.talk.reality)

    def test_copy_only_by_who_writes_the_talk(self):
        """Alice copies into her preparation, not into Reality; the coach not into her preparation; nobody into a
        closed talk; a colleague not at all."""
        key = f"overdue-{self.task_overdue.id}"
        with self.assertRefused(AccessError, "Only the coach side copies facts"):
            self.talk.with_user(self.user_alice).action_copy_fact_to_reality(key)
        with self.assertRefused(AccessError, "Only Alice Report copies facts into her preparation"):
            self.talk.with_user(self.user_manager).action_copy_fact_to_preparation(key)
        with self.assertRefused(AccessError, "Only the coach side copies facts"):
            self.last_talk.with_user(self.user_manager).action_copy_fact_to_reality(key)
        with self.assertRaises(AccessError):
            self.talk.with_user(self.user_carol).action_copy_fact_to_reality(key)
        self.assertFalse(self.talk.reality)
        private = f"open-{self.task_private.id}"
        self.talk.with_user(self.user_alice).action_copy_fact_to_preparation(private)
        self.assertEqual(
            self.talk.employee_prep, f"<p>Open: Prepare the data room (a private project), due {self._day(3)}</p>"
        )


class TestWorkFactsQueries(WorkFactsCase):
    def _add_tasks(self, count):
        """``count`` more tasks of Alice: closed, open, overdue in turn, each in the Go-live milestone."""
        tasks = self.Task.create(
            [
                {
                    "name": f"Task {i}",
                    "project_id": self.project.id,
                    "milestone_id": self.milestone.id,
                    "user_ids": [Command.set(self.user_alice.ids)],
                    "date_deadline": self.noon + timedelta(days=(-1) ** i * (i + 1)),
                }
                for i in range(count)
            ]
        )
        tasks[::3].write({"state": "1_done"})
        return tasks

    def _assert_budget(self, user):
        """The panel as ``user`` takes the same queries, within the budget, with 5 and with 50 more tasks of Alice."""
        self._add_tasks(5)
        self._count_queries(user, warm=False)
        with_5 = self._count_queries(user)
        self._add_tasks(45)
        self.assertEqual(self._count_queries(user), with_5)
        self.assertEqual(len(self._facts(user)["closed"]), 18, "the one of the fixture, 2 of 5 and 15 of 45")

    def test_query_budget_as_the_coach(self):
        """The coach's panel with 5 and with 50 more tasks: the same queries."""
        self._assert_budget(self.user_manager)

    def test_query_budget_as_the_employee(self):
        """The employee's panel with 5 and with 50 more tasks: the same queries."""
        self._assert_budget(self.user_alice)
