"""Order status through the assistant: real models and KB, orders from an export file."""

from datetime import date

import pytest

from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.locales import format_date, phrase
from assistant.model.conversation import Conversation, OrderStep, Service
from assistant.model.reasons import HandoffReason
from assistant.orders import Order, OrderStatus
from assistant.orders.desk import OrderDesk, status_text
from assistant.orders.file import FileOrders
from assistant.reply import Assistant
from tests.utils.orders import ORDERS_TODAY
from tests.utils.turn import ask

TRACKING = "00340434161094042557"

def test_the_status_is_told_once_number_and_email_are_both_given(store_bot):
    asked, conversation = ask(store_bot, "Where is my order?")
    assert asked.reply.order_step is OrderStep.ASKED and asked.handoff is None and asked.clarify is None
    assert "order number and the email" in asked.text
    number, conversation = ask(store_bot, "It's NP-10001", conversation)
    assert number.reply.order_step is OrderStep.ASKED and "email address you used for order NP-10001" in number.text
    told, _ = ask(store_bot, "anna@example.com", conversation)
    assert told.handoff is None and told.reply.order_step is OrderStep.TOLD
    for fact in ("on its way", "DHL", TRACKING, f"https://www.dhl.com/track?id={TRACKING}", "November 25, 2026", "November 30, 2026"):
        assert fact in told.text, told.text
    assert [(s.source, s.title) for s in told.sources] == [("orders", "Order NP-10001")]


def test_a_wrong_pair_reveals_nothing_not_even_that_the_order_exists(store_bot):
    wrong_email, _ = ask(store_bot, "Where is order NP-10001? My email is mallory@example.com")
    no_order, _ = ask(store_bot, "Where is order NP-77777? My email is anna@example.com")
    assert wrong_email.text == no_order.text and wrong_email.reply.order_step is OrderStep.NO_MATCH
    assert "on its way" not in wrong_email.text and wrong_email.order is None and wrong_email.sources == ()


def test_after_three_wrong_pairs_a_person_takes_over_even_for_the_right_one(store_bot):
    conversation = Conversation()
    for email in ("a@example.com", "b@example.com", "c@example.com"):
        result, conversation = ask(store_bot, f"Order NP-10001, email {email}", conversation)
        assert result.reply.order_step is OrderStep.NO_MATCH
    result, _ = ask(store_bot, "Order NP-10001, email anna@example.com", conversation)
    assert result.handoff is not None and result.handoff.reasons == (HandoffReason.REPEATED_FAILURE,)
    assert "DHL" not in result.text and result.order is None


def test_an_address_throttled_by_the_caller_gets_a_person_not_a_lookup(store_bot):
    result, _ = ask(store_bot, "Order NP-10001, email anna@example.com", Conversation(service=Service(order_lookups_throttled=True)))
    assert result.handoff is not None and "DHL" not in result.text


def test_signed_context_naming_the_order_or_the_customer_needs_no_email(store_bot):
    by_order, _ = ask(store_bot, "Where is my order?", order_id="NP-10001")
    assert by_order.reply.order_step is OrderStep.TOLD and "DHL" in by_order.text
    newest, _ = ask(store_bot, "Where is my order?", customer_ref="c-1")
    assert newest.order.order_id == "NP-10002" and "packed" in newest.text
    # another customer's order named by a signed-in customer is not theirs to see
    other, _ = ask(store_bot, "And where is NP-10003?", customer_ref="c-1")
    assert other.reply.order_step is OrderStep.ASKED and "UPS" not in other.text


def test_a_late_order_is_told_and_handed_off_with_the_order_in_the_case(store_bot):
    late, _ = ask(store_bot, "where is NP-10003 carl@example.com")
    assert late.handoff is not None and late.handoff.reasons == (HandoffReason.DELAYED_ORDER,)
    assert "UPS" in late.text and "longer than expected" in late.text and "member of our team" in late.text
    case = late.handoff.case
    assert case.order.order_id == "NP-10003" and "Order NP-10003: shipped 2026-11-10, with UPS, expected 2026-11-18" in case.summary
    stale, _ = ask(store_bot, "where is NP-10004 dana@example.com")  # no scan for 8 days, though not yet due
    assert stale.handoff is not None and stale.handoff.reasons == (HandoffReason.DELAYED_ORDER,)


