"""Benchmark of the cadence cron (issue 4), run by hand, not collected by pytest.

    ~/.cache/hr_performance_coaching/venv/bin/python tests/benchmarks/bench_cadence.py [-n N] [--keep] [--checkins]

Creates a throwaway database, installs the addon without demo data, bulk-inserts N employees (default 10,000) in
50 departments, one manager with a user per 20 employees, and one done talk each, dated so that about 30 % of them
are due or overdue (a fixture written with SQL, not a use case). Then it runs the cadence cron twice, batch after
batch with a commit in between as the cron worker does, and measures:
- the wall time and the SQL queries of each run;
- the ORM floor: one batch ``mail.activity.create`` of the same reminders (which also makes their assignees
  follow the records, as the cron does) plus one ``write`` of the status fields on all employees, in a transaction
  rolled back afterwards. With ``--mail`` (the company setting "E-mail Coaching Reminders" on), the cron and the
  floor both send Odoo's assignment notification of each reminder;
- the SQL floor, the physical limit of this database for the same rows: one ``INSERT … SELECT`` of the same
  activity rows (every column the ORM wrote), one of the same follower rows and their subtypes, the same message
  and notification rows with ``--mail``, plus one ``UPDATE`` of the status fields, also rolled back.
Then HR changes the shipped rule (monthly to every two months): the change wakes the cron, which runs to the end;
the line ``rule change:`` gives the time from the change until every status is right, checked against SQL.
The database is dropped at the end. The last line printed is
``cadence N=<n> ratio=<first run / ORM floor> sql_ratio=<first run / SQL floor> queries_per_1000=<q>
rerun_share=<second/first> signals_queries_per_1000=<q>``, the last one for the signals cron's run after the
cadence runs, on a history (``history_sql``: appraisals, commitments and old signals) that its last run, yesterday,
has read: it reads what changed since (the 1 % of appraisals of yesterday, the talks the cadence run planned and
the signals it raised).
Targets: ratio <= 1.5, sql_ratio <= 10, queries_per_1000 <= 60 and flat as N grows, rerun_share <= 0.2,
signals_queries_per_1000 <= 60 and flat.
With ``--checkins`` (weekly check-ins on, issue 26), every report also has 12 weeks of sent check-ins
(``checkins_sql``), the last one sent yesterday, after the signals cron's last run: that run reads every one of
them again for the check-in trend. The line then ends with ``checkin_queries_per_1000=<q>``: the queries of the
trend pass (the employees who sent a check-in since the last run, and the trend of each batch's last six
check-ins) per 1,000 employees. Target: checkin_queries_per_1000 <= 60.
``--profile FILE`` writes the cProfile statistics of the first run to FILE and prints where its time goes.
"""

import argparse
import cProfile
import pstats
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


