"""The app over the sample KB, each test on its own database, with real SQLite (or PostgreSQL)."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.test_server import Server
from tests.conftest import _free_port
from tests.utils.browser import ARGS, CHROMIUM
from tests.utils.postgres import PostgresServer

AGENT = {"Authorization": "Bearer demo-agent-key"}


@pytest.fixture(scope="session")
def postgres():
    if not PostgresServer.available():
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    server = PostgresServer(_free_port()).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def app_settings(request, kb_settings, tmp_path):
    """Each API test runs on a fresh SQLite file and on a fresh PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'triage.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres").new_database()
    return kb_settings.model_copy(update={"database_url": url, "log_level": "WARNING"})


@pytest.fixture
def client(app_settings, bot):
    with TestClient(create_app(app_settings, bot)) as client:
        yield client


def sign(context: dict, secret: str = "demo-store-secret") -> str:
    canonical = json.dumps(context, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hmac.new(secret.encode(), canonical, hashlib.sha256).hexdigest()


def start(client, **body) -> tuple[str, dict]:
    """A new conversation: its id and the customer's auth header."""
    created = client.post("/v1/conversations", json=body)
    assert created.status_code == 201, created.text
    data = created.json()
    return data["id"], {"Authorization": f"Bearer {data['token']}"}


def say(client, conversation_id: str, headers: dict, text: str):
    return client.post(f"/v1/conversations/{conversation_id}/messages", json={"text": text}, headers=headers)


@pytest.fixture
def server(kb_settings, tmp_path):
    """`triage serve` over the sample KB, one worker, on its own database."""
    env = {"TRIAGE_DATA_DIR": str(kb_settings.data_dir), "TRIAGE_DATABASE_URL": f"sqlite:///{tmp_path / 'web.db'}"}
    with Server(env, workers=1) as running:
        yield running


@pytest.fixture
def browser():
    """Debian's headless chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()