def test_an_order_worth_the_high_value_limit_goes_to_a_person(store_bot):
    result, _ = ask(store_bot, "NP-10005 eve@example.com where is it?")
    assert result.handoff is not None and HandoffReason.HIGH_VALUE in result.handoff.reasons and "delivered" in result.text


def test_a_bare_order_number_asks_for_the_email(store_bot):
    result, _ = ask(store_bot, "NP-10001?")
    assert result.reply.order_step is OrderStep.ASKED and "NP-10001" in result.text


@pytest.mark.parametrize(
    ("lang", "message", "status_words"),
    [
        ("de", "Wo ist meine Bestellung NP-10001? Meine E-Mail ist anna@example.com", "unterwegs"),
        ("es", "¿Dónde está mi pedido NP-10001? Mi correo es anna@example.com", "camino"),
        ("fr", "Où est ma commande NP-10001 ? Mon e-mail : anna@example.com", "route"),
        ("ja", "注文NP-10001はどこですか？メールはanna@example.comです", "配送中"),
        ("zh", "我的订单NP-10001到哪了？邮箱是anna@example.com", "运送"),
        ("ar", "أين طلبي NP-10001؟ بريدي الإلكتروني anna@example.com", "الطريق"),
    ],
)
def test_the_status_is_told_in_the_customers_language(store_bot, lang, message, status_words):
    result, _ = ask(store_bot, message)
    assert result.lang == lang and result.reply.order_step is OrderStep.TOLD, result.text
    assert status_words in result.text and format_date(date(2026, 11, 25), lang) in result.text and TRACKING in result.text


def test_an_unreadable_order_source_falls_back_to_the_tracking_page(kb_settings, use_m3, tmp_path):
    index = open_index(kb_settings, use_m3)
    desk = OrderDesk(FileOrders(tmp_path / "gone.jsonl"), kb_settings, today=lambda: ORDERS_TODAY)
    bot = Assistant(kb_settings, index, scorer=open_scorer(kb_settings, index.name, 2), orders=desk)
    result, _ = ask(bot, "Wo ist meine Bestellung NP-10001? Meine E-Mail ist anna@example.com")
    assert result.reply.order_step is None and result.order is None and result.candidate is not None and "northpeak.example/track" in result.candidate.text


STATUS_LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "zh", "ja", "ko", "ar"]


@pytest.mark.parametrize("lang", STATUS_LANGUAGES)
def test_every_status_reads_differently_in_every_language(lang):
    """Seven statuses, seven different sentences naming the order, and the dates and tracking
    only where they mean something (a cancelled order has no expected delivery)."""
    texts = {}
    for status in OrderStatus:
        order = Order(
            "NP-7", "a@example.com", status, carrier="DHL", tracking_number="JD014600003", tracking_url="https://dhl.example/t",
            shipped_at=date(2026, 11, 20), estimated_delivery=date(2026, 11, 30),
        )
        texts[status] = status_text(order, lang)
        assert "NP-7" in texts[status]
    assert len(set(texts.values())) == len(OrderStatus)
    assert format_date(date(2026, 11, 20), lang) in texts[OrderStatus.SHIPPED] and "JD014600003" in texts[OrderStatus.SHIPPED]
    assert format_date(date(2026, 11, 30), lang) in texts[OrderStatus.PACKED]
    for closed in (OrderStatus.CANCELLED, OrderStatus.RETURNED):
        assert format_date(date(2026, 11, 30), lang) not in texts[closed] and "JD014600003" not in texts[closed]


@pytest.mark.parametrize(
    ("message", "lang"),
    [("wo bleibt mein Paket", "de"), ("我的包裹到哪了", "zh"), ("Cadê meu pedido?", "pt"), ("1Z999AA10123456784", "en")],
)
def test_an_order_question_or_a_bare_tracking_number_asks_for_the_details_in_the_customers_language(store_bot, message, lang):
    result, _ = ask(store_bot, message)
    assert result.reply.order_step is OrderStep.ASKED and result.lang == lang
    assert result.text == phrase("order_ask_both", lang)
