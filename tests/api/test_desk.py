"""The agent's desk over the API: notes, reassignment, release, tags, search, history, canned
replies, the KB from the reply box and attachments for agents (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from tests.utils.api import say, sign, start

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


def key(name: str) -> dict:
    return {"Authorization": f"Bearer key-{name.lower()}"}


MARIA, WEI = key("Maria"), key("Wei")


@pytest.fixture
def desk(app_settings, bot):
    keys = {name: SecretStr(f"key-{name.lower()}") for name in ("Maria", "Wei", "Ana")}
    # the authz test sends many wrong keys from one address: the throttle has tests of its own
    settings = app_settings.model_copy(update={"agent_keys": keys, "key_failures_per_minute": 1000})
    with TestClient(create_app(settings, bot)) as client:
        yield client


def handed_off(client, text: str = "I want to talk to a human", **body) -> tuple[str, dict, str]:
    """A conversation handed off to the queue: its id, the customer's auth header and the case id."""
    cid, auth = start(client, **body)
    assert say(client, cid, auth, text).json()["reply"]["handoff"]
    items = client.get("/v1/handoffs", params={"status": "all"}, headers=MARIA).json()["items"]
    return cid, auth, next(i["id"] for i in items if i["conversation_id"] == cid)


def signed(**context) -> dict:
    return {"context": context, "signature": sign(context)}


def test_every_desk_endpoint_wants_an_agent_key(desk):
    cid, auth, case = handed_off(desk)
    aid = desk.post(f"/v1/conversations/{cid}/attachments", files={"file": ("a.png", PNG, "image/png")}, headers=auth).json()
    calls = [
        ("GET", "/v1/handoffs/search?q=human", None), ("POST", f"/v1/handoffs/{case}/notes", {"text": "x"}),
        ("POST", f"/v1/handoffs/{case}/reassign", {"agent": "Wei"}), ("POST", f"/v1/handoffs/{case}/tags", {"tag": "vip"}),
        ("DELETE", f"/v1/handoffs/{case}/tags/vip", None), ("GET", f"/v1/handoffs/{case}/history", None),
        ("GET", f"/v1/handoffs/{case}/attachments/{aid['attachment']['url'].rsplit('/', 1)[1]}", None),
        ("GET", "/v1/canned-replies", None), ("POST", "/v1/canned-replies", {"title": "t", "text": "x"}),
        ("PUT", "/v1/canned-replies/1", {"title": "t", "text": "x"}), ("DELETE", "/v1/canned-replies/1", None),
        ("GET", "/v1/kb/search?q=refund&lang=es", None),
    ]  # fmt: skip
    for method, path, body in calls:
        for headers in ({}, auth, {"Authorization": "Bearer wrong"}):  # none, the customer's token, a wrong key
            answer = desk.request(method, path, json=body, headers=headers)
            assert answer.status_code == 401, (method, path, answer.text)
            assert answer.json()["error"]["code"] == "unauthorized"


def test_a_note_reaches_agents_and_never_the_customer(desk):
    cid, auth, case = handed_off(desk)
    written = desk.post(f"/v1/handoffs/{case}/notes", json={"text": "Card 4111 1111 1111 1111 — call back Monday"}, headers=MARIA)
    assert written.status_code == 201
    note = written.json()
    assert note["agent_name"] == "Maria" and "call back Monday" in note["text"] and "4111 1111" not in note["text"]
    seen = desk.get(f"/v1/handoffs/{case}", headers=WEI).json()
    assert [n["text"] for n in seen["notes"]] == [note["text"]]
    conversation = desk.get(f"/v1/conversations/{cid}", headers=auth)
    assert "call back Monday" not in conversation.text
    assert "call back Monday" not in desk.get(f"/v1/conversations/{cid}/messages", headers=auth).text
    blank = desk.post(f"/v1/handoffs/{case}/notes", json={"text": " \u200b "}, headers=MARIA)
    assert blank.status_code == 422 and blank.json()["error"]["code"] == "invalid"
    missing = desk.post("/v1/handoffs/00000000-0000-0000-0000-000000000000/notes", json={"text": "x"}, headers=MARIA)
    assert missing.status_code == 404


