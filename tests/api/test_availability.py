"""When the database is saturated or away: a quick 503 the client can retry, never a 500 after 30 s."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from tests.utils.api import say, start


def test_a_saturated_database_answers_503_with_retry_after(app_settings, bot):
    settings = app_settings.model_copy(update={"db_pool_size": 1, "db_max_overflow": 0, "db_pool_timeout": 0.3})
    with TestClient(create_app(settings, bot)) as client:
        cid, auth = start(client)
        held = client.app.state.engine.connect()  # the pool's only connection
        try:
            busy = client.post("/v1/conversations", json={})
            assert busy.status_code == 503 and busy.headers["Retry-After"] == "2"
            assert busy.json()["error"]["code"] == "unavailable"
            assert client.get("/readyz").status_code == 503
            assert client.get("/healthz").status_code == 200
        finally:
            held.close()
        # One connection serves a whole turn, its rate limit included (the limiter used to ask
        # the pool for a second connection while the request held the first).
        asked = say(client, cid, auth, "How do I reset my password?")
        assert asked.status_code == 200 and asked.json()["reply"]["text"]
        assert client.get("/readyz").status_code == 200
