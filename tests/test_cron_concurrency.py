"""Two cron workers running the coaching crons at the same time create every reminder exactly once.

TransactionCase data is invisible to a second cursor, so this test commits real data in the throwaway test
database of ./setup/test.sh (pytest-odoo's database), runs each cron in two threads with their own cursors,
and removes what it made at the end.
"""

import threading
import uuid
from datetime import date, timedelta

import psycopg2
import pytest

import odoo
from odoo.tools import config

EMPLOYEES = 24
PREFIX = "Concurrency coachee"


@pytest.fixture
def registry():
    return odoo.modules.registry.Registry(config["db_name"])


@pytest.fixture
def team(registry):
    """A manager with a user and 24 reports, committed; removed afterwards."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create({"name": "Concurrency Manager", "login": f"concurrency_manager_{uuid.uuid4().hex[:8]}"})
        )
        manager = env["hr.employee"].create({"name": "Concurrency Manager", "user_id": user.id})
        reports = env["hr.employee"].create(
            [{"name": f"{PREFIX} {i}", "parent_id": manager.id} for i in range(EMPLOYEES)]
        )
        ids = {"user": user.id, "manager": manager.id, "reports": reports.ids}
    yield ids
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        employees = env["hr.employee"].browse([ids["manager"], *ids["reports"]])
        env["hr.coaching.signal"].search([("employee_id", "in", employees.ids)]).unlink()
        # Done talks refuse deletion by design; this is the test's own throwaway data.
        cr.execute("DELETE FROM hr_coaching_session WHERE employee_id IN %s", [tuple(employees.ids)])
        env["mail.activity"].search([("user_id", "=", ids["user"])]).unlink()
        employees.unlink()
        env["res.users"].browse(ids["user"]).unlink()


def run_in_two_workers(registry, method, today):
    """Run ``hr.employee.<method>`` batch after batch in two threads at once, each with its own cursor."""
    barrier = threading.Barrier(2)
    errors, rollbacks = [], []

    def worker():
        try:
            barrier.wait(timeout=30)
            for _batch in range(50):
                try:
                    with registry.cursor() as cr:
                        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                        if not getattr(env["hr.employee"], method)(batch_size=5, today=today):
                            return
                except psycopg2.extensions.TransactionRollbackError:
                    # Like Odoo's cron runner: the batch is rolled back and done again at the next call.
                    rollbacks.append(method)
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return rollbacks


def test_two_workers_remind_each_due_talk_once(registry, team):
    """Run at once by two workers, the cadence cron plans one talk and gives one reminder per due employee."""
    today = date.today() + timedelta(days=40)  # every new employee is past its first monthly due date
    run_in_two_workers(registry, "_cron_coaching_cadence", today)
    run_in_two_workers(registry, "_cron_coaching_cadence", today)  # and once more: nothing new
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        due_type = env.ref("hr_performance_coaching.mail_activity_type_coaching_due")
        sessions = env["hr.coaching.session"].search(
            [("employee_id", "in", team["reports"]), ("state", "=", "planned")]
        )
        assert sorted(sessions.employee_id.ids) == sorted(team["reports"]), "one planned talk per report"
        assert len(sessions) == EMPLOYEES, "no talk planned twice"
        reminders = env["mail.activity"].search(
            [
                ("res_model", "=", "hr.coaching.session"),
                ("res_id", "in", sessions.ids),
                ("activity_type_id", "=", due_type.id),
            ]
        )
        assert len(reminders) == EMPLOYEES, "one reminder per due talk, not two"
        assert set(reminders.user_id.ids) == {team["user"]}
        signals = env["hr.coaching.signal"].search(
            [("employee_id", "in", team["reports"]), ("signal_type", "=", "cadence_overdue")]
        )
        assert len(signals) == len(set(signals.employee_id.ids)), "at most one overdue signal per employee"


def test_two_workers_remind_each_overdue_commitment_once(registry, team):
    """Run at once by two workers, the commitments cron reminds the coach of each overdue commitment once."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        sessions = env["hr.coaching.session"].create(
            [{"employee_id": report, "will": "<p>Act</p>"} for report in team["reports"]]
        )
        commitments = env["hr.coaching.commitment"].create(
            [{"session_id": s.id, "name": "Step", "date_deadline": date.today() + timedelta(days=3)} for s in sessions]
        )
        sessions.action_done()
        commitment_ids = commitments.ids
    today = date.today() + timedelta(days=10)  # every commitment is a week overdue
    run_in_two_workers(registry, "_cron_coaching_commitments", today)
    run_in_two_workers(registry, "_cron_coaching_commitments", today)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        due_type = env.ref("hr_performance_coaching.mail_activity_type_commitment_due")
        reminders = env["mail.activity"].search(
            [
                ("res_model", "=", "hr.coaching.commitment"),
                ("res_id", "in", commitment_ids),
                ("activity_type_id", "=", due_type.id),
            ]
        )
        assert sorted(reminders.mapped("res_id")) == sorted(commitment_ids), "one reminder per overdue commitment"
        assert set(reminders.user_id.ids) == {team["user"]}
