"""The sample KB ingested once, and an assistant over it, shared by the assistant tests."""

import pytest

from assistant.config import Settings
from assistant.index import open_index
from assistant.reply import Assistant
from ingest.sync import discover, ingest
from tests.conftest import KB


@pytest.fixture(scope="session")
def kb_settings(tmp_path_factory, use_m3) -> Settings:
    settings = Settings(data_dir=tmp_path_factory.mktemp("assistant-data"), kb_dir=KB)
    files, failures, scopes = discover([KB], KB)
    report = ingest(files, open_index(settings, use_m3), prune_scopes=scopes)
    assert report.failures == []
    return settings


@pytest.fixture(scope="session")
def bot(kb_settings, use_m3) -> Assistant:
    return Assistant(kb_settings, open_index(kb_settings, use_m3))
