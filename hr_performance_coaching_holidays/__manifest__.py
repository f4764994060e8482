{
    "name": "Performance Coaching - Time Off",
    "summary": "A coaching signal when an employee comes back from a long leave",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Coaching",
    "website": "https://github.com/hr-performance-coaching/hr_performance_coaching",
    "author": "hr_performance_coaching developers",
    "license": "AGPL-3",
    "depends": ["hr_performance_coaching", "hr_holidays"],
    "data": [
        "data/ir_cron_data.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/hr_leave_demo.xml"],
    "auto_install": True,
    "installable": True,
}
