from datetime import date, datetime

from .common import CoachingCase

SECRET = "Secret-coach-note-7f3a"


class TestCoachingFile(CoachingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls._session(
            cls.alice,
            datetime(2026, 3, 2, 9, 0),
            goal="<p>Lead the spring release</p>",
            reality="<p>Reviews wait two days</p>",
            options="<p>Pair reviews in the morning</p>",
            will="<p>Book review slots</p>",
            summary="<p>Reviews are the bottleneck</p>",
        )
        cls.session.private_note = f"<p>{SECRET}</p>"
        cls.Commitment.create(
            {"session_id": cls.session.id, "name": "Book review slots", "date_deadline": date(2026, 3, 9)}
        )
        cls.session.action_done()
        cls.session.commitment_ids.outcome = "partly"
        cls.Report = cls.env["ir.actions.report"]

    def test_session_file_html(self):
        """The file of a set of sessions shows GROW, summary and commitment outcomes, never the private note."""
        self.assertEqual(self.session.private_note, f"<p>{SECRET}</p>")
        html, __ = self.Report._render_qweb_html(
            "hr_performance_coaching.hr_coaching_file_report_session", self.session.ids
        )
        html = html.decode()
        for text in (
            "Lead the spring release",
            "Reviews wait two days",
            "Pair reviews",
            "Reviews are the bottleneck",
            "Book review slots",
            "Partly kept",
        ):
            self.assertIn(text, html)
        self.assertNotIn(SECRET, html)

    def test_employee_file_as_manager(self):
        """The manager prints the employee's file; the private note stays out of it."""
        report = self.Report.with_user(self.user_manager)
        html, __ = report._render_qweb_html(
            "hr_performance_coaching.hr_coaching_file_report_employee",
            self.alice.ids,
            data={"date_from": "2026-01-01", "date_to": "2026-12-31"},
        )
        html = html.decode()
        self.assertIn("Alice Report", html)
        self.assertIn("Book review slots", html)
        self.assertNotIn(SECRET, html)

    def test_pdf_renders(self):
        """The PDF renders through wkhtmltopdf and carries no private note."""
        pdf, report_type = self.Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "hr_performance_coaching.hr_coaching_file_report_session", self.session.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertNotIn(SECRET.encode(), pdf)