def history_sql(today):
    """What the signals cron has to read past, written long ago: four done appraisals of each report over two years
    (one in ten dropped once and recovered), one open commitment per talk (due 30 days after it), and three old
    signals each, answered or dismissed (every drop among them). Then what changed since its last run (yesterday):
    one report in a hundred had an appraisal yesterday, rated lower than the one before."""
    old = f"TIMESTAMP '{today}' - interval '2 years'"
    return f"""
    INSERT INTO hr_appraisal (employee_id, company_id, state, visibility, date_close, performance_rating_raw, active,
                              create_date, write_date)
         SELECT b.id, 1, '3_done', 'all', DATE '{today}' - 180 * k,
                CASE WHEN b.n % 10 = 0 AND k = 2 THEN '3' ELSE '4' END, true, {old}, {old}
           FROM bench_emp b JOIN hr_employee e ON e.id = b.id, generate_series(1, 4) k
          WHERE e.parent_id IS NOT NULL;
    INSERT INTO hr_coaching_commitment (session_id, employee_id, coach_id, company_id, name, state, date_deadline,
                                        create_date, write_date)
         SELECT s.id, s.employee_id, s.coach_id, 1, 'Bench step', 'open', (s.date_scheduled + interval '30 days')::date,
                {old}, {old}
           FROM hr_coaching_session s WHERE s.name = 'Bench talk';
    INSERT INTO hr_coaching_signal (employee_id, company_id, department_id, name, signal_type, state, date,
                                    dismissed_date, appraisal_id, create_date, write_date)
         SELECT e.id, 1, e.department_id, 'Bench signal', t.signal_type, t.state, DATE '{today}' - t.days,
                CASE WHEN t.state = 'dismissed' THEN DATE '{today}' - t.days END,
                CASE WHEN t.signal_type = 'rating_drop'
                     THEN (SELECT a.id FROM hr_appraisal a WHERE a.employee_id = e.id ORDER BY a.date_close
                           OFFSET 2 LIMIT 1) END,
                {old}, {old}
           FROM bench_emp b JOIN hr_employee e ON e.id = b.id,
                (VALUES ('commitments_overdue', 'resolved', 400), ('cadence_overdue', 'resolved', 300),
                        ('manual', 'dismissed', 200), ('rating_drop', 'dismissed', 360)) t(signal_type, state, days)
          WHERE e.parent_id IS NOT NULL AND (t.signal_type <> 'rating_drop' OR b.n % 10 = 0);
    INSERT INTO hr_appraisal (employee_id, company_id, state, visibility, date_close, performance_rating_raw, active,
                              create_date, write_date)
         SELECT b.id, 1, '3_done', 'all', DATE '{today}' - 1, '2', true,
                TIMESTAMP '{today}' - interval '12 hours', TIMESTAMP '{today}' - interval '12 hours'
           FROM bench_emp b JOIN hr_employee e ON e.id = b.id
          WHERE e.parent_id IS NOT NULL AND b.n % 100 = 7;
    UPDATE ir_config_parameter
       SET value = '{{"day": "' || (DATE '{today}' - 1) || '", "since": "' || (TIMESTAMP '{today}' - interval '1 day')
                   || '"}}'
     WHERE key = 'hr_performance_coaching.signals_watermark';
    ANALYZE hr_appraisal, hr_coaching_commitment, hr_coaching_signal;
    """


def checkins_sql(today, weeks=12):
    """Twelve weeks of sent check-ins of each report, one a week, the last one yesterday (after the signals cron's
    last run; the others long ago). Workload and feeling wave between 3 and 4 (no trend), except: one report in
    twenty whose feeling fell from 4 to 2 over the last three weeks (a trend signal each), one in fifty who named
    the same blocker the last three weeks (a signal each), and one in twenty with a single low week, the last one
    (nothing)."""
    old = f"TIMESTAMP '{today}' - interval '2 years'"
    recent = f"TIMESTAMP '{today}' - interval '12 hours'"
    return f"""
    INSERT INTO hr_coaching_checkin (employee_id, company_id, date, state, workload, feeling, blocker,
                                     create_date, write_date)
         SELECT b.id, 1, DATE '{today}' - 1 - 7 * k, 'done',
                CASE WHEN b.n % 20 = 5 AND k = 0 THEN '1' ELSE (3 + (b.n + k) % 2)::text END,
                CASE WHEN b.n % 20 = 3 THEN (CASE WHEN k < 3 THEN '2' ELSE '4' END)
                     WHEN b.n % 20 = 5 AND k = 0 THEN '1'
                     ELSE (4 - (b.n + k) % 2)::text END,
                CASE WHEN b.n % 50 = 11 AND k < 3 THEN 'Waiting for the bench server' END,
                CASE WHEN k = 0 THEN {recent} ELSE {old} END, CASE WHEN k = 0 THEN {recent} ELSE {old} END
           FROM bench_emp b JOIN hr_employee e ON e.id = b.id, generate_series(0, {weeks - 1}) k
          WHERE e.parent_id IS NOT NULL;
    UPDATE res_company SET coaching_checkin = true WHERE id = 1;
    ANALYZE hr_coaching_checkin;
    """


