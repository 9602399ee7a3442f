"""The inbox live and the widget closing the loop, in Debian's headless Chromium under Playwright.

A Spanish customer sees "agent is typing" while the agent writes, then the message; the agent's
joining and resolving are notices apart from the messages; after the resolve the customer rates
the conversation 4 with a comment, in Spanish, and it is stored. The inbox works at 390 px wide.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from tests.utils.api import AGENT
from tests.utils.browser import messages, send, shot

pytestmark = pytest.mark.browser


def sign_in(page, url: str) -> None:
    page.goto(f"{url}/agent")
    page.get_by_test_id("agent-key").fill("demo-agent-key")
    page.get_by_test_id("agent-login").click()


def test_the_customer_sees_the_agent_typing_then_rates_the_resolved_conversation(server, browser, tmp_path):
    from playwright.sync_api import expect

    customer = browser.new_page(locale="es-ES")
    customer.goto(f"{server.url}/demo")
    customer.get_by_test_id("triage-launcher").click()
    send(customer, "Quiero hablar con una persona, por favor")
    expect(messages(customer, "assistant").last).to_contain_text("equipo", timeout=15_000)

    agent = browser.new_page()
    sign_in(agent, server.url)
    agent.get_by_test_id("agent-case").first.click()
    agent.get_by_test_id("agent-claim").click()

    # the agent's joining is a notice, not a message from the assistant
    joined = messages(customer, "system").filter(has_text="Demo Agent")
    expect(joined).to_have_count(1, timeout=15_000)
    expect(joined).to_have_attribute("data-notice", "agent_joined")
    assert joined.locator(".avatar").count() == 0 and joined.locator(".bubble").count() == 0

    typing = customer.get_by_test_id("triage-agent-typing")
    expect(typing).to_be_hidden()
    agent.get_by_test_id("agent-reply-text").press_sequentially("Hola, soy Demo. Enseguida", delay=40)
    expect(typing).to_be_visible(timeout=10_000)
    expect(typing).to_contain_text("Demo Agent está escribiendo")
    shot(customer, "15-agent-typing")

    agent.get_by_test_id("agent-reply-text").fill("Hola, soy Demo. Enseguida lo reviso.")
    agent.get_by_test_id("agent-send").click()
    expect(messages(customer, "agent").last).to_contain_text("Enseguida lo reviso", timeout=15_000)
    expect(typing).to_be_hidden()  # the message ends it at once, not after the few seconds

    agent.get_by_test_id("agent-resolve").click()
    resolved = messages(customer, "system").filter(has_text="resuelta")
    expect(resolved).to_have_count(1, timeout=15_000)
    expect(messages(customer, "assistant").filter(has_text="resuelta")).to_have_count(0)

    csat = customer.get_by_test_id("triage-csat")
    expect(csat).to_contain_text("¿Qué le ha parecido la conversación?")
    expect(customer.get_by_test_id("triage-csat-4")).to_have_attribute("aria-label", "4 de 5")
    customer.get_by_test_id("triage-csat-4").click()  # one tap rates
    expect(customer.get_by_test_id("triage-csat-note")).to_have_text("¡Gracias por su opinión!")
    with sqlite3.connect(tmp_path / "web.db") as db:
        assert db.execute("SELECT score, comment FROM csat").fetchall() == [(4, None)]
    customer.get_by_test_id("triage-csat-comment").fill("Rápido y amable")
    shot(customer, "16-csat")
    customer.get_by_test_id("triage-csat-send").click()
    expect(customer.get_by_test_id("triage-csat-thanks")).to_have_text("¡Gracias por su opinión!")
    with sqlite3.connect(tmp_path / "web.db") as db:
        assert db.execute("SELECT score, comment FROM csat").fetchall() == [(4, "Rápido y amable")]  # the same rating, now with its comment

    customer.reload()  # asked once: not again after a reload
    if not customer.get_by_test_id("triage-panel").is_visible():
        customer.get_by_test_id("triage-launcher").click()
    expect(messages(customer, "system").filter(has_text="resuelta")).to_have_count(1, timeout=15_000)
    expect(customer.get_by_test_id("triage-csat")).to_have_count(0)


def no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390"


def test_the_inbox_on_a_390_px_phone(server, browser):
    from playwright.sync_api import expect

    created = httpx.post(f"{server.url}/v1/conversations", json={"locale": "en"}).json()
    auth = {"Authorization": f"Bearer {created['token']}"}
    long_words = "My parcel NP-55120 has not arrived after three weeks and the tracking page https://example.com/track/NP-55120-very-long-reference says nothing"
    for text in (long_words, "I want to talk to a human"):
        httpx.post(f"{server.url}/v1/conversations/{created['id']}/messages", json={"text": text}, headers=auth, timeout=30)

    agent = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(agent, server.url)
    row = agent.get_by_test_id("agent-case").first
    expect(row).to_be_visible(timeout=15_000)
    expect(agent.get_by_test_id("agent-back")).to_be_hidden()
    no_horizontal_scroll(agent)

    row.click()  # the case replaces the queue
    expect(agent.get_by_test_id("agent-brief-request")).to_contain_text("Wants a person")
    expect(row).to_be_hidden()
    expect(agent.get_by_test_id("agent-message").first).to_contain_text("NP-55120")
    no_horizontal_scroll(agent)
    reply = agent.get_by_test_id("agent-reply-text")
    reply.fill("Sorry about the wait: I'm checking with the carrier now.")
    for control in (reply, agent.get_by_test_id("agent-send"), agent.get_by_test_id("agent-resolve"), agent.get_by_test_id("agent-claim")):
        expect(control).to_be_in_viewport()
    agent.get_by_test_id("agent-send").click()
    expect(agent.get_by_test_id("agent-message").last).to_contain_text("checking with the carrier", timeout=10_000)
    no_horizontal_scroll(agent)
    agent.get_by_test_id("agent-message").last.scroll_into_view_if_needed()
    shot(agent, "14-inbox-390px")

    agent.get_by_test_id("agent-back").click()  # back to the queue, where the case, claimed now, has left "Open"
    expect(agent.get_by_test_id("agent-summary")).to_be_hidden()
    expect(agent.get_by_test_id("agent-filter")).to_be_visible()
    agent.get_by_test_id("agent-filter").select_option("claimed")
    expect(agent.get_by_test_id("agent-case").first).to_contain_text("Claimed by Demo Agent")
    no_horizontal_scroll(agent)
    conversation = httpx.get(f"{server.url}/v1/conversations/{created['id']}", headers=auth).json()
    assert conversation["messages"][-1]["text"] == "Sorry about the wait: I'm checking with the carrier now."
    assert httpx.get(f"{server.url}/v1/handoffs", params={"status": "claimed"}, headers=AGENT).json()["items"]
