{
    "name": "Performance Coaching",
    "summary": "Year-round GROW coaching talks, commitments that are followed up, "
    "cadence reminders and the coaching history of appraisals",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Coaching",
    "website": "https://github.com/hr-performance-coaching/hr_performance_coaching",
    "author": "hr_performance_coaching developers",
    "license": "AGPL-3",
    "depends": ["hr", "mail", "calendar", "digest", "hr_appraisal_oca"],
    "data": [
        "security/hr_performance_coaching_groups.xml",
        "security/hr_performance_coaching_security.xml",
        "security/ir.model.access.csv",
        "data/hr_coaching_template_data.xml",
        "views/hr_coaching_template_views.xml",
        "views/hr_coaching_commitment_views.xml",
        "views/hr_coaching_session_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_appraisal_views.xml",
        "report/hr_coaching_report_views.xml",
        "views/hr_performance_coaching_menus.xml",
    ],
    "demo": [
        "demo/hr_coaching_session_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["hr_performance_coaching/static/tests/tours/**/*"],
    },
    "application": True,
    "installable": True,
}
