from . import hr_leave, res_company, res_config_settings
