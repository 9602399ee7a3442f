"""The widget's locale files and the configuration it is served: labels, chips, direction, limits.

A label missing in one language shows an empty button to that customer; a limit the widget
guessed instead of asking would turn away messages the server accepts, or let through files it
then refuses with an English error.
"""

from __future__ import annotations

import string

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.locales import (
    LOCALES_DIR,
    SHARED_PHRASES,
    quick_replies,
    text_direction,
    widget_strings,
)
from api.routes.conversations import ALLOWED_TYPES
from assistant.locales import phrase, section, supported_languages
from tests.utils.api import start
from tests.utils.server import served

LANGUAGES = supported_languages()
OTHERS = [lang for lang in LANGUAGES if lang != "en"]


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_the_widget_has_a_file_for_every_language_the_assistant_speaks():
    assert {path.stem for path in LOCALES_DIR.glob("*.yaml")} == set(LANGUAGES)


@pytest.mark.parametrize("lang", OTHERS)
def test_every_widget_string_exists_with_the_same_placeholders(lang):
    english, translated = section(LOCALES_DIR, "en", "strings"), section(LOCALES_DIR, lang, "strings")
    assert set(translated) == set(english), f"{lang}.yaml: add {set(english) - set(translated)}, drop {set(translated) - set(english)}"
    differing = {key for key in english if placeholders(translated[key]) != placeholders(english[key])}
    assert not differing, f"{lang}.yaml: placeholders differ from en.yaml in {sorted(differing)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_the_same_chips(lang):
    chips = quick_replies(lang)
    assert len(chips) == len(quick_replies("en")) == 4 and len(set(chips)) == 4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shared_labels_are_the_assistants_own_phrases(lang):
    strings = widget_strings(lang)
    assert all(strings[key] == phrase(key, lang) for key in SHARED_PHRASES)
    assert not set(SHARED_PHRASES) & set(section(LOCALES_DIR, lang, "strings")), "shared phrases live in assistant/locales"


def test_a_language_without_a_file_gets_english_labels_in_its_direction():
    assert widget_strings("he") == widget_strings("en") and quick_replies("nl") == quick_replies("en")
    assert widget_strings("fr-CA")["send"] == "Envoyer"
    assert [text_direction(code) for code in ("ar-EG", "he", "fa", "es", "zh")] == ["rtl", "rtl", "rtl", "ltr", "ltr"]


@pytest.fixture
def small_limits(kb_settings, bot, tmp_path):
    """The app with limits far from the defaults, so a copy of the defaults cannot pass for them."""
    settings = kb_settings.model_copy(update={
        "database_url": f"sqlite:///{tmp_path / 'limits.db'}", "max_message_chars": 40, "max_attachment_bytes": 2048,
    })
    with TestClient(create_app(settings, bot)) as client:
        yield client


def test_the_config_serves_the_limits_the_server_enforces(small_limits):
    config = small_limits.get("/v1/widget/config", params={"lang": "de"}).json()
    limits = config["limits"]
    assert limits == {"max_message_chars": 40, "max_attachment_bytes": 2048, "attachment_types": sorted(ALLOWED_TYPES)}
    assert config["strings"]["too_long"].format(n=41, max=limits["max_message_chars"]) == "Ihre Nachricht ist zu lang (41 von 40 Zeichen)."
    cid, auth = start(small_limits)
    messages = f"/v1/conversations/{cid}/messages"
    assert small_limits.post(messages, json={"text": "x" * 41}, headers=auth).status_code == 413
    attachments = f"/v1/conversations/{cid}/attachments"
    too_big = small_limits.post(attachments, files={"file": ("a.png", b"x" * 2049, "image/png")}, headers=auth)
    assert too_big.status_code == 413
    assert "application/zip" not in limits["attachment_types"]
    zipped = small_limits.post(attachments, files={"file": ("a.zip", b"PK", "application/zip")}, headers=auth)
    assert zipped.status_code == 415


@pytest.mark.browser
def test_the_widget_uses_the_served_limit_and_direction(kb_settings, bot, tmp_path, browser):
    from playwright.sync_api import expect

    settings = kb_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'web.db'}", "max_message_chars": 30})
    with served(create_app(settings, bot)) as server:
        german = browser.new_page(locale="de-DE")
        german.goto(f"{server.url}/demo")
        german.get_by_test_id("triage-launcher").click()
        expect(german.get_by_test_id("triage-input")).to_have_attribute("placeholder", "Nachricht eingeben…")
        german.get_by_test_id("triage-input").fill("Wann kommt meine Bestellung endlich an?")
        german.get_by_test_id("triage-send").click()
        expect(german.get_by_test_id("triage-error")).to_have_text("Ihre Nachricht ist zu lang (39 von 30 Zeichen).")
        expect(german.locator('[data-testid="triage-message"]')).to_have_count(0)

        arabic = browser.new_page(locale="ar-EG")
        arabic.goto(f"{server.url}/demo")
        arabic.get_by_test_id("triage-launcher").click()
        expect(arabic.get_by_test_id("triage-panel")).to_have_attribute("dir", "rtl")
