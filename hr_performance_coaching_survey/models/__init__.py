from . import (
    hr_coaching_session,
    res_company,
    res_config_settings,
    res_users,
    survey_question_answer,
    survey_survey,
    survey_user_input,
    survey_user_input_line,
)
