"""GET /v1/insights and its content gaps, against a seeded set of conversations whose figures are known.

The seed (tests/utils/insights.py) writes rows as the service stores them, with chosen days and times,
so every figure can be worked out by hand; one test also goes through the API as customers and agents do.
"""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.utils.api import AGENT, say, start
from tests.utils.insights import NORWAY_ES, RANGE, seed


def test_every_figure_of_a_seeded_month(client):
    seed(client)
    answer = client.get("/v1/insights", params=RANGE, headers=AGENT)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    total = data["total"]
    assert (data["from"], data["to"], data["timezone"]) == ("2026-11-01", "2026-11-03", "UTC")
    assert total["conversations"] == 6
    assert (total["resolved"], total["resolution_rate"]) == (2, 0.3333)
    assert (total["handoffs"], total["handoff_rate"]) == (3, 0.5)
    by_reason = total["handoffs_by_reason"]
    assert by_reason["low_confidence"] == {"count": 2, "rate": 0.3333}
    assert by_reason["complaint"] == by_reason["high_value"] == {"count": 1, "rate": 0.1667}
    assert by_reason["dispute"] == {"count": 0, "rate": 0.0}
    assert (total["assistant_turns"], total["clarifications"], total["clarification_rate"]) == (7, 1, 0.1429)
    assert total["csat"] == {"count": 2, "mean": 4.0, "distribution": {"1": 0, "2": 0, "3": 1, "4": 0, "5": 1}}
    assert total["thumbs"] == {"up": 1, "down": 1}
    assert (total["median_wait_seconds"], total["waits"]) == (210.0, 2)
    assert (total["median_handling_seconds"], total["handled"]) == (600.0, 1)

    days = {d["day"]: d for d in data["by_day"]}
    assert list(days) == ["2026-11-01", "2026-11-02", "2026-11-03"]
    assert days["2026-11-01"]["conversations"] == 0 and days["2026-11-01"]["resolution_rate"] is None
    assert (days["2026-11-02"]["conversations"], days["2026-11-02"]["resolved"], days["2026-11-02"]["handoffs"]) == (3, 1, 1)
    assert (days["2026-11-03"]["conversations"], days["2026-11-03"]["clarifications"], days["2026-11-03"]["median_wait_seconds"]) == (3, 1, 300.0)

    langs = {g["lang"]: g for g in data["by_language"]}
    assert [g["lang"] for g in data["by_language"]] == ["en", "es", "de"]
    assert (langs["en"]["conversations"], langs["en"]["resolved"], langs["en"]["handoffs"], langs["en"]["thumbs"]) == (3, 1, 1, {"up": 1, "down": 1})
    assert (langs["es"]["median_wait_seconds"], langs["es"]["median_handling_seconds"], langs["es"]["csat"]["mean"]) == (120.0, 600.0, 3.0)
    assert (langs["de"]["handoffs_by_reason"]["complaint"]["rate"], langs["de"]["median_handling_seconds"]) == (1.0, None)


def test_the_days_are_the_stores_own(app_settings, bot):
    """For a store in Amsterdam, the conversation at 23:59 UTC on 31 October is one of its
    1 November's (00:59 there): the days follow TRIAGE_TIMEZONE, not UTC."""
    with TestClient(create_app(app_settings.model_copy(update={"timezone": "Europe/Amsterdam"}), bot)) as client:
        seed(client)
        data = client.get("/v1/insights", params=RANGE, headers=AGENT).json()
    assert data["timezone"] == "Europe/Amsterdam" and data["total"]["conversations"] == 7
    assert [(d["day"], d["conversations"]) for d in data["by_day"]] == [("2026-11-01", 1), ("2026-11-02", 3), ("2026-11-03", 3)]


