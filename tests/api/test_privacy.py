"""What the service keeps: no card number in the database, its write-ahead log or the logs; nothing
of an erased customer left in the files; wrong keys throttled per address."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api.logs import JsonFormatter
from api.models import Base
from tests.utils.api import AGENT, say, sign, start
from tests.utils.cards import corpus, leaked

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
NOT_A_CARD = "1234567890123"  # 13 digits failing the Luhn check: must be stored as written


@pytest.fixture
def logged(client):
    """Everything logged at any level while the test runs, formatted as the service writes it."""
    stream, root = io.StringIO(), logging.getLogger()
    handler, level = logging.StreamHandler(stream), root.level
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)  # SQLAlchemy then logs every statement too
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def stored(client, app_settings) -> str:
    """SQLite: the raw bytes of the database file and its write-ahead log. PostgreSQL: every row."""
    if app_settings.database_url.startswith("sqlite"):
        db = Path(app_settings.database_url.removeprefix("sqlite:///"))
        files = [db, db.with_name(db.name + "-wal")]
        return "".join(f.read_bytes().decode("utf-8", "ignore") for f in files if f.exists())
    with client.app.state.engine.connect() as connection:
        return "\n".join(
            row for table in Base.metadata.sorted_tables for row in connection.scalars(text(f"SELECT CAST(t AS text) FROM {table.name} t"))
        )


def claimed_case(client) -> tuple[str, dict, str]:
    """A conversation an agent has taken: its id, the customer's auth, the case id."""
    cid, auth = start(client)
    assert say(client, cid, auth, "I want to talk to a person, please").json()["reply"]["handoff"]
    case_id = next(i["id"] for i in client.get("/v1/handoffs", headers=AGENT).json()["items"] if i["conversation_id"] == cid)
    assert client.post(f"/v1/handoffs/{case_id}/claim", headers=AGENT).status_code == 200
    return cid, auth, case_id


def test_no_card_number_of_the_corpus_is_stored_or_logged(client, app_settings, logged):
    cases = corpus()
    assert len(cases) >= 30
    messages = [c.text for c in cases if c.where == "message"]
    # Half through the assistant, half while an agent holds the conversation (no assistant turn).
    held, held_auth, case_id = claimed_case(client)
    for message in messages[::2]:
        assert say(client, held, held_auth, message).status_code == 200
    for reply in [c.text for c in cases if c.where == "agent"]:
        assert client.post(f"/v1/handoffs/{case_id}/reply", json={"text": reply}, headers=AGENT).status_code == 200
    for comment in [c.text for c in cases if c.where == "csat"]:
        assert client.post(f"/v1/conversations/{held}/csat", json={"score": 2, "comment": comment}, headers=held_auth).status_code == 200
    cid, auth = start(client)
    for message in [*messages[1::2], f"order {NOT_A_CARD} never arrived"]:
        assert say(client, cid, auth, message).status_code == 200
    for name in [c.text for c in cases if c.where == "file"]:
        sent = client.post(f"/v1/conversations/{cid}/attachments", files={"file": (name, PNG, "image/png")}, headers=auth)
        assert sent.status_code == 201, sent.text

    cards = [card for case in cases for card in case.cards]
    kept = stored(client, app_settings)
    assert NOT_A_CARD in kept  # the search reads what was stored
    assert leaked(cards, kept) == []
    assert cid in logged.getvalue()  # the logs were captured
    assert leaked(cards, logged.getvalue()) == []


def test_an_erased_customer_leaves_no_text_in_the_database_files(client, app_settings, logged):
    erased, kept = "Quokka marmalade lighthouse", "Wombat lantern harbour"
    for ref, phrase in (("erase-me", erased), ("keep-me", kept)):
        context = {"customer_ref": ref}
        cid, auth = start(client, context=context, signature=sign(context))
        assert say(client, cid, auth, f"{phrase}: where is my order?").status_code == 200
        client.post(f"/v1/conversations/{cid}/csat", json={"score": 1, "comment": phrase}, headers=auth)
        client.post(f"/v1/conversations/{cid}/attachments", files={"file": (f"{phrase}.png", PNG, "image/png")}, headers=auth)

    gone = client.delete("/v1/customers/erase-me", headers=AGENT)
    assert gone.status_code == 200 and gone.json()["conversations"] == 1
    files = stored(client, app_settings)
    assert kept in files and erased not in files
    assert erased not in logged.getvalue()


@pytest.mark.parametrize("kind", ["agent key", "store key", "conversation token"])
def test_wrong_keys_get_429_from_their_address_while_the_right_key_works_elsewhere(client, clock, kind):
    cid, auth = start(client)
    url, right = {
        "agent key": ("/v1/agents/me", AGENT),
        "store key": ("/v1/customers/nobody", {"Authorization": "Bearer demo-store-key"}),
        "conversation token": (f"/v1/conversations/{cid}", auth),
    }[kind]
    wrong = {"Authorization": "Bearer a-wrong-guess"}
    limit = client.app.state.settings.key_failures_per_minute
    codes = [client.request("DELETE" if kind == "store key" else "GET", url, headers=wrong).status_code for _ in range(limit + 1)]
    assert set(codes[:limit]) == {401 if kind != "conversation token" else 404} and codes[limit] == 429

    refused = client.request("DELETE" if kind == "store key" else "GET", url, headers=right)  # not even compared
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) >= 1
    elsewhere = TestClient(client.app, client=("203.0.113.7", 50000))
    assert elsewhere.request("DELETE" if kind == "store key" else "GET", url, headers=right).status_code == 200
    clock.advance(int(refused.headers["Retry-After"]))  # the next minute: the address is heard again
    assert client.request("DELETE" if kind == "store key" else "GET", url, headers=right).status_code == 200