def test_reassign_moves_the_case_to_the_named_agent(desk):
    cid, auth, case = handed_off(desk)
    assert desk.post(f"/v1/handoffs/{case}/claim", headers=MARIA).status_code == 200
    refused = desk.post(f"/v1/handoffs/{case}/reassign", json={"agent": "Ana"}, headers=WEI)
    assert refused.status_code == 409 and "Maria" in refused.json()["error"]["message"]  # not the holder
    unknown = desk.post(f"/v1/handoffs/{case}/reassign", json={"agent": "Nobody"}, headers=MARIA)
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "unknown_agent"
    assert desk.post(f"/v1/handoffs/{case}/reassign", json={"agent": "Maria"}, headers=MARIA).status_code == 422

    moved = desk.post(f"/v1/handoffs/{case}/reassign", json={"agent": "Wei"}, headers=MARIA)
    assert moved.json() == {"id": case, "status": "claimed", "agent_name": "Wei"}
    conversation = desk.get(f"/v1/conversations/{cid}", headers=auth).json()
    assert conversation["agent_name"] == "Wei" and "Wei" in conversation["messages"][-1]["text"]
    assert desk.post(f"/v1/handoffs/{case}/reply", json={"text": "Still me"}, headers=MARIA).status_code == 409
    assert desk.post(f"/v1/handoffs/{case}/reply", json={"text": "Wei here"}, headers=WEI).status_code == 200
    notes = desk.get(f"/v1/handoffs/{case}", headers=WEI).json()["notes"]
    assert notes[-1]["agent_name"] == "Maria" and notes[-1]["text"] == "Reassigned to Wei."

    # an unclaimed case can be given by anyone; a resolved one by no one
    _, _, other = handed_off(desk)
    assert desk.post(f"/v1/handoffs/{other}/reassign", json={"agent": "Maria"}, headers=WEI).json()["agent_name"] == "Maria"
    assert desk.post(f"/v1/handoffs/{other}/resolve", headers=MARIA).status_code == 200
    assert desk.post(f"/v1/handoffs/{other}/reassign", json={"agent": "Wei"}, headers=MARIA).status_code == 409


def test_release_puts_the_case_back_in_the_queue(desk):
    cid, auth, case = handed_off(desk)
    desk.post(f"/v1/handoffs/{case}/claim", headers=MARIA)
    assert desk.post(f"/v1/handoffs/{case}/release", headers=WEI).status_code == 409
    released = desk.post(f"/v1/handoffs/{case}/release", headers=MARIA).json()
    assert released == {"id": case, "status": "open", "agent_name": None}
    assert case in [i["id"] for i in desk.get("/v1/handoffs", headers=WEI).json()["items"]]
    assert desk.get(f"/v1/conversations/{cid}", headers=auth).json()["status"] == "waiting"


def test_tags_are_normalized_shown_on_the_queue_and_filterable(desk):
    _, _, case = handed_off(desk)
    _, _, other = handed_off(desk, "I want to talk to a person about my invoice")
    assert desk.post(f"/v1/handoffs/{case}/tags", json={"tag": "  VIP   Customer!"}, headers=MARIA).json() == {"tags": ["vip-customer"]}
    assert desk.post(f"/v1/handoffs/{case}/tags", json={"tag": "vip customer"}, headers=WEI).json() == {"tags": ["vip-customer"]}
    assert desk.post(f"/v1/handoffs/{case}/tags", json={"tag": "Rückgabe"}, headers=WEI).json() == {"tags": ["vip-customer", "rückgabe"]}
    bad = desk.post(f"/v1/handoffs/{case}/tags", json={"tag": "!!!"}, headers=MARIA)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_tag"
    assert desk.post(f"/v1/handoffs/{case}/tags", json={"tag": "x" * 41}, headers=MARIA).status_code == 422

    row = next(i for i in desk.get("/v1/handoffs", headers=MARIA).json()["items"] if i["id"] == case)
    assert row["tags"] == ["vip-customer", "rückgabe"]
    tagged = desk.get("/v1/handoffs/search", params={"tag": "VIP customer"}, headers=MARIA).json()["items"]
    assert [i["id"] for i in tagged] == [case] and other not in [i["id"] for i in tagged]

    assert desk.delete(f"/v1/handoffs/{case}/tags/VIP-customer", headers=MARIA).json() == {"tags": ["rückgabe"]}
    gone = desk.delete(f"/v1/handoffs/{case}/tags/vip-customer", headers=MARIA)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"


