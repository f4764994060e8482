from . import hr_coaching_key_event_wizard
