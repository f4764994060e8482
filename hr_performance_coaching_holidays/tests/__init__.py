from . import test_return_from_leave
