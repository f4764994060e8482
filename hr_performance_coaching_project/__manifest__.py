{
    "name": "Performance Coaching - Project Milestones",
    "summary": "A reached project milestone asks the coaches of the people who worked on it for a talk",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Coaching",
    "website": "https://github.com/hr-performance-coaching/hr_performance_coaching",
    "author": "hr_performance_coaching developers",
    "license": "AGPL-3",
    "depends": ["hr_performance_coaching", "project"],
    "data": [
        "views/project_milestone_views.xml",
        "views/hr_coaching_session_views.xml",
    ],
    "demo": [
        "demo/project_demo.xml",
    ],
    "assets": {
        "web.assets_backend": ["hr_performance_coaching_project/static/src/work_facts/*"],
        "web.assets_tests": ["hr_performance_coaching_project/static/tests/tours/**/*"],
    },
    "auto_install": True,
    "installable": True,
}
