from . import project_milestone