def test_content_gaps_cluster_across_languages_and_export_as_csv(client):
    seed(client)
    data = client.get("/v1/insights/gaps", params=RANGE, headers=AGENT).json()
    sizes = [(g["size"], sorted(g["languages"])) for g in data["gaps"]]
    assert sizes == [(2, ["en", "es"]), (1, ["en"])]
    norway, jacket = data["gaps"]
    assert {(e["text"], e["lang"], e["kind"]) for e in norway["examples"]} == {
        (NORWAY_ES, "es", "not_answered"), ("Do you ship to Norway? Write to [email]", "en", "not_answered")}
    assert norway["nearest_document"]["source"].startswith("shipping")
    assert jacket["examples"][0]["kind"] == "thumbs_down" and "4111 1111 1111 1111" not in jacket["examples"][0]["text"]

    exported = client.get("/v1/insights/gaps.csv", params=RANGE, headers=AGENT)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert 'filename="content-gaps-2026-11-01-2026-11-03.csv"' in exported.headers["content-disposition"]
    assert "anna@example.com" not in exported.text and "4111 1111 1111 1111" not in exported.text
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["cluster"], r["size"]) for r in rows] == [("1", "2"), ("1", "2"), ("2", "1")]
    assert rows[2]["question"] == 'Is the "Fjord" jacket waterproof, really? I paid with **** **** **** 1111'
    assert rows[0]["nearest_source"] == norway["nearest_document"]["source"]


def test_figures_follow_what_customers_and_agents_do_through_the_api(client):
    cid, auth = start(client)
    answered = say(client, cid, auth, "¿Puedo pagar con Klarna en Alemania?").json()["reply"]
    assert answered["sources"], answered
    client.post(f"/v1/conversations/{cid}/messages/{answered['message_id']}/feedback", json={"rating": "up"}, headers=auth)
    other, other_auth = start(client, locale="es")
    say(client, other, other_auth, "Quiero hablar con una persona, por favor")
    case = next(i for i in client.get("/v1/handoffs", headers=AGENT).json()["items"] if i["conversation_id"] == other)
    assert client.post(f"/v1/handoffs/{case['id']}/claim", headers=AGENT).status_code == 200
    assert client.post(f"/v1/handoffs/{case['id']}/resolve", headers=AGENT).status_code == 200
    client.post(f"/v1/conversations/{other}/csat", json={"score": 4}, headers=other_auth)

    total = client.get("/v1/insights", headers=AGENT).json()["total"]  # the last 30 days, today included
    assert (total["conversations"], total["resolved"], total["handoffs"]) == (2, 1, 1)
    assert total["handoffs_by_reason"]["human_request"]["count"] == 1
    assert total["thumbs"] == {"up": 1, "down": 0} and total["csat"]["mean"] == 4.0
    assert total["waits"] == total["handled"] == 1 and total["median_handling_seconds"] >= 0


@pytest.mark.parametrize("path", ["/v1/insights", "/v1/insights/gaps", "/v1/insights/gaps.csv"])
def test_insights_need_an_agent_key(client, path):
    for headers in ({}, {"Authorization": "Bearer nope"}):
        refused = client.get(path, headers=headers)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    _, customer = start(client)
    assert client.get(path, headers=customer).status_code == 401


@pytest.mark.parametrize("params", [
    {"from": "2026-13-01"}, {"from": "20261101"}, {"to": "yesterday"}, {"from": "2026-11-03", "to": "2026-11-01"},
    {"from": "2024-01-01", "to": "2026-01-01"}, {"from": "2026-02-30"},
])  # fmt: skip
def test_bad_dates_are_refused_in_the_error_shape(client, params):
    for path in ("/v1/insights", "/v1/insights/gaps.csv"):
        refused = client.get(path, params=params, headers=AGENT)
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid_date", refused.text


def test_the_insights_page_is_served_with_the_page_headers(client):
    page = client.get("/insights")
    assert page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
    assert "/static/vendor/uPlot.iife.min.js" in page.text
    assert client.get("/static/vendor/uPlot.iife.min.js").status_code == 200
