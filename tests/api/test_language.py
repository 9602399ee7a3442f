"""The reply's language over HTTP and in the widget: the message decides, the browser's locale is
a hint for messages too short to tell, and the store's pin wins."""

from __future__ import annotations

import pytest

from tests.utils.api import say, start
from tests.utils.browser import messages, send

GERMAN_KLARNA = "Kann ich in Deutschland mit Klarna bezahlen?"


def test_a_german_question_from_an_english_browser_is_answered_in_german(client):
    cid, auth = start(client, locale="en-US")
    reply = say(client, cid, auth, GERMAN_KLARNA).json()["reply"]
    assert reply["lang"] == "de" and "Klarna ist" in reply["text"]
    assert client.get(f"/v1/conversations/{cid}", headers=auth).json()["lang"] == "de"


def test_short_messages_after_a_spanish_turn_stay_spanish(client):
    cid, auth = start(client, locale="en-US")
    assert say(client, cid, auth, "¿Puedo pagar con Klarna en Alemania?").json()["reply"]["lang"] == "es"
    for text in ("DHL?", "gracias", "ok"):
        assert say(client, cid, auth, text).json()["reply"]["lang"] == "es", text


@pytest.mark.parametrize("text", ["DHL?", "👍"])
def test_a_first_message_too_short_to_tell_takes_the_browser_locale(client, text):
    cid, auth = start(client, locale="es-ES")
    assert say(client, cid, auth, text).json()["reply"]["lang"] == "es"


def test_the_store_pin_overrides_the_message(client):
    cid, auth = start(client, locale="en-US", pin_locale="fr")
    reply = say(client, cid, auth, GERMAN_KLARNA).json()["reply"]
    assert reply["lang"] == "fr" and "Klarna est disponible" in reply["text"]
    assert client.get(f"/v1/conversations/{cid}", headers=auth).json()["lang"] == "fr"


def test_the_widget_answers_the_message_and_the_store_pin(server, browser):  # noqa: F811
    from playwright.sync_api import expect

    english_browser = browser.new_page(locale="en-US")
    english_browser.goto(f"{server.url}/demo")
    english_browser.get_by_test_id("triage-launcher").click()
    send(english_browser, GERMAN_KLARNA)
    answer = messages(english_browser, "assistant").last
    expect(answer).to_contain_text("Klarna", timeout=15_000)
    expect(answer).to_contain_text("War das hilfreich?")  # the widget follows the reply into German

    # A store page whose embed pins French, opened by the same English browser.
    pinned = browser.new_page(locale="en-US")
    store_page = f"{server.url}/pinned-store"
    embed = '<script src="/widget.js" data-brand="Northpeak" data-pin-locale="fr" async></script>'
    pinned.route(store_page, lambda route: route.fulfill(content_type="text/html", body=f"<!doctype html><body>{embed}</body>"))
    pinned.goto(store_page)
    pinned.get_by_test_id("triage-launcher").click()
    send(pinned, GERMAN_KLARNA)
    answer = messages(pinned, "assistant").last
    expect(answer).to_contain_text("Klarna", timeout=15_000)
    expect(answer).to_contain_text("Cette réponse vous a-t-elle été utile ?")
    expect(answer).not_to_contain_text("Raten")
