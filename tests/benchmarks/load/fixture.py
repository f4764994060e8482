"""The load test's data: written with SQL where it is bookkeeping, with the ORM where Odoo must see it (users).

2,000 employees in 20 departments; every 20th is a manager (100) with a user and 19 reports. Two reports of each
manager have a user (200 employees with users). Each report has about 26 done talks over the last two years
(50,000 in all), each with a commitment: reviewed in the next talk, except the last talk's, still open. Each report
has one planned talk in the coming days, where that open commitment is to be reviewed. One HR manager with a user
changes the cadence rules. Every user's password is ``PASSWORD``.

With ``--employees N`` other than 2,000, the big shape (``big_org``, issue 23): N employees in 200 departments, six
levels (a CEO, 4 directors, the first with a quarter of the company below them, heads, senior managers, managers of
10), 25 done talks per employee with a commitment each (500,000 at 20,000) and a planned talk, an active goal each
and an open signal for every tenth; users for the first director, 100 managers of 10 and two reports of each, and
the HR manager. All of it in SQL, in one transaction, then ``ANALYZE``.

What the coaching analysis stores on each talk (issue 24, item 5) is then filled as the migration to 18.0.1.6.0 fills
it, and the talks' table vacuumed, as autovacuum would after such an insert.
"""

import importlib.util
import subprocess
import time
from pathlib import Path

STORE_ANALYSIS = Path(__file__).resolve().parents[3] / "hr_performance_coaching/migrations/18.0.1.6.0/post-migrate.py"

EMPLOYEES = 2_000
SPAN = 20  # a manager and 19 reports
DEPARTMENTS = 20
SESSIONS = 50_000
PASSWORD = "load-bench"
# --employees N (other than 2,000): the big shape, see big_org.
BIG_DEPARTMENTS = 200
BIG_DIRECTORS = 4
BIG_SPANS = (281, 56, 11)  # below a director: heads of 280 people, senior managers of 55, managers of 10
BIG_TALKS_PER_REPORT = 25  # 500,000 done talks at 20,000 employees
BIG_USERS_MANAGERS = 100


CRONS_DUE = """UPDATE ir_cron SET nextcall = now() at time zone 'UTC', active = true
                WHERE id IN (SELECT res_id FROM ir_model_data
                              WHERE module = 'hr_performance_coaching' AND model = 'ir.cron')"""


