from . import test_goal_template_skill, test_i18n, test_skill_goal
