"""Probes, metrics, the OpenAPI description, pages, erasure and retention."""

from datetime import timedelta

import pytest

from api.models import ConversationRow, utcnow
from tests.utils.api import AGENT, say, sign, start


def test_probes(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "index": "ok"}


@pytest.mark.parametrize("path", ["/widget.js", "/demo", "/agent", "/openapi.json", "/metrics", "/v1/widget/config"])
def test_pages_answer(client, path):
    assert client.get(path).status_code == 200


def test_widget_config_is_localized(client):
    arabic = client.get("/v1/widget/config", params={"lang": "ar-EG"}).json()
    assert arabic["lang"] == "ar" and arabic["dir"] == "rtl" and len(arabic["chips"]) == 4
    assert client.get("/v1/widget/config", params={"lang": "es"}).json()["dir"] == "ltr"


def test_openapi_describes_auth_and_errors(client):
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    post = spec["paths"]["/v1/conversations/{conversation_id}/messages"]["post"]
    assert post["security"] == [{"bearer": []}]
    assert "ErrorOut" in str(post["responses"].get("413", post["responses"]))


def test_metrics_count_turns_handoffs_and_feedback(client):
    cid, auth = start(client)
    posted = say(client, cid, auth, "How do I reset my password?").json()
    client.post(f"/v1/conversations/{cid}/messages/{posted['reply']['message_id']}/feedback", json={"rating": "up"}, headers=auth)
    say(client, cid, auth, "I want to talk to a human")
    text = client.get("/metrics").text
    assert "triage_turns_total 2" in text
    assert 'triage_handoffs_total{reason="human_request"} 1' in text
    assert 'triage_feedback_total{rating="up"} 1' in text
    assert 'triage_turn_latency_seconds_count 2' in text


def test_gdpr_erase_removes_everything_of_that_customer(client):
    context = {"customer_ref": "cust-9"}
    cid, auth = start(client, context=context, signature=sign(context))
    say(client, cid, auth, "I want to talk to a human")
    other, other_auth = start(client)
    say(client, other, other_auth, "How do I reset my password?")
    assert client.delete("/v1/customers/cust-9").status_code == 401
    erased = client.delete("/v1/customers/cust-9", headers=AGENT)
    assert erased.json() == {"customer_ref": "cust-9", "conversations": 1}
    assert client.get(f"/v1/conversations/{cid}", headers=auth).status_code == 404
    assert all(i["conversation_id"] != cid for i in client.get("/v1/handoffs", params={"status": "all"}, headers=AGENT).json()["items"])
    assert client.get(f"/v1/conversations/{other}", headers=other_auth).status_code == 200


def test_retention_purges_old_conversations(client, app_settings):
    from api.db import make_engine, sessions
    from api.store import purge_older_than

    old, old_auth = start(client)
    new, new_auth = start(client)
    factory = sessions(make_engine(app_settings))
    with factory() as session:
        session.get(ConversationRow, old).updated_at = utcnow() - timedelta(days=app_settings.retention_days + 1)
        session.commit()
        assert purge_older_than(session, app_settings.retention_days)[0] == 1
        session.commit()
    assert client.get(f"/v1/conversations/{old}", headers=old_auth).status_code == 404
    assert client.get(f"/v1/conversations/{new}", headers=new_auth).status_code == 200


def test_logs_are_json_with_request_id_and_no_pii(client):
    import json
    import logging

    from api.logs import JsonFormatter, request_id

    assert client.get("/healthz", headers={"X-Request-ID": "req-9"}).headers["X-Request-ID"] == "req-9"
    token = request_id.set("req-123")
    try:
        record = logging.LogRecord("triage", logging.INFO, __file__, 1, "from ana@example.com card 4111 1111 1111 1111", None, None)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert line["request_id"] == "req-123" and line["level"] == "info"
    assert "ana@" not in line["message"] and "4111 1111 1111 1111" not in line["message"] and "1111" in line["message"]


def test_metrics_key_is_required_when_set_and_the_numbers_add_up(app_settings, bot):
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from api.app import create_app

    with TestClient(create_app(app_settings.model_copy(update={"metrics_key": SecretStr("m-key")}), bot)) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, AGENT):
            refused = client.get("/metrics", headers=headers)
            assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
        context = {"order_value": 900}
        cid, auth = start(client, context=context, signature=sign(context))
        say(client, cid, auth, "How do I reset my password?")
        say(client, cid, auth, "I will file a chargeback with my bank today")
        text = client.get("/metrics", headers={"Authorization": "Bearer m-key"}).text
    values = {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if not line.startswith("#")}
    buckets = [v for k, v in values.items() if k.startswith("triage_turn_latency_seconds_bucket")]
    assert values["triage_turns_total"] == values["triage_turn_latency_seconds_count"] == buckets[-1] == 2
    assert buckets == sorted(buckets) and values["triage_turn_latency_seconds_sum"] > 0
    assert values['triage_handoffs_total{reason="dispute"}'] == values['triage_handoffs_total{reason="high_value"}'] == 1