def test_search_over_customer_words_names_refs_and_status(desk):
    _, _, anna = handed_off(desk, "I want a human about my broken kayak paddle", **signed(customer_name="Anna Berg", customer_ref="C-77"))
    _, _, other = handed_off(desk, "Let me speak to a person about the invoice")
    assert desk.post(f"/v1/handoffs/{other}/resolve", headers=MARIA).status_code == 200

    def found(**params):
        return [i["id"] for i in desk.get("/v1/handoffs/search", params=params, headers=MARIA).json()["items"]]

    assert found(q="kayak PADDLE") == [anna]  # the customer's words, every word, any case
    assert found(q="berg") == [anna] and found(q="c-77") == [anna]  # name and reference
    assert found(q="invoice") == [other]
    assert found(q="invoice", status="open") == [] and found(q="invoice", status="resolved") == [other]
    assert found(q="kayak invoice") == []
    assert set(found()) == {anna, other}
    wrong = desk.get("/v1/handoffs/search", params={"status": "lost"}, headers=MARIA)
    assert wrong.status_code == 422 and "error" in wrong.json()


def test_history_lists_the_customers_earlier_conversations(desk):
    first, _, first_case = handed_off(desk, "I want a human: my parcel never came", **signed(customer_ref="C-9", customer_name="Jo"))
    desk.post(f"/v1/handoffs/{first_case}/resolve", json={"outcome": "refunded"}, headers=MARIA)
    quiet, quiet_auth = start(desk, **signed(customer_ref="C-9"))
    assert say(desk, quiet, quiet_auth, "Which payment methods do you accept?").json()["reply"]["handoff"] is None
    start(desk, context={"customer_ref": "C-9"})  # unsigned: not this customer's
    _, _, now = handed_off(desk, "Let me talk to a person", **signed(customer_ref="C-9"))

    history = desk.get(f"/v1/handoffs/{now}/history", headers=MARIA).json()
    assert history["customer_ref"] == "C-9"
    assert [i["conversation_id"] for i in history["items"]] == [quiet, first]  # newest first, the unsigned one left out
    handled, answered = history["items"][1], history["items"][0]
    assert handled["handoff_id"] == first_case and handled["outcome"] == "refunded" and handled["case_status"] == "resolved"
    assert handled["summary"] and "parcel never came" in handled["customer_words"]
    assert answered["handoff_id"] is None and answered["summary"] == "Which payment methods do you accept?"

    _, _, anonymous = handed_off(desk)
    assert desk.get(f"/v1/handoffs/{anonymous}/history", headers=MARIA).json() == {"customer_ref": None, "items": []}


def test_canned_replies_crud_and_search(desk):
    made = desk.post(
        "/v1/canned-replies", json={"title": "Refund timing", "text": "Refunds reach PayPal in 3-5 days.", "lang": "en", "tags": ["Refund", "PayPal"]},
        headers=MARIA,
    )  # fmt: skip
    assert made.status_code == 201
    en = made.json()
    assert en["tags"] == ["refund", "paypal"] and en["created_by"] == "Maria" and en["lang"] == "en"
    spanish = {"title": "Plazo de reembolso", "text": "El reembolso llega a PayPal en 3-5 días.", "lang": "es-ES", "tags": ["refund"]}
    es = desk.post("/v1/canned-replies", json=spanish, headers=WEI).json()
    any_lang = desk.post("/v1/canned-replies", json={"title": "Order link", "text": "https://shop.example/orders"}, headers=WEI).json()
    assert es["lang"] == "es" and any_lang["lang"] is None

    def titles(**params):
        return [i["title"] for i in desk.get("/v1/canned-replies", params=params, headers=WEI).json()["items"]]

    assert titles(q="paypal", lang="es") == ["Plazo de reembolso", "Refund timing"]  # the customer's language first
    assert titles(q="refund", lang="en") == ["Refund timing", "Plazo de reembolso"]  # by tag
    assert titles(lang="fr") == ["Order link", "Plazo de reembolso", "Refund timing"]  # any-language ones next
    assert titles(q="nothing-like-this") == []

    edited = desk.put(f"/v1/canned-replies/{en['id']}", json={"title": "Refund timing", "text": "Refunds take 5 days.", "lang": "en"}, headers=WEI)
    assert edited.json()["text"] == "Refunds take 5 days." and edited.json()["tags"] == []
    assert desk.delete(f"/v1/canned-replies/{en['id']}", headers=WEI).json() == {"ok": True}
    for method in ("PUT", "DELETE"):
        assert desk.request(method, f"/v1/canned-replies/{en['id']}", json={"title": "t", "text": "x"}, headers=WEI).status_code == 404
        assert desk.request(method, "/v1/canned-replies/abc", json={"title": "t", "text": "x"}, headers=WEI).status_code == 404
    for body in ({"title": "", "text": "x"}, {"title": "t", "text": "x", "lang": "español"}, {"title": "t", "text": "x" * 4001},
                 {"title": "t", "text": "x", "tags": ["!!"]}, {"title": "t"}):  # fmt: skip
        bad = desk.post("/v1/canned-replies", json=body, headers=WEI)
        assert bad.status_code == 422 and bad.json()["error"]["code"] in ("invalid", "invalid_tag"), body


