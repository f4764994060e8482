"""The addon's README.rst and index.html are generated from its readme/ fragments, as OCA does."""

import re
import subprocess
import sys

from lxml import etree

from .conftest import ADDON, OUR_ADDONS, REPO

NUMBERS = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}


def test_readme_is_generated_from_fragments():
    """setup/gen_readme.py --check finds README.rst and index.html up to date with readme/."""
    result = subprocess.run(
        [sys.executable, str(REPO / "setup" / "gen_readme.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    readme = (REPO / "hr_performance_coaching" / "README.rst").read_text()
    for title in ("Configuration", "Usage", "Credits"):
        assert f"\n{title}\n" in readme


def test_readme_lists_the_scheduled_actions_as_they_are():
    """The README's Reminders step names every scheduled action of the addon and of each bridge, and counts the
    addon's own right (issue 23, item 5)."""
    readme = (REPO / "README.md").read_text()
    reminders = re.search(r"^4\. \*\*Reminders\.\*\*(.*?)\n\n", readme, re.S | re.M).group(1)
    names = {}
    for addon in OUR_ADDONS:
        path = REPO / addon / "data" / "ir_cron_data.xml"
        if path.exists():
            crons = etree.parse(str(path)).xpath("//record[@model='ir.cron']/field[@name='name']/text()")
            names[addon] = crons
    assert len(names[ADDON]) == 5, names[ADDON]
    assert f"{NUMBERS[len(names[ADDON])]} daily scheduled actions come with the addon" in " ".join(reminders.split())
    for addon, crons in names.items():
        for name in crons:
            assert f"*{name}*" in reminders, (addon, name)
    assert reminders.count("   - ") == sum(len(crons) for crons in names.values())


def test_readme_quotes_the_cadence_benchmark_line_with_the_checkin_pass():
    """The README quotes the cadence benchmark's last line with ``--checkins`` as bench_cadence.py prints it, and the
    measured check-in trend pass at 10,000 employees is within its target of 60 queries per 1,000 (issue 26)."""
    readme = (REPO / "README.md").read_text()
    bench = (REPO / "tests" / "benchmarks" / "bench_cadence.py").read_text()
    assert "--checkins" in bench
    assert 'f" checkin_queries_per_1000={' in bench
    line = re.search(
        r"^cadence N=10000 ratio=[\d.]+ sql_ratio=[\d.]+ queries_per_1000=[\d.]+ rerun_share=[\d.]+ "
        r"signals_queries_per_1000=[\d.]+ checkin_queries_per_1000=([\d.]+)$",
        readme,
        re.M,
    )
    assert line, "the README quotes no cadence line with checkin_queries_per_1000 at N=10000"
    assert float(line.group(1)) <= 60
