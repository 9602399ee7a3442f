"""A named customer's case in the inbox, in real headless Chromium: the queue row and the case
open on who is waiting and what they want in one line (issue 12). Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
from html import escape

import pytest

from tests.utils.api import sign
from tests.utils.browser import messages, send, shot

pytestmark = pytest.mark.browser

ANA = {"customer_ref": "cust-7", "customer_name": "Ana López", "order_id": "NP-55120", "order_value": 129.9, "currency": "EUR", "tier": "gold"}
ASKED = "¿Puedo cambiar la dirección de entrega del pedido NP-55120? Quiero hablar con una persona"
REQUEST = "Wants a person · order NP-55120: “¿Puedo cambiar la dirección de entrega del pedido NP-55120?"


def store_page(context: dict) -> str:
    """A store's page embedding the widget with its signed customer context, as the README shows."""
    data = json.dumps(context, ensure_ascii=False)
    return (
        "<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Northpeak</title></head><body>"
        f"<h1>Mi cuenta</h1><script src='/widget.js' data-brand='Northpeak' data-locale='es' "
        f"data-context='{escape(data, quote=True)}' data-signature='{sign(context)}'></script></body></html>"
    )


def test_a_named_customers_case_shows_who_and_what_they_want(server, browser):
    from playwright.sync_api import expect

    customer = browser.new_page(locale="es-ES")
    # The store's own page, served from the app's origin as a store would embed the widget.
    customer.route(f"{server.url}/shop", lambda route: route.fulfill(status=200, content_type="text/html", body=store_page(ANA)))
    customer.goto(f"{server.url}/shop")
    customer.get_by_test_id("triage-launcher").click()
    send(customer, ASKED)
    expect(messages(customer, "assistant").last).to_contain_text("equipo", timeout=15_000)

    agent = browser.new_page(viewport={"width": 1280, "height": 860})
    agent.goto(f"{server.url}/agent")
    agent.get_by_test_id("agent-key").fill("demo-agent-key")
    agent.get_by_test_id("agent-login").click()
    row = agent.get_by_test_id("agent-case").filter(has_text="Ana López")
    expect(row).to_have_count(1, timeout=15_000)
    expect(row.get_by_test_id("agent-row-request")).to_contain_text(REQUEST)
    expect(row).to_contain_text("On time")
    expect(row).to_contain_text("gold tier")
    expect(agent.get_by_test_id("agent-case").filter(has_text="Anonymous customer")).to_have_count(0)

    row.click()
    expect(agent.get_by_test_id("agent-brief-who")).to_have_text("Ana López (cust-7) · gold tier · Spanish")
    expect(agent.get_by_test_id("agent-brief-request")).to_contain_text(REQUEST)
    brief = agent.get_by_test_id("agent-brief")
    expect(brief).to_contain_text("asked for a person")
    expect(brief).to_contain_text("NP-55120 · EUR 129.90")
    expect(brief).to_be_visible()
    shot(agent, "10-named-case")
