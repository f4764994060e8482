from . import test_skill_goal