class QueryCounter:
    """Counts the queries of some methods of a model while they run (the check-in trend pass of the signals cron)."""

    def __init__(self, model_class, *methods):
        self.queries = 0
        for name in methods:
            setattr(model_class, name, self._counted(getattr(model_class, name)))

    def _counted(self, method):
        def counted(model, *args, **kwargs):
            before = model.env.cr.sql_log_count
            try:
                return method(model, *args, **kwargs)
            finally:
                self.queries += model.env.cr.sql_log_count - before

        return counted


def say(message):
    print(f"[bench] {message}", flush=True)


def run_cron(registry, odoo, model="hr.coaching.cadence", method="_cron_check_cadence"):
    """Run the cadence cron (or another) to the end, one committed transaction per batch. Returns (seconds,
    queries, batches)."""
    started, queries, batches = time.perf_counter(), 0, 0
    remaining = True
    while remaining:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            before = cr.sql_log_count
            remaining = getattr(env[model], method)()
            queries += cr.sql_log_count - before
            cr.commit()
        batches += 1
    return time.perf_counter() - started, queries, batches


# The rows the cron makes besides sessions and signals, parents first: what both floors make again. A table with a
# parent is keyed by the column that points to the parent's new rows.
FLOOR_TABLES = [
    ("mail_message", "id", None),
    ("mail_message_res_partner_rel", "mail_message_id", "mail_message"),
    ("mail_mail", "mail_message_id", "mail_message"),
    ("mail_mail_res_partner_rel", "mail_mail_id", "mail_mail"),
    ("mail_notification", "mail_message_id", "mail_message"),
    ("mail_followers", "id", None),
    ("mail_followers_mail_message_subtype_rel", "mail_followers_id", "mail_followers"),
    ("mail_activity", "id", None),
]


def new_rows_snapshot(cr, before):
    """Copy into temp tables the rows the first run made (ids above ``before``) in FLOOR_TABLES.

    Returns {table: row count}."""
    counts = {}
    for table, key, parent in FLOOR_TABLES:
        source = f"bench_new_{parent or table}"
        if parent is None:
            cr.execute(
                f"CREATE TEMP TABLE bench_new_{table} AS SELECT * FROM {table} WHERE id > %s",
                [before.get(table, 0)],
            )
        else:
            cr.execute(
                f"CREATE TEMP TABLE bench_new_{table} AS SELECT * FROM {table} "
                f"WHERE {key} IN (SELECT id FROM {source})"
            )
        counts[table] = cr.rowcount
    return counts


def delete_new_rows(cr):
    """Delete the rows of the snapshot, children first: the floors make them again."""
    for table, key, parent in reversed(FLOOR_TABLES):
        source = f"bench_new_{parent or table}"
        cr.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {'id' if parent else key} FROM {source})")


def table_columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


STATUS_FIELDS = ["coaching_cadence_id", "last_coaching_date", "coaching_due_date", "next_coaching_date"]


def measure_floor(registry, odoo, before, today, mail):
    """The ORM floor: one batch create of the same activities plus one write of the status fields, rolled back.

    The followers the cron added are deleted first: the create subscribes the assignees again. With ``mail``, the
    create sends Odoo's assignment notification of each activity, as the cron then does.
    """
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Activity = env["mail.activity"]
        cr.execute("SELECT id FROM mail_activity WHERE id > %s", [before["mail_activity"]])
        activity_ids = [row[0] for row in cr.fetchall()]
        fields = [
            *("res_model_id", "res_id", "activity_type_id", "user_id", "date_deadline", "summary", "note"),
            "automated",
        ]
        vals_list = [
            {f: (v[0] if isinstance(v, tuple) else v) for f, v in row.items() if f != "id"}
            for row in Activity.browse(activity_ids).read(fields, load=None)
        ]
        new_rows_snapshot(cr, before)
        delete_new_rows(cr)
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


