"""The agents' API: the queue, a case, claim, reply, resolve, and what the customer sees."""

import pytest

from assistant.locales import phrase
from tests.utils.api import AGENT, say, sign, start


def handoff_for(client, cid):
    items = client.get("/v1/handoffs", params={"status": "all"}, headers=AGENT).json()["items"]
    return next(i for i in items if i["conversation_id"] == cid)


def test_agent_endpoints_reject_a_missing_or_wrong_key(client):
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "demo-agent-key"}):
        answer = client.get("/v1/handoffs", headers=headers)
        assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
    cid, auth = start(client)
    assert client.get("/v1/handoffs", headers=auth).status_code == 401  # a customer token is no agent key
    assert client.get("/v1/agents/me", headers=AGENT).json() == {"name": "Demo Agent", "languages": ["en"], "source": "settings"}


def test_queue_is_sorted_by_priority(client):
    low, low_auth = start(client)
    say(client, low, low_auth, "Do you sell kayak paddles in carbon fibre?")
    context = {"customer_name": "Ana", "order_value": 1200}
    high, high_auth = start(client, context=context, signature=sign(context))
    say(client, high, high_auth, "I will file a chargeback with my bank today")
    items = client.get("/v1/handoffs", params={"status": "open"}, headers=AGENT).json()["items"]
    assert [i["conversation_id"] for i in items][:2] == [high, low]
    top = items[0]
    assert set(top["reasons"]) == {"dispute", "high_value"} and top["customer_name"] == "Ana" and top["order_value"] == 1200
    assert top["lang"] == "en" and top["summary"] and top["status"] == "open" and top["waiting_seconds"] >= 0


def test_claim_reply_resolve_round_trip(client):
    cid, auth = start(client, locale="es")
    say(client, cid, auth, "¿Qué métodos de pago aceptan en Europa?")
    handed = say(client, cid, auth, "Quiero hablar con una persona, por favor").json()["reply"]
    assert handed["handoff"]["reasons"] == ["human_request"]
    case_id = handoff_for(client, cid)["id"]

    case = client.get(f"/v1/handoffs/{case_id}", headers=AGENT).json()
    assert case["case"]["lang"] == "es" and "human_request" in case["case"]["summary"]
    assert [m["role"] for m in case["transcript"]] == ["customer", "assistant", "customer", "assistant"]
    assert case["suggested_reply"] is None or case["suggested_reply"]["text"]

    claimed = client.post(f"/v1/handoffs/{case_id}/claim", headers=AGENT).json()
    assert claimed == {"id": case_id, "status": "claimed", "agent_name": "Demo Agent"}
    conversation = client.get(f"/v1/conversations/{cid}", headers=auth).json()
    assert conversation["status"] == "agent" and conversation["agent_name"] == "Demo Agent"
    assert "Demo Agent" in conversation["messages"][-1]["text"]  # "... has joined" in Spanish

    silent = say(client, cid, auth, "Hola, ¿sigue ahí?")
    assert silent.status_code == 200 and silent.json()["reply"] is None

    sent = client.post(f"/v1/handoffs/{case_id}/reply", json={"text": "Hola Ana, ya lo reviso."}, headers=AGENT).json()
    newer = client.get(f"/v1/conversations/{cid}/messages", params={"after": silent.json()["message_id"]}, headers=auth).json()
    agent_message = newer["messages"][0]
    assert agent_message["id"] == sent["message_id"] and agent_message["role"] == "agent"
    assert agent_message["text"] == "Hola Ana, ya lo reviso." and agent_message["agent_name"] == "Demo Agent"

    resolved = client.post(f"/v1/handoffs/{case_id}/resolve", json={"outcome": "answered"}, headers=AGENT).json()
    assert resolved["status"] == "resolved"
    assert client.get(f"/v1/conversations/{cid}", headers=auth).json()["status"] == "resolved"
    thanked = say(client, cid, auth, "¡Muchas gracias!").json()["reply"]
    assert thanked["handoff"] is None and thanked["text"] == phrase("welcome", "es")
    assert client.get("/v1/handoffs", headers=AGENT).json()["items"] == []  # good manners open no case
    again = say(client, cid, auth, "¿Puedo pagar con Klarna en Alemania?").json()["reply"]
    assert again is not None and again["lang"] == "es"
    assert client.get(f"/v1/conversations/{cid}", headers=auth).json()["status"] == "bot"
    assert client.post(f"/v1/handoffs/{case_id}/resolve", headers=AGENT).status_code == 409


