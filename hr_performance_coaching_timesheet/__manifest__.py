{
    "name": "Performance Coaching - Timesheets",
    "summary": "The talk's facts since the last talk show the hours the employee logged against the allocated hours",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Coaching",
    "website": "https://github.com/hr-performance-coaching/hr_performance_coaching",
    "author": "hr_performance_coaching developers",
    "license": "AGPL-3",
    "depends": ["hr_performance_coaching_project", "hr_timesheet"],
    "demo": [
        "demo/timesheet_demo.xml",
    ],
    "auto_install": True,
    "installable": True,
}
