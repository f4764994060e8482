"""How setup/lib.sh finds Odoo 18: $ODOO_SRC, then the cache folder, then the official archive."""

import subprocess
import tarfile

import pytest

from .conftest import REPO


def make_tree(root, version="18, 0", layout="archive"):
    """A minimal Odoo-shaped tree: enough for the resolver, nothing runnable."""
    (root / "odoo" / "addons" / "base").mkdir(parents=True)
    (root / "odoo" / "release.py").write_text(f"version_info = ({version}, 0, 'final', 0, '')\n")
    if layout in ("archive", "both"):
        (root / "odoo" / "addons" / "web").mkdir()
    if layout in ("git", "both"):
        (root / "addons" / "web").mkdir(parents=True)
    return root


def resolve(tmp_path, **env_vars):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "ODOO_ARCHIVE_URL": "http://127.0.0.1:9/odoo_18.0.latest.tar.gz",  # nothing listens there
        **env_vars,
    }
    script = f'source "{REPO}/setup/lib.sh"; resolve_odoo_src; echo "$ODOO_ROOT|$ODOO_ADDONS_PATH"'
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=120)


def cache_dir(tmp_path):
    return tmp_path / "cache" / "hr_performance_coaching" / "odoo-18.0"


def test_odoo_src_wins_over_cache(tmp_path):
    """$ODOO_SRC is used first, even when the cache folder holds a tree too."""
    src = make_tree(tmp_path / "src")
    make_tree(cache_dir(tmp_path))
    result = resolve(tmp_path, ODOO_SRC=str(src))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|")[0] == str(src)


def test_cache_folder_is_used_without_odoo_src(tmp_path):
    """Without $ODOO_SRC the cache folder is used, with no download."""
    cache = make_tree(cache_dir(tmp_path))
    result = resolve(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|")[0] == str(cache)
    assert "Downloading" not in result.stderr


def test_download_into_cache_when_nothing_else(tmp_path):
    """With neither, the official archive is downloaded into the cache folder and its top folder is found."""
    archive_root = make_tree(tmp_path / "pack" / "odoo-18.0.post20250506")
    archive = tmp_path / "odoo.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(archive_root, arcname=archive_root.name)
    result = resolve(tmp_path, ODOO_ARCHIVE_URL=archive.as_uri())
    assert result.returncode == 0, result.stderr
    assert "Downloading" in result.stderr
    root = result.stdout.strip().split("|")[0]
    assert root == str(cache_dir(tmp_path) / "odoo-18.0.post20250506")


def test_clear_error_when_no_source(tmp_path):
    """With no source anywhere and no download, the set-up stops and names the three ways."""
    result = resolve(tmp_path)
    assert result.returncode != 0
    message = result.stderr
    assert "No Odoo 18.0 source found" in message
    assert "ODOO_SRC" in message
    assert str(cache_dir(tmp_path)) in message
    assert "download" in message
    assert not cache_dir(tmp_path).exists(), "a failed download leaves no half tree behind"


def test_bad_odoo_src_is_refused(tmp_path):
    """An $ODOO_SRC that is not an Odoo tree, or not 18.0, is refused with the reason."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = resolve(tmp_path, ODOO_SRC=str(empty))
    assert result.returncode != 0 and "holds no Odoo source tree" in result.stderr
    old = make_tree(tmp_path / "old", version="17, 0")
    result = resolve(tmp_path, ODOO_SRC=str(old))
    assert result.returncode != 0 and "not Odoo 18.0" in result.stderr


@pytest.mark.parametrize(
    "layout, expected",
    [
        ("archive", ["odoo/addons"]),
        ("git", ["odoo/addons", "addons"]),
        ("both", ["odoo/addons"]),
    ],
)
def test_addons_path_by_layout(tmp_path, layout, expected):
    """odoo/addons always comes first; a top-level addons/ is used only when odoo/addons lacks the apps."""
    src = make_tree(tmp_path / "src", layout=layout)
    result = resolve(tmp_path, ODOO_SRC=str(src))
    assert result.returncode == 0, result.stderr
    addons_path = result.stdout.strip().split("|")[1].split(",")
    assert addons_path == [str(src / part) for part in expected]
