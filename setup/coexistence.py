"""Coexistence: the apps we extend pass their own test suites with our addon installed.

    coexistence.py --config CONF --database DB [--write]

Runs the test suites of the apps the addon extends (``SUITES``) with pytest-odoo on the database ``DB``, where our
addons (the main addon and its bridges) are installed, and decides at run time which failures are ours:

1. a failing test listed in ``setup/coexistence_baseline.txt`` (known to fail on this Odoo snapshot *without* our
   addons, with its reason) is set aside;
2. any other failing test runs once more, alone: if it passes, it is named as flaky;
3. the tests that fail again run on a database with the same apps and *without* our addons, built at that moment
   (only when there is such a test, so a green run costs nothing more): a test that fails there too, at least once
   in ``PLATFORM_TRIES`` runs, is the platform's (this snapshot, this browser), named as such; one that passes there
   every time is **ours** and fails the check.

Each suite runs in its own pytest process and its duration is printed, to keep CI's time in view. ``--part`` runs
one of two parts of about the same length (./setup/test.sh runs them on two cores at once). ``--write``
rewrites the baseline instead (./setup/coexistence_baseline.sh runs it on a database without our addons),
keeping the reasons already written and marking new entries for a reason to be given."""

import argparse
import configparser
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import odoo.modules.module
import odoo.tools

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "setup" / "coexistence_baseline.txt"
SUITES = [
    "hr_appraisal_oca",
    "hr",
    "calendar",
    "digest",
    "hr_skills",
    "survey",
    "hr_holidays",
    "project",
    "hr_timesheet",
]
# Two parts of about the same length, one per core of the reference machine (durations printed by each run).
BACKGROUND = ["survey", "hr_holidays", "project"]
PARTS = {
    "all": SUITES,
    "background": BACKGROUND,
    "foreground": [suite for suite in SUITES if suite not in BACKGROUND],
}
# pytest's short summary: FAILED/ERROR/SUBFAILED[...](...) <path>/tests/<file>.py::<class>::<test>[ - message]
FAILURE = re.compile(r"^(?:FAILED|ERROR|SUBFAILED)\b.*?(\S+/tests/\S+?\.py::[\w:]+)")
NO_REASON = "no reason given yet: say why it fails without our addons"
# How many times a test that fails with our addons runs without them before it counts as ours.
PLATFORM_TRIES = 3


def suite_paths(config, suites=SUITES):
    """{module: its tests folder} for each of ``suites``."""
    odoo.tools.config.parse_config(["-c", config])
    odoo.modules.module.initialize_sys_path()
    paths = {}
    for module in suites:
        path = odoo.modules.module.get_module_path(module, display_warning=False)
        if not path:
            sys.exit(f"[coexistence] the module {module} is not on the addons path")
        paths[module] = str(Path(path) / "tests")
    return paths


def key(nodeid):
    """``hr/tests/test_x.py::Class::test``, whatever folder the module sits in."""
    path, _sep, rest = nodeid.partition("::")
    parts = Path(path).parts
    return "/".join(parts[parts.index("tests") - 1 :]) + "::" + rest


def pytest_command(config, database, *args):
    """pytest-odoo on ``database`` with Odoo's HTTP server (for the tours), as ./setup/test.sh runs it."""
    return [
        sys.executable,
        "-m",
        "pytest",
        f"--odoo-config={config}",
        f"--odoo-database={database}",
        "--odoo-http",
        "-p",
        "no:cacheprovider",
        *args,
    ]


def failing_tests(config, database, log, suites=SUITES):
    """Run each of ``suites`` in turn; return the failing tests of all of them."""
    failing = set()
    with open(log, "w") as out:
        out.write("")
    total = 0.0
    for module, path in suite_paths(config, suites).items():
        command = [
            *pytest_command(config, database),
            "-q",
            "-rfE",
            "-W",
            "ignore::DeprecationWarning",
            path,
        ]
        start = time.monotonic()
        with open(log, "a") as out:
            out.write(f"\n[coexistence] ===== {module} =====\n")
            out.flush()
            offset = out.tell()
            result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
        elapsed = time.monotonic() - start
        total += elapsed
        with open(log) as read:
            read.seek(offset)
            text = read.read()
        if result.returncode not in (0, 1):
            print(text[-5000:])
            sys.exit(f"[coexistence] pytest could not run the {module} suite (exit {result.returncode}); log: {log}")
        summary = re.search(r"^(?:=+ )?(\d+ (?:passed|failed).*?) in [\d.]+s", text, re.M)
        print(f"[coexistence] {module}: {summary.group(1) if summary else 'no summary'} ({elapsed:.0f} s)", flush=True)
        failing |= {key(match.group(1)) for match in map(FAILURE.match, text.splitlines()) if match}
    print(f"[coexistence] all suites: {total:.0f} s", flush=True)
    return failing


def rerun(config, database, log, tests, title):
    """Run ``tests`` (keys, as ``key`` gives them) once more in one pytest run on ``database``; return those that
    fail there. ``title`` heads their part of the log."""
    folders = suite_paths(config, sorted({test.split("/", 1)[0] for test in tests}))
    node_ids = [str(Path(folders[test.split("/", 1)[0]]).parent.parent / test) for test in tests]
    command = [*pytest_command(config, database), "-q", "-rfE", "-W", "ignore::DeprecationWarning", *node_ids]
    with open(log, "a") as out:
        out.write(f"\n[coexistence] ===== {title} =====\n")
        out.flush()
        offset = out.tell()
        subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
    with open(log) as read:
        read.seek(offset)
        text = read.read()
    failing = {key(match.group(1)) for match in map(FAILURE.match, text.splitlines()) if match}
    if "passed" not in text and "failed" not in text:
        return set(tests)  # pytest did not run them: count them as failing
    return failing & set(tests)


