{
    "name": "Performance Coaching - Skills",
    "summary": "A development goal targets a skill level and is achieved when the employee reaches it",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Coaching",
    "website": "https://github.com/hr-performance-coaching/hr_performance_coaching",
    "author": "hr_performance_coaching developers",
    "license": "AGPL-3",
    "depends": ["hr_performance_coaching", "hr_skills"],
    "data": [
        "views/hr_coaching_goal_views.xml",
    ],
    "demo": [
        "demo/hr_coaching_goal_demo.xml",
    ],
    "auto_install": True,
    "installable": True,
}
