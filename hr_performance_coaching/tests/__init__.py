from . import (
    test_access,
    test_appraisal_history,
    test_bad_input,
    test_commitment_loop,
    test_performance,
    test_session_form,
    test_tour,
)
