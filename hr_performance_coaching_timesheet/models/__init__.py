from . import hr_coaching_session
