from . import hr_coaching_goal, hr_employee_skill
from . import hr_coaching_goal_template