def test_kb_search_answers_in_the_customers_language_or_says_it_cannot(desk):
    spanish = desk.get("/v1/kb/search", params={"q": "¿Cuándo recibo mi reembolso?", "lang": "es"}, headers=MARIA).json()
    assert spanish["lang"] == "es"
    assert any(i["source"].startswith(("returns", "payments")) and i["lang"] == "es" for i in spanish["items"])
    assert all(i["lang"] == "es" for i in spanish["items"] if not i["other_language"])
    # a page the KB has in English only is shown in English, and the notice says so
    assert (spanish["notice"] is None) == (not any(i["other_language"] for i in spanish["items"]))

    swedish = desk.get("/v1/kb/search", params={"q": "refund", "lang": "sv"}, headers=MARIA).json()
    assert swedish["items"] and all(i["other_language"] and i["lang"] != "sv" for i in swedish["items"])
    assert "nothing in sv" in swedish["notice"]

    mine = desk.get("/v1/kb/search", params={"q": "refund"}, headers=MARIA).json()
    assert mine["lang"] == "en" and mine["items"][0]["lang"] == "en"  # the agent's language without lang
    for params in ({"lang": "es"}, {"q": "refund", "lang": "1x"}, {"q": "refund", "k": 0}, {"q": "x" * 501}):
        bad = desk.get("/v1/kb/search", params=params, headers=MARIA)
        assert bad.status_code == 422 and "error" in bad.json(), params


def test_agents_fetch_a_cases_attachments(desk):
    cid, auth, case = handed_off(desk)
    upload = f"/v1/conversations/{cid}/attachments"
    image = desk.post(upload, files={"file": ("photo.png", PNG, "image/png")}, headers=auth).json()["attachment"]
    pdf = desk.post(upload, files={"file": ("receipt.pdf", PDF, "application/pdf")}, headers=auth).json()["attachment"]
    image_id, pdf_id = image["url"].rsplit("/", 1)[1], pdf["url"].rsplit("/", 1)[1]

    shown = desk.get(f"/v1/handoffs/{case}/attachments/{image_id}", headers=MARIA)
    assert shown.status_code == 200 and shown.content == PNG
    assert shown.headers["content-type"] == "image/png" and shown.headers["x-content-type-options"] == "nosniff"
    assert shown.headers["content-disposition"].startswith("inline")
    saved = desk.get(f"/v1/handoffs/{case}/attachments/{pdf_id}", headers=WEI)
    assert saved.headers["content-type"] == "application/pdf" and saved.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in saved.headers["content-security-policy"]

    _, _, elsewhere = handed_off(desk)  # another case cannot reach this conversation's files
    for path in (f"/v1/handoffs/{elsewhere}/attachments/{image_id}", f"/v1/handoffs/{case}/attachments/not-an-id",
                 f"/v1/handoffs/{case}/attachments/{'0' * 32}"):  # fmt: skip
        missing = desk.get(path, headers=MARIA)
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
