"""The widget and the inbox in real headless Chromium (Debian's), driven by Playwright.

A Spanish customer gets a Spanish answer, picks one of two topics the assistant asks back about, asks for a person, an agent replies from /agent,
the customer sees it, and a reload keeps the conversation; a German customer tracks an order from the
widget's chip. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from api.app import create_app
from api.settings import Settings
from tests.utils.browser import messages, send, shot
from tests.utils.cli import run
from tests.utils.server import served

pytestmark = pytest.mark.browser


def test_customer_and_agent_in_the_browser(server, browser):
    from playwright.sync_api import expect

    customer = browser.new_page(locale="es-ES")
    customer.goto(f"{server.url}/demo")
    customer.get_by_test_id("triage-launcher").click()
    expect(customer.get_by_test_id("triage-panel")).to_be_visible()

    send(customer, "¿Puedo pagar con Klarna en Alemania?")
    expect(messages(customer, "assistant").last).to_contain_text("Klarna", timeout=15_000)
    expect(messages(customer, "assistant").last).to_contain_text("cuotas")
    shot(customer, "1-customer-answer-es")

    # a question several sections answer: the assistant asks which, the customer taps one, the answer follows
    send(customer, "Can I change my order after it ships?")
    option = customer.get_by_test_id("triage-option").filter(has_text="Changing the delivery address")
    expect(option).to_be_visible(timeout=15_000)
    shot(customer, "1b-customer-asked-back")
    option.click()
    expect(customer.get_by_test_id("triage-option")).to_have_count(0)
    expect(messages(customer, "assistant").last).to_contain_text("address", timeout=15_000)

    send(customer, "Quiero hablar con una persona, por favor")
    expect(messages(customer, "assistant").last).to_contain_text("equipo", timeout=15_000)
    shot(customer, "2-customer-handoff")

    agent = browser.new_page()
    agent.goto(f"{server.url}/agent")
    agent.get_by_test_id("agent-key").fill("demo-agent-key")
    agent.get_by_test_id("agent-login").click()
    case = agent.get_by_test_id("agent-case").first
    expect(case).to_contain_text("Human request", timeout=15_000)
    case.click()
    expect(agent.get_by_test_id("agent-summary")).to_contain_text("human_request")
    agent.get_by_test_id("agent-claim").click()
    agent.get_by_test_id("agent-reply-text").fill("Hola, soy de Northpeak. ¿En qué le ayudo?")
    agent.get_by_test_id("agent-send").click()
    expect(agent.get_by_test_id("agent-message").last).to_contain_text("¿En qué le ayudo?", timeout=10_000)
    # the "agent joined" line the customer got is the service's, not an answer of the assistant's
    joined = agent.locator('[data-testid="agent-message"][data-notice="agent_joined"]')
    expect(joined).to_have_attribute("data-role", "system")
    expect(joined).to_contain_text("Told the customer: an agent joined")
    shot(agent, "3-agent-inbox")

    expect(messages(customer, "agent").last).to_contain_text("¿En qué le ayudo?", timeout=15_000)
    shot(customer, "4-customer-sees-agent")

    customer.reload()
    if not customer.get_by_test_id("triage-panel").is_visible():
        customer.get_by_test_id("triage-launcher").click()
    expect(messages(customer, "agent").last).to_contain_text("¿En qué le ayudo?", timeout=15_000)
    expect(messages(customer, "customer").first).to_contain_text("Klarna")
    shot(customer, "5-after-reload")


@pytest.fixture
def shop_server(kb_settings, tmp_path):
    """The demo store with its demo orders connected, as `make demo` runs it (the app builds its
    assistant from the settings, as `triage serve` does)."""
    orders = tmp_path / "demo-orders.jsonl"
    assert run("orders", "demo", str(orders)).returncode == 0
    settings = Settings(data_dir=kb_settings.data_dir, database_url=f"sqlite:///{tmp_path / 'web.db'}", orders=f"file:{orders}")
    with served(create_app(settings)) as running:
        yield running


def test_tracking_an_order_from_the_chip(shop_server, browser):
    from playwright.sync_api import expect

    customer = browser.new_page(locale="de-DE")
    customer.goto(f"{shop_server.url}/demo")
    customer.get_by_test_id("triage-launcher").click()
    customer.get_by_test_id("triage-chip").filter(has_text="Wo ist meine Bestellung?").click()
    expect(messages(customer, "assistant").last).to_contain_text("Bestellnummer", timeout=15_000)
    send(customer, "NP-10001")
    expect(messages(customer, "assistant").last).to_contain_text("NP-10001", timeout=15_000)
    send(customer, "anna@example.com")
    told = messages(customer, "assistant").last
    expect(told).to_contain_text("DHL", timeout=15_000)
    expect(told.get_by_role("link", name="Bestellung NP-10001")).to_have_attribute("href", re.compile(r"^https://www\.dhl\.com/"))
    shot(customer, "6-customer-tracks-order-de")

    send(customer, "Und NP-10003? carl@example.com")
    expect(messages(customer, "assistant").last).to_contain_text("UPS", timeout=15_000)
    expect(messages(customer, "assistant").last).to_contain_text("Team")
    shot(customer, "7-customer-late-order-handed-off")


@pytest.fixture
def closed_server(kb_settings, tmp_path):
    """A store whose team is off today (a holiday), as a demanding shop on Christmas Day."""
    today = datetime.now(UTC).date()
    settings = Settings(
        data_dir=kb_settings.data_dir, database_url=f"sqlite:///{tmp_path / 'web.db'}",
        business_hours="Mon-Sun 09:00-17:00", timezone="UTC", holidays=today.isoformat(),
    )  # fmt: skip
    with served(create_app(settings)) as running:
        yield running


def test_an_out_of_hours_handoff_takes_an_email(closed_server, browser):
    from playwright.sync_api import expect

    customer = browser.new_context(locale="en-GB", timezone_id="Asia/Tokyo").new_page()
    customer.goto(f"{closed_server.url}/demo")
    customer.get_by_test_id("triage-launcher").click()
    send(customer, "I want to talk to a person")
    expect(messages(customer, "assistant").last).to_contain_text("when we are back", timeout=15_000)
    form = customer.get_by_test_id("triage-contact")
    expect(form).to_be_visible()
    customer.get_by_test_id("triage-contact-email").fill("anna@example.com")
    form.get_by_role("button").click()
    expect(form).to_contain_text("We'll also answer you at anna@example.com", timeout=10_000)
    shot(customer, "8-customer-out-of-hours-email")

    agent = browser.new_page()
    agent.goto(f"{closed_server.url}/agent")
    agent.get_by_test_id("agent-key").fill("demo-agent-key")
    agent.get_by_test_id("agent-login").click()
    agent.get_by_test_id("agent-case").first.click()
    expect(agent.get_by_test_id("agent-contact")).to_contain_text("anna@example.com", timeout=10_000)
    shot(agent, "9-agent-sees-the-email")
