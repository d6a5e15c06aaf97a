"""Real servers on loopback for the scale-out suite: a throwaway PostgreSQL cluster and a Chroma
server, each started in a temporary folder and stopped (and deleted) at the end of the session.

``pytest --engines`` runs the store, commerce, conversation and service suites against them
(``make test`` does, after the ordinary run on SQLite and on-disk Chroma). Without the binaries
the tests that need them are skipped with the reason, except under CI (``CI`` set), where a
missing engine is an error: CI must run them.

PostgreSQL refuses to run as root; as root the cluster is created and run as the ``postgres``
user (Debian's package creates it), in a folder that user owns.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx


class EngineMissing(RuntimeError):
    """The binaries for an engine are not installed here."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_bin(name: str) -> str:
    for candidate in (
        shutil.which(name),
        *sorted(map(str, Path("/usr/lib/postgresql").glob(f"*/bin/{name}")), reverse=True),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise EngineMissing(f"PostgreSQL's {name} is not installed (Debian's package: postgresql)")


def _wait(
    check: Callable[[], bool], process: subprocess.Popen[bytes], what: str, log: Path
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{what} exited with {process.returncode}: {tail}")
        if check():
            return
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"{what} did not start within 60 s: {tail}")


@dataclass
class PostgresServer:
    """A PostgreSQL cluster on 127.0.0.1 with trust authentication (tests only)."""

    folder: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    user: str | None = field(default=None)

    @classmethod
    def start(cls) -> PostgresServer:
        initdb, postgres = _postgres_bin("initdb"), _postgres_bin("postgres")
        as_user = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError as error:
                raise EngineMissing("running as root and there is no `postgres` user") from error
            as_user = "postgres"
        folder = Path(tempfile.mkdtemp(prefix="aftercare-pg-"))
        if as_user is not None:
            shutil.chown(folder, as_user)
        server = cls(folder, free_port(), None, as_user)
        log = folder / "postgres.log"
        subprocess.run(
            [initdb, "-D", str(folder / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            check=True, capture_output=True, user=as_user,
        )  # fmt: skip
        with log.open("wb") as out:
            server.process = subprocess.Popen(
                [postgres, "-D", str(folder / "data"), "-h", "127.0.0.1", "-p", str(server.port),
                 "-k", str(folder), "-c", "fsync=off", "-c", "synchronous_commit=off",
                 "-c", "full_page_writes=off", "-c", "max_connections=300"],
                stdout=out, stderr=subprocess.STDOUT, user=as_user,
            )  # fmt: skip
        _wait(server._accepts, server.process, "postgres", log)
        return server

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _accepts(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(self._dsn("postgres"), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def _dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(self._dsn("postgres"), autocommit=True) as connection:
            connection.execute(sql.encode())

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); its URL."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        suffix = f" TEMPLATE {template}" if template else ""
        self.execute(f"CREATE DATABASE {name}{suffix}")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class ChromaServer:
    """``chroma run`` (the server shipped in the chromadb package) on 127.0.0.1."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls) -> ChromaServer:
        executable = Path(sys.executable).with_name("chroma")
        if not executable.exists():
            raise EngineMissing(f"no `chroma` command beside {sys.executable}")
        folder = Path(tempfile.mkdtemp(prefix="aftercare-chroma-"))
        port = free_port()
        log = folder / "chroma.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [str(executable), "run", "--path", str(folder / "data"), "--host", "127.0.0.1",
                 "--port", str(port)],
                stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"},
            )  # fmt: skip
        server = cls(folder, port, process)
        _wait(server._alive, process, "chroma", log)
        return server

    def _alive(self) -> bool:
        try:
            return httpx.get(f"{self.url}/api/v2/heartbeat", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
