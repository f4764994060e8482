from . import test_i18n, test_milestone, test_work_facts, test_work_facts_tour
