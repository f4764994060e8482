from . import hr_coaching_session, project_milestone
