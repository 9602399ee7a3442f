"""`triage agents add|list|remove`, as an operator runs them, against the database the service uses."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from api.app import create_app
from tests.utils.cli import run


def test_an_agent_is_added_with_a_key_shown_once_listed_without_it_and_removed(tmp_path, kb_settings, bot):
    database = f"sqlite:///{tmp_path / 'triage.db'}"
    env = {"TRIAGE_DATA_DIR": str(tmp_path), "TRIAGE_DATABASE_URL": database}

    added = run("agents", "add", "Lucía", "--langs", "es,EN", env=env)
    assert added.returncode == 0, added.stderr
    key = added.stdout.strip()
    assert len(key) >= 40 and "\n" not in key and "Lucía" in added.stderr and "once" in added.stderr

    again = run("agents", "add", "Lucía", "--langs", "es", env=env)
    assert again.returncode == 2 and "already" in again.stderr and key not in again.stdout + again.stderr

    listed = run("agents", "list", env=env)
    as_json = run("agents", "list", "--json", env=env)
    assert listed.returncode == 0 and "Lucía: es, en" in listed.stdout
    assert json.loads(as_json.stdout)["agents"] == [
        {"name": "Demo Agent", "languages": ["en"], "source": "settings"},
        {"name": "Lucía", "languages": ["es", "en"], "source": "database"},
    ]
    assert key not in listed.stdout + listed.stderr + as_json.stdout + as_json.stderr
    assert key.encode() not in (tmp_path / "triage.db").read_bytes()  # only its hash is stored

    settings = kb_settings.model_copy(update={"database_url": database})
    with TestClient(create_app(settings, bot)) as client:
        me = client.get("/v1/agents/me", headers={"Authorization": f"Bearer {key}"})
        assert me.status_code == 200 and me.json()["languages"] == ["es", "en"]

        removed = run("agents", "remove", "Lucía", env=env)
        assert removed.returncode == 0, removed.stderr
        refused = client.get("/v1/handoffs", headers={"Authorization": f"Bearer {key}"})
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"

    assert "Lucía" not in run("agents", "list", env=env).stdout
    gone = run("agents", "remove", "Lucía", env=env)
    assert gone.returncode == 2 and "no agent named Lucía" in gone.stderr


def test_languages_must_be_codes(tmp_path):
    env = {"TRIAGE_DATA_DIR": str(tmp_path)}
    wrong = run("agents", "add", "Kim", "--langs", "Korean", env=env)
    assert wrong.returncode == 2 and "language codes" in wrong.stderr and not wrong.stdout
