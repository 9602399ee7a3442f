"""Entities an agent needs, and masking of what must not be stored or logged."""

import pytest

from assistant.understand.entities import (
    Amount,
    _luhn,
    extract_entities,
    mask_cards,
    mask_for_log,
)
from tests.utils.cards import ascii_digits, corpus, leaked


def test_extracts_orders_tracking_amounts_emails_and_phones():
    found = extract_entities(
        "Order #123456 (tracking 1Z999AA10123456784) cost €1,250.00; call +34 612 345 678 or ana.lopez@example.com"
    )
    assert found.order_numbers == ["123456"]
    assert found.tracking_numbers == ["1Z999AA10123456784"]
    assert found.amounts == [Amount(1250.0, "EUR")]
    assert found.emails == ["ana.lopez@example.com"]
    assert found.phones == ["+34 612 345 678"]


def test_amounts_in_other_languages_and_currencies():
    assert extract_entities("pedido NP-20431 de 650 euros").amounts == [Amount(650.0, "EUR")]
    assert extract_entities("pedido NP-20431 de 650 euros").order_numbers == ["NP-20431"]
    assert extract_entities("订单金额 3000元").amounts == [Amount(3000.0, "CNY")]
    assert extract_entities("total 1.200 EUR and $45").amounts == [Amount(1200.0, "EUR"), Amount(45.0, "USD")]


def test_card_numbers_keep_only_the_last_four_digits():
    assert mask_cards("my card 4111 1111 1111 1111 was charged") == "my card **** **** **** 1111 was charged"
    assert mask_cards("card 5500-0000-0000-0004") == "card **** **** **** 0004"
    # not a card: fails the Luhn check, so an order number stays readable
    assert mask_cards("order 1234567890123") == "order 1234567890123"


def test_logs_mask_emails_and_phones_too():
    masked = mask_for_log("write to ana.lopez@example.com or +34 612 345 678, card 4111111111111111")
    assert "ana.lopez" not in masked and "612 345" not in masked and "4111111111111111" not in masked
    assert "@example.com" in masked and "1111" in masked


def test_addresses_in_logs_stay_readable():
    assert mask_for_log("listening on 127.0.0.1:8000") == "listening on 127.0.0.1:8000"


@pytest.mark.parametrize("case", corpus(), ids=lambda case: f"{case.where}:{case.text[:30]}")
def test_every_card_format_of_the_corpus_is_masked(case):
    assert all(13 <= len(ascii_digits(card)) <= 19 and _luhn(ascii_digits(card)) for card in case.cards), "not a test card"
    masked = mask_cards(case.text)
    assert leaked(list(case.cards), masked) == []
    assert masked.count("**** **** **** ") == len(case.cards)  # the last four stay, for the agent


def test_expiry_and_security_code_after_a_card_are_starred():
    assert mask_cards("4111 1111 1111 1111 12/27") == "**** **** **** 1111 **/**"
    assert mask_cards("4111111111111111 123") == "**** **** **** 1111 ***"
    assert mask_cards("card 378282246310005 exp 11/26 cvv 1234, thanks") == "card **** **** **** 0005 exp **/** cvv ****, thanks"


@pytest.mark.parametrize(
    "text",
    [
        "order 1234567890123 never came",  # 13 digits, not Luhn-valid
        "tracking JD014600006281005860",  # a carrier's number, Luhn-valid digits
        "call +49 151 2345 6781 0",  # a phone number, Luhn-valid digits
        "on 2024-05-01 12:30 I paid 45.90 EUR for order NP-20431",
        "orders 12345, 67890 and 11111",
    ],
)
def test_numbers_that_are_not_cards_stay_readable(text):
    assert mask_cards(text) == text


def test_log_masking_keeps_ids_whole_and_masks_phones_next_to_them():
    line = "POST /v1/conversations/c8ad367f-5ac2-418a-a6aa-804440579172/messages from +49 170 1234567"
    assert mask_for_log(line) == "POST /v1/conversations/c8ad367f-5ac2-418a-a6aa-804440579172/messages from ***67"
