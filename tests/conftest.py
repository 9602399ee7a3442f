"""Shared fixtures: real models, a real embedded Chroma, and a real `chroma run` server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from api.settings import Settings
from assistant.knowledge.embeddings import UseM3Embedder
from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.orders.desk import OrderDesk
from assistant.orders.file import FileOrders
from assistant.reply import Assistant
from ingest.finish import finish
from ingest.sync import discover, ingest

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "kb"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def use_m3() -> UseM3Embedder:
    """One loaded USE-m3 for the session; tests reset its counter as they need."""
    return UseM3Embedder(threads=2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> str:
    """A `chroma run` server on a loopback port, for the duration of the session."""
    chroma = shutil.which("chroma", path=str(BIN)) or shutil.which("chroma")
    assert chroma, "the chroma CLI (from chromadb) is not installed"
    port = _free_port()
    log = tmp_path_factory.mktemp("chroma-log") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [chroma, "run", "--path", str(tmp_path_factory.mktemp("chroma-server")), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"chroma run did not start: {log.read_text()}")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(params=["embedded", "server"])
def settings(request, tmp_path) -> Settings:
    """Settings on a fresh data folder, once with the embedded store and once against `chroma run`."""
    url = request.getfixturevalue("chroma_server") if request.param == "server" else None
    collection = f"test-{request.node.name}".replace("[", "-").replace("]", "")[:60].strip("-_.")
    return Settings(data_dir=tmp_path / "data", chroma_url=url, collection=collection, kb_dir=tmp_path / "kb")


@pytest.fixture
def embedded_settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data", kb_dir=tmp_path / "kb")


def command_env(env: dict | None = None) -> dict:
    """The environment for a `triage` subprocess: this checkout's packages first, so that the
    installed script runs the code under test (from a git worktree too), plus ``env``."""
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **(env or {})}


def triage(*args: str, env: dict | None = None, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the installed `triage` command, as a user would, on this checkout's code (see `command_env`)."""
    return subprocess.run([str(BIN / "triage"), *args], capture_output=True, text=True, env=command_env(env), cwd=cwd, **kwargs)


@pytest.fixture(scope="session")
def kb_settings(tmp_path_factory, use_m3) -> Settings:
    """The sample KB ingested once for the session."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("assistant-data"), kb_dir=KB)
    files, failures, scopes = discover([KB], KB)
    index = open_index(settings, use_m3)
    report = ingest(files, index, prune_scopes=scopes)
    assert report.failures == []
    finish(settings, index, changed=True)  # as `triage ingest` does: second-opinion vectors, threshold
    return settings


@pytest.fixture(scope="session")
def bot(kb_settings, use_m3) -> Assistant:
    index = open_index(kb_settings, use_m3)
    return Assistant(kb_settings, index, scorer=open_scorer(kb_settings, index.name, 2))


# The sample store's orders (tests/data/orders.jsonl) are read on this day.
ORDERS_TODAY = date(2026, 11, 27)
ORDERS_FILE = ROOT / "tests" / "data" / "orders.jsonl"


@pytest.fixture(scope="session")
def store_bot(kb_settings, use_m3) -> Assistant:
    """The sample store with its orders connected (TRIAGE_ORDERS=file:...), on ORDERS_TODAY."""
    settings = kb_settings.model_copy(update={"orders": f"file:{ORDERS_FILE}"})
    index = open_index(settings, use_m3)
    desk = OrderDesk(FileOrders(ORDERS_FILE), settings, today=lambda: ORDERS_TODAY)
    return Assistant(settings, index, scorer=open_scorer(settings, index.name, 2), orders=desk)


def fresh_rate_window(margin: float = 15.0) -> None:
    """Sleep past the next minute boundary if it is near: rate limits count per clock minute."""
    import time as _time

    into = _time.time() % 60
    if into > 60 - margin:
        _time.sleep(60 - into + 0.5)
