from . import (
    test_feedback_access,
    test_feedback_flow,
    test_feedback_http,
    test_feedback_request,
    test_feedback_tour,
    test_i18n,
)
