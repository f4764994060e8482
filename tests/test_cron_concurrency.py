"""Two cron workers at once: every reminder is created exactly once.

Odoo's cron workers take a job with ``_acquire_one_job`` (``FOR NO KEY UPDATE SKIP LOCKED`` on its ir_cron row)
and run it with ``_process_job``: one job never runs in two workers at once. These tests drive that very runner
from two threads, each with its own cursor, and check that each coaching cron ran once and reminded once. A last
test shows why the cadence cron still locks employee rows: closing a talk refreshes the same rows meanwhile.

TransactionCase data is invisible to a second cursor, so these tests commit real data in the throwaway test
database of ./setup/test.sh (pytest-odoo's database) and remove what they made at the end.
"""

import json
import threading
import uuid
from datetime import date, datetime, timedelta

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
    """A manager with a user and 24 reports last coached 40 days ago, committed; removed afterwards."""
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
        # A talk 40 days ago each: past the monthly due date, within the grace days.
        env["hr.coaching.session"].create(
            [
                {"employee_id": report.id, "will": "<p>Act</p>", "date_scheduled": datetime.now() - timedelta(days=40)}
                for report in reports
            ]
        ).action_done()
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


def run_job_in_two_workers(registry, xmlid):
    """Make the cron job ready, then let two workers try to take and run it at once, as Odoo's cron threads do.

    Returns how many workers ran it.
    """
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cron = env.ref(xmlid)
        cron.write({"active": True, "nextcall": datetime.now() - timedelta(minutes=1)})
        job_id = cron.id
    db = odoo.sql_db.db_connect(registry.db_name)
    IrCron = registry["ir.cron"]
    barrier = threading.Barrier(2)
    ran, errors = [], []

    def worker():
        try:
            with db.cursor() as cron_cr:
                barrier.wait(timeout=30)
                try:
                    job = IrCron._acquire_one_job(cron_cr, job_id)
                except psycopg2.extensions.TransactionRollbackError:
                    cron_cr.rollback()  # the other worker ran it and moved its nextcall meanwhile
                    return
                if job:
                    ran.append(job_id)
                    IrCron._process_job(db, cron_cr, job)
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return len(ran)


def reminders_of(env, model, res_ids, xmlid):
    return env["mail.activity"].search(
        [
            ("res_model", "=", model),
            ("res_id", "in", res_ids),
            ("activity_type_id", "=", env.ref(f"hr_performance_coaching.{xmlid}").id),
        ]
    )


def test_two_workers_run_the_cadence_job_once(registry, team):
    """Two workers at once: one runs the cadence job, which plans one talk and gives one reminder per due report."""
    assert run_job_in_two_workers(registry, "hr_performance_coaching.ir_cron_coaching_cadence") == 1
    assert run_job_in_two_workers(registry, "hr_performance_coaching.ir_cron_coaching_cadence") == 1  # rerun
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        sessions = env["hr.coaching.session"].search(
            [("employee_id", "in", team["reports"]), ("state", "=", "planned")]
        )
        assert sorted(sessions.employee_id.ids) == sorted(team["reports"]), "one planned talk per report"
        assert len(sessions) == EMPLOYEES, "no talk planned twice"
        reminders = reminders_of(env, "hr.coaching.session", sessions.ids, "mail_activity_type_coaching_due")
        assert len(reminders) == EMPLOYEES, "one reminder per due talk, not two"
        assert set(reminders.user_id.ids) == {team["user"]}
        assert set(env["hr.employee"].browse(team["reports"]).mapped("coaching_status")) == {"overdue"}


