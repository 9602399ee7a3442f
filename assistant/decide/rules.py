"""When a person must take over, with a reason code: the triage's rules."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.model.reasons import HandoffReason
from assistant.understand.entities import Amount
from assistant.understand.intents import Intent

# Rough EUR value of one unit, only to judge whether an amount a customer states is large
# (converted into the store's currency, TRIAGE_STORE_CURRENCY).
EUR_PER_UNIT = {
    "EUR": 1.0, "USD": 0.92, "GBP": 1.17, "CHF": 1.05, "CAD": 0.68, "AUD": 0.61, "JPY": 0.0062,
    "KRW": 0.00068, "CNY": 0.13, "BRL": 0.17, "MXN": 0.05, "SAR": 0.25, "AED": 0.25,
}  # fmt: skip


def stated_value(amounts: list[Amount], currency: str = "EUR") -> float:
    """The largest amount the customer mentions, in the store's ``currency`` (0 when none or unknown)."""
    return max((a.value * _rate(a.currency, currency.upper()) for a in amounts), default=0.0)


def _rate(source: str, target: str) -> float:
    if source == target:
        return 1.0
    if target not in EUR_PER_UNIT:
        return 0.0  # no rate known: only amounts in the store's own currency count
    return EUR_PER_UNIT.get(source, 0.0) / EUR_PER_UNIT[target]


@dataclass(frozen=True)
class TriageInput:
    intent: Intent
    confidence: float
    threshold: float
    order_value: float | None  # trusted, from the store
    stated_value: float  # the largest amount the customer mentions, in store currency
    high_value: float
    low_streak: int  # earlier low-confidence turns in a row
    thumbs_down_before: bool  # the last answer got a thumbs-down and this is a new question


def handoff_reasons(t: TriageInput) -> list[HandoffReason]:
    """Every reason, in order of urgency, to hand this turn to a person; empty means answer."""
    reasons = []
    if t.intent.name in (HandoffReason.DISPUTE, HandoffReason.COMPLAINT, HandoffReason.HUMAN_REQUEST):
        reasons.append(HandoffReason(t.intent.name))
    if max(t.order_value or 0.0, t.stated_value) >= t.high_value:
        reasons.append(HandoffReason.HIGH_VALUE)
    low = t.confidence < t.threshold
    if t.intent.name == HandoffReason.OUT_OF_SCOPE and low:
        reasons.append(HandoffReason.OUT_OF_SCOPE)
    elif low and not reasons:  # a person is coming anyway; "low confidence" would only be noise
        reasons.append(HandoffReason.LOW_CONFIDENCE)
    if (low and t.low_streak >= 1) or t.thumbs_down_before:
        reasons.append(HandoffReason.REPEATED_FAILURE)
    return reasons
