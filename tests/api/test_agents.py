"""Agents by language: the queue shows an agent their languages first, and a case says plainly when
no translation exists, showing the knowledge base's answer in the agent's language instead."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.agents import add_agent
from api.app import create_app
from tests.utils.api import AGENT, say, sign, start


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def test_an_agent_who_reads_spanish_sees_the_spanish_case_first_and_the_japanese_one_marked(app_settings, bot):
    settings = app_settings.model_copy(
        update={"agent_keys": {"Lucía": SecretStr("key-lucia"), "Demo Agent": SecretStr("demo-agent-key")},
                "agent_langs": {"Lucía": ["es"]}}  # fmt: skip
    )
    with TestClient(create_app(settings, bot)) as client:
        # The Japanese case is more urgent (a valuable order), so priority alone would put it first.
        context = {"customer_name": "Yuki", "order_value": 1200}
        ja, ja_auth = start(client, locale="ja", context=context, signature=sign(context))
        say(client, ja, ja_auth, "担当者と話したいです")
        es, es_auth = start(client, locale="es")
        say(client, es, es_auth, "Quiero hablar con una persona, por favor")

        items = client.get("/v1/handoffs", headers=bearer("key-lucia")).json()["items"]
        by_conversation = {i["conversation_id"]: i for i in items}
        assert by_conversation[ja]["priority"] > by_conversation[es]["priority"]
        assert [i["conversation_id"] for i in items] == [es, ja]
        assert by_conversation[es]["agent_reads"] is True and by_conversation[ja]["agent_reads"] is False
        assert client.get("/v1/agents/me", headers=bearer("key-lucia")).json()["languages"] == ["es"]

        # The Demo Agent reads English only: neither case is in their languages, and priority orders them.
        demo = client.get("/v1/handoffs", headers=AGENT).json()["items"]
        assert [i["conversation_id"] for i in demo] == [ja, es] and not any(i["agent_reads"] for i in demo)


def test_a_japanese_case_without_a_translator_says_so_and_shows_the_english_kb_passage(client):
    cid, auth = start(client, locale="ja")
    answered = say(client, cid, auth, "コンビニ払いはできますか？").json()["reply"]
    assert answered["handoff"] is None and answered["sources"][0]["source"] == "payments.ja.md"
    say(client, cid, auth, "担当者と話したいです")
    case_id = next(i["id"] for i in client.get("/v1/handoffs", headers=AGENT).json()["items"] if i["conversation_id"] == cid)

    case = client.get(f"/v1/handoffs/{case_id}", headers=AGENT).json()
    assert case["agent_reads"] is False
    assert case["translation"] == {
        "needed": True, "available": False, "from": "ja", "to": "en", "notice": "No translation available: Japanese",
    }
    assert all(m["translated_text"] is None for m in case["transcript"])  # nothing promised, nothing made up
    passage = case["kb_passage"]
    assert passage["lang"] == "en" and passage["source"] == "payments.md" and "Konbini" in passage["text"]


def test_a_case_in_the_agents_language_needs_no_translation(client):
    cid, auth = start(client)
    say(client, cid, auth, "I want to talk to a human")
    case_id = client.get("/v1/handoffs", headers=AGENT).json()["items"][0]["id"]
    case = client.get(f"/v1/handoffs/{case_id}", headers=AGENT).json()
    assert case["conversation_id"] == cid and case["agent_reads"] is True
    assert case["translation"]["needed"] is False and case["translation"]["notice"] is None and case["kb_passage"] is None


class Upper:
    """A translator for one pair that shows it ran: enough to see both directions wired."""

    def __init__(self, pairs):
        self.pairs = set(pairs)

    def can_translate(self, source, target):
        return (source, target) in self.pairs

    def translate(self, text, source, target):
        return f"[{source}->{target}] {text}"


@pytest.fixture
def translating_bot(bot):
    saved = bot.translators.chain
    bot.translators.chain = [Upper({("ja", "en"), ("en", "ja")})]
    yield bot
    bot.translators.chain = saved


def test_with_a_translator_both_ways_are_translated_and_the_originals_kept(app_settings, translating_bot):
    with TestClient(create_app(app_settings, translating_bot)) as client:
        cid, auth = start(client, locale="ja")
        say(client, cid, auth, "担当者と話したいです")
        case_id = client.get("/v1/handoffs", headers=AGENT).json()["items"][0]["id"]
        case = client.get(f"/v1/handoffs/{case_id}", headers=AGENT).json()
        assert case["translation"] == {"needed": True, "available": True, "from": "ja", "to": "en", "notice": None}
        assert case["kb_passage"] is None
        assert case["case"]["messages"][-1] == {"text": "担当者と話したいです", "translated": "[ja->en] 担当者と話したいです"}
        customer = next(m for m in case["transcript"] if m["role"] == "customer")
        assert customer["text"] == "担当者と話したいです" and customer["translated_text"] == "[ja->en] 担当者と話したいです"

        sent = client.post(f"/v1/handoffs/{case_id}/reply", json={"text": "I will check your order."}, headers=AGENT).json()
        assert sent["text"] == "[en->ja] I will check your order." and sent["original_text"] == "I will check your order."
        seen = client.get(f"/v1/conversations/{cid}", headers=auth).json()["messages"][-1]
        assert seen["text"] == "[en->ja] I will check your order."

        say(client, cid, auth, "ありがとう、待ちます")  # while the agent holds the case: stored with its translation
        latest = client.get(f"/v1/handoffs/{case_id}", headers=AGENT).json()["transcript"][-1]
        assert latest["text"] == "ありがとう、待ちます" and latest["translated_text"] == "[ja->en] ありがとう、待ちます"


def test_an_agent_added_from_the_database_signs_in_and_a_customer_token_opens_no_agent_route(client):
    with client.app.state.sessions() as session:
        key = add_agent(session, client.app.state.settings, "Kenji", ("ja", "en"))
        session.commit()
    assert client.get("/v1/agents/me", headers=bearer(key)).json() == {"name": "Kenji", "languages": ["ja", "en"], "source": "database"}
    listed = client.get("/v1/agents", headers=bearer(key)).json()["items"]
    assert {"name": "Kenji", "languages": ["ja", "en"], "source": "database"} in listed
    assert all(set(a) == {"name", "languages", "source"} for a in listed)  # never a key

    cid, auth = start(client, locale="ja")
    say(client, cid, auth, "担当者と話したいです")
    item = client.get("/v1/handoffs", headers=bearer(key)).json()["items"][0]
    assert item["agent_reads"] is True

    for method, path in (("GET", "/v1/agents"), ("GET", "/v1/agents/me"), ("GET", "/v1/handoffs"),
                         ("GET", f"/v1/handoffs/{item['id']}"), ("POST", f"/v1/handoffs/{item['id']}/claim")):  # fmt: skip
        refused = client.request(method, path, headers=auth)
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized", path
