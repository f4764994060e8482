"""A real upgrade of the main addon from its previous released version, as a customer's database lives it.

The previous release is the last commit whose ``hr_performance_coaching/__manifest__.py`` has another version than
the manifest being tested (the parent of the commit that bumped it, on the first-parent line). Its addon is exported
from git into a temporary folder and installed (no demo) in a throwaway database; a planned talk is booked there as
that version books it (from a release before 18.0.1.5.0, its ``coaching_booked`` flag is cleared, as a talk planned
before the flag existed has it, and ``-u`` must fill it: issue 23, item 4), and another talk is held with a
commitment. ``-u`` with the current addons logs no WARNING/ERROR, stores what the analysis reads on the held talk
(18.0.1.6.0), and moving the booked talk then books nothing twice: one meeting, one invitation.

The test needs the repository's git history (a full clone, as CI has): without it, it fails and says so.
"""

import ast
import os
import shutil
import subprocess

import pytest

from .conftest import ADDON, REPO, log_problems, psql

MANIFEST = f"{ADDON}/__manifest__.py"


def git(*args):
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)


def version_of(manifest_text):
    return ast.literal_eval(manifest_text)["version"]


def version_tuple(version):
    return tuple(int(part) for part in version.split("."))


def previous_release():
    """(commit, version) of the previous released version of the main addon, or pytest.fail saying why not."""
    current = version_of((REPO / MANIFEST).read_text())
    why = (
        "The upgrade test installs the previous release of {addon} from the git history of {repo}, which {problem}. "
        "Run it in a full clone (git clone without --depth, or git fetch --unshallow)."
    )
    log = git("log", "--first-parent", "--format=%H", "HEAD", "--", MANIFEST)
    if log.returncode:
        pytest.fail(why.format(addon=ADDON, repo=REPO, problem=f"git cannot read: {log.stderr.strip()}"))
    # The newest commits that have the current version; the commit before the oldest of them is the previous release.
    # A manifest bumped but not committed yet: HEAD is the previous release.
    bump = None
    for commit in log.stdout.split():
        shown = git("show", f"{commit}:{MANIFEST}")
        if shown.returncode == 0 and version_of(shown.stdout) != current:
            break
        bump = commit
    previous = git("rev-parse", "--verify", "-q", f"{bump}^" if bump else "HEAD")
    if previous.returncode:
        shallow = git("rev-parse", "--is-shallow-repository").stdout.strip() == "true"
        problem = "is a shallow clone, cut" if shallow else "ends"
        pytest.fail(why.format(addon=ADDON, repo=REPO, problem=f"{problem} before the parent of {bump}"))
    commit = previous.stdout.strip()
    shown = git("show", f"{commit}:{MANIFEST}")
    if shown.returncode:
        pytest.fail(why.format(addon=ADDON, repo=REPO, problem=f"has no {MANIFEST} at {commit}"))
    old = version_of(shown.stdout)
    assert old != current, f"{commit} has version {old}, like the manifest being tested"
    return commit, old


def export_addon(commit, folder):
    """The main addon as it is at ``commit``, written into ``folder``."""
    archive = subprocess.run(["git", "archive", "--format=tar", commit, ADDON], cwd=REPO, capture_output=True)
    assert archive.returncode == 0, archive.stderr.decode()
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)


# Run in the previous release: a coach, an employee with their users, meetings on; one talk booked as that version
# books it (meeting and invitation), one planned by the cadence by itself (no meeting); then no talk has the flag,
# as talks planned before it existed have none.
BOOK = """
import datetime
company = env.ref("base.main_company")
company.coaching_calendar_event = True
Users = env["res.users"].with_context(no_reset_password=True)
coach_user = Users.create({"name": "Mark Coach", "login": "upgrade_coach", "email": "mark@example.com"})
alice_user = Users.create({"name": "Alice Coached", "login": "upgrade_alice", "email": "alice@example.com"})
Employee = env["hr.employee"]
coach = Employee.create({"name": "Mark Coach", "user_id": coach_user.id})
alice = Employee.create({"name": "Alice Coached", "user_id": alice_user.id, "parent_id": coach.id})
bob = Employee.create({"name": "Bob Coached", "parent_id": coach.id})
talk = env["hr.coaching.session"].create(
    {"employee_id": alice.id, "coach_id": coach.id, "date_scheduled": "2099-03-10 09:00:00"}
)
assert talk.calendar_event_id and talk.coaching_booked, "the previous release books the talk"
today = datetime.date.today()
placed = env["hr.coaching.session"]._coaching_plan_due([(bob, env["hr.coaching.cadence"], today)], today)[bob.id]
assert not placed.calendar_event_id
# Bob's talk is held: a commitment made in it, closed (the analysis stores what 1.6.0 reads on it).
env["hr.coaching.commitment"].create({"session_id": placed.id, "name": "Step", "date_deadline": "2099-04-01"})
placed.will = "<p>Will</p>"
placed.action_done()
env.flush_all()
if CLEAR_FLAG:
    env.cr.execute("UPDATE hr_coaching_session SET coaching_booked = FALSE")
env.cr.commit()
print("TALKS", talk.id, placed.id, alice_user.partner_id.id)
"""

