"""The app over the sample KB, each test on its own database, with real SQLite (or PostgreSQL)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.db import make_engine, migrate
from tests.utils.browser import ARGS, CHROMIUM
from tests.utils.clock import FakeClock
from tests.utils.net import free_port
from tests.utils.postgres import PostgresServer
from tests.utils.server import served


def migrated(settings, url: str) -> str:
    """``url``'s database brought to the newest migration, its connections closed so it can be copied."""
    engine = make_engine(settings.model_copy(update={"database_url": url}))
    migrate(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def postgres():
    if not PostgresServer.available():
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    server = PostgresServer(free_port()).start()
    yield server
    server.stop()


# Each test's database is a copy of one migrated once, which the app's migration at start finds
# up to date: 11 ms on SQLite and 78 ms on PostgreSQL (CREATE DATABASE ... TEMPLATE), where a new
# database and its migration took 56 ms and 175 ms. 287 tests run on each.
@pytest.fixture(scope="session")
def sqlite_schema(kb_settings, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "triage.db"
    migrated(kb_settings, f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_schema(kb_settings, postgres) -> str:
    return migrated(kb_settings, postgres.new_database())


@pytest.fixture(params=["sqlite", "postgresql"])
def app_settings(request, kb_settings, tmp_path):
    """Each API test runs on a fresh SQLite file and on a fresh PostgreSQL database, at the newest migration."""
    if request.param == "sqlite":
        url = f"sqlite:///{shutil.copy(request.getfixturevalue('sqlite_schema'), tmp_path / 'triage.db')}"
    else:
        url = request.getfixturevalue("postgres").new_database(template=request.getfixturevalue("postgres_schema"))
    return kb_settings.model_copy(update={"database_url": url, "log_level": "WARNING"})


@pytest.fixture
def clock() -> FakeClock:
    """The app's clock, standing at the top of a minute until the test moves it."""
    return FakeClock()


@pytest.fixture
def client(app_settings, bot, clock):
    with TestClient(create_app(app_settings, bot, clock=clock)) as client:
        yield client


@pytest.fixture
def server(kb_settings, bot, tmp_path):
    """The app over the sample KB on a loopback socket, on its own database, for a browser."""
    settings = kb_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'web.db'}"})
    with served(create_app(settings, bot)) as running:
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
