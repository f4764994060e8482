def uninstall_hook(env):
    """Remove the coaching reminders before their activity types go.

    Escalations sit on employees, which outlive the module, and an activity type still in use cannot be
    deleted: without this the uninstall would fail to remove the types and log database errors.
    """
    types = env["ir.model.data"].search(
        [("module", "=", "hr_performance_coaching"), ("model", "=", "mail.activity.type")]
    )
    env["mail.activity"].with_context(active_test=False).search(
        [("activity_type_id", "in", types.mapped("res_id"))]
    ).unlink()
