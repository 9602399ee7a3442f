"""The app over the sample KB, each test on its own database, with real SQLite (or PostgreSQL)."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.conftest import _free_port
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
