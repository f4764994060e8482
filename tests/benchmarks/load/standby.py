"""A streaming hot standby of the local PostgreSQL cluster, for ``run.sh load --replica``.

Made with ``pg_basebackup -R`` from the primary's local socket, as the ``postgres`` system user (the primary's
``pg_hba.conf`` lets it replicate over the socket: ``local replication all peer``; ``wal_level = replica`` and
``max_wal_senders = 10`` are PostgreSQL 15's defaults). The primary's configuration is not changed; the function
``check_primary`` says what is missing when it is. The standby listens on the same socket folder, on its own port,
with ``hot_standby_feedback`` on so that the primary's vacuum does not cancel the standby's reads.

Its data folder is under the postgres user's home: the standby runs as ``postgres``, who cannot enter root's cache
folder.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SOCKET_DIR = "/var/run/postgresql"
DATA_DIR = Path(os.environ.get("LOAD_STANDBY_DIR", "/var/lib/postgresql/hr_performance_coaching_standby"))


def as_postgres(*command, check=True, capture=False):
    return subprocess.run(
        ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{part}'" for part in command)],
        check=check,
        capture_output=capture,
        text=True,
    )


def query(port, db, sql):
    out = subprocess.run(
        ["psql", "-X", "-At", "-h", SOCKET_DIR, "-p", str(port), "-d", db, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def check_primary(port):
    """Raise with what to change when the primary cannot feed a streaming standby."""
    settings = dict(
        line.split("|", 1)
        for line in query(
            port,
            "postgres",
            "SELECT name, setting FROM pg_settings WHERE name IN ('wal_level', 'max_wal_senders')",
        ).splitlines()
    )
    if settings.get("wal_level") not in ("replica", "logical") or int(settings.get("max_wal_senders", 0)) < 1:
        raise SystemExit(
            f"The primary cannot stream to a standby ({settings}): set wal_level = replica and max_wal_senders >= 1 "
            "in its postgresql.conf, and restart it."
        )


def free_port(start=5433, end=5450):
    for port in range(start, end):
        if Path(SOCKET_DIR, f".s.PGSQL.{port}").exists():
            continue
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit(f"No free port for the standby in {start}..{end - 1}.")


def create(primary_port):
    """Base-backup the primary into a fresh standby and start it; returns its port once it accepts reads."""
    check_primary(primary_port)
    port = free_port()
    if DATA_DIR.exists():
        stop()
    started = time.perf_counter()
    as_postgres(
        str(PG_BIN / "pg_basebackup"),
        *("-h", SOCKET_DIR, "-p", str(primary_port), "-D", str(DATA_DIR)),
        *("-R", "-X", "stream", "-c", "fast", "--no-sync"),
    )
    conf = f"""port = {port}
listen_addresses = ''
unix_socket_directories = '{SOCKET_DIR}'
hot_standby = on
hot_standby_feedback = on
max_connections = 100
shared_buffers = 128MB
"""
    for name, text in (
        ("postgresql.conf", conf),
        ("pg_hba.conf", "local all all peer\nlocal replication all peer\n"),
        ("pg_ident.conf", ""),
    ):
        (DATA_DIR / name).write_text(text)
    shutil.chown(DATA_DIR / "postgresql.conf", "postgres", "postgres")
    as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(DATA_DIR), "-l", str(DATA_DIR / "standby.log"), "-w", "start")
    for _attempt in range(60):
        try:
            if query(port, "postgres", "SELECT pg_is_in_recovery()") == "t":
                break
        except subprocess.CalledProcessError:
            pass
        time.sleep(1)
    else:
        raise SystemExit(f"The standby did not start: see {DATA_DIR / 'standby.log'}")
    print(
        f"[load] standby: streaming replica on port {port} (data {DATA_DIR}), "
        f"made in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return port


def xact_commit(port, db):
    return int(query(port, db, f"SELECT xact_commit FROM pg_stat_database WHERE datname = '{db}'") or 0)


def stop():
    """Stop the standby and remove its data."""
    if (DATA_DIR / "postmaster.pid").exists():
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(DATA_DIR), "-m", "fast", "-w", "stop", check=False)
    shutil.rmtree(DATA_DIR, ignore_errors=True)
