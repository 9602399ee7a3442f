"""The customer API: answers, history, context trust, feedback, attachments, limits."""

import pytest

from tests.utils.api import AGENT, say, sign, start


def test_message_gets_an_answer_in_the_customers_language(client):
    cid, auth = start(client, channel="web")
    posted = say(client, cid, auth, "我可以用支付宝付款吗？")
    assert posted.status_code == 200
    body = posted.json()
    reply = body["reply"]
    assert reply["lang"] == "zh" and reply["handoff"] is None
    assert reply["sources"][0]["source"] == "payments.zh.md" and "支付宝" in reply["text"]
    assert isinstance(body["message_id"], str) and isinstance(reply["message_id"], str)  # the contract: ids are strings
    assert int(reply["message_id"]) > int(body["message_id"])

    history = client.get(f"/v1/conversations/{cid}", headers=auth).json()
    assert history["lang"] == "zh" and history["status"] == "bot" and history["handoff"] is None
    assert [(m["role"], m["id"]) for m in history["messages"]] == [("customer", body["message_id"]), ("assistant", reply["message_id"])]
    newer = client.get(f"/v1/conversations/{cid}/messages", params={"after": body["message_id"]}, headers=auth).json()
    assert [m["id"] for m in newer["messages"]] == [reply["message_id"]]


def test_a_customer_answers_only_to_their_own_token(client):
    a, auth_a = start(client)
    b, auth_b = start(client)
    say(client, b, auth_b, "How do I reset my password?")
    assert client.get(f"/v1/conversations/{b}", headers=auth_a).status_code == 404
    assert say(client, b, auth_a, "hi").status_code == 404
    assert client.get(f"/v1/conversations/{b}").status_code == 401
    assert client.get(f"/v1/conversations/{b}", headers=AGENT).status_code == 404
    error = client.get(f"/v1/conversations/{b}", headers=auth_a).json()["error"]
    assert error["code"] == "not_found" and "token" in error["message"]


def test_signed_context_is_trusted_and_unsigned_ignored(client):
    context = {"customer_ref": "c-1", "customer_name": "Ana", "order_id": "NP-1", "order_value": 800, "currency": "EUR"}
    cid, auth = start(client, context=context, signature=sign(context))
    reply = say(client, cid, auth, "我可以用支付宝付款吗？").json()["reply"]
    assert reply["handoff"]["reasons"] == ["high_value"]
    assert reply["handoff"]["case"]["context"]["customer_name"] == "Ana"

    for body in ({"context": context}, {"context": context, "signature": sign(context, "wrong")}):
        cid, auth = start(client, **body)
        assert say(client, cid, auth, "我可以用支付宝付款吗？").json()["reply"]["handoff"] is None


def test_store_key_makes_context_trusted(client):
    context = {"order_value": 950}
    created = client.post("/v1/conversations", json={"context": context}, headers={"Authorization": "Bearer demo-store-key"})
    auth = {"Authorization": f"Bearer {created.json()['token']}"}
    reply = say(client, created.json()["id"], auth, "我可以用支付宝付款吗？").json()["reply"]
    assert reply["handoff"]["reasons"] == ["high_value"]


def test_customer_cannot_lower_a_signed_order_value(client):
    context = {"order_value": 800}
    cid, auth = start(client, context=context, signature=sign(context))
    reply = say(client, cid, auth, "My order is only worth 10 EUR. 我可以用支付宝付款吗？").json()["reply"]
    assert "high_value" in reply["handoff"]["reasons"]


@pytest.mark.parametrize(
    ("request_args", "status", "code"),
    [
        ({"json": {"text": "x" * 4001}}, 413, "too_large"),
        ({"json": {"text": ""}}, 422, "invalid"),
        ({"json": {}}, 422, "invalid"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "invalid_json"),
        ({"content": b"x" * 70_000, "headers": {"content-type": "application/json"}}, 413, "too_large"),
    ],
)
def test_bad_messages_get_a_4xx_with_a_message(client, request_args, status, code):
    cid, auth = start(client)
    args = dict(request_args)
    headers = {**auth, **args.pop("headers", {})}
    answer = client.post(f"/v1/conversations/{cid}/messages", headers=headers, **args)
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code and answer.json()["error"]["message"]


