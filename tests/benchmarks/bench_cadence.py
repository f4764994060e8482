"""Benchmark of the cadence cron (issue 4), run by hand, not collected by pytest.

    ~/.cache/hr_performance_coaching/venv/bin/python tests/benchmarks/bench_cadence.py [-n N] [--keep]

Creates a throwaway database, installs the addon without demo data, bulk-inserts N employees (default 10,000) in
50 departments, one manager with a user per 20 employees, and one done talk each, dated so that about 30 % of them
are due or overdue (a fixture written with SQL, not a use case). Then it runs the cadence cron twice, batch after
batch with a commit in between as the cron worker does, and measures:
- the wall time and the SQL queries of each run;
- the floor: one batch ``mail.activity.create`` of the same reminders plus one ``write`` of the four status fields
  on all employees (in a transaction rolled back afterwards). With ``--mail`` (the company setting "E-mail Coaching
  Reminders" on), the cron and the floor both send Odoo's assignment notification of each reminder.
Then HR changes the shipped rule (monthly to every two months): the change wakes the cron, which runs to the end;
the line ``rule change:`` gives the time from the change until every status is right, checked against SQL.
The database is dropped at the end. The last line printed is
``cadence N=<n> ratio=<first run / floor> queries_per_1000=<q> rerun_share=<second/first>``.
Targets: ratio <= 1.5, queries_per_1000 <= 60 and flat as N grows, rerun_share <= 0.2.
"""

import argparse
import time
from datetime import date

from benchlib import org_sql, psql, throwaway_database

SPAN = 20  # employees per manager


def fixture_sql(employees, today, departments=50):
    """Employees with one done talk each. The shipped rule is monthly, reminder 3 days, grace 7 days:
    n % 20 in 0..13 -> on track (talk 5..18 days ago), 14..16 -> due, 17..18 -> overdue within grace,
    19 -> overdue past grace. Every 20th employee is a manager (no manager above: no coach)."""
    return (
        org_sql(employees, departments)
        + f"""
    INSERT INTO hr_employee (resource_id, company_id, name, marital, distance_home_work_unit, employee_type,
                             active, department_id, create_date, write_date)
         SELECT r.id, 1, r.name, 'single', 'kilometers', 'employee', true,
                (SELECT d.id FROM bench_dept d WHERE d.n = 1 + (r.id % {departments})),
                now() - interval '2 years', now() - interval '2 years'
           FROM resource_resource r WHERE r.name LIKE 'Bench employee %';
    CREATE TEMP TABLE bench_emp AS
         SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM hr_employee WHERE name LIKE 'Bench employee %';
    UPDATE hr_employee e SET parent_id = m.id
      FROM bench_emp b JOIN bench_emp m ON m.n = (b.n / {SPAN}) * {SPAN}
     WHERE e.id = b.id AND b.id <> m.id;
    INSERT INTO hr_coaching_session (name, employee_id, coach_id, company_id, department_id, date_scheduled,
                                     trigger_type, state, active, duration)
         SELECT 'Bench talk', e.id, h.parent_id, 1, h.department_id,
                DATE '{today}' - interval '1 month' + (CASE
                    WHEN b.n % 20 < 14 THEN 30 - 5 - (b.n % 14)      -- on track
                    WHEN b.n % 20 < 17 THEN 2 - (b.n % 20 - 14)      -- due: 0..2 days before the due date
                    WHEN b.n % 20 < 19 THEN -1 - (b.n % 20 - 17) * 3 -- overdue 1 or 4 days
                    ELSE -10 END) * interval '1 day' + interval '9 hours',
                'routine', 'done', true, 1
           FROM bench_emp b JOIN hr_employee e ON e.id = b.id JOIN hr_employee h ON h.id = b.id
          WHERE h.parent_id IS NOT NULL;
    ANALYZE hr_department, resource_resource, hr_employee, hr_coaching_session;
    """
    )


def say(message):
    print(f"[bench] {message}", flush=True)


def run_cron(registry, odoo):
    """Run the cadence cron to the end, one committed transaction per batch. Returns (seconds, queries)."""
    started, queries, batches = time.perf_counter(), 0, 0
    remaining = True
    while remaining:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            before = cr.sql_log_count
            remaining = env["hr.coaching.cadence"]._cron_check_cadence()
            queries += cr.sql_log_count - before
            cr.commit()
        batches += 1
    return time.perf_counter() - started, queries, batches


