from . import test_i18n, test_skill_goal