def measure_sql_floor(registry, odoo, before, today):
    """The SQL floor: the rows of the first run's activities, followers (and notifications) inserted again with one
    ``INSERT … SELECT`` per table, plus one ``UPDATE`` of every field the cron writes on all employees, rolled back.
    Returns (seconds, {table: rows})."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        rule = env.ref("hr_performance_coaching.hr_coaching_cadence_monthly")
        counts = new_rows_snapshot(cr, before)
        delete_new_rows(cr)
        columns = {table: ", ".join(table_columns(cr, table)) for table, _key, _parent in FLOOR_TABLES}
        cr.execute("SELECT id FROM hr_employee")
        employee_ids = tuple(row[0] for row in cr.fetchall())
        started = time.perf_counter()
        for table, _key, _parent in FLOOR_TABLES:
            if counts[table]:
                cr.execute(f"INSERT INTO {table} ({columns[table]}) SELECT {columns[table]} FROM bench_new_{table}")
        cr.execute(
            """UPDATE hr_employee
                  SET coaching_cadence_id = %s, last_coaching_date = %s, coaching_due_date = %s,
                      next_coaching_date = %s, coaching_status = 'due', coaching_checked_date = %s,
                      coaching_reminded_date = %s, coaching_escalated_date = %s
                WHERE id IN %s""",
            [rule.id, *([today] * 6), employee_ids],
        )
        floor = time.perf_counter() - started
        cr.rollback()
    return floor, counts


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
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        # Never coached: due the company's onboarding days after joining (the contract's start when hr_contract
        # is there), not one interval after; the rule's interval counts from the last talk.
        joined = (
            "COALESCE(e.first_contract_date, e.create_date::date)"
            if "first_contract_date" in env["hr.employee"]._fields
            else "e.create_date::date"
        )
        cr.execute(
            f"""SELECT COUNT(*) FROM hr_employee e JOIN res_company c ON c.id = e.company_id
                 WHERE e.active AND e.coaching_cadence_id IS NOT NULL
                   AND e.coaching_due_date IS DISTINCT FROM CASE
                       WHEN e.last_coaching_date IS NOT NULL THEN (e.last_coaching_date + interval '2 months')::date
                       ELSE {joined} + COALESCE(c.coaching_onboarding_days, 0) END"""
        )
        wrong = cr.fetchone()[0]
    return elapsed, queries, batches, wrong


def build_fixture(odoo, registry, db, employees, mail, checkins=False):
    """The employees, their talks and their managers' users; the company's e-mail setting; with ``checkins``, the
    reports' check-ins. Returns the managers."""
    today = date.today()  # the cron's context_today as superuser without time zone
    sql = fixture_sql(employees, today.isoformat()) + history_sql(today.isoformat())
    psql(db, sql + (checkins_sql(today.isoformat()) if checkins else ""))
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
        env.company.coaching_reminder_mail = mail
    return len(managers)


def max_ids(registry):
    """The highest id of each table of FLOOR_TABLES that has one: what the first run adds comes after."""
    with registry.cursor() as cr:
        result = {}
        for table, key, _parent in FLOOR_TABLES:
            if key == "id":
                cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
                result[table] = cr.fetchone()[0]
        return result