# Run after the upgrade: the coach moves the booked talk.
MOVE = """
talk = env["hr.coaching.session"].browse({talk})
talk.with_user(talk.coach_id.user_id).date_scheduled = "2099-03-12 09:00:00"
env.cr.commit()
"""


@pytest.fixture
def database(tmp_path):
    db = f"coaching_upgrade_{os.getpid()}"
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    yield db
    subprocess.run(["dropdb", "--if-exists", db], check=False)
    shutil.rmtree(tmp_path / "data", ignore_errors=True)


def odoo(db, tmp_path, addons_path, *args, stdin=None):
    """odoo-bin on ``db`` with ``addons_path`` first, its files under ``tmp_path``; return the log."""
    cmd = [
        os.path.join(os.environ["COACHING_VENV"], "bin", "python"),
        os.path.join(os.environ["COACHING_ODOO_ROOT"], "odoo-bin"),
        *args,
        "-d",
        db,
        f"--addons-path={addons_path},{os.environ['COACHING_ADDONS_PATH']}",
        f"--data-dir={tmp_path / 'data'}",
        "--without-demo=all",
        "--no-http",
        "--log-level=info",
    ]
    result = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=900)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return log


def test_upgrade_from_the_previous_release(database, tmp_path):
    """Install the previous release, book a talk there, upgrade: the talk is booked once, the log is clean."""
    commit, old_version = previous_release()
    old_addons = tmp_path / "previous"
    old_addons.mkdir()
    export_addon(commit, old_addons)
    odoo(database, tmp_path, old_addons, "-i", ADDON, "--stop-after-init")
    assert psql(database, f"SELECT latest_version FROM ir_module_module WHERE name = '{ADDON}'") == old_version

    # A release before 18.0.1.5.0 had no flag: its talks are booked without it, which the upgrade fills.
    clear_flag = version_tuple(old_version) < (18, 0, 1, 5, 0)
    log = odoo(database, tmp_path, old_addons, "shell", stdin=f"CLEAR_FLAG = {clear_flag}\n{BOOK}")
    talk, placed, alice = (int(value) for value in log.split("TALKS ", 1)[1].split()[:3])
    booked_before = "0" if clear_flag else "1"
    assert psql(database, "SELECT count(*) FROM hr_coaching_session WHERE coaching_booked") == booked_before

    log = odoo(database, tmp_path, REPO, "-u", ADDON, "--stop-after-init")
    assert not log_problems(log), "\n".join(log_problems(log))
    current = version_of((REPO / MANIFEST).read_text())
    assert psql(database, f"SELECT latest_version FROM ir_module_module WHERE name = '{ADDON}'") == current
    booked = psql(
        database,
        f"SELECT id, COALESCE(coaching_booked, FALSE) FROM hr_coaching_session WHERE id IN ({talk}, {placed})",
    )
    assert sorted(booked.split()) == sorted([f"{talk}|t", f"{placed}|f"]), "booked: the talk with its meeting only"
    if version_tuple(current) >= (18, 0, 1, 6, 0) > version_tuple(old_version):
        # 18.0.1.6.0 stores what the analysis reads: Bob's held talk is his latest, with its one commitment.
        stored = psql(
            database,
            f"SELECT is_latest_done, previous_done_date IS NULL, commitment_count FROM hr_coaching_session "
            f"WHERE id = {placed}",
        )
        assert stored == "t|t|1", "the analysis' columns of a talk held before the upgrade"

    log = odoo(database, tmp_path, REPO, "shell", stdin=MOVE.format(talk=talk))
    assert not log_problems(log), "\n".join(log_problems(log))
    meetings = psql(
        database,
        f"SELECT count(*), min(start) FROM calendar_event WHERE res_model = 'hr.coaching.session' AND res_id = {talk}",
    )
    assert meetings == "1|2099-03-12 09:00:00", "one meeting, moved"
    invitations = psql(
        database,
        f"""SELECT count(*) FROM mail_message message
              JOIN mail_message_res_partner_rel recipient ON recipient.mail_message_id = message.id
             WHERE message.model = 'hr.coaching.session' AND message.res_id = {talk}
               AND recipient.res_partner_id = {alice}""",
    )
    assert invitations == "1", "one invitation"
