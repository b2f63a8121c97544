"""A real PostgreSQL server for the test session, and the `store_db` fixture that runs a test on both stores.

`pg_server` (session scope) finds Debian's PostgreSQL binaries (`initdb` on PATH or /usr/lib/postgresql/*/bin,
newest version first), runs `initdb` into a fresh temporary folder, and starts the server with `pg_ctl` on a
free port of 127.0.0.1 (its Unix socket in the same folder); it is stopped and the folder removed at the end of
the session. PostgreSQL refuses to run as root, so under root the server runs as the `postgres` system user
(created by `apt-get install postgresql`) through `runuser`. Each test gets a database of its own
(`new_database()`), so tests never see each other's rows.

When no server can be started (no binaries, root without a `postgres` user, initdb or start failing), the
PostgreSQL tests are SKIPPED with the reason; never replaced by SQLite or a mock. Set DASHBOARD_REQUIRE_PG=1
(CI does) to make that a failure instead of a skip.

Import into a test module: `from tests.pg import pg_server, pg_url, store_db, engine  # noqa: F401`.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pytest

REQUIRE_ENV = "DASHBOARD_REQUIRE_PG"
SERVER_USER = "postgres"  # the database superuser name inside our cluster (and the system user under root)


def _find_bindir() -> Optional[Path]:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")

    def version(path: str):
        try:
            return float(Path(path).parent.parent.name)
        except ValueError:
            return 0.0

    for path in sorted(candidates, key=version, reverse=True):
        if os.access(path, os.X_OK):
            return Path(path).parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PgServer:
    bindir: Path
    datadir: Path
    sockdir: Path
    port: int
    host: str = "127.0.0.1"
    user: str = SERVER_USER
    _names: itertools.count = field(default_factory=itertools.count)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def new_database(self, prefix: str = "t") -> str:
        """CREATE DATABASE with a fresh name; returns its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _skip_or_fail(reason: str):
    if os.environ.get(REQUIRE_ENV, "").strip() in {"1", "true", "yes"}:
        pytest.fail(f"PostgreSQL is required ({REQUIRE_ENV}=1) but: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server for the tests: {reason}")


def _start_server():
    """(server, stop) or raises RuntimeError with the reason no server could be started."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(f"psycopg is not installed ({exc})") from exc
    bindir = _find_bindir()
    if bindir is None:
        raise RuntimeError("no initdb on PATH nor under /usr/lib/postgresql/*/bin "
                           "(apt-get install postgresql)")
    prefix: list[str] = []
    owner = None
    if os.geteuid() == 0:  # postgres will not run as root: run it as the `postgres` system user
        try:
            owner = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise RuntimeError("running as root and there is no 'postgres' system user to run the server "
                               "(apt-get install postgresql creates it)") from None
        runuser = shutil.which("runuser")
        if runuser is None:
            raise RuntimeError("running as root and runuser (util-linux) is not available")
        prefix = [runuser, "-u", SERVER_USER, "--"]
    base = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
    datadir, sockdir = base / "data", base / "sock"
    sockdir.mkdir()
    if owner is not None:
        os.chmod(base, 0o700)
        for path in (base, sockdir):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    log = base / "server.log"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}

    def run(*cmd, timeout=120):
        return subprocess.run([*prefix, *map(str, cmd)], capture_output=True, text=True, timeout=timeout,
                              env=env, cwd=str(base))

    def cleanup():
        shutil.rmtree(base, ignore_errors=True)

    done = run(bindir / "initdb", "-D", datadir, "--username", SERVER_USER, "--auth", "trust",
               "--encoding", "UTF8", "--locale", "C", "--no-sync")
    if done.returncode != 0:
        cleanup()
        raise RuntimeError(f"initdb failed: {(done.stderr or done.stdout).strip()[-500:]}")
    port = _free_port()
    options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={sockdir} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
               "-c shared_buffers=32MB")
    done = run(bindir / "pg_ctl", "-D", datadir, "-l", log, "-o", options, "-w", "-t", "60", "start")
    if done.returncode != 0:
        text = log.read_text(errors="replace")[-800:] if log.exists() else ""
        cleanup()
        raise RuntimeError(f"pg_ctl start failed: {(done.stderr or done.stdout).strip()[-300:]} {text}")
    server = PgServer(bindir=bindir, datadir=datadir, sockdir=sockdir, port=port)

    def stop():
        run(bindir / "pg_ctl", "-D", datadir, "-m", "immediate", "-w", "stop", timeout=60)
        cleanup()

    # Wait until it accepts TCP connections (pg_ctl -w already checks the socket).
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(host=server.host, port=port, user=SERVER_USER, dbname="postgres").close()
            break
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                stop()
                raise RuntimeError(f"the server started but refuses connections: {exc}") from exc
            time.sleep(0.2)
    return server, stop


@pytest.fixture(scope="session")
def pg_server():
    """A running PostgreSQL server of our own for the whole session (skipped, with the reason, if impossible)."""
    try:
        server, stop = _start_server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        _skip_or_fail(str(exc))
    try:
        yield server
    finally:
        stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty PostgreSQL database: its postgresql+psycopg:// URL."""
    return pg_server.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request, tmp_path) -> str:
    """The store under test, once on SQLite (a file path) and once on the real PostgreSQL server (a URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def engine(store_db):
    """An open store (SQLAlchemy engine) on each of the two databases of `store_db`, disposed after the test."""
    from lib import store

    engine = store.open_store(store_db)
    yield engine
    engine.dispose()
