from . import hr_coaching_goal, hr_employee_skill