def profiled(profile, function, *args):
    """Run ``function``; with ``profile`` (a path), under cProfile, whose statistics go there and, in short, to
    the output."""
    if not profile:
        return function(*args)
    profiler = cProfile.Profile()
    result = profiler.runcall(function, *args)
    profiler.dump_stats(profile)
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--employees", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--mail", action="store_true", help="with the company setting 'E-mail Coaching Reminders' on (off by default)"
    )
    parser.add_argument(
        "--checkins", action="store_true", help="with 12 weeks of weekly check-ins per report (issue 26)"
    )
    parser.add_argument("--profile", metavar="FILE", help="write the cProfile statistics of the first run to FILE")
    args = parser.parse_args()

    with throwaway_database("bench_cadence", keep=args.keep) as (odoo, registry, db):
        today = date.today()  # the cron's context_today as superuser without time zone
        started = time.perf_counter()
        managers = build_fixture(odoo, registry, db, args.employees, args.mail, args.checkins)
        before = max_ids(registry)
        say(
            f"fixture: {args.employees} employees, {managers} managers with a user "
            f"in {time.perf_counter() - started:.1f} s"
        )

        first_s, first_q, batches = profiled(args.profile, run_cron, registry, odoo)
        with registry.cursor() as cr:
            cr.execute("SELECT COUNT(*) FROM mail_activity WHERE id > %s", [before["mail_activity"]])
            activities = cr.fetchone()[0]
            cr.execute("SELECT coaching_status, COUNT(*) FROM hr_employee GROUP BY 1 ORDER BY 1")
            statuses = dict(cr.fetchall())
            cr.execute("SELECT COUNT(*) FROM hr_coaching_signal")
            signals = cr.fetchone()[0]
        say(
            f"first run: {first_s:.2f} s, {first_q} queries, {batches} batches, "
            f"{activities} activities, {signals} signals, statuses {statuses}"
        )
        floor_s, floor_n = measure_floor(registry, odoo, before, today, args.mail)
        say(f"ORM floor: {floor_s:.2f} s ({floor_n} activities with their followers + one status write)")
        sql_floor_s, rows = measure_sql_floor(registry, odoo, before, today)
        rows_text = ", ".join(f"{count} {table}" for table, count in rows.items() if count)
        say(f"SQL floor: {sql_floor_s:.2f} s ({rows_text} + one status UPDATE)")
        second_s, second_q, _batches = run_cron(registry, odoo)
        with registry.cursor() as cr:
            cr.execute("SELECT COUNT(*) FROM mail_activity WHERE id > %s", [before["mail_activity"]])
            after = cr.fetchone()[0]
        say(f"second run: {second_s:.3f} s, {second_q} queries, new activities {after - activities}")
        trend = None
        if args.checkins:
            signal_class = registry["hr.coaching.signal"]
            trend = QueryCounter(signal_class, "_coaching_changed_checkin_employees", "_coaching_detect_checkin_trend")
        signals_s, signals_q, signals_batches = run_cron(registry, odoo, "hr.coaching.signal", "_cron_detect_signals")
        with registry.cursor() as cr:
            cr.execute("SELECT signal_type, state, COUNT(*) FROM hr_coaching_signal GROUP BY 1, 2 ORDER BY 1, 2")
            by_type = ", ".join(f"{kind} {state} {count}" for kind, state, count in cr.fetchall())
        say(
            f"signals run after it: {signals_s:.2f} s, {signals_q} queries, {signals_batches} batches; "
            f"signals now: {by_type}"
        )
        change_s, change_q, change_batches, wrong = measure_rule_change(registry, odoo)
        say(
            f"rule change: monthly to every 2 months over {args.employees} employees, every status right after "
            f"{change_s:.2f} s ({change_q} queries, {change_batches} batches, {wrong} wrong)"
        )
        line = (
            f"cadence N={args.employees} ratio={first_s / floor_s:.2f} sql_ratio={first_s / sql_floor_s:.2f} "
            f"queries_per_1000={first_q * 1000 / args.employees:.1f} rerun_share={second_s / first_s:.3f} "
            f"signals_queries_per_1000={signals_q * 1000 / args.employees:.1f}"
        )
        if trend:
            with registry.cursor() as cr:
                cr.execute("SELECT COUNT(*) FROM hr_coaching_checkin")
                checkins = cr.fetchone()[0]
            say(f"check-in trend pass: {checkins} check-ins, {trend.queries} queries in the signals run")
            line += f" checkin_queries_per_1000={trend.queries * 1000 / args.employees:.1f}"
        print(line)


if __name__ == "__main__":
    main()
