"""Servers for the tests that need a socket: `triage serve` in its own processes (workers, restarts,
the installed command), or the app under uvicorn on a thread of this process (browsers, streams)."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import uvicorn

from tests.utils.cli import command_env
from tests.utils.net import free_port
from tests.utils.paths import BIN

# TRIAGE_RATE_WINDOW_SECONDS for a real server whose limits a test counts: one window from 1970 to
# the year 2286, so the test's requests never straddle two (the tests slept past a minute's turn).
ONE_WINDOW = str(10**10)


class Server:
    """`triage serve` with ``env``, as an operator starts it; `url` once /readyz answers."""

    def __init__(self, env: dict, workers: int) -> None:
        self.env, self.workers = env, workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> Server:
        self.proc = subprocess.Popen(
            [str(BIN / "triage"), "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=command_env(self.env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.stderr.read()
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)  # polls the starting process; no test waits on this
        raise AssertionError("server did not get ready")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


@dataclass(frozen=True)
class Served:
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def served(app) -> Iterator[Served]:
    """``app`` under uvicorn on a thread of this process: a socket for browsers and streams, with
    the session's loaded assistant (a `triage serve` loads the models again: 5-7 s each start)."""
    port = free_port()
    # as `triage serve` runs it: the peer address reaches the app as is (api.deps.client_ip decides)
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, proxy_headers=False))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)  # polls the starting thread; no test waits on this
    assert running.started, "uvicorn did not start"
    try:
        yield Served(port)
    finally:
        running.should_exit = True
        thread.join(timeout=10)


def fresh(url: str, method: str, path: str, **kwargs) -> httpx.Response:
    """One request on a new connection, so that successive requests spread over the workers."""
    with httpx.Client(base_url=url, timeout=30) as client:
        return client.request(method, path, **kwargs)