def fixture_sql(employees=EMPLOYEES, sessions=SESSIONS, departments=DEPARTMENTS):
    return org_sql(employees, departments) + talks_sql(employees - employees // SPAN, sessions)


def org_sql(employees, departments):
    """The default shape: managers of 19 reports, one level, every 20th employee a manager."""
    return f"""
    INSERT INTO hr_department (name, company_id, active)
         SELECT jsonb_build_object('en_US', 'Load dept ' || g), 1, true FROM generate_series(1, {departments}) g;
    CREATE TEMP TABLE load_dept AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM hr_department
     WHERE name->>'en_US' LIKE 'Load dept %';
    INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active, company_id, calendar_id)
         SELECT 'Load employee ' || lpad(g::text, 4, '0'), 'user', 'UTC', 100, true, 1,
                (SELECT resource_calendar_id FROM res_company WHERE id = 1)
           FROM generate_series(0, {employees - 1}) g;
    INSERT INTO hr_employee (resource_id, company_id, name, marital, distance_home_work_unit, employee_type,
                             active, department_id, resource_calendar_id, work_email, create_date, write_date)
         SELECT r.id, 1, r.name, 'single', 'kilometers', 'employee', true,
                (SELECT d.id FROM load_dept d WHERE d.n = 1 + (substr(r.name, 15)::int / {SPAN}) % {departments}),
                r.calendar_id, 'load' || substr(r.name, 15) || '@example.com',
                now() - interval '3 years', now() - interval '3 years'
           FROM resource_resource r WHERE r.name LIKE 'Load employee %';
    CREATE TEMP TABLE load_emp AS
         SELECT id, substr(name, 15)::int AS n FROM hr_employee WHERE name LIKE 'Load employee %';
    CREATE UNIQUE INDEX ON load_emp (n);
    UPDATE hr_employee e SET parent_id = m.id
      FROM load_emp b JOIN load_emp m ON m.n = (b.n / {SPAN}) * {SPAN}
     WHERE e.id = b.id AND b.id <> m.id;
    """


def big_org(employees, directors=BIG_DIRECTORS):
    """The big shape: ``parents[n]`` is the number of employee n's manager (None for the CEO, employee 0).

    Six levels: the CEO; ``directors`` directors, the first with a quarter of the company under them (5,000 people
    at 20,000); then heads of 280 people, senior managers of 55, managers of 10 reports, and the reports. Each
    manager's people are the numbers right after theirs, so that a subtree is one range of numbers.
    """
    parents = [None] * employees

    def place(boss, members, spans):
        if not spans:
            for member in members:
                parents[member] = boss
            return
        for start in range(0, len(members), spans[0]):
            chunk = members[start : start + spans[0]]
            parents[chunk[0]] = boss
            place(chunk[0], chunk[1:], spans[1:])

    rest = list(range(1, employees))
    first = min(len(rest), employees // 4 + 1)
    others = rest[first:]
    share = -(-len(others) // max(1, directors - 1)) if others else 1
    for block in [rest[:first]] + [others[i : i + share] for i in range(0, len(others), share)]:
        parents[block[0]] = 0
        place(block[0], block[1:], BIG_SPANS)
    return parents


def big_roles(employees):
    """The numbers of the employees whose users the big replay logs in as (``load/routes.py``): the first director
    (a quarter of the company below them), the first manager below them (10 reports) and that manager's first
    report; and the managers of 10 and two reports of each, with users for the locust mix."""
    parents = big_org(employees)
    reports = {}
    for n, parent in enumerate(parents):
        if parent is not None:
            reports.setdefault(parent, []).append(n)
    # A manager of 10: their reports have no reports of their own.
    managers = [
        m for m, below in sorted(reports.items()) if parents[m] is not None and all(r not in reports for r in below)
    ]
    managers = managers[:BIG_USERS_MANAGERS]
    director = reports[0][0]
    return {
        "director": director,
        "manager": managers[0],
        "employee": reports[managers[0]][0],
        "managers": managers,
        "employees": [r for m in managers for r in reports[m][:2]],
        "parents": parents,
    }


def big_org_sql(employees, departments):
    """The big shape's departments and employees (``big_org``); a subtree is a range of numbers, and so is a
    department (200 of them, in the order of the numbers)."""
    width = max(4, len(str(employees - 1)))
    parents = ",".join(f"({n},{p})" for n, p in enumerate(big_org(employees)) if p is not None)
    return f"""
    INSERT INTO hr_department (name, company_id, active)
         SELECT jsonb_build_object('en_US', 'Load dept ' || g), 1, true FROM generate_series(1, {departments}) g;
    CREATE TEMP TABLE load_dept AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM hr_department
     WHERE name->>'en_US' LIKE 'Load dept %';
    INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active, company_id, calendar_id)
         SELECT 'Load employee ' || lpad(g::text, {width}, '0'), 'user', 'UTC', 100, true, 1,
                (SELECT resource_calendar_id FROM res_company WHERE id = 1)
           FROM generate_series(0, {employees - 1}) g;
    INSERT INTO hr_employee (resource_id, company_id, name, marital, distance_home_work_unit, employee_type,
                             active, department_id, resource_calendar_id, work_email, create_date, write_date)
         SELECT r.id, 1, r.name, 'single', 'kilometers', 'employee', true,
                (SELECT d.id FROM load_dept d
                  WHERE d.n = 1 + substr(r.name, 15)::bigint * {departments} / {employees}),
                r.calendar_id, 'load' || substr(r.name, 15) || '@example.com',
                now() - interval '3 years', now() - interval '3 years'
           FROM resource_resource r WHERE r.name LIKE 'Load employee %';
    CREATE TEMP TABLE load_emp AS
         SELECT id, substr(name, 15)::int AS n FROM hr_employee WHERE name LIKE 'Load employee %';
    CREATE UNIQUE INDEX ON load_emp (n);
    CREATE TEMP TABLE load_parent (n int PRIMARY KEY, parent int);
    INSERT INTO load_parent VALUES {parents};
    UPDATE hr_employee e SET parent_id = m.id
      FROM load_parent p JOIN load_emp b ON b.n = p.n JOIN load_emp m ON m.n = p.parent
     WHERE e.id = b.id;
    """


def big_extra_sql():
    """The big shape's goals and signals: an active goal for every report, an open signal for every tenth."""
    return """
    INSERT INTO hr_coaching_goal (name, employee_id, company_id, department_id, progress, state, date_target,
                                  create_uid, write_uid, create_date, write_date)
         SELECT 'Load goal ' || r, id, 1, department_id, 10 * (r % 10), 'active', now()::date + 90, 1, 1, now(), now()
           FROM load_rep;
    INSERT INTO hr_coaching_signal (name, employee_id, company_id, department_id, signal_type, state, date,
                                    create_uid, write_uid, create_date, write_date)
         SELECT 'Load signal ' || r, id, 1, department_id, 'manual', 'open', now()::date - (r % 30)::int,
                1, 1, now(), now()
           FROM load_rep WHERE r % 10 = 0;
    ANALYZE hr_coaching_goal, hr_coaching_signal;
    """


def talks_sql(reports, sessions):
    """The talks of every employee with a manager (``load_rep`` numbers them), their commitments, the planned talks."""
    return f"""
    -- The reports numbered 0..{reports - 1}; talk k goes to report k % {reports}, the older the higher k.
    CREATE TEMP TABLE load_rep AS
         SELECT e.id, e.parent_id, e.department_id, row_number() OVER (ORDER BY e.id) - 1 AS r
           FROM hr_employee e JOIN load_emp b ON b.id = e.id WHERE e.parent_id IS NOT NULL;
    CREATE TEMP TABLE load_talk AS
         SELECT g AS k, p.id AS employee_id, p.parent_id AS coach_id, p.department_id,
                g / {reports} AS age,
                (now()::date - ((g / {reports}) * 28 + 14 + p.r % 14) * interval '1 day'
                    + interval '9 hours')::timestamp AS moment
           FROM generate_series(0, {sessions - 1}) g JOIN load_rep p ON p.r = g % {reports};
    INSERT INTO hr_coaching_session (name, employee_id, coach_id, company_id, department_id, date_scheduled,
                                     date_closed, date_sort, trigger_type, state, active, duration, goal, will,
                                     summary, employee_rating, coaching_booked, create_uid, write_uid, create_date,
                                     write_date)
         SELECT 'Load talk ' || k, employee_id, coach_id, 1, department_id, moment, moment + interval '1 hour',
                -extract(epoch FROM moment), 'routine', 'done', true, 1, '<p>Grow in the role</p>',
                '<p>Try the new approach</p>', '<p>Went well</p>', (1 + k % 5)::text, true, 1, 1, moment, moment
           FROM load_talk;
    -- One commitment per talk; the employee's latest talk (age 0) leaves it open, to review in the planned one.
    INSERT INTO hr_coaching_commitment (name, session_id, employee_id, coach_id, company_id, owner_id, date_deadline,
                                        state, outcome, progress, create_uid, write_uid, create_date, write_date)
         SELECT 'Commitment of ' || s.name, s.id, s.employee_id, s.coach_id, 1, s.employee_id,
                (s.date_scheduled + interval '21 days')::date,
                CASE WHEN t.age = 0 THEN 'open' ELSE 'done' END,
                CASE WHEN t.age = 0 THEN NULL WHEN t.k % 3 = 0 THEN 'missed' WHEN t.k % 3 = 1 THEN 'partly'
                     ELSE 'kept' END,
                CASE WHEN t.age = 0 THEN 50 ELSE 100 END, 1, 1, s.create_date, s.create_date
           FROM hr_coaching_session s JOIN load_talk t ON s.name = 'Load talk ' || t.k;
    INSERT INTO hr_coaching_session (name, employee_id, coach_id, company_id, department_id, date_scheduled,
                                     date_sort, trigger_type, state, active, duration, coaching_booked, create_uid,
                                     write_uid, create_date, write_date)
         SELECT NULL, p.id, p.parent_id, 1, p.department_id,
                (now()::date + (1 + p.r % 10) * interval '1 day' + interval '9 hours')::timestamp,
                extract(epoch FROM (now()::date + (1 + p.r % 10) * interval '1 day' + interval '9 hours')),
                'routine', 'planned', true, 1, true, 1, 1, now(), now()
           FROM load_rep p;
    UPDATE hr_coaching_commitment c SET review_session_id = s.id
      FROM hr_coaching_session s
     WHERE c.state = 'open' AND s.employee_id = c.employee_id AND s.state = 'planned';
    ANALYZE hr_department, resource_resource, hr_employee, hr_coaching_session, hr_coaching_commitment;
    """


def make_users(env, password_hash):
    """Users for the managers, for two reports of each manager, and one HR manager, through the ORM; every
    password set to the one hash (hashing 301 times would take minutes). Returns the fixture description."""
    Employee = env["hr.employee"]
    employees = Employee.search([("name", "like", "Load employee %")], order="name")
    by_n = {int(employee.name[len("Load employee ") :]): employee for employee in employees}
    managers = [by_n[n] for n in sorted(by_n) if n % SPAN == 0]
    with_user = [by_n[n] for n in sorted(by_n) if n % SPAN in (1, 2)]
    internal = env.ref("base.group_user")
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
    vals = [
        {
            "name": e.name,
            "login": f"load{int(e.name[14:]):04d}",
            "email": f"load{int(e.name[14:]):04d}@example.com",
            "groups_id": [(6, 0, internal.ids)],
        }
        for e in managers + with_user
    ]
    vals.append(
        {
            "name": "Load HR manager",
            "login": "load_hr",
            "email": "load_hr@example.com",
            "groups_id": [(6, 0, [internal.id, env.ref("hr.group_hr_manager").id])],
        }
    )
    users = Users.create(vals)
    for employee, user in zip(managers + with_user, users, strict=False):
        employee.user_id = user
    env.flush_all()
    env.cr.execute("UPDATE res_users SET password = %s WHERE id IN %s", [password_hash, tuple(users.ids)])
    return describe(env)


def make_big_users(env, password_hash, employees):
    """The big shape's users (``big_roles``): the director, the managers of 10 and two reports of each, one HR
    manager; through the ORM as ``make_users``."""
    roles = big_roles(employees)
    width = max(4, len(str(employees - 1)))
    by_n = {
        int(employee.name[len("Load employee ") :]): employee
        for employee in env["hr.employee"].search([("name", "like", "Load employee %")])
    }
    numbers = [roles["director"], *roles["managers"], *roles["employees"]]
    internal = env.ref("base.group_user")
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
    vals = [
        {
            "name": by_n[n].name,
            "login": f"load{n:0{width}d}",
            "email": f"load{n:0{width}d}@example.com",
            "groups_id": [(6, 0, internal.ids)],
        }
        for n in numbers
    ]
    vals.append(
        {
            "name": "Load HR manager",
            "login": "load_hr",
            "email": "load_hr@example.com",
            "groups_id": [(6, 0, [internal.id, env.ref("hr.group_hr_manager").id])],
        }
    )
    users = Users.create(vals)
    for n, user in zip(numbers, users, strict=False):
        by_n[n].user_id = user
    env.flush_all()
    env.cr.execute("UPDATE res_users SET password = %s WHERE id IN %s", [password_hash, tuple(users.ids)])
    return describe(env)


def describe(env):
    """What the locustfile needs to know of a database with the fixture; for the big shape, also the logins of the
    replay's three users (``big``: director, manager, employee)."""
    env.cr.execute("SELECT COUNT(*) FROM hr_employee WHERE name LIKE 'Load employee %%'")
    employees = env.cr.fetchone()[0]
    if employees != EMPLOYEES:
        return describe_big(env, employees)
    numbers = sorted(
        int(login[4:]) for login in env["res.users"].search([("login", "=like", "load____")]).mapped("login")
    )
    return {
        "password": PASSWORD,
        "managers": [f"load{n:04d}" for n in numbers if n % SPAN == 0],
        # Employees in the order of their managers: the first ones report to the first managers.
        "employees": [f"load{n:04d}" for n in sorted(numbers, key=lambda n: (n % SPAN, n)) if n % SPAN in (1, 2)],
        "hr": "load_hr",
        "cadence_rule_id": env.ref("hr_performance_coaching.hr_coaching_cadence_monthly").id,
        "home_action_id": env.ref("hr_performance_coaching.hr_coaching_home_action").id,
    }


def describe_big(env, employees):
    roles = big_roles(employees)
    width = max(4, len(str(employees - 1)))
    login = f"load{{:0{width}d}}".format
    return {
        "password": PASSWORD,
        "managers": [login(n) for n in roles["managers"]],
        # Two reports of each manager, the first report of every manager first.
        "employees": [login(n) for n in roles["employees"][0::2] + roles["employees"][1::2]],
        "hr": "load_hr",
        "cadence_rule_id": env.ref("hr_performance_coaching.hr_coaching_cadence_monthly").id,
        "home_action_id": env.ref("hr_performance_coaching.hr_coaching_home_action").id,
        "employee_count": employees,
        "big": {
            "director": login(roles["director"]),
            "manager": login(roles["manager"]),
            "employee": login(roles["employee"]),
        },
    }


def psql_script(db, sql):
    """``sql`` through psql's standard input (the big shape's list of managers is too long for ``psql -c``)."""
    command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-d", db, "-f", "-"]
    subprocess.run(command, input=sql.encode(), check=True)


def store_analysis(registry, db, psql):
    """Fill what the analysis stores on the talks inserted in SQL, with the migration's SQL; then VACUUM ANALYZE."""
    spec = importlib.util.spec_from_file_location("coaching_store_analysis", STORE_ANALYSIS)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with registry.cursor() as cr:
        migration.migrate(cr, None)
    psql(db, "VACUUM ANALYZE hr_coaching_session")


def build(odoo, registry, db, psql, employees=EMPLOYEES):
    """Write the fixture into ``db``; returns the description the locustfile reads."""
    started = time.perf_counter()
    if employees == EMPLOYEES:
        psql(db, fixture_sql())
    else:
        reports = employees - 1
        psql_script(
            db,
            big_org_sql(employees, BIG_DEPARTMENTS)
            + talks_sql(reports, employees * BIG_TALKS_PER_REPORT)
            + big_extra_sql(),
        )
        print(f"[load] fixture: SQL of the big shape in {time.perf_counter() - started:.1f} s", flush=True)
    store_analysis(registry, db, psql)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        # One hash for all: Odoo's 600,000 rounds of pbkdf2-sha512 take a while (fewer rounds, and Odoo would
        # replace the hash at the first login).
        password_hash = env["res.users"]._crypt_context().hash(PASSWORD)
        if employees == EMPLOYEES:
            description = make_users(env, password_hash)
        else:
            description = make_big_users(env, password_hash, employees)
        # The coaching crons run during the load: due now in the cron worker.
        cr.execute(CRONS_DUE)
        cr.execute("SELECT COUNT(*) FROM hr_coaching_session")
        sessions = cr.fetchone()[0]
        cr.execute("SELECT COUNT(*) FROM hr_coaching_commitment")
        commitments = cr.fetchone()[0]
        cr.execute("SELECT COUNT(*) FROM hr_employee")
        employees = cr.fetchone()[0]
        cr.commit()
    print(
        f"[load] fixture: {employees} employees, {len(description['managers'])} managers and "
        f"{len(description['employees'])} employees with users, {sessions} talks, {commitments} commitments "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return description
