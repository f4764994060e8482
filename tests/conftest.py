"""Shared helpers for the repo-level tests: they drive the set-up scripts and Odoo as a user would."""

import os
import re
import socket
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDON = "hr_performance_coaching"
# Our addons: the main addon, then the bridges (every top-level hr_performance_coaching_* folder with a manifest).
OUR_ADDONS = [ADDON, *sorted(path.parent.name for path in REPO.glob(f"{ADDON}_*/__manifest__.py"))]
LOG_PROBLEM = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ", re.M)


def log_problems(text):
    """The WARNING/ERROR/CRITICAL lines of an Odoo log."""
    return [line for line in text.splitlines() if LOG_PROBLEM.match(line)]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(db, sql):
    return subprocess.run(["psql", "-d", db, "-Atqc", sql], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def base_env():
    env = dict(os.environ)
    env.pop("ODOO_SRC", None)
    return env
