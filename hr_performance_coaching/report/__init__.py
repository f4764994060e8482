from . import hr_coaching_report
