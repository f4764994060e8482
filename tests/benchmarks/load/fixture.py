"""The load test's data: written with SQL where it is bookkeeping, with the ORM where Odoo must see it (users).

2,000 employees in 20 departments; every 20th is a manager (100) with a user and 19 reports. Two reports of each
manager have a user (200 employees with users). Each report has about 26 done talks over the last two years
(50,000 in all), each with a commitment: reviewed in the next talk, except the last talk's, still open. Each report
has one planned talk in the coming days, where that open commitment is to be reviewed. One HR manager with a user
changes the cadence rules. Every user's password is ``PASSWORD``.
"""

import time

EMPLOYEES = 2_000
SPAN = 20  # a manager and 19 reports
DEPARTMENTS = 20
SESSIONS = 50_000
PASSWORD = "load-bench"


CRONS_DUE = """UPDATE ir_cron SET nextcall = now() at time zone 'UTC', active = true
                WHERE id IN (SELECT res_id FROM ir_model_data
                              WHERE module = 'hr_performance_coaching' AND model = 'ir.cron')"""


def fixture_sql(employees=EMPLOYEES, sessions=SESSIONS, departments=DEPARTMENTS):
    reports = employees - employees // SPAN
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


def describe(env):
    """What the locustfile needs to know of a database with the fixture."""
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


def build(odoo, registry, db, psql):
    """Write the fixture into ``db``; returns the description the locustfile reads."""
    started = time.perf_counter()
    psql(db, fixture_sql())
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        # One hash for all: Odoo's 600,000 rounds of pbkdf2-sha512 take a while (fewer rounds, and Odoo would
        # replace the hash at the first login).
        password_hash = env["res.users"]._crypt_context().hash(PASSWORD)
        description = make_users(env, password_hash)
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
