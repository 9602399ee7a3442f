"""Which language to reply in, from short chat messages."""

import pytest

from assistant.language import Detection, detect_language, detect_message_language, normalize_locale


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("¿Dónde está mi pedido? Lo compré hace una semana.", "es"),
        ("Bonjour, où est ma commande ?", "fr"),
        ("Wie lange dauert der Versand?", "de"),
        ("Quanto costa la spedizione in Italia?", "it"),
        ("Quanto tempo demora a entrega?", "pt"),
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


def test_conversation_keeps_its_language_through_short_messages():
    spanish = Detection("es", 0.9)
    assert detect_message_language("ok thanks", previous=spanish).lang == "es"
    assert detect_message_language("ok", previous=spanish).method == "conversation"
    switched = detect_message_language("Actually, could you tell me how long shipping to Canada takes?", previous=spanish)
    assert switched.lang == "en"


def test_too_short_first_message_uses_the_default():
    assert detect_message_language("klarna?", default="de").lang == "de"


def test_locale_wins():
    assert detect_message_language("Where is my order?", locale="es-MX") == Detection("es", 1.0, "locale")
    assert normalize_locale("pt_BR") == "pt" and normalize_locale("xx-YY") is None