def test_one_open_case_per_conversation(client):
    cid, auth = start(client)
    say(client, cid, auth, "I want to talk to a human")
    say(client, cid, auth, "This is the worst service ever, I am furious")
    cases = [i for i in client.get("/v1/handoffs", params={"status": "all"}, headers=AGENT).json()["items"] if i["conversation_id"] == cid]
    assert len(cases) == 1 and set(cases[0]["reasons"]) >= {"human_request", "complaint"}


def test_another_agent_cannot_take_a_claimed_case(app_settings, bot):
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from api.app import create_app

    keys = {"Maria": SecretStr("key-maria"), "Wei": SecretStr("key-wei")}
    with TestClient(create_app(app_settings.model_copy(update={"agent_keys": keys}), bot)) as client:
        cid, auth = start(client)
        say(client, cid, auth, "I want to talk to a human")
        case_id = client.get("/v1/handoffs", headers={"Authorization": "Bearer key-maria"}).json()["items"][0]["id"]
        assert client.post(f"/v1/handoffs/{case_id}/claim", headers={"Authorization": "Bearer key-maria"}).status_code == 200
        taken = client.post(f"/v1/handoffs/{case_id}/claim", headers={"Authorization": "Bearer key-wei"})
        assert taken.status_code == 409 and "Maria" in taken.json()["error"]["message"]


def test_unknown_case_is_404(client):
    assert client.get("/v1/handoffs/nope", headers=AGENT).status_code == 404
    assert client.post("/v1/handoffs/nope/reply", json={"text": "x"}, headers=AGENT).status_code == 404


def two_agents(app_settings, bot, names=("Maria", "Wei")):
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from api.app import create_app

    keys = {name: SecretStr(f"key-{name.lower()}") for name in names}
    return TestClient(create_app(app_settings.model_copy(update={"agent_keys": keys}), bot))


def key(name):
    return {"Authorization": f"Bearer key-{name.lower()}"}


@pytest.mark.load
def test_concurrent_claims_give_exactly_one_holder(app_settings, bot):
    import threading

    names = [f"Agent{i}" for i in range(8)]
    with two_agents(app_settings, bot, names) as client:
        cid, auth = start(client)
        say(client, cid, auth, "I want to talk to a human")
        case_id = client.get("/v1/handoffs", headers=key(names[0])).json()["items"][0]["id"]
        ready, codes = threading.Barrier(len(names)), {}

        def claim(name):
            ready.wait()
            codes[name] = client.post(f"/v1/handoffs/{case_id}/claim", headers=key(name)).status_code

        threads = [threading.Thread(target=claim, args=(name,)) for name in names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [name for name, code in codes.items() if code == 200]
        assert len(winners) == 1 and sorted(codes.values()) == [200] + [409] * (len(names) - 1)
        assert client.get(f"/v1/handoffs/{case_id}", headers=key(names[0])).json()["agent_name"] == winners[0]
        joined = [m for m in client.get(f"/v1/conversations/{cid}", headers=auth).json()["messages"] if "Agent" in m["text"]]
        assert len(joined) == 1  # the customer is told once who joined


def test_only_the_holder_replies_or_resolves_until_release_or_takeover(app_settings, bot):
    with two_agents(app_settings, bot) as client:
        cid, auth = start(client)
        say(client, cid, auth, "I want to talk to a human")
        case = f"/v1/handoffs/{client.get('/v1/handoffs', headers=key('Maria')).json()['items'][0]['id']}"
        assert client.post(f"{case}/claim", headers=key("Maria")).status_code == 200
        for action, body in (("reply", {"text": "Hi, Wei here"}), ("resolve", {}), ("release", None)):
            refused = client.post(f"{case}/{action}", json=body, headers=key("Wei"))
            assert refused.status_code == 409 and "Maria" in refused.json()["error"]["message"], action
        released = client.post(f"{case}/release", headers=key("Maria")).json()
        assert released["status"] == "open" and released["agent_name"] is None
        assert client.get(f"/v1/conversations/{cid}", headers=auth).json()["status"] == "waiting"
        assert client.post(f"{case}/reply", json={"text": "Hi, Wei here"}, headers=key("Wei")).status_code == 200  # claims it
        taken = client.post(f"{case}/claim", json={"take_over": True}, headers=key("Maria")).json()
        assert taken["agent_name"] == "Maria" and taken["status"] == "claimed"
        assert client.post(f"{case}/resolve", headers=key("Wei")).status_code == 409
        assert client.post(f"{case}/resolve", json={"outcome": "answered"}, headers=key("Maria")).json()["status"] == "resolved"
        late = client.post(f"{case}/claim", json={"take_over": True}, headers=key("Wei"))
        assert late.status_code == 409 and "resolved" in late.json()["error"]["message"]
