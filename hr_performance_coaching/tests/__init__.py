from . import (
    test_access,
    test_analytics,
    test_appraisal_history,
    test_bad_input,
    test_coaching_file,
    test_commitment_loop,
    test_digest,
    test_performance,
    test_session_form,
    test_tour,
)