def test_two_workers_run_the_commitments_job_once(registry, team):
    """Two workers at once: one runs the commitments job, which reminds the coach of each overdue commitment once."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        sessions = env["hr.coaching.session"].create(
            [
                {"employee_id": report, "will": "<p>Act</p>", "date_scheduled": datetime.now() - timedelta(days=10)}
                for report in team["reports"]
            ]
        )
        commitments = env["hr.coaching.commitment"].create(
            [{"session_id": s.id, "name": "Step", "date_deadline": date.today() - timedelta(days=7)} for s in sessions]
        )
        sessions.action_done()
        commitment_ids = commitments.ids
    assert run_job_in_two_workers(registry, "hr_performance_coaching.ir_cron_coaching_commitments") == 1
    assert run_job_in_two_workers(registry, "hr_performance_coaching.ir_cron_coaching_commitments") == 1
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        reminders = reminders_of(env, "hr.coaching.commitment", commitment_ids, "mail_activity_type_commitment_due")
        assert sorted(reminders.mapped("res_id")) == sorted(commitment_ids), "one reminder per overdue commitment"
        assert set(reminders.user_id.ids) == {team["user"]}


def test_cadence_cron_passes_by_an_employee_being_refreshed(registry, team):
    """While a talk's closing holds an employee's row, the cadence cron checks the others and takes that one later."""
    busy, today = team["reports"][0], date.today()
    with registry.cursor() as holder:
        holder.execute("SELECT id FROM hr_employee WHERE id = %s FOR UPDATE", [busy])
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["hr.coaching.cadence"]._cron_check_cadence(batch_size=10_000)
            checked = env["hr.employee"].browse(team["reports"]).filtered(lambda e: e.coaching_checked_date == today)
            assert sorted(checked.ids) == sorted(team["reports"][1:]), "all but the locked employee, without waiting"
        holder.rollback()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        assert env["hr.coaching.cadence"]._cron_check_cadence(batch_size=10_000) == 0
        assert env["hr.employee"].browse(busy).coaching_checked_date == today


WATERMARK_KEY = "hr_performance_coaching.signals_watermark"


@pytest.fixture
def overdue_team(registry, team):
    """The team, each report with two commitments overdue by a week; the signals cron's watermark restored after."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        watermark = env["ir.config_parameter"].get_param(WATERMARK_KEY)
        sessions = env["hr.coaching.session"].create(
            [
                {"employee_id": report, "will": "<p>Act</p>", "date_scheduled": datetime.now() - timedelta(days=10)}
                for report in team["reports"]
            ]
        )
        env["hr.coaching.commitment"].create(
            [
                {"session_id": s.id, "name": name, "date_deadline": date.today() - timedelta(days=days)}
                for s in sessions
                for name, days in (("Draft", 7), ("Review", 6))
            ]
        )
        sessions.action_done()
    yield team
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param(WATERMARK_KEY, watermark or "{}")


def overdue_signals(env, reports):
    return env["hr.coaching.signal"].search(
        [("employee_id", "in", reports), ("signal_type", "=", "commitments_overdue")]
    )


def test_two_workers_run_the_signals_job_once(registry, overdue_team):
    """Two workers at once: one runs the signals job, which raises one signal per report; a rerun adds none."""
    assert run_job_in_two_workers(registry, "hr_performance_coaching.ir_cron_coaching_signals") == 1
    assert run_job_in_two_workers(registry, "hr_performance_coaching.ir_cron_coaching_signals") == 1
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        signals = overdue_signals(env, overdue_team["reports"])
        assert sorted(signals.employee_id.ids) == sorted(overdue_team["reports"]), "one signal per report, once"
        assert len(signals) == EMPLOYEES


def test_signals_batches_in_two_workers_at_once_raise_each_signal_once(registry, overdue_team):
    """Two workers running the signals cron's batches at the same time (small batches): every report gets one
    signal, none twice, and the run completes: the watermark moves to today."""
    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            barrier.wait(timeout=30)
            for _batch in range(50):
                with registry.cursor() as cr:
                    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                    remaining = env["hr.coaching.signal"]._cron_detect_signals(batch_size=5)
                if not remaining:
                    return
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if env["hr.coaching.signal"]._cron_detect_signals(batch_size=1000):  # a worker passed by the other's lock
            raise AssertionError("the last run left employees")
        signals = overdue_signals(env, overdue_team["reports"])
        assert sorted(signals.employee_id.ids) == sorted(overdue_team["reports"])
        assert len(signals) == EMPLOYEES, "no signal twice"
        assert json.loads(env["ir.config_parameter"].get_param(WATERMARK_KEY))["day"] == date.today().isoformat()


def test_signals_cron_passes_by_an_employee_being_refreshed(registry, overdue_team):
    """While a talk's closing holds an employee's row, the signals cron does the others and takes that one later:
    the run is complete only then."""
    busy = overdue_team["reports"][0]
    with registry.cursor() as holder:
        holder.execute("SELECT id FROM hr_employee WHERE id = %s FOR UPDATE", [busy])
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.config_parameter"].set_param(WATERMARK_KEY, "{}")
            remaining = env["hr.coaching.signal"]._cron_detect_signals(batch_size=100_000)
            assert remaining == 1, "the locked employee is left, without waiting"
            signals = overdue_signals(env, overdue_team["reports"])
            assert sorted(signals.employee_id.ids) == sorted(overdue_team["reports"][1:])
            assert "day" not in json.loads(env["ir.config_parameter"].get_param(WATERMARK_KEY)), "run not complete"
        holder.rollback()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        assert env["hr.coaching.signal"]._cron_detect_signals(batch_size=100_000) == 0
        assert overdue_signals(env, [busy]).employee_id.ids == [busy]
