"""Benchmark of the coaching analytics (issue 5), run by hand, not collected by pytest.

    ~/.cache/hr_performance_coaching/venv/bin/python tests/benchmarks/bench_analytics.py [--sessions N] [--employees N]

Creates a throwaway database, installs the addon without demo data, bulk-inserts employees, departments and done
sessions with SQL (a fixture, not a use case), then measures:
- read_group month x department on hr.coaching.report (target <= 0.5 s, best of 3 after a warm-up);
- the queries of reading the coaching tab fields of 50 appraisals (target <= 6);
- Coaching Impact (issue 24): ``hr.coaching.impact.compute_impact()`` over two done appraisals per employee
  (20,000 appraisals at the default size) and the talks of their periods (target <= 2 s, best of 3 after a warm-up).
- a manager's read_group on hr.coaching.report when he sees 500 of the talks (issue 24, item 5): its time, its
  queries and the EXPLAIN (ANALYZE, BUFFERS) of its query, printed (the record rules' filter picks his talks by
  index: no window over the whole table).
The database is dropped at the end. The last line printed is
``analytics sessions=<n> read_group_s=<t> history_queries=<q> impact_s=<t>``.
"""

import argparse
import importlib.util
import time
from unittest import mock

from benchlib import ADDON, REPO, org_sql, psql, throwaway_database

FIELDS = [
    "previous_appraisal_id",
    "rating_change",
    "coaching_session_ids",
    "coaching_session_count",
    "commitment_kept_rate",
]


def fixture_sql(employees, sessions, departments=50):
    return (
        org_sql(employees, departments)
        + f"""
    INSERT INTO hr_employee (resource_id, company_id, name, marital, distance_home_work_unit, employee_type,
                             active, department_id)
         SELECT r.id, 1, r.name, 'single', 'kilometers', 'employee', true,
                (SELECT d.id FROM bench_dept d WHERE d.n = 1 + (r.id % {departments}))
           FROM resource_resource r WHERE r.name LIKE 'Bench employee %';
    CREATE TEMP TABLE bench_emp AS
         SELECT id, department_id, row_number() OVER (ORDER BY id) AS n FROM hr_employee
          WHERE name LIKE 'Bench employee %';
    -- a manager per 20 employees
    UPDATE hr_employee e SET parent_id = m.id
      FROM bench_emp b JOIN bench_emp m ON m.n = 1 + ((b.n - 1) / 20) * 20
     WHERE e.id = b.id AND b.id <> m.id;
    INSERT INTO hr_coaching_session (name, employee_id, coach_id, company_id, department_id, date_scheduled,
                                     trigger_type, state, active, duration)
         SELECT 'Bench session', e.id, COALESCE(h.parent_id, (SELECT min(id) FROM bench_emp)), 1, e.department_id,
                now() - (g % 730) * interval '1 day' - (g % 9) * interval '1 hour',
                (ARRAY['routine', 'key_event', 'anomaly', 'ad_hoc'])[1 + g % 4],
                (ARRAY['done', 'done', 'done', 'planned', 'cancelled'])[1 + g % 5], true, 1
           FROM generate_series(1, {sessions}) g
           JOIN bench_emp e ON e.n = 1 + (g % {employees})
           JOIN hr_employee h ON h.id = e.id;
    {appraisals_sql()}
    ANALYZE hr_department, resource_resource, hr_employee, hr_coaching_session, hr_appraisal;
    """
    )


def appraisals_sql():
    """Two done appraisals per employee, a year apart (Coaching Impact reads each pair with the talks between them):
    20,000 appraisals at the default size. The ratings are spread over the scale by a hash of the employee."""
    return """
    INSERT INTO hr_appraisal (employee_id, company_id, state, visibility, date_close, active,
                              performance_rating_raw, manager_feedback_published, employee_feedback_published)
         SELECT e.id, 1, '3_done', 'all', d::date, true,
                (1 + (hashint8(e.n * 2 + k)::bigint % 5 + 5) % 5)::varchar, true, true
           FROM bench_emp e, LATERAL (VALUES (1, now() - interval '1 year'), (2, now() - interval '1 week')) v(k, d);
    """


def time_impact(env, user):
    """Coaching Impact as ``user``: best of 3 runs of compute_impact after a warm-up (target <= 2 s)."""
    impact = env["hr.coaching.impact"].with_user(user)
    result = impact.compute_impact()  # warm-up
    timings = []
    for __ in range(3):
        env.invalidate_all()
        started = time.perf_counter()
        result = impact.compute_impact()
        timings.append(time.perf_counter() - started)
    print(
        f"[bench] Coaching Impact: n={result['n']} effect={result['effect']} verdict={result['verdict']}, "
        f"runs {', '.join(f'{t:.3f}' for t in timings)} s",
        flush=True,
    )
    return min(timings)


