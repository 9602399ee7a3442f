"""Handoff rules that need no model: amounts a customer states, in the store's currency."""

import pytest

from assistant.decide.rules import TriageInput, handoff_reasons, stated_value
from assistant.model.reasons import HandoffReason
from assistant.understand.entities import Amount
from assistant.understand.intents import Intent


@pytest.mark.parametrize(
    ("amounts", "currency", "expected"),
    [
        ([Amount(600.0, "USD")], "USD", 600.0),  # the store's own currency counts as stated
        ([Amount(100.0, "EUR")], "USD", 100.0 / 0.92),
        ([Amount(90_000.0, "JPY"), Amount(20.0, "EUR")], "JPY", 90_000.0),
        ([Amount(500.0, "XYZ")], "EUR", 0.0),  # an unknown currency cannot be judged large
        ([Amount(700.0, "EUR")], "NOK", 0.0),  # nor amounts converted into a currency with no rate
    ],
)
def test_stated_amount_in_the_store_currency(amounts, currency, expected):
    assert stated_value(amounts, currency) == pytest.approx(expected)


def test_a_stated_amount_in_a_dollar_store_hands_off_as_high_value():
    turn = TriageInput(
        intent=Intent("kb_question", 0.6, "default"), confidence=0.9, threshold=0.75, order_value=None,
        stated_value=stated_value([Amount(560.0, "USD")], "USD"), high_value=500.0, low_streak=0, thumbs_down_before=False,
    )
    assert handoff_reasons(turn) == [HandoffReason.HIGH_VALUE]
