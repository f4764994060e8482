from odoo import Command
from odoo.addons.hr_performance_coaching.tests.common import CoachingCase
from odoo.tests import new_test_user

HELPS = "survey_coaching_feedback_helps"
TRY = "survey_coaching_feedback_try"
EXAMPLE = "survey_coaching_feedback_example"


class FeedbackCase(CoachingCase):
    """Mark Manager coaches Alice; Bob, Carol and Dave are asked for feedback on her planned talk; Erin is a
    colleague nobody asked; Sam manages the surveys and coaches nobody. Like Odoo's default users, everyone
    internal is a survey user: the record rules, not the lack of a group, keep the feedback private."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        survey_user = cls.env.ref("survey.group_survey_user")
        for user in (cls.user_director, cls.user_manager, cls.user_alice, cls.user_bob, cls.user_carol):
            user.groups_id = [Command.link(survey_user.id)]
        cls.user_dave = new_test_user(
            cls.env, login="feedback_dave", name="Dave Colleague", groups="base.group_user,survey.group_survey_user"
        )
        cls.user_erin = new_test_user(
            cls.env, login="feedback_erin", name="Erin Colleague", groups="base.group_user,survey.group_survey_user"
        )
        cls.user_survey_manager = new_test_user(
            cls.env, login="feedback_sam", name="Sam Surveys", groups="base.group_user,survey.group_survey_manager"
        )
        # Everyone may export: the export is one of the read paths tested.
        export = cls.env.ref("base.group_allow_export")
        (
            cls.user_director
            | cls.user_manager
            | cls.user_alice
            | cls.user_bob
            | cls.user_carol
            | cls.user_officer
            | cls.user_dave
            | cls.user_erin
            | cls.user_survey_manager
        ).groups_id = [Command.link(export.id)]
        cls.dave, cls.erin, cls.sam = cls.env["hr.employee"].create(
            [
                {"name": "Dave Colleague", "user_id": cls.user_dave.id},
                {"name": "Erin Colleague", "user_id": cls.user_erin.id},
                {"name": "Sam Surveys", "user_id": cls.user_survey_manager.id},
            ]
        )
        cls.survey = cls.env.ref("hr_performance_coaching_survey.survey_coaching_feedback")
        cls.question_helps = cls.env.ref(f"hr_performance_coaching_survey.{HELPS}")
        cls.question_try = cls.env.ref(f"hr_performance_coaching_survey.{TRY}")
        cls.question_example = cls.env.ref(f"hr_performance_coaching_survey.{EXAMPLE}")
        cls.question_sign = cls.env.ref("hr_performance_coaching_survey.survey_coaching_feedback_sign")
        cls.sign_yes = cls.env.ref("hr_performance_coaching_survey.survey_coaching_feedback_sign_yes")
        cls.sign_no = cls.env.ref("hr_performance_coaching_survey.survey_coaching_feedback_sign_no")
        cls.talk = cls._session(cls.alice)

    def _ask(self, user, colleagues, session=None):
        """Ask ``colleagues`` for feedback on ``session`` (the talk) through the wizard, as ``user``."""
        wizard = (
            self.env["hr.coaching.feedback.wizard"]
            .with_user(user)
            .with_context(default_session_id=(session or self.talk).id)
            .create({"colleague_ids": [Command.set(colleagues.ids)]})
        )
        wizard.action_send()
        return self.env["survey.user_input"].search([("coaching_session_id", "=", (session or self.talk).id)])

    def _answer_of(self, employee, session=None):
        return self.env["survey.user_input"].search(
            [
                ("coaching_session_id", "=", (session or self.talk).id),
                ("partner_id", "=", employee.user_id.partner_id.id),
            ]
        )

    def _fill(self, answer, helps, try_, example=None, sign=False):
        """Fill an answer as the token routes do (as superuser) and submit it."""
        answer = answer.sudo()
        answer._save_lines(self.question_helps, helps)
        answer._save_lines(self.question_try, try_)
        if example:
            answer._save_lines(self.question_example, example)
        answer._save_lines(self.question_sign, (self.sign_yes if sign else self.sign_no).id)
        answer._mark_done()