def without_our_addons(config, database, log, tests):
    """Run ``tests`` on a database with the apps of ``SUITES`` and without our addons, built now and dropped after;
    return those that fail there too, at least once in ``PLATFORM_TRIES`` runs.

    The database has its own name, HTTP port and filestore, next to ``database``: both parts of ./setup/test.sh
    may build one at the same time.
    """
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    options = parser["options"]
    platform_db = f"{database}_without_us"
    options["db_name"] = platform_db
    options["dbfilter"] = f"^{platform_db}$"
    options["http_port"] = str(int(options.get("http_port", "8069")) + 10)
    platform_config = Path(config).with_name(f"odoo-test-{platform_db}.conf")
    with platform_config.open("w") as out:
        parser.write(out)
    odoo_bin = Path(odoo.__file__).resolve().parents[1] / "odoo-bin"
    filestore = Path(odoo.tools.config["data_dir"]) / "filestore" / platform_db
    start = time.monotonic()
    try:
        subprocess.run(["dropdb", "--if-exists", platform_db], check=True)
        with open(log, "a") as out:
            out.write(f"\n[coexistence] ===== {platform_db}: {', '.join(SUITES)} without our addons =====\n")
            out.flush()
            install = subprocess.run(
                [
                    sys.executable,
                    str(odoo_bin),
                    *("-c", str(platform_config), "-d", platform_db, "-i", ",".join(SUITES)),
                    *("--stop-after-init", "--log-level=warn"),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if install.returncode:
            sys.exit(f"[coexistence] the database without our addons could not be built (exit {install.returncode})")
        failing = set()
        # A tour may fail on the platform only now and then (project's tours here): a test counts as the platform's
        # when it fails there at least once in PLATFORM_TRIES runs, and as ours only when it passes every time.
        for attempt in range(1, PLATFORM_TRIES + 1):
            passing = sorted(set(tests) - failing)
            if not passing:
                break
            title = f"run without our addons ({attempt} of at most {PLATFORM_TRIES})"
            failing |= rerun(str(platform_config), platform_db, log, passing, title)
    finally:
        subprocess.run(["dropdb", "--if-exists", platform_db], check=False)
        shutil.rmtree(filestore, ignore_errors=True)
        platform_config.unlink(missing_ok=True)
    print(f"[coexistence] the same apps without our addons: built and run in {time.monotonic() - start:.0f} s")
    return failing


def attribute(only_with_us, failing_again, failing_without_us):
    """{test: verdict} for the tests that failed only with our addons: ``flaky`` (passed when run again alone),
    ``platform`` (fails without our addons too) or ``ours`` (fails again alone, and passes without our addons)."""
    verdicts = {}
    for test in only_with_us:
        if test not in failing_again:
            verdicts[test] = "flaky"
        elif test in failing_without_us:
            verdicts[test] = "platform"
        else:
            verdicts[test] = "ours"
    return verdicts


VERDICT_WORDS = {
    "flaky": "failed, then passed when run again alone (flaky)",
    "platform": "fails without our addons too (the platform)",
    "ours": "FAILS ONLY WITH OUR ADDONS (ours)",
}


def read_baseline():
    entries = {}
    for line in BASELINE.read_text().splitlines() if BASELINE.exists() else ():
        if line.strip() and not line.startswith("#"):
            test, _sep, reason = line.partition(" # ")
            entries[test.strip()] = reason.strip()
    return entries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--log", default="coexistence.log")
    parser.add_argument("--write", action="store_true", help="rewrite the baseline from this database")
    parser.add_argument(
        "--part",
        choices=sorted(PARTS),
        default="all",
        help="run a part of the suites: ./setup/test.sh runs the background part on a copy of the database while "
        "its own tests run, the foreground part after them",
    )
    parser.add_argument("--suites", help="run these suites only (comma-separated), e.g. to check one app again")
    args = parser.parse_args()
    suites = args.suites.split(",") if args.suites else PARTS[args.part]
    if args.write and (args.part != "all" or args.suites):
        parser.error("--write rewrites the whole baseline: run every suite (--part all)")
    failing = failing_tests(args.config, args.database, args.log, suites)
    baseline = read_baseline()
    if args.write:
        lines = [
            "# Tests of the apps we extend that fail on this Odoo snapshot WITHOUT our addons, with the reason.",
            "# Written by ./setup/coexistence_baseline.sh; ./setup/test.sh fails on any other failing test.",
            *(f"{test} # {baseline.get(test) or NO_REASON}" for test in sorted(failing)),
        ]
        BASELINE.write_text("\n".join(lines) + "\n")
        print(f"[coexistence] baseline written: {len(failing)} tests, {BASELINE}")
        return 0
    only_with_us = sorted(failing - set(baseline))
    again = without_us = set()
    if only_with_us:
        # A browser tour sometimes fails on a busy machine, with or without our addons: each test that fails only
        # with ours runs once more, alone. Those that fail again run where our addons are not installed.
        again = rerun(args.config, args.database, args.log, only_with_us, "run again: failed only with our addons")
        if again:
            without_us = without_our_addons(args.config, args.database, args.log, sorted(again))
    verdicts = attribute(only_with_us, again, without_us)
    for test, verdict in verdicts.items():
        print(f"[coexistence] {VERDICT_WORDS[verdict]}: {test}")
    ours = [test for test, verdict in verdicts.items() if verdict == "ours"]
    if ours:
        print(Path(args.log).read_text()[-8000:])
    print(f"coexistence ({', '.join(suites)}): {len(ours)} tests fail only with our addons (log: {args.log})")
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main())
