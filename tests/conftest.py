"""Shared fixtures: real models, a real embedded Chroma, and a real `chroma run` server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

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
from tests.utils.net import free_port
from tests.utils.orders import ORDERS_FILE, ORDERS_TODAY
from tests.utils.paths import BIN, KB


@pytest.fixture(scope="session")
def use_m3() -> UseM3Embedder:
    """One loaded USE-m3 for the session; tests reset its counter as they need."""
    return UseM3Embedder(threads=2)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> str:
    """A `chroma run` server on a loopback port, for the duration of the session."""
    chroma = shutil.which("chroma", path=str(BIN)) or shutil.which("chroma")
    assert chroma, "the chroma CLI (from chromadb) is not installed"
    port = free_port()
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


@pytest.fixture(scope="session")
def kb_settings(tmp_path_factory, use_m3) -> Settings:
    """The sample KB ingested once for the whole run, as `triage ingest` leaves it. Every test that
    reads it shares it (servers and `triage` commands too, through TRIAGE_DATA_DIR); a test that
    changes it takes `kb_copy`. Its ingest and finish are the slowest setup of the suite."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("assistant-data"), kb_dir=KB)
    files, failures, scopes = discover([KB], KB)
    index = open_index(settings, use_m3)
    report = ingest(files, index, prune_scopes=scopes)
    assert failures == [] and report.failures == [] and report.files.added == len(files)
    finish(settings, index, changed=True)  # as `triage ingest` does: second-opinion vectors, threshold
    return settings


@pytest.fixture
def kb_copy(kb_settings, tmp_path) -> Settings:
    """The session's ingested sample KB copied for a test that changes it: a copy of its files
    instead of another ingest."""
    return kb_settings.model_copy(update={"data_dir": shutil.copytree(kb_settings.data_dir, tmp_path / "kb-data")})


@pytest.fixture(scope="session")
def bot(kb_settings, use_m3) -> Assistant:
    index = open_index(kb_settings, use_m3)
    return Assistant(kb_settings, index, scorer=open_scorer(kb_settings, index.name, 2))


@pytest.fixture(scope="session")
def store_bot(kb_settings, use_m3) -> Assistant:
    """The sample store with its orders connected (TRIAGE_ORDERS=file:...), on ORDERS_TODAY."""
    settings = kb_settings.model_copy(update={"orders": f"file:{ORDERS_FILE}"})
    index = open_index(settings, use_m3)
    desk = OrderDesk(FileOrders(ORDERS_FILE), settings, today=lambda: ORDERS_TODAY)
    return Assistant(settings, index, scorer=open_scorer(settings, index.name, 2), orders=desk)
