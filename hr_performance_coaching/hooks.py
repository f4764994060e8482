def uninstall_hook(env):
    """Remove the coaching reminders before their activity types go, and unlink the demo's employee user.

    Escalations sit on employees, which outlive the module, and an activity type still in use cannot be
    deleted: without this the uninstall would fail to remove the types and log database errors. Likewise the
    demo user is linked to a core demo employee.
    """
    types = env["ir.model.data"].search(
        [("module", "=", "hr_performance_coaching"), ("model", "=", "mail.activity.type")]
    )
    env["mail.activity"].with_context(active_test=False).search(
        [("activity_type_id", "in", types.mapped("res_id"))]
    ).unlink()
    # The demo's employee user is linked to a core demo employee, which outlives the module.
    users = env["ir.model.data"].search([("module", "=", "hr_performance_coaching"), ("model", "=", "res.users")])
    env["hr.employee"].with_context(active_test=False).search([("user_id", "in", users.mapped("res_id"))]).write(
        {"user_id": False}
    )
