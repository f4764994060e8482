from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import MilestoneCoachingCase


class TestMilestoneSignal(MilestoneCoachingCase):
    def test_reached_signals_each_assignee_once(self):
        """A project user marks the milestone reached from the list: Alice and Bob each get one project milestone
        signal naming the project and the milestone, and their manager a reminder."""
        self.milestone.with_user(self.user_pm).toggle_is_reached(True)
        signals = self._milestone_signals(self.alice | self.bob)
        self.assertEqual(signals.employee_id, self.alice | self.bob)
        self.assertEqual(len(signals), 2, "one signal per employee, however many of their tasks the milestone has")
        today = fields.Date.context_today(self.milestone)
        for signal in signals:
            self.assertEqual(
                (signal.state, signal.key_event_type, signal.key_event_codes, signal.note, signal.date),
                ("open", "project_milestone", "project_milestone", "Website Relaunch / Go-live (Paula Project)", today),
            )
            self.assertEqual(self._coaching_activities(signal).user_id, self.user_manager)
        self.assertEqual(
            sorted(signals.mapped("reason")),
            ["Project milestone: Alice Report", "Project milestone: Bob Report"],
        )
        self.assertTrue(self.milestone.coaching_signaled)

    def test_read_along_who_coaches_whom(self):
        """The employees' manager reads the signals; a colleague, the employee and the project user do not."""
        self.milestone.with_user(self.user_pm).write({"is_reached": True})
        signals = self._milestone_signals(self.alice | self.bob)
        Signal = self.env["hr.coaching.signal"]
        self.assertEqual(Signal.with_user(self.user_manager).search([("signal_type", "=", "key_event")]), signals)
        self.assertEqual(
            signals.with_user(self.user_manager).mapped("note"),
            ["Website Relaunch / Go-live (Paula Project)", "Website Relaunch / Go-live (Paula Project)"],
        )
        self.assertEqual(Signal.with_user(self.user_director).search_count([("id", "in", signals.ids)]), 2)
        for user in (self.user_carol, self.user_alice, self.user_pm):
            self.assertFalse(Signal.with_user(user).search([("id", "in", signals.ids)]), user.login)
            with self.assertRaises(AccessError, msg=user.login):
                signals.with_user(user).read(["note"])

    def test_other_company_does_not_leak(self):
        """A milestone of another company's project signals its own employees only: Alice, who has no employee in
        that company, is skipped, and Oscar's signal is read by his manager there, not by Alice's manager."""
        self.other_milestone.with_user(self.user_other_pm).toggle_is_reached(True)
        self.assertFalse(self._milestone_signals(self.alice | self.bob))
        signal = self._milestone_signals(self.oscar)
        self.assertEqual(
            (len(signal), signal.company_id, signal.note),
            (1, self.other_company, "Warehouse Move / New Shelves (Otto Project)"),
        )
        self.assertEqual(self._coaching_activities(signal).user_id, self.user_olivia)
        Signal = self.env["hr.coaching.signal"]
        self.assertEqual(Signal.with_user(self.user_olivia).search([("signal_type", "=", "key_event")]), signal)
        self.assertFalse(Signal.with_user(self.user_manager).search([("signal_type", "=", "key_event")]))
        with self.assertRaises(AccessError):
            signal.with_user(self.user_manager).read(["note"])

    def test_unmark_and_mark_again_raises_nothing_new(self):
        """Unmarking and marking the milestone again neither raises a second signal nor appends it twice; another
        milestone reached while the signal is open is appended to it."""
        milestone = self.milestone.with_user(self.user_pm)
        milestone.toggle_is_reached(True)
        signals = self._milestone_signals(self.alice | self.bob)
        milestone.toggle_is_reached(False)
        milestone.toggle_is_reached(True)
        milestone.write({"is_reached": True})
        self.assertEqual(self._milestone_signals(self.alice | self.bob), signals)
        self.assertEqual(
            signals.mapped("note"),
            ["Website Relaunch / Go-live (Paula Project)", "Website Relaunch / Go-live (Paula Project)"],
        )
        self.assertEqual(signals.mapped("key_event_codes"), ["project_milestone", "project_milestone"])

        self.milestone_launch.with_user(self.user_pm).toggle_is_reached(True)
        bob_signal = self._milestone_signals(self.bob)
        self.assertEqual(bob_signal, signals.filtered(lambda signal: signal.employee_id == self.bob))
        self.assertEqual(
            bob_signal.note, "Website Relaunch / Go-live (Paula Project)\nWebsite Relaunch / Launch (Paula Project)"
        )
        self.assertEqual(bob_signal.key_event_codes, "project_milestone,project_milestone")
        self.assertEqual(self._milestone_signals(self.alice).note, "Website Relaunch / Go-live (Paula Project)")

    def test_without_assignee_or_employee_skipped(self):
        """Tasks without assignees and users without an employee raise nothing; the milestone is not marked as
        signaled, so that reaching it again once people are assigned still tells their coaches."""
        milestone = self.Milestone.create({"name": "Handover", "project_id": self.project.id})
        task_nobody, task_freelance = self.Task.create(
            [
                {"name": "Write the handbook", "project_id": self.project.id, "milestone_id": milestone.id},
                {
                    "name": "Train the support desk",
                    "project_id": self.project.id,
                    "milestone_id": milestone.id,
                    "user_ids": [Command.set(self.user_no_employee.ids)],
                },
            ]
        )
        signals_before = self.Signal.search([])
        milestone.with_user(self.user_pm).toggle_is_reached(True)
        self.assertEqual(self.Signal.search([]), signals_before)
        self.assertFalse(milestone.coaching_signaled)

        milestone.with_user(self.user_pm).toggle_is_reached(False)
        task_nobody.user_ids = self.user_bob
        milestone.with_user(self.user_pm).toggle_is_reached(True)
        self.assertEqual(self.Signal.search([]) - signals_before, self._milestone_signals(self.bob))
        self.assertEqual(self._milestone_signals(self.bob).note, "Website Relaunch / Handover (Paula Project)")
        self.assertTrue(milestone.coaching_signaled)
        self.assertTrue(task_freelance.user_ids, "the task keeps its assignee")

    def test_reached_at_creation(self):
        """A milestone created already reached, with its tasks, raises the signal too."""
        task = self.Task.create(
            {"name": "Sign the contract", "project_id": self.project.id, "user_ids": [Command.set(self.user_bob.ids)]}
        )
        milestone = self.Milestone.with_user(self.user_pm).create(
            {
                "name": "Contract Signed",
                "project_id": self.project.id,
                "is_reached": True,
                "task_ids": [Command.link(task.id)],
            }
        )
        signal = self._milestone_signals(self.bob)
        self.assertEqual((len(signal), signal.note), (1, "Website Relaunch / Contract Signed (Paula Project)"))
        self.assertFalse(self._milestone_signals(self.alice))
        self.assertTrue(milestone.coaching_signaled)

    def test_plan_talk_from_signal(self):
        """The manager plans a talk from the signal: a key event talk with the Project review question template
        (issue 26, item 5)."""
        self.milestone.with_user(self.user_pm).toggle_is_reached(True)
        signal = self._milestone_signals(self.alice).with_user(self.user_manager)
        action = signal.action_plan_session()
        session = self.env["hr.coaching.session"].with_user(self.user_manager).browse(action["res_id"])
        self.assertEqual(
            (session.employee_id, session.trigger_type, session.template_id),
            (self.alice, "key_event", self.env.ref("hr_performance_coaching.hr_coaching_template_project_review")),
        )
        self.assertEqual((signal.state, signal.session_id), ("scheduled", session))

    def test_no_write_right_no_signal(self):
        """Someone who may not write the milestone gets project's own AccessError, whatever they send (also the
        malformed values that project's sharing test sends), and raises no signal."""
        portal = new_test_user(self.env, "coaching_portal_milestone", groups="base.group_portal")
        signals_before = self.Signal.search([])
        for user, vals in ((portal, ["name"]), (portal, {"is_reached": True}), (self.user_alice, {"is_reached": True})):
            with self.assertRaises(AccessError, msg=f"{user.login} {vals}"):
                self.milestone.with_user(user).write(vals)
        self.assertEqual(self.Signal.search([]), signals_before)
        self.assertFalse(self.milestone.is_reached)

    def test_only_the_projects_own_people_raise_a_signal(self):
        """A project user who neither manages nor follows the project marks the milestone reached: no signal (he
        could otherwise write his own text on anyone's signal); once he follows the project, it raises one."""
        outsider = new_test_user(
            self.env,
            login="coach_outsider_pm",
            name="Otis Outsider",
            groups="base.group_user,project.group_project_user",
        )
        self.project.privacy_visibility = "employees"
        self.milestone.with_user(outsider).toggle_is_reached(True)
        self.assertFalse(self._milestone_signals(self.alice | self.bob))
        self.assertFalse(self.milestone.coaching_signaled)
        self.milestone.with_user(outsider).toggle_is_reached(False)
        self.project.message_subscribe(partner_ids=outsider.partner_id.ids)
        self.milestone.with_user(outsider).toggle_is_reached(True)
        self.assertEqual(
            self._milestone_signals(self.alice).note, "Website Relaunch / Go-live (Otis Outsider)", "author shown"
        )

    def test_the_note_and_the_merged_signal_are_bounded(self):
        """A long milestone name is cut in the stored note; milestones reached one after the other name the event
        once, and the signal keeps the last 20 events only."""
        milestones = self.Milestone.create(
            [{"name": f"Step {i} " + "x" * 300, "project_id": self.project.id} for i in range(25)]
        )
        self.Task.create(
            [
                {
                    "name": f"Task {i}",
                    "project_id": self.project.id,
                    "milestone_id": m.id,
                    "user_ids": self.user_bob.ids,
                }
                for i, m in enumerate(milestones)
            ]
        )
        for milestone in milestones:
            milestone.with_user(self.user_pm).toggle_is_reached(True)
        signal = self._milestone_signals(self.bob)
        self.assertEqual(len(signal), 1)
        lines = signal.note.splitlines()
        self.assertEqual(len(lines), 20)
        self.assertTrue(all(len(line) <= 3 * 80 + 6 for line in lines), max(map(len, lines)))
        self.assertEqual(lines[0], "Website Relaunch / Step 5… (Paula Project)")
        self.assertEqual(lines[-1], "Website Relaunch / Step 24… (Paula Project)")
        self.assertEqual(signal.key_event_codes, ",".join(["project_milestone"] * 20))
        self.assertEqual(signal.name, "Project milestone: Bob Report")
        self.assertEqual(signal.reason, "Project milestone: Bob Report")

    def test_a_private_projects_names_stay_out_of_the_note(self):
        """Fourth outside attack: the names of a project open to its followers only reached coaches who may not
        read it."""
        self.project.privacy_visibility = "followers"
        self.milestone.with_user(self.user_pm).toggle_is_reached(True)
        self.assertEqual(self._milestone_signals(self.alice).note, "A private project / a milestone (Paula Project)")
