from . import (
    hr_coaching_close_wizard,
    hr_coaching_goal_reprioritize_wizard,
    hr_coaching_goal_template_wizard,
    hr_coaching_key_event_wizard,
    hr_coaching_request_wizard,
)
