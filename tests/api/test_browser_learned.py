"""Learned answers in real headless Chromium: a customer is handed off; the agent resolves the case
and confirms which KB section answered it; a second customer asks the same in other words and is
answered at once; the content team sees it on the insights page, and the second customer's
thumbs-down takes it out of service. (In another language only with a second witness, see
docs/learned.md: not shown here.)"""

from __future__ import annotations

import pytest

from tests.utils.browser import messages, send, shot, sign_in

pytestmark = pytest.mark.browser

# Asked with a request for a person: handed off; the agent keeps the question alone.
FIRST = "I opened a pack of socks, can I still send them back?"
AGAIN = "Can I still send back socks if I opened the pack?"
SECTION = "Non-returnable items"


@pytest.fixture(autouse=True)
def forget(bot):
    yield
    bot.learn([])


def test_an_answer_the_agent_confirmed_answers_the_next_customer(server, browser):
    from playwright.sync_api import expect

    first = browser.new_page(locale="en-GB")
    first.goto(f"{server.url}/demo")
    first.get_by_test_id("triage-launcher").click()
    send(first, f"Can I talk to a person? {FIRST}")
    expect(messages(first, "assistant").last).to_be_visible(timeout=15_000)

    agent = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(agent, server.url, "demo-agent-key")
    agent.get_by_test_id("agent-case").first.click()
    agent.get_by_test_id("agent-claim").click()
    agent.get_by_test_id("agent-reply-text").fill("Opened hygiene items such as socks cannot be returned, sorry.")
    agent.get_by_test_id("agent-send").click()
    agent.get_by_test_id("agent-resolve").click()
    card = agent.get_by_test_id("learn-card")
    expect(card).to_be_visible(timeout=10_000)
    agent.get_by_test_id("learn-question").fill(FIRST)  # the question alone, without the request for a person
    card.locator("label", has_text=SECTION).first.click()
    shot(agent, "20-learn-after-resolve")
    agent.get_by_test_id("learn-save").click()
    expect(agent.get_by_test_id("learn-state")).to_contain_text("Learned", timeout=10_000)

    second = browser.new_page(locale="en-GB")
    second.goto(f"{server.url}/demo")
    second.get_by_test_id("triage-launcher").click()
    send(second, AGAIN)
    answer = messages(second, "assistant").last
    expect(answer).to_contain_text("socks", timeout=15_000)
    shot(second, "21-learned-answer")

    owner = browser.new_page(viewport={"width": 1280, "height": 900})
    owner.goto(f"{server.url}/insights")
    owner.get_by_test_id("insights-key").fill("demo-agent-key")
    owner.get_by_test_id("insights-login").click()
    row = owner.get_by_test_id("learned-row").first
    expect(row).to_contain_text(SECTION, timeout=15_000)
    expect(row).to_contain_text(FIRST)
    expect(row).to_have_attribute("data-status", "active")

    second.get_by_test_id("triage-down").last.click()
    owner.reload()
    expect(owner.get_by_test_id("learned-row").first).to_have_attribute("data-status", "paused", timeout=15_000)
    expect(owner.get_by_test_id("learned-row").first).to_contain_text("thumbs-down")
    shot(owner, "22-learned-paused-on-insights")
