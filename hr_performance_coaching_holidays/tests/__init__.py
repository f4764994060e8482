from . import test_i18n, test_return_from_leave