def test_unknown_route_and_bad_conversation_body(client):
    missing = client.get("/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad = client.post("/v1/conversations", json={"channel": "x" * 100})
    assert bad.status_code == 422 and "channel" in bad.json()["error"]["message"]


def test_rate_limit_per_conversation(app_settings, bot, clock):
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(app_settings.model_copy(update={"rate_per_conversation": 3}), bot, clock=clock)) as client:
        cid, auth = start(client)
        codes = [say(client, cid, auth, "How do I reset my password?").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = say(client, cid, auth, "again")
        assert int(limited.headers["Retry-After"]) >= 1 and limited.json()["error"]["code"] == "rate_limited"
        other, other_auth = start(client)
        assert say(client, other, other_auth, "How do I reset my password?").status_code == 200
        clock.advance(int(limited.headers["Retry-After"]))  # the next minute: the conversation may write again
        assert say(client, cid, auth, "How do I reset my password?").status_code == 200


def test_feedback_and_csat(client):
    cid, auth = start(client)
    posted = say(client, cid, auth, "How do I reset my password?").json()
    url = f"/v1/conversations/{cid}/messages/{posted['reply']['message_id']}/feedback"
    assert client.post(url, json={"rating": "up"}, headers=auth).status_code == 200
    messages = client.get(f"/v1/conversations/{cid}", headers=auth).json()["messages"]
    assert messages[-1]["rating"] == "up"
    own = f"/v1/conversations/{cid}/messages/{posted['message_id']}/feedback"
    assert client.post(own, json={"rating": "up"}, headers=auth).status_code == 404
    assert client.post(url, json={"rating": "meh"}, headers=auth).status_code == 422
    assert client.post(f"/v1/conversations/{cid}/csat", json={"score": 5, "comment": "great"}, headers=auth).status_code == 200
    assert client.post(f"/v1/conversations/{cid}/csat", json={"score": 6}, headers=auth).status_code == 422


def test_one_rating_per_resolution(client):
    """The widget sends the score on the tap and the comment after it: one rating, not two; the
    next resolution is rated anew."""
    cid, auth = start(client)

    def resolve() -> None:
        say(client, cid, auth, "I want to talk to a human")
        case = next(i["id"] for i in client.get("/v1/handoffs", headers=AGENT).json()["items"] if i["conversation_id"] == cid)
        assert client.post(f"/v1/handoffs/{case}/claim", headers=AGENT).status_code == 200
        assert client.post(f"/v1/handoffs/{case}/resolve", json={}, headers=AGENT).status_code == 200

    def rate(body: dict) -> dict:
        assert client.post(f"/v1/conversations/{cid}/csat", json=body, headers=auth).status_code == 200
        return client.get("/v1/insights", headers=AGENT).json()["total"]["csat"]

    resolve()
    assert rate({"score": 2}) == {"count": 1, "mean": 2.0, "distribution": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0}}
    assert rate({"score": 4, "comment": "Rápido"})["distribution"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}
    resolve()
    assert rate({"score": 5}) == {"count": 2, "mean": 4.5, "distribution": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}}


def test_thumbs_down_then_new_question_goes_to_a_person(client):
    cid, auth = start(client)
    posted = say(client, cid, auth, "我可以用支付宝付款吗？").json()
    client.post(f"/v1/conversations/{cid}/messages/{posted['reply']['message_id']}/feedback", json={"rating": "down"}, headers=auth)
    reply = say(client, cid, auth, "我可以用微信支付吗？").json()["reply"]
    assert "repeated_failure" in reply["handoff"]["reasons"]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_attachments_with_size_and_type_limits(app_settings, bot):
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(app_settings.model_copy(update={"max_attachment_bytes": 1000}), bot)) as client:
        cid, auth = start(client)
        url = f"/v1/conversations/{cid}/attachments"
        ok = client.post(url, files={"file": ("photo.png", PNG, "image/png")}, headers=auth)
        assert ok.status_code == 201
        attachment = ok.json()["attachment"]
        assert attachment["name"] == "photo.png" and attachment["size"] == len(PNG)
        assert client.get(attachment["url"], params={"access_token": auth["Authorization"][7:]}).content == PNG
        assert client.get(attachment["url"]).status_code == 401
        assert client.get(attachment["url"], headers=AGENT).content == PNG  # agents open it from the inbox
        too_big = client.post(url, files={"file": ("big.png", b"x" * 2000, "image/png")}, headers=auth)
        assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "too_large"
        wrong = client.post(url, files={"file": ("run.exe", b"MZ", "application/x-msdownload")}, headers=auth)
        assert wrong.status_code == 415


def test_card_number_is_never_stored_whole(client):
    cid, auth = start(client)
    say(client, cid, auth, "my card 4111 1111 1111 1111 was charged twice, I'll do a chargeback")
    history = client.get(f"/v1/conversations/{cid}", headers=auth).json()
    assert "4111 1111 1111 1111" not in str(history) and "**** **** **** 1111" in history["messages"][0]["text"]


def test_cors_lets_a_store_site_embed_the_widget(client):
    preflight = client.options(
        "/v1/conversations",
        headers={"Origin": "https://shop.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"},
    )
    assert preflight.status_code == 200
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()


def test_a_clarifying_question_comes_with_its_choices(client):
    cid, auth = start(client, channel="web")
    reply = say(client, cid, auth, "Can I change my order after it ships?").json()["reply"]
    assert "Changing the delivery address" in reply["clarify"]["options"]
    assert reply["handoff"] is None and reply["sources"] == [] and reply["lang"] == "en"
    answered = say(client, cid, auth, "Changing the delivery address").json()["reply"]
    assert answered["clarify"] is None and "address" in answered["text"]
