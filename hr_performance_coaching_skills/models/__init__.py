from . import hr_coaching_goal, hr_coaching_goal_template, hr_employee_skill
