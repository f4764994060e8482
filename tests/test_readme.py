"""The addon's README.rst and index.html are generated from its readme/ fragments, as OCA does."""

import subprocess
import sys

from .conftest import REPO


def test_readme_is_generated_from_fragments():
    """setup/gen_readme.py --check finds README.rst and index.html up to date with readme/."""
    result = subprocess.run(
        [sys.executable, str(REPO / "setup" / "gen_readme.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    readme = (REPO / "hr_performance_coaching" / "README.rst").read_text()
    for title in ("Configuration", "Usage", "Credits"):
        assert f"\n{title}\n" in readme
