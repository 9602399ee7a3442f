"""`triage insights`, as the store owner runs it: the same figures as GET /v1/insights, and the gaps' CSV."""

from __future__ import annotations

import csv
import json

from fastapi.testclient import TestClient

from api.app import create_app
from tests.utils.api import AGENT
from tests.utils.cli import run
from tests.utils.insights import RANGE, seed


def test_insights_json_matches_the_api_and_writes_the_gaps(tmp_path, kb_settings, bot):
    database = f"sqlite:///{tmp_path / 'triage.db'}"
    with TestClient(create_app(kb_settings.model_copy(update={"database_url": database}), bot)) as client:
        seed(client)
        expected = client.get("/v1/insights", params=RANGE, headers=AGENT).json()
    env = {"TRIAGE_DATA_DIR": str(kb_settings.data_dir), "TRIAGE_DATABASE_URL": database}
    exported = tmp_path / "gaps.csv"

    done = run("insights", "--from", RANGE["from"], "--to", RANGE["to"], "--json", "--gaps-csv", str(exported), env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {k: data[k] for k in expected} == expected
    assert data["total"]["conversations"] == 6 and [g["size"] for g in data["gaps"]] == [2, 1]
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    assert len(rows) == 3 and "anna@example.com" not in exported.read_text(encoding="utf-8")

    plain = run("insights", "--from", RANGE["from"], "--to", RANGE["to"], env=env)
    assert plain.returncode == 0 and "conversations" in plain.stdout and "33.3%" in plain.stdout

    backwards = run("insights", "--from", "2026-11-03", "--to", "2026-11-01", "--json", env=env)
    assert backwards.returncode == 2 and "after" in backwards.stderr and backwards.stdout == ""
