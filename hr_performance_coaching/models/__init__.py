# isort: skip_file
# The mixin is loaded before the models that inherit it.
from . import hr_coaching_sortable_mixin
from . import hr_coaching_scope_mixin
from . import hr_coaching_mixin
# The session's parts before the session, which inherits them.
from . import hr_coaching_session_meeting
from . import hr_coaching_session_mail
from . import hr_coaching_session
from . import hr_coaching_template
from . import hr_coaching_template_question
from . import calendar_event
from . import hr_coaching_note_mixin
from . import hr_coaching_session_note
from . import hr_coaching_session_employee_note
from . import hr_coaching_session_employee
from . import hr_coaching_commitment
from . import hr_coaching_topic
from . import hr_coaching_goal
from . import hr_job
from . import hr_coaching_home
from . import hr_employee
from . import hr_employee_public
from . import hr_coaching_cadence
from . import hr_coaching_signal
from . import hr_coaching_signal_detection
from . import res_company
from . import res_users
from . import mail_activity
from . import ir_ui_menu
from . import res_config_settings
from . import hr_appraisal
from . import digest_digest
from . import ir_attachment
