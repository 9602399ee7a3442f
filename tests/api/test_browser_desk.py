"""The agent's desk in real headless Chromium: a customer's photo shows inline in the case, a
canned reply goes into the reply box and, once sent, reaches the customer; a note stays with the
agents; the case is reassigned to a second agent, who releases it back to the queue."""

from __future__ import annotations

import struct
import zlib

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from tests.utils.browser import messages, send, shot, sign_in
from tests.utils.server import served

pytestmark = pytest.mark.browser

CANNED = "Sorry about the damaged parcel: we send a replacement today, free of charge."


def png(width: int = 96, height: int = 64) -> bytes:
    """A small striped PNG, so the preview has something to show."""
    rows = b"".join(b"\x00" + b"".join(bytes((200, 60, 60) if (x // 12) % 2 else (40, 90, 200)) for x in range(width)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def desk_server(kb_settings, bot, tmp_path):
    """The app with two agents: the demo agent and Sam."""
    settings = kb_settings.model_copy(update={
        "database_url": f"sqlite:///{tmp_path / 'web.db'}", "agent_keys": {"Demo Agent": SecretStr("demo-agent-key"), "Sam": SecretStr("key-sam")},
    })  # fmt: skip
    with served(create_app(settings, bot)) as running:
        yield running


def save_reply(page, title: str, text: str, told: str) -> None:
    """Save ``text`` from the reply box under ``title``; ``told`` is how the inbox says it went ("Saved", "Updated")."""
    from playwright.sync_api import expect

    page.get_by_test_id("agent-reply-text").fill(text)
    page.get_by_test_id("desk-save-title").fill(title)
    page.get_by_test_id("desk-save-reply").click()
    expect(page.get_by_text(f"{told} “{title}”.")).to_be_visible(timeout=10_000)
    page.get_by_test_id("agent-reply-text").fill("")


def test_agent_desk_in_the_browser(desk_server, browser):
    from playwright.sync_api import expect

    saved = httpx.post(
        f"{desk_server.url}/v1/canned-replies", headers={"Authorization": "Bearer demo-agent-key"},
        json={"title": "Damaged parcel", "text": CANNED, "lang": "en", "tags": ["damage"]},
    )  # fmt: skip
    assert saved.status_code == 201, saved.text

    customer = browser.new_page(locale="en-GB")
    customer.goto(f"{desk_server.url}/demo")
    customer.get_by_test_id("triage-launcher").click()
    send(customer, "My parcel arrived damaged, I want to talk to a person")
    expect(messages(customer, "assistant").last).to_be_visible(timeout=15_000)
    customer.locator('input[type="file"]').set_input_files({"name": "parcel.png", "mimeType": "image/png", "buffer": png()})
    expect(customer.locator("img[src*='/attachments/']").first).to_be_visible(timeout=10_000)

    agent = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(agent, desk_server.url, "demo-agent-key")
    agent.get_by_test_id("agent-case").first.click()
    agent.get_by_test_id("agent-claim").click()
    expect(agent.locator("#case-badges")).to_contain_text("Claimed by Demo Agent", timeout=10_000)

    # the customer's photo, inline and loaded (fetched with the agent's key), opens large on a click
    image = agent.get_by_test_id("agent-attachment-image")
    expect(image).to_be_visible(timeout=10_000)
    agent.wait_for_function("() => { const i = document.querySelector('[data-testid=agent-attachment-image]'); return i && i.naturalWidth === 96; }")
    assert "image/png" in agent.locator(".attachment figcaption").inner_text()
    image.scroll_into_view_if_needed()
    shot(agent, "13-inline-image")
    image.click()
    expect(agent.get_by_test_id("desk-image-viewer")).to_be_visible()
    shot(agent, "13b-image-opened")
    agent.keyboard.press("Escape")
    expect(agent.get_by_test_id("desk-image-viewer")).to_be_hidden()

    # a canned reply goes into the reply box, is not sent until the agent sends it
    agent.get_by_test_id("desk-insert-search").fill("damaged parcel")
    item = agent.get_by_test_id("desk-insert-item").filter(has_text="Damaged parcel")
    expect(item).to_be_visible(timeout=10_000)
    expect(agent.get_by_test_id("desk-insert-item").filter(has_text="Knowledge base").first).to_be_visible()
    item.get_by_test_id("desk-insert").click()
    expect(agent.get_by_test_id("agent-reply-text")).to_have_value(CANNED)
    shot(agent, "12-canned-reply")
    assert messages(customer, "agent").count() == 0
    agent.get_by_test_id("agent-send").click()
    expect(messages(customer, "agent").last).to_contain_text("replacement today", timeout=15_000)

    # what the agent wrote becomes a saved reply, found again from the reply box
    save_reply(agent, "Courier pickup", "Our courier collects the damaged parcel at no cost to you.", "Saved")
    agent.get_by_test_id("desk-insert-search").fill("courier pickup")
    expect(agent.get_by_test_id("desk-insert-item").filter(has_text="Courier pickup")).to_contain_text("at no cost", timeout=10_000)
    # saved again under its title, it is corrected, not doubled; then deleted
    save_reply(agent, "Courier pickup", "Our courier collects the damaged parcel at no cost, within two working days.", "Updated")
    agent.get_by_test_id("desk-insert-search").fill("courier")
    saved = agent.get_by_test_id("desk-insert-item").filter(has_text="Saved reply")
    expect(saved).to_have_count(1, timeout=10_000)
    expect(saved).to_contain_text("within two working days")
    agent.once("dialog", lambda dialog: dialog.accept())
    saved.get_by_test_id("desk-canned-delete").click()
    expect(agent.get_by_text("Deleted “Courier pickup”.")).to_be_visible(timeout=10_000)
    expect(agent.get_by_test_id("desk-insert-item").filter(has_text="Saved reply")).to_have_count(0)
    agent.get_by_test_id("desk-insert-search").fill("")

    # a note and a tag, for agents only
    agent.get_by_test_id("desk-note-text").fill("Photo shows a crushed box; replacement approved.")
    agent.get_by_test_id("desk-note-add").click()
    expect(agent.get_by_test_id("agent-note")).to_contain_text("crushed box", timeout=10_000)
    agent.get_by_test_id("desk-tag-input").fill("Damaged Goods")
    agent.get_by_test_id("desk-tag-input").press("Enter")
    expect(agent.get_by_test_id("desk-tag")).to_contain_text("damaged-goods", timeout=10_000)
    agent.get_by_test_id("agent-filter").select_option("all")
    expect(agent.get_by_test_id("agent-case-tag").first).to_have_text("damaged-goods", timeout=10_000)

    # reassigned to Sam: the case is his, and the customer is told who joined
    agent.get_by_test_id("desk-assignee").select_option("Sam")
    agent.get_by_test_id("desk-reassign").click()
    expect(agent.locator("#case-badges")).to_contain_text("Claimed by Sam", timeout=10_000)
    expect(agent.get_by_test_id("agent-note").last).to_contain_text("Reassigned to Sam")
    agent.get_by_test_id("agent-note").last.scroll_into_view_if_needed()
    shot(agent, "11-note-reassign")
    expect(messages(customer, "assistant").last).to_contain_text("Sam", timeout=15_000)
    widget = customer.get_by_test_id("triage-panel").inner_text()
    assert "crushed box" not in widget and "damaged-goods" not in widget

    # Sam releases it back to the queue
    sam = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(sam, desk_server.url, "key-sam")
    sam.get_by_test_id("agent-filter").select_option("all")
    sam.get_by_test_id("agent-case").first.click()
    expect(sam.get_by_test_id("desk-release")).to_be_visible(timeout=10_000)
    sam.get_by_test_id("desk-release").click()
    expect(sam.get_by_test_id("desk-status")).to_contain_text("back in the queue", timeout=10_000)
    expect(sam.locator("#case-badges")).to_contain_text("Open")
    expect(agent.locator("#case-badges")).to_contain_text("Open", timeout=15_000)
    expect(agent.get_by_test_id("desk-release")).to_be_hidden()