def store_analysis(cr):
    """Fill what the analysis stores on each talk (issue 24, item 5) for the talks the fixture inserted in SQL, as
    the migration to 18.0.1.6.0 does for existing databases."""
    path = REPO / ADDON / "migrations" / "18.0.1.6.0" / "post-migrate.py"
    spec = importlib.util.spec_from_file_location("coaching_store_analysis", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    started = time.perf_counter()
    migration.migrate(cr, None)
    cr.execute("ANALYZE hr_coaching_session")
    print(f"[bench] analysis columns of the talks filled in {time.perf_counter() - started:.1f} s", flush=True)


def manager_who_sees(env, talks=500):
    """A manager with a user, above enough employees of the fixture to see about ``talks`` talks (the fixture gives
    each employee the same number): the rest of the talks are other branches'."""
    env.cr.execute("SELECT COUNT(*), COUNT(DISTINCT employee_id) FROM hr_coaching_session")
    total, employees = env.cr.fetchone()
    employee_group = env.ref("base.group_user")
    user = env["res.users"].create(
        {"name": "Bench Branch Manager", "login": "bench_branch_manager", "groups_id": [(6, 0, employee_group.ids)]}
    )
    manager = env["hr.employee"].create({"name": "Bench Branch Manager", "user_id": user.id})
    reports = max(1, round(talks * employees / total))
    env.cr.execute(
        """UPDATE hr_employee SET parent_id = %s, coach_id = NULL
            WHERE id IN (SELECT DISTINCT employee_id FROM hr_coaching_session ORDER BY employee_id LIMIT %s)""",
        (manager.id, reports),
    )
    env.invalidate_all()
    env.registry.clear_cache()
    return user


def explain_manager_read_group(env, talks=500):
    """A manager's pivot on the analysis (done talks, month x department, kept rate) when he sees ``talks`` of all
    the talks: best time of 3, queries, and the EXPLAIN (ANALYZE, BUFFERS) of its query, printed line by line.
    Returns (talks he sees, all talks, seconds, queries, whether the plan has a window)."""
    user = manager_who_sees(env, talks)
    report = env["hr.coaching.report"].with_user(user)
    args = ([], ["__count", "kept_rate:avg"], ["date:month", "department_id"])
    seen, total = report.search_count([]), env["hr.coaching.report"].search_count([])
    report.read_group(*args, lazy=False)  # warm-up: the rules' cache
    timings = []
    for __ in range(3):
        before = env.cr.sql_log_count
        started = time.perf_counter()
        report.read_group(*args, lazy=False)
        timings.append(time.perf_counter() - started)
        queries = env.cr.sql_log_count - before
    executed = []
    execute = type(env.cr).execute

    def spy(cr, query, params=None, log_exceptions=True):
        executed.append((query, params))
        return execute(cr, query, params, log_exceptions)

    with mock.patch.object(type(env.cr), "execute", spy):
        report.read_group(*args, lazy=False)
    [(query, params)] = [(q, p) for q, p in executed if "hr_coaching_report" in str(q)]
    sql = env.cr.mogrify(query, params).decode() if params else env.cr.mogrify(query).decode()
    env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
    plan = [line for [line] in env.cr.fetchall()]
    window = any("WindowAgg" in line for line in plan)
    print(
        f"[bench] manager's read_group month x department: sees {seen} of {total} talks, "
        f"runs {', '.join(f'{t:.3f}' for t in timings)} s, {queries} queries; EXPLAIN (ANALYZE, BUFFERS) of it:",
        flush=True,
    )
    for line in plan:
        print(f"[bench]   {line}", flush=True)
    print(f"[bench] manager's read_group: {'a window in the plan' if window else 'no window in the plan'}", flush=True)
    return seen, total, min(timings), queries, window


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200_000)
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    with throwaway_database("bench_analytics", keep=args.keep) as (odoo, registry, db):
        started = time.perf_counter()
        psql(db, fixture_sql(args.employees, args.sessions))
        with registry.cursor() as cr:
            store_analysis(cr)
        print(
            f"[bench] fixture: {args.sessions} sessions, {args.employees} employees "
            f"in {time.perf_counter() - started:.1f} s",
            flush=True,
        )

        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            report = env["hr.coaching.report"].with_user(admin)
            count = report.search_count([])
            report.read_group([], ["__count"], ["date:month", "department_id"], lazy=False)  # warm-up
            timings = []
            for __ in range(3):
                started = time.perf_counter()
                groups = report.read_group(
                    [], ["__count", "kept_rate:avg"], ["date:month", "department_id"], lazy=False
                )
                timings.append(time.perf_counter() - started)
            read_group_s = min(timings)
            print(
                f"[bench] read_group month x department: {len(groups)} groups, "
                f"runs {', '.join(f'{t:.3f}' for t in timings)} s",
                flush=True,
            )

            appraisals = (
                env["hr.appraisal"]
                .with_user(admin)
                .search([("state", "=", "3_done")], order="date_close desc, id desc", limit=50)
            )
            appraisals[:2].read(FIELDS)  # warm the rule and group caches
            env.invalidate_all()
            before = cr.sql_log_count
            values = appraisals.read(FIELDS)
            history_queries = cr.sql_log_count - before
            print(
                f"[bench] coaching tab of {len(values)} appraisals: {history_queries} queries, "
                f"{sum(v['coaching_session_count'] for v in values)} sessions in their periods",
                flush=True,
            )
            impact_s = time_impact(env, admin)
            explain_manager_read_group(env)
            cr.rollback()
    print(
        f"analytics sessions={count} read_group_s={read_group_s:.3f} history_queries={history_queries} "
        f"impact_s={impact_s:.3f}"
    )


if __name__ == "__main__":
    main()
