"""Order status over HTTP: the turn's order step survives between requests, a case carries the
order, and wrong pairs are throttled per address across conversations."""

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.utils.api import AGENT, say, start


@pytest.fixture
def shop(app_settings, store_bot):
    settings = app_settings.model_copy(update={"order_attempts_per_ip": 2})
    with TestClient(create_app(settings, store_bot)) as client:
        yield client


def test_the_number_and_the_email_in_two_messages_give_the_status(shop):
    conversation, headers = start(shop, locale="de")
    asked = say(shop, conversation, headers, "Wo ist meine Bestellung NP-10001?").json()["reply"]
    assert asked["handoff"] is None and asked["sources"] == [] and "E-Mail" in asked["text"], asked
    told = say(shop, conversation, headers, "anna@example.com").json()["reply"]
    assert told["lang"] == "de" and "DHL" in told["text"] and "00340434161094042557" in told["text"]
    assert told["sources"] == [{"source": "orders", "title": "Bestellung NP-10001", "url": "https://www.dhl.com/track?id=00340434161094042557"}]
    assert isinstance(told["message_id"], str)


def test_a_late_orders_case_shows_the_order_to_the_agent(shop):
    conversation, headers = start(shop)
    reply = say(shop, conversation, headers, "where is NP-10003 carl@example.com").json()["reply"]
    assert reply["handoff"]["reasons"] == ["delayed_order"]
    [item] = shop.get("/v1/handoffs?status=open", headers=AGENT).json()["items"]
    case = shop.get(f"/v1/handoffs/{item['id']}", headers=AGENT).json()["case"]
    assert case["order"]["order_id"] == "NP-10003" and case["order"]["carrier"] == "UPS"
    assert "Order NP-10003: shipped 2026-11-10, with UPS, expected 2026-11-18" in case["summary"]


def test_wrong_pairs_from_one_address_stop_lookups_in_its_other_conversations(shop):
    for email in ("a@example.com", "b@example.com"):
        conversation, headers = start(shop)
        reply = say(shop, conversation, headers, f"Order NP-10001, email {email}").json()["reply"]
        assert "couldn't find" in reply["text"]
    conversation, headers = start(shop)
    reply = say(shop, conversation, headers, "Order NP-10001, email anna@example.com").json()["reply"]
    assert reply["handoff"]["reasons"] == ["repeated_failure"] and "DHL" not in reply["text"]
