"""The store owner's /insights page in Debian's headless chromium: its charts, and a content gap made of
unanswered questions asked in two languages, as customers ask them through the API."""

from __future__ import annotations

import httpx
import pytest

from tests.utils.browser import shot

pytestmark = pytest.mark.browser

# The sample KB has nothing on renting tents or on kayak paddles: each is handed off for low confidence.
TENTS = ("Do you rent out tents for festivals?", "¿Alquilan tiendas de campaña para festivales?")
PADDLES = ("Do you sell kayak paddles in carbon fibre?",)


def ask(url: str, text: str) -> dict:
    created = httpx.post(f"{url}/v1/conversations", json={}).json()
    headers = {"Authorization": f"Bearer {created['token']}"}
    reply = httpx.post(f"{url}/v1/conversations/{created['id']}/messages", json={"text": text}, headers=headers, timeout=30).json()["reply"]
    assert reply["handoff"] and "low_confidence" in reply["handoff"]["reasons"], reply
    return reply


def test_insights_page_shows_charts_and_a_gap_across_languages(server, browser):
    from playwright.sync_api import expect

    for text in (*TENTS, *PADDLES):
        ask(server.url, text)

    page = browser.new_page()
    page.goto(f"{server.url}/insights")
    page.get_by_test_id("insights-key").fill("demo-agent-key")
    page.get_by_test_id("insights-login").click()

    tiles = page.get_by_test_id("insights-tiles")
    expect(tiles).to_contain_text("Conversations", timeout=15_000)
    expect(tiles.locator(".tile").first).to_contain_text("3")
    expect(tiles).to_contain_text("100.0 %")  # all three handed off
    charts = page.get_by_test_id("insights-chart")
    expect(charts).to_have_count(3)
    for i in range(3):
        canvas = charts.nth(i).locator("canvas")
        expect(canvas).to_have_count(1)
        box = canvas.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
    # the volume chart drew its bars: the canvas is not blank
    drawn = charts.nth(0).locator("canvas").evaluate(
        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"
    )
    assert drawn > 1000
    expect(page.get_by_test_id("insights-reasons")).to_contain_text("Low confidence")

    gaps = page.get_by_test_id("insights-gap")
    expect(gaps).to_have_count(2, timeout=30_000)
    tents = gaps.first
    expect(tents.locator("td").first).to_have_text("2")
    for text in TENTS:
        expect(tents).to_contain_text(text)
    expect(tents.locator('li[lang="es"]')).to_have_count(1)
    expect(tents.locator('li[lang="en"]')).to_have_count(1)
    expect(gaps.nth(1)).to_contain_text(PADDLES[0])
    shot(page, "17-insights")

    with page.expect_download() as download:
        page.get_by_test_id("insights-csv").click()
    exported = download.value
    assert exported.suggested_filename.startswith("content-gaps-") and exported.suggested_filename.endswith(".csv")
    text = open(exported.path(), encoding="utf-8").read()
    assert TENTS[1] in text and text.startswith("cluster,size,languages")
