"""The addon packages like an OCA addon: whool builds a wheel that Odoo finds once pip installed it.

The wheel is built from a fresh ``git clone`` of the repository, as a release would be: whool reads the
version from the manifest and the git history, and packs the files git tracks.
"""

import ast
import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ADDON, OUR_ADDONS, REPO

# pytest runs in the project's environment, where Odoo, whool and pip are installed.
PYTHON = sys.executable

# Prints where Odoo finds the addon, with the default addons path (Odoo's own addons only, not the repo).
FIND_ADDON = """
import odoo
from odoo.tools import config
config.parse_config([])
from odoo.modules.module import get_manifest, get_module_path
print(config["addons_path"])
print(get_module_path("hr_performance_coaching"))
print(get_manifest("hr_performance_coaching")["version"])
"""


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def manifest_version():
    manifest = ast.literal_eval((REPO / ADDON / "__manifest__.py").read_text())
    return manifest["version"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("packaging")
    clone = tmp / "clone"
    run(["git", "clone", "--quiet", str(REPO), str(clone)])
    # whool comes with the project's environment; building with it keeps the test offline and fast.
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("whool") else []
    dist = tmp / "dist"
    pip_wheel = [PYTHON, "-m", "pip", "wheel", "--disable-pip-version-check", "--no-deps", *isolation]
    run([*pip_wheel, str(clone / ADDON), "-w", str(dist)])
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1, f"pip wheel built {[w.name for w in wheels]}"
    return wheels[0]


def test_wheel_name_carries_the_manifest_version(wheel):
    """The wheel is odoo_addon_hr_performance_coaching-<manifest version>[.N]-py3-none-any.whl, for Odoo 18."""
    version = manifest_version()
    assert version.startswith("18.0."), f"The manifest version {version} is not an Odoo 18.0 version."
    pattern = rf"odoo_addon_{ADDON}-{re.escape(version)}(\.\d+)?-py3-none-any\.whl"
    assert re.fullmatch(pattern, wheel.name), f"{wheel.name} does not match {pattern}"


def test_odoo_finds_the_installed_wheel(wheel, tmp_path):
    """pip installs the wheel into a scratch venv and Odoo finds the addon there, not in the repository."""
    scratch = tmp_path / "venv"
    run([PYTHON, "-m", "venv", "--system-site-packages", "--without-pip", str(scratch)])
    scratch_python = scratch / "bin" / "python"
    purelib = Path(
        run([str(scratch_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    )
    # --system-site-packages reaches the base interpreter only: when the project Python is itself a
    # venv, its site-packages (Odoo, installed in develop mode) is added as a site dir.
    project_site = sysconfig.get_paths()["purelib"]
    (purelib / "project_venv.pth").write_text(f"import site; site.addsitedir({project_site!r})\n")
    pip = [PYTHON, "-m", "pip", "--disable-pip-version-check", "--python", str(scratch_python)]
    run([*pip, "install", "--no-deps", "--no-index", str(wheel)])

    # An empty Odoo config (ODOO_RC) keeps any ~/.odoorc out: the addons path is Odoo's own.
    env = dict(os.environ, ODOO_RC=str(tmp_path / "odoorc"))
    env.pop("PYTHONPATH", None)
    (tmp_path / "odoorc").write_text("[options]\n")
    addons_path, module_path, version = run([str(scratch_python), "-c", FIND_ADDON], cwd=tmp_path, env=env).split()
    assert str(REPO) not in addons_path
    assert Path(module_path).is_relative_to(scratch), f"Odoo found {ADDON} at {module_path}, not in the scratch venv."
    assert Path(module_path) == purelib / "odoo" / "addons" / ADDON
    assert version == manifest_version()


@pytest.mark.parametrize("bridge", OUR_ADDONS[1:])
def test_every_bridge_builds_its_wheel(bridge, tmp_path):
    """Each bridge builds its own wheel, named after its manifest version, requiring the main addon."""
    clone = tmp_path / "clone"
    run(["git", "clone", "--quiet", str(REPO), str(clone)])
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("whool") else []
    dist = tmp_path / "dist"
    pip_wheel = [PYTHON, "-m", "pip", "wheel", "--disable-pip-version-check", "--no-deps", *isolation]
    run([*pip_wheel, str(clone / bridge), "-w", str(dist)])
    (wheel,) = dist.glob("*.whl")
    version = ast.literal_eval((REPO / bridge / "__manifest__.py").read_text())["version"]
    assert re.fullmatch(rf"odoo_addon_{bridge}-{re.escape(version)}(\.\d+)?-py3-none-any\.whl", wheel.name), wheel.name
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(name for name in archive.namelist() if name.endswith("METADATA"))).decode()
    requires = {
        line.split(":", 1)[1].strip().replace("_", "-")
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    }
    assert any(req.startswith(f"odoo-addon-{ADDON.replace('_', '-')}") for req in requires), requires
