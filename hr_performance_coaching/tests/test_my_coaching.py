"""My Coaching as the web client uses it (issue 22): what the page sends on save, what it shows after, and what the
employee sees of her talks."""

from datetime import date, datetime

from lxml import etree

from odoo import Command
from odoo.addons.mail.tools.discuss import Store
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CoachingCase

# What the web client reads back after a save of My Coaching.
SPEC = {
    "next_prep": {},
    "next_topic_ids": {"fields": {"name": {}, "done": {}, "side": {}, "sequence": {}}},
}


@tagged("post_install", "-at_install")
class TestMyCoachingSaves(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.upcoming = cls._session(cls.alice, datetime(2026, 4, 6, 9, 0))
        cls.coach_topic = (
            cls.env["hr.coaching.topic"]
            .with_user(cls.user_manager)
            .create({"session_id": cls.upcoming.id, "name": "Your quarter", "sequence": 10})
        )
        Home = cls.env["hr.coaching.home"].with_user(cls.user_alice)
        cls.home = Home.browse(Home.action_open()["res_id"])

    def test_a_new_point_and_the_preparation_save_with_the_coachs_point_present(self):
        """Issue 22, item 1: the web client sends a new line with the values it computed for it (the coach's side,
        no talk) and the coach's point resequenced with its unchanged text; only her changes are written, and her
        new point is in what the page reads back."""
        result = self.home.web_save(
            {
                "next_topic_ids": [
                    [1, self.coach_topic.id, {"name": "Your quarter", "sequence": 11}],
                    [0, "virtual_7", {"name": "My workload", "done": False, "side": "coach", "session_id": False}],
                ],
                "next_prep": "<p>I want to talk about my workload</p>",
            },
            SPEC,
        )[0]
        topics = self.upcoming.topic_ids.sorted("id")
        self.assertEqual(topics.mapped("name"), ["Your quarter", "My workload"])
        self.assertEqual(topics.mapped("side"), ["coach", "employee"])
        self.assertEqual(topics.mapped("author_id"), self.user_manager | self.user_alice)
        self.assertEqual(topics.mapped("sequence"), [11, 10])
        self.assertEqual(self.upcoming.employee_prep, "<p>I want to talk about my workload</p>")
        shown = [(line["id"], line["name"], line["side"]) for line in result["next_topic_ids"]]
        self.assertEqual(
            sorted(shown), [(self.coach_topic.id, "Your quarter", "coach"), (topics[1].id, "My workload", "employee")]
        )
        self.assertEqual(result["next_prep"], "<p>I want to talk about my workload</p>")

    def test_she_still_cannot_change_the_coachs_point(self):
        """What she changes is still checked: the coach's point keeps its text and its side."""
        with self.assertRefused(AccessError, "You can only change your own talking points"):
            self.home.web_save({"next_topic_ids": [[1, self.coach_topic.id, {"name": "Mine now"}]]}, SPEC)
        with self.assertRefused(AccessError, "You can only change your own talking points"):
            self.home.web_save({"next_topic_ids": [Command.update(self.coach_topic.id, {"side": "employee"})]}, SPEC)
        self.assertEqual((self.coach_topic.name, self.coach_topic.side), ("Your quarter", "coach"))

    def test_a_new_line_starts_on_its_text(self):
        """Issue 22, item 1: *Add a line* focuses the first editable cell of the new line: the point's text, not
        the Covered toggle."""
        arch = self.env["hr.coaching.home"].with_user(self.user_alice).get_views([(False, "form")])["views"]["form"]
        agenda = etree.fromstring(arch["arch"]).find(".//field[@name='next_topic_ids']/list")
        cells = [
            node.get("name")
            for node in agenda.iterfind("field")
            if node.get("widget") != "handle" and node.get("column_invisible") not in ("True", "1")
        ]
        self.assertEqual(cells[:2], ["name", "done"])


@tagged("post_install", "-at_install")
class TestEmployeePrivateNote(CoachingCase):
    """Issue 22, item 11: the employee keeps a private note on each talk, which only she reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(cls.env, login="note_hr", groups="base.group_user,hr.group_hr_user")
        cls.upcoming = cls._session(cls.alice, datetime(2026, 4, 6, 9, 0), private_note="<p>Coach's own</p>")
        Home = cls.env["hr.coaching.home"].with_user(cls.user_alice)
        cls.home = Home.browse(Home.action_open()["res_id"])

    def test_she_writes_it_in_my_coaching_and_only_she_reads_it(self):
        result = self.home.web_save(
            {"next_employee_note": "<p>Ask for the team lead role</p>"}, {"next_employee_note": {}}
        )[0]
        self.assertEqual(result["next_employee_note"], "<p>Ask for the team lead role</p>")
        note = self.env["hr.coaching.session.employee.note"].search([("session_id", "=", self.upcoming.id)])
        self.assertEqual((note.user_id, note.note), (self.user_alice, "<p>Ask for the team lead role</p>"))
        self.assertEqual(self.upcoming.with_user(self.user_alice).employee_note, "<p>Ask for the team lead role</p>")
        self.assertFalse(self.upcoming.with_user(self.user_alice).private_note, "The coach's note stays his.")
        for user in (self.user_manager, self.user_director, self.user_officer, self.user_hr, self.user_bob):
            Note = self.env["hr.coaching.session.employee.note"].with_user(user)
            self.assertFalse(Note.search([("session_id", "=", self.upcoming.id)]), user.login)
            with self.assertRefused(AccessError, ""):
                note.with_user(user).read(["note"])
            if self.upcoming.with_user(user).has_access("read"):
                self.assertFalse(self.upcoming.with_user(user).employee_note, user.login)
        # A second save changes her one note.
        self.upcoming.with_user(self.user_alice).write({"employee_note": "<p>Ask in June</p>"})
        self.assertEqual(note.note, "<p>Ask in June</p>")
        self.assertEqual(len(self.env["hr.coaching.session.employee.note"].search([])), 1)

    def test_a_file_of_the_talk_named_in_her_note_stays_the_talk_s(self):
        # The coach's picture on the talk: naming it in her note does not make it hers, nor hide it from him.
        picture = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .create({"name": "plan.png", "raw": b"x", "res_model": self.upcoming._name, "res_id": self.upcoming.id})
        )
        note = f'<p><img src="/web/image/{picture.id}"/></p>'
        self.upcoming.with_user(self.user_alice).write({"employee_note": note})
        self.assertEqual((picture.res_model, picture.res_id), (self.upcoming._name, self.upcoming.id))
        self.assertEqual(picture.with_user(self.user_manager).read(["name"])[0]["name"], "plan.png")

    def test_nobody_writes_it_for_her(self):
        for user in (self.user_manager, self.user_director, self.user_officer):
            with self.assertRefused(AccessError, "Only the coached employee writes her private note on her talk."):
                self.upcoming.with_user(user).write({"employee_note": "<p>Forged</p>"})
        with self.assertRefused(AccessError, "Only the coached employee writes her private note on her talk."):
            self.env["hr.coaching.session.employee.note"].with_user(self.user_manager).create(
                {"session_id": self.upcoming.id, "note": "<p>Forged</p>"}
            )
        self.assertFalse(self.env["hr.coaching.session.employee.note"].search([]))

    def test_a_closed_talk_keeps_her_note_as_it_was(self):
        self.upcoming.with_user(self.user_alice).write({"employee_note": "<p>Before</p>"})
        self.upcoming.write({"will": "<p>Go</p>"})
        self.upcoming.action_done()
        with self.assertRefused(UserError, "The private note of a closed talk stays as it was."):
            self.upcoming.with_user(self.user_alice).write({"employee_note": "<p>After</p>"})
        self.assertEqual(self.upcoming.with_user(self.user_alice).employee_note, "<p>Before</p>")

    def test_a_closed_talk_keeps_the_files_of_her_note(self):
        note = (
            self.env["hr.coaching.session.employee.note"]
            .with_user(self.user_alice)
            .create({"session_id": self.upcoming.id, "note": "<p>Before</p>"})
        )
        picture = (
            self.env["ir.attachment"]
            .with_user(self.user_alice)
            .create({"name": "mine.png", "raw": b"x", "res_model": note._name, "res_id": note.id})
        )
        self.upcoming.write({"will": "<p>Go</p>"})
        self.upcoming.action_done()
        with self.assertRefused(UserError, "The files of a closed talk stay as it was"[:30]):
            picture.with_user(self.user_alice).unlink()
        with self.assertRefused(UserError, "The files of a closed talk stay as they were."):
            picture.with_user(self.user_alice).write({"raw": b"y"})
        self.assertEqual(picture.raw, b"x")

    def test_the_files_of_her_note_stay_with_her_note(self):
        note = (
            self.env["hr.coaching.session.employee.note"]
            .with_user(self.user_alice)
            .create({"session_id": self.upcoming.id, "note": "<p>Before</p>"})
        )
        picture = (
            self.env["ir.attachment"]
            .with_user(self.user_alice)
            .create({"name": "mine.png", "raw": b"x", "res_model": note._name, "res_id": note.id})
        )
        # Nor to her talk (which her coach reads), nor to her My Coaching page: only the addon moves them.
        for vals in (
            {"res_model": self.upcoming._name, "res_id": self.upcoming.id},
            {"res_model": self.home._name, "res_id": self.home.id},
        ):
            with self.assertRefused(AccessError, "The files of a talk stay with the talk."):
                picture.with_user(self.user_alice).write(vals)
        self.assertEqual((picture.res_model, picture.res_id), (note._name, note.id))

    def test_the_talk_form_shows_it_to_her_only(self):
        arch = self.env["hr.coaching.session"].get_views([(False, "form")])["views"]["form"]["arch"]
        block = etree.fromstring(arch).find(".//div[@name='employee_note']")
        self.assertEqual(block.get("invisible"), "not is_coached_employee")
        self.assertEqual(block.find("field").get("name"), "employee_note")
        self.assertTrue(self.upcoming.with_user(self.user_alice).is_coached_employee)
        self.assertFalse(self.upcoming.with_user(self.user_manager).is_coached_employee)


@tagged("post_install", "-at_install")
class TestEmployeeSide(CoachingCase):
    """Issue 22, item 11: the employee sees her side of the talk, not the coach's instructions and to-dos."""

    def test_no_trash_icon_on_a_closed_talk(self):
        session = self._session(self.alice, datetime(2026, 4, 6, 9, 0))
        point = (
            self.env["hr.coaching.topic"]
            .with_user(self.user_alice)
            .create({"session_id": session.id, "name": "My workload"})
        )
        self.assertTrue(point.with_user(self.user_alice).can_remove)
        session.write({"will": "<p>Go</p>"})
        session.action_done()
        point.invalidate_recordset(["can_remove"])
        self.assertEqual(
            (point.with_user(self.user_alice).can_remove, point.with_user(self.user_manager).can_remove),
            (False, False),
        )

    def test_the_coach_instructions_and_questions_are_the_coach_side_s_on_a_closed_talk(self):
        arch = etree.fromstring(self.env["hr.coaching.session"].get_views([(False, "form")])["views"]["form"]["arch"])
        instruction = arch.xpath("//div[@name='review']/p")[0]
        self.assertEqual(instruction.get("invisible"), "state != 'planned' or not is_coach_side")
        for stage in ("goal", "reality", "options", "will"):
            block = arch.xpath(f"//field[@name='{stage}_questions']/..")[0]
            self.assertEqual(
                block.get("invisible"),
                f"not {stage}_questions or not show_questions or (state == 'done' and not is_coach_side)",
                stage,
            )

    def test_her_chatter_shows_her_activities_not_the_coach_s(self):
        session = self._session(self.alice, datetime(2026, 4, 6, 9, 0), coach_id=self.manager.id)
        todo = "mail.mail_activity_data_todo"
        coach_activity = session.activity_schedule(todo, date_deadline=date(2026, 1, 5), user_id=self.user_manager.id)
        her_activity = session.activity_schedule(todo, date_deadline=date(2026, 4, 1), user_id=self.user_alice.id)

        def chatter_activities(user):
            store = Store()
            session.with_user(user)._thread_to_store(store, request_list=["activities"])
            result = store.get_result()
            (thread,) = result["mail.thread"]
            shown = {activity["id"] for activity in result.get("mail.activity", [])}
            return thread["activities"], shown

        self.assertEqual(chatter_activities(self.user_alice), ([her_activity.id], {her_activity.id}))
        listed, shown = chatter_activities(self.user_manager)
        self.assertEqual(sorted(listed), sorted((coach_activity | her_activity).ids))
        self.assertEqual(shown, {coach_activity.id, her_activity.id})


@tagged("post_install", "-at_install")
class TestReviewDialog(CoachingCase):
    """Issue 22, item 9: on My Coaching the employee rates a past talk in its review dialog."""

    def test_the_dialog_shows_the_recap_read_only_and_no_delete(self):
        Home = self.env["hr.coaching.home"].with_user(self.user_alice)
        arch = etree.fromstring(Home.get_views([(False, "form")])["views"]["form"]["arch"])
        field = arch.xpath("//field[@name='past_session_ids']")[0]
        self.assertEqual(field.get("options"), "{'create': False, 'delete': False, 'link': False, 'unlink': False}")
        dialog = field.find("form")
        self.assertEqual(
            [node.get("readonly") for node in dialog.xpath(".//field[@name='will' or @name='summary']")], ["1", "1"]
        )
        rating = dialog.xpath(".//field[@name='employee_rating']")[0]
        self.assertEqual(rating.get("readonly"), "state != 'done' or not is_coached_employee")

    def test_her_rating_is_saved_and_nothing_else(self):
        past = self._done_session(self.alice, datetime(2026, 3, 2, 9, 0))
        Home = self.env["hr.coaching.home"].with_user(self.user_alice)
        home = Home.browse(Home.action_open()["res_id"])
        spec = {"past_session_ids": {"fields": {"employee_rating": {}, "will": {}}}}
        result = home.web_save(
            {"past_session_ids": [[1, past.id, {"employee_rating": "4", "will": past.will}], [3, past.id]]}, spec
        )[0]
        self.assertEqual(past.employee_rating, "4")
        self.assertEqual([talk["employee_rating"] for talk in result["past_session_ids"]], ["4"])
        with self.assertRefused(UserError, "can no longer be changed"):
            home.web_save({"past_session_ids": [[1, past.id, {"will": "<p>Rewritten</p>"}]]}, spec)
        self.assertEqual(past.will, "<p>Ship the first draft.</p>")
