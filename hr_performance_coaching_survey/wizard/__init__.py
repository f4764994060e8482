from . import hr_coaching_feedback_wizard, survey_invite
