from odoo import http
from odoo.addons.survey.controllers.main import Survey
from odoo.http import request


class CoachingSurvey(Survey):
    @http.route()
    def survey_retry(self, survey_token, answer_token, **post):
        # A colleague gives their feedback on a talk once: their link shows what they sent, it opens no new answer.
        survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        if answer_sudo.coaching_session_id:
            return request.redirect(f"/survey/{survey_sudo.access_token}/{answer_sudo.access_token}")
        return super().survey_retry(survey_token, answer_token, **post)
