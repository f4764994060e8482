"""The trust boundary over HTTP, as the web client and the HTML editor call it."""

import base64
import json
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

# A 1x1 PNG, as the HTML editor would upload it.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestTrustOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager = new_test_user(
            cls.env, login="http_manager", password="http_manager", groups="base.group_user"
        )
        cls.user_alice = new_test_user(cls.env, login="http_alice", password="http_alice", groups="base.group_user")
        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({"name": "Mark Manager", "user_id": cls.user_manager.id})
        cls.alice = Employee.create({"name": "Alice Report", "user_id": cls.user_alice.id, "parent_id": cls.manager.id})
        cls.talk = cls.env["hr.coaching.session"].create(
            {"employee_id": cls.alice.id, "date_scheduled": datetime(2026, 3, 2, 9, 0)}
        )

    def _upload_into_private_note(self):
        """As the coach: upload a picture with the HTML editor while editing the session, put it in the note."""
        self.authenticate("http_manager", "http_manager")
        media = self.make_jsonrpc_request(
            "/html_editor/attachment/add_data",
            {
                "name": "whiteboard.png",
                "data": base64.b64encode(PIXEL).decode(),
                "is_image": True,
                "res_model": "hr.coaching.session",
                "res_id": self.talk.id,
            },
        )
        attachment = self.env["ir.attachment"].browse(media["id"])
        self.talk.with_user(
            self.user_manager
        ).private_note = f'<p>Whiteboard:</p><img src="/web/image/{attachment.id}-{attachment.checksum[:8]}">'
        return attachment

    def test_pictures_of_the_private_note_stay_private(self):
        attachment = self._upload_into_private_note()
        self.assertEqual((attachment.res_model, attachment.res_id), ("hr.coaching.session.note", self.talk.note_ids.id))
        # The coach still sees the picture.
        self.assertEqual(self.url_open(f"/web/content/{attachment.id}").content, PIXEL)
        # The coached employee finds it on no path.
        self.authenticate("http_alice", "http_alice")
        Attachment = self.env["ir.attachment"].with_user(self.user_alice)
        self.assertFalse(Attachment.search([("id", "=", attachment.id)]))
        # The talk's own files she reads are those of its messages: the meeting of her invitation, no picture.
        talk_files = Attachment.search([("res_model", "=", "hr.coaching.session"), ("res_id", "=", self.talk.id)])
        self.assertEqual(talk_files.mapped("name"), ["invitation.ics"])
        self.assertEqual(self.url_open(f"/web/content/{attachment.id}").status_code, 404)
        self.assertNotEqual(self.url_open(f"/web/image/{attachment.id}").content, PIXEL)
        self.assertNotEqual(self.url_open(f"/web/content/{attachment.id}?download=true").content, PIXEL)

        def web_read(specification):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw/hr.coaching.session/web_read",
                {
                    "model": "hr.coaching.session",
                    "method": "web_read",
                    "args": [[self.talk.id]],
                    "kwargs": {"specification": specification},
                },
            )

        self.assertFalse(web_read({"private_note": {}})[0]["private_note"])
        # The technical link to the note is for administrators only (docs/security.md).
        with self.assertRaisesRegex(Exception, "AccessError"):
            web_read({"note_ids": {"fields": {"note": {}}}})

    def _upload(self, name):
        """As the coach: upload a picture with the HTML editor while editing the session, and leave it there."""
        self.authenticate("http_manager", "http_manager")
        media = self.make_jsonrpc_request(
            "/html_editor/attachment/add_data",
            {
                "name": name,
                "data": base64.b64encode(PIXEL).decode(),
                "is_image": True,
                "res_model": "hr.coaching.session",
                "res_id": self.talk.id,
            },
        )
        return self.env["ir.attachment"].browse(media["id"])

    def test_files_left_on_the_session_stay_with_the_coach_side(self):
        """Second red team: the editor's crop original, a picture removed before saving, a picture uploaded before
        the note is saved all stay on the session; the coached employee downloads none of them. She still reads
        the files of the messages she reads."""
        pending = self._upload("before-save.png")
        original = self._upload("to-crop.png")
        cropped_src = self.make_jsonrpc_request(
            f"/html_editor/modify_image/{original.id}",
            {
                "res_model": "hr.coaching.session",
                "res_id": self.talk.id,
                "data": base64.b64encode(PIXEL).decode(),
                "mimetype": "image/png",
                "name": "cropped.png",
            },
        )
        cropped = self.env["ir.attachment"].search([("original_id", "=", original.id)])
        self.assertIn(str(cropped.id), cropped_src)
        self.talk.with_user(self.user_manager).private_note = f'<p>Cropped:</p><img src="/web/image/{cropped.id}">'
        self.assertEqual(cropped.res_model, "hr.coaching.session.note")
        self.assertEqual((original.res_model, pending.res_model), ("hr.coaching.session", "hr.coaching.session"))
        message = self.talk.message_post(
            body="Shared with both",
            attachment_ids=self.env["ir.attachment"]
            .create(
                {"name": "agenda.txt", "raw": b"agenda", "res_model": "hr.coaching.session", "res_id": self.talk.id}
            )
            .ids,
        )
        for attachment in (pending, original, cropped):
            self.assertEqual(self.url_open(f"/web/content/{attachment.id}").content, PIXEL, "the coach reads it")
        self.authenticate("http_alice", "http_alice")
        for attachment in (pending, original, cropped):
            self.assertEqual(self.url_open(f"/web/content/{attachment.id}").status_code, 404, attachment.name)
            self.assertNotEqual(self.url_open(f"/web/image/{attachment.id}").content, PIXEL, attachment.name)
            with self.assertRaises(AccessError):
                attachment.with_user(self.user_alice).read(["datas"])
        self.assertEqual(self.url_open(f"/web/content/{message.attachment_ids.id}").content, b"agenda")

    def test_coaching_file_of_two_employees(self):
        """Second red team: the Coaching File printed for two employees gave a 500."""
        bob = self.env["hr.employee"].create({"name": "Bob Report", "parent_id": self.manager.id})
        for employee, when in ((self.alice, datetime(2026, 3, 2, 9, 0)), (bob, datetime(2026, 3, 3, 9, 0))):
            talk = self.env["hr.coaching.session"].create(
                {"employee_id": employee.id, "date_scheduled": when, "will": f"<p>{employee.name} will try.</p>"}
            )
            talk.action_done()
        self.authenticate("http_manager", "http_manager")
        options = json.dumps({"date_from": "2026-01-01", "date_to": "2026-12-31"})
        response = self.url_open(
            f"/report/html/hr_performance_coaching.report_coaching_file_employee/{self.alice.id},{bob.id}"
            f"?options={options}"
        )
        self.assertEqual(response.status_code, 200, response.text[:2000])
        for text in ("Alice Report will try.", "Bob Report will try."):
            self.assertIn(text, response.text)
        pdf = self.url_open(
            f"/report/pdf/hr_performance_coaching.report_coaching_file_employee/{self.alice.id},{bob.id}"
        )
        self.assertEqual((pdf.status_code, pdf.headers["Content-Type"]), (200, "application/pdf"), pdf.text[:2000])

    def test_coaching_file_refuses_bad_dates_in_words(self):
        self.authenticate("http_manager", "http_manager")
        report = "/report/html/hr_performance_coaching.report_coaching_file_employee"
        for options in ({"date_from": "garbage"}, {"date_to": 5}):
            response = self.url_open(f"{report}/{self.alice.id}?options={json.dumps(options)}")
            self.assertEqual(response.status_code, 400, options)
            self.assertIn("needs dates such as 2026-01-31", response.text, options)
        response = self.url_open(f"{report}/{self.alice.id}?options={json.dumps({'date_from': '2026-01-01'})}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Alice Report", response.text)
