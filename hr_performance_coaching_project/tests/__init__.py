from . import test_milestone
