from odoo import SUPERUSER_ID, api

TEMPLATES = (
    "hr_performance_coaching.mail_template_coaching_invitation",
    "hr_performance_coaching.mail_template_coaching_recap",
)


def migrate(cr, version):
    """The invitation tells the talk's time as the employee's language writes it, without seconds, since 1.4.0:
    the two templates are reset from the module, as Settings' "Reset Template" does."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in TEMPLATES:
        if template := env.ref(xmlid, raise_if_not_found=False):
            template.reset_template()
