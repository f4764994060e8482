{
    "name": "Performance Coaching: Feedback Surveys",
    "summary": "Before a coaching talk, the coach asks colleagues for feedback with a survey; the answers stay "
    "with the talk, anonymous unless signed",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Coaching",
    "website": "https://github.com/hr-performance-coaching/hr_performance_coaching",
    "author": "hr_performance_coaching developers",
    "license": "AGPL-3",
    "depends": ["hr_performance_coaching", "survey"],
    "data": [
        "security/hr_performance_coaching_survey_security.xml",
        "security/ir.model.access.csv",
        "data/survey_survey_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/hr_coaching_session_views.xml",
        "views/res_config_settings_views.xml",
        "views/survey_survey_views.xml",
        "views/survey_templates.xml",
        "wizard/hr_coaching_feedback_wizard_views.xml",
    ],
    "demo": ["demo/hr_coaching_feedback_demo.xml"],
    "assets": {
        "web.assets_tests": ["hr_performance_coaching_survey/static/tests/tours/**/*"],
    },
    "auto_install": True,
    "installable": True,
}
