"""Which language to reply in, from short chat messages."""

import socket

import pytest

from api.settings import Settings
from assistant.knowledge.index import open_index
from assistant.model.conversation import Conversation
from assistant.reply import Assistant
from assistant.understand import language
from assistant.understand.language import (
    Detection,
    detect_language,
    detect_message_language,
    known_codes,
    normalize_locale,
)

SPANISH = Detection("es", 0.99)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("¿Dónde está mi pedido? Lo compré hace una semana.", "es"),
        ("Bonjour, où est ma commande ?", "fr"),
        ("Wie lange dauert der Versand?", "de"),
        ("Quanto costa la spedizione in Italia?", "it"),
        ("Quanto tempo demora a entrega para o Brasil?", "pt"),
        ("我的订单在哪里", "zh"),
        ("注文はどこですか", "ja"),
        ("배송은 얼마나 걸리나요?", "ko"),
        ("أين طلبي", "ar"),
        ("Где мой заказ?", "ru"),
        ("איפה ההזמנה שלי?", "he"),
        ("คำสั่งซื้อของฉันอยู่ที่ไหน", "th"),
    ],
)
def test_detects_the_language_of_a_chat_message(text, lang):
    assert detect_language(text).lang == lang


def test_script_decides_cjk_and_arabic_outright():
    assert detect_language("返品").method == "script"
    assert detect_language("返品できますか").lang == "ja"  # kana: Japanese, not Chinese


def test_the_message_wins_over_the_browser_locale():
    assert detect_message_language("Wie lange dauert der Versand nach Österreich?", hint="en-US").lang == "de"
    assert detect_message_language("أين طلبي؟", hint="en-US").lang == "ar"
    assert detect_message_language("我的订单在哪里？", hint="en-US").lang == "zh"


@pytest.mark.parametrize("text", ["ok", "ok thanks", "gracias", "DHL?", "👍", "NP-10023", "Klarna"])
def test_a_spanish_conversation_stays_spanish_through_short_messages(text):
    assert detect_message_language(text, hint="en-US", previous=SPANISH).lang == "es"


@pytest.mark.parametrize(("previous", "text"), [("fr", "non"), ("es", "bien"), ("it", "si"), ("de", "ja")])
def test_a_word_many_languages_share_keeps_the_conversation(previous, text):
    assert detect_message_language(text, previous=Detection(previous, 0.99)).lang == previous


def test_a_conversation_switches_when_the_customer_does():
    switched = detect_message_language("Actually, could you tell me how long shipping to Canada takes?", previous=SPANISH)
    assert switched.lang == "en"


@pytest.mark.parametrize("text", ["ok", "DHL?", "👍", "klarna?"])
def test_a_first_message_too_short_to_tell_takes_the_browser_locale(text):
    assert detect_message_language(text, hint="es-ES", default="en") == Detection("es", 0.0, "hint")


def test_without_a_locale_a_first_message_too_short_to_tell_takes_the_default():
    assert detect_message_language("klarna?", default="fr").lang == "fr"


def test_a_pinned_locale_wins_over_the_message():
    pinned = detect_message_language("Wie lange dauert der Versand?", locale="es-MX", hint="de-DE", previous=Detection("de", 1.0))
    assert pinned == Detection("es", 1.0, "locale")
    assert normalize_locale("pt_BR") == "pt" and normalize_locale("xx-YY") is None


def test_kanji_alone_keeps_a_japanese_conversation_but_chinese_is_chinese():
    japanese = Detection("ja", 1.0)
    assert detect_message_language("送料無料？", previous=japanese).lang == "ja"
    assert detect_message_language("住所変更希望", hint="ja-JP").lang == "ja"
    assert detect_message_language("包邮吗", hint="en-US").lang == "zh"
    assert detect_message_language("我想退货，请问运费由谁承担？", previous=japanese).lang == "zh"


@pytest.mark.parametrize(
    ("text", "hint", "lang"),
    [
        ("Meu pedido não chegou", "es", "pt"),
        ("Cadê meu pedido?", "es", "pt"),
        ("Obrigado pela ajuda", "es", "pt"),
        ("Mi pedido no llegó", "pt", "es"),
        ("¿Puedo pagar con Bizum?", "pt", "es"),
        ("Gracias por la ayuda", "pt", "es"),
    ],
)
def test_portuguese_and_spanish_apart_on_short_text(text, hint, lang):
    assert detect_message_language(text, hint=hint).lang == lang


@pytest.mark.parametrize("text", ["Quanto tempo demora a entrega?", "Quanto custa o frete?"])
def test_a_portuguese_browser_keeps_portuguese_the_detector_half_reads_as_italian(text):
    # fastText: Italian 0.66 and 0.75, Portuguese 0.33 and 0.21.
    assert detect_message_language(text, hint="pt-BR").lang == "pt"


def test_the_detector_loads_from_the_wheel_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    language._detector.cache_clear()
    try:
        assert detect_language("Wo ist meine Bestellung?").lang == "de"
    finally:
        language._detector.cache_clear()
    assert {"en", "es", "fr", "de", "pt", "it", "ja", "ko", "zh", "ar"} <= known_codes()


def test_german_question_on_an_english_browser_is_answered_in_german(bot):
    result = bot.reply(Conversation(locale_hint="en-US"), "Kann ich in Deutschland mit Klarna bezahlen?")
    assert result.lang == "de" and result.handoff is None
    assert "Klarna" in result.text and detect_language(result.text).lang == "de"


def test_the_store_pin_fixes_the_reply_language(bot):
    result = bot.reply(Conversation(locale="es", locale_hint="en-US"), "Can I pay with Klarna in Germany?")
    assert result.lang == "es"
    assert detect_language(result.text).lang == "es"


def test_a_store_wide_pin_from_the_environment(monkeypatch, kb_settings, use_m3):
    monkeypatch.setenv("TRIAGE_PIN_LOCALE", "fr")
    settings = Settings(data_dir=kb_settings.data_dir, kb_dir=kb_settings.kb_dir)
    result = Assistant(settings, open_index(settings, use_m3)).reply(Conversation(), "Kann ich in Deutschland mit Klarna bezahlen?")
    assert result.lang == "fr"
    assert "Klarna" in result.text and detect_language(result.text).lang == "fr"