def measure_floor(registry, odoo, activity_ids, today, mail):
    """One batch create of the same activities plus one write of the status fields, rolled back.

    With ``mail``, the create sends Odoo's assignment notification of each activity, as the cron then does.
    """
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Activity = env["mail.activity"]
        fields = ["res_model_id", "res_id", "activity_type_id", "user_id", "date_deadline", "summary", "automated"]
        vals_list = [
            {f: (v[0] if isinstance(v, tuple) else v) for f, v in row.items() if f != "id"}
            for row in Activity.browse(activity_ids).read(fields, load=None)
        ]
        cr.execute("DELETE FROM mail_activity WHERE id IN %s", [tuple(activity_ids)])
        employees = env["hr.employee"].search([])
        rule = env.ref("hr_performance_coaching.hr_coaching_cadence_monthly")
        env.invalidate_all()
        employees.ids  # noqa: B018
        started = time.perf_counter()
        Activity.with_context(mail_activity_quick_update=not mail).create(vals_list)
        employees.write(
            {
                "coaching_cadence_id": rule.id,
                "last_coaching_date": today,
                "coaching_due_date": today,
                "next_coaching_date": today,
                "coaching_status": "due",
            }
        )
        env.flush_all()
        floor = time.perf_counter() - started
        cr.rollback()
    return floor, len(vals_list)


def measure_rule_change(registry, odoo):
    """HR sets the shipped rule to every two months; the cron runs until nothing is left. Returns the seconds from
    the change until every status is right, the cron's queries and batches, and the employees left wrong."""
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.ref("hr_performance_coaching.hr_coaching_cadence_monthly").interval_number = 2
        cr.commit()
    _seconds, queries, batches = run_cron(registry, odoo)
    elapsed = time.perf_counter() - started
    with registry.cursor() as cr:
        cr.execute(
            """SELECT COUNT(*) FROM hr_employee
                WHERE active AND coaching_cadence_id IS NOT NULL
                  AND coaching_due_date IS DISTINCT FROM
                      (COALESCE(last_coaching_date, create_date::date) + interval '2 months')::date"""
        )
        wrong = cr.fetchone()[0]
    return elapsed, queries, batches, wrong


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--employees", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--mail", action="store_true", help="with the company setting 'E-mail Coaching Reminders' on (off by default)"
    )
    args = parser.parse_args()

    with throwaway_database("bench_cadence", keep=args.keep) as (odoo, registry, db):
        today = date.today()  # the cron's context_today as superuser without time zone
        started = time.perf_counter()
        psql(db, fixture_sql(args.employees, today.isoformat()))
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            managers = env["hr.employee"].search([("name", "like", "Bench employee"), ("parent_id", "=", False)])
            users = (
                env["res.users"]
                .with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
                .create(
                    [
                        {
                            "name": m.name,
                            "login": f"bench_manager_{m.id}",
                            "groups_id": [(6, 0, [env.ref("base.group_user").id])],
                        }
                        for m in managers
                    ]
                )
            )
            for manager, user in zip(managers, users, strict=True):
                manager.user_id = user
            env.company.coaching_reminder_mail = args.mail
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM mail_activity")
            max_activity = cr.fetchone()[0]
        say(
            f"fixture: {args.employees} employees, {len(managers)} managers with a user "
            f"in {time.perf_counter() - started:.1f} s"
        )

        first_s, first_q, batches = run_cron(registry, odoo)
        with registry.cursor() as cr:
            cr.execute("SELECT id FROM mail_activity WHERE id > %s", [max_activity])
            activity_ids = [row[0] for row in cr.fetchall()]
            cr.execute("SELECT coaching_status, COUNT(*) FROM hr_employee GROUP BY 1 ORDER BY 1")
            statuses = dict(cr.fetchall())
            cr.execute("SELECT COUNT(*) FROM hr_coaching_signal")
            signals = cr.fetchone()[0]
        say(
            f"first run: {first_s:.2f} s, {first_q} queries, {batches} batches, "
            f"{len(activity_ids)} activities, {signals} signals, statuses {statuses}"
        )
        floor_s, floor_n = measure_floor(registry, odoo, activity_ids, today, args.mail)
        say(f"floor: {floor_s:.2f} s ({floor_n} activities + one status write)")
        second_s, second_q, _batches = run_cron(registry, odoo)
        with registry.cursor() as cr:
            cr.execute("SELECT COUNT(*) FROM mail_activity WHERE id > %s", [max_activity])
            after = cr.fetchone()[0]
        say(f"second run: {second_s:.3f} s, {second_q} queries, new activities {after - len(activity_ids)}")
        change_s, change_q, change_batches, wrong = measure_rule_change(registry, odoo)
        say(
            f"rule change: monthly to every 2 months over {args.employees} employees, every status right after "
            f"{change_s:.2f} s ({change_q} queries, {change_batches} batches, {wrong} wrong)"
        )
        print(
            f"cadence N={args.employees} ratio={first_s / floor_s:.2f} "
            f"queries_per_1000={first_q * 1000 / args.employees:.1f} rerun_share={second_s / first_s:.3f}"
        )


if __name__ == "__main__":
    main()
