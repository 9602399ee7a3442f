"""What the browser tests share: Debian's chromium under Playwright, screenshots, the widget's controls.

The fixtures `server` (the sample KB, one worker) and `browser` are in tests/api/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.utils.paths import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("TRIAGE_TEST_ARTIFACTS", ROOT / "test-artifacts"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


def shot(page, name: str) -> None:
    """A full-page screenshot saved as test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def send(page, text: str) -> None:
    """Type ``text`` into the widget and send it."""
    page.get_by_test_id("triage-input").fill(text)
    page.get_by_test_id("triage-send").click()


def messages(page, role: str):
    """The widget's messages of ``role`` (customer, assistant, agent)."""
    return page.locator(f'[data-testid="triage-message"][data-role="{role}"]')


def sign_in(page, url: str, key: str) -> None:
    """Sign in to the inbox at ``url`` with an agent's ``key``."""
    page.goto(f"{url}/agent")
    page.get_by_test_id("agent-key").fill(key)
    page.get_by_test_id("agent-login").click()
