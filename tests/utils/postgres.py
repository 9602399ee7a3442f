"""A throwaway PostgreSQL server (Debian's postgresql package) on a loopback port, for tests."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _as_postgres(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class PostgresServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="triage-pg-"))
        self.proc: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return _bin("initdb") is not None and _bin("postgres") is not None

    def start(self) -> PostgresServer:
        data, sockets = self.dir / "data", self.dir / "sockets"
        sockets.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            shutil.chown(sockets, "postgres")
        subprocess.run(_as_postgres([_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
                       check=True, capture_output=True)
        self.proc = subprocess.Popen(
            _as_postgres([_bin("postgres"), "-D", str(data), "-p", str(self.port), "-h", "127.0.0.1", "-k", str(sockets)]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._psql("SELECT 1").returncode == 0:
                return self
            time.sleep(0.2)
        raise RuntimeError("PostgreSQL did not start")

    def _psql(self, sql: str) -> subprocess.CompletedProcess:
        return subprocess.run([_bin("psql") or "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-c", sql],
                              capture_output=True, text=True)

    def new_database(self, template: str | None = None) -> str:
        """A new database: empty, or a copy of ``template`` (the URL of one no one is connected to)."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        result = self._psql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template.rsplit('/', 1)[1]}" if template else ""))
        assert result.returncode == 0, result.stderr
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.proc:
            # A throwaway cluster: no shutdown checkpoint (a fast stop took 3.9 s after 60 test databases, and a
            # SIGTERM waits for the connections the tests' pools still hold); immediate takes 0.1 s.
            subprocess.run(_as_postgres([_bin("pg_ctl"), "stop", "-D", str(self.dir / "data"), "-m", "immediate"]), capture_output=True)
            self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)
