from . import hr_coaching_coverage_report, hr_coaching_file, hr_coaching_report
