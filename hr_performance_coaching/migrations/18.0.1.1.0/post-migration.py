from odoo import SUPERUSER_ID, api

CRONS = {
    "ir_cron_coaching_cadence": ("hr.coaching.cadence", "model._cron_check_cadence()"),
    "ir_cron_coaching_commitments": ("hr.coaching.commitment", "model._cron_remind_deadlines()"),
    "ir_cron_coaching_signals": ("hr.coaching.signal", "model._cron_detect_signals()"),
}
REMINDER_TYPES = ["mail_activity_type_coaching_due", "mail_activity_type_commitment_due"]


def migrate(cr, version):
    """The crons moved from hr.employee to the models that own them (noupdate data), and the reminders are
    automated activities now, so that activity_feedback and activity_unlink find the ones made before."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (model, code) in CRONS.items():
        cron = env.ref(f"hr_performance_coaching.{xmlid}", raise_if_not_found=False)
        if cron:
            cron.write({"model_id": env["ir.model"]._get_id(model), "code": code})
    types = [env.ref(f"hr_performance_coaching.{xmlid}").id for xmlid in REMINDER_TYPES]
    env["mail.activity"].search([("activity_type_id", "in", types), ("automated", "=", False)]).write(
        {"automated": True}
    )
