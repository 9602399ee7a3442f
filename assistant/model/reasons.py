"""Why a person takes over: one `HandoffReason` per cause, and one `ReasonSpec` per reason.

Everything the product says or decides about a reason lives in its spec, so adding one is an
enum member, its spec in `SPECS`, and (for a reason the intent classifier names) its exemplars
and keywords in each `assistant/locales/<lang>.yaml`; tests/assistant/model/test_reasons.py
fails until all of them are there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class HandoffReason(str, Enum):
    LOW_CONFIDENCE = "low_confidence"
    HIGH_VALUE = "high_value"
    HUMAN_REQUEST = "human_request"
    COMPLAINT = "complaint"
    DISPUTE = "dispute"
    OUT_OF_SCOPE = "out_of_scope"
    REPEATED_FAILURE = "repeated_failure"
    # A looked-up order that is late: its expected delivery passed, or no carrier scan for days.
    DELAYED_ORDER = "delayed_order"


class Tone(str, Enum):
    """How loudly the inbox shows a reason (its badge's colour)."""

    URGENT = "urgent"
    CAUTION = "caution"
    PLAIN = "plain"


@dataclass(frozen=True)
class ReasonSpec:
    label: str  # the inbox's and the insights' short name (agents read English)
    words: str  # why a person was called, in plain words, in the agent's case
    weight: int  # urgency in the queue; the queue adds order value and waiting time
    tone: Tone
    # Raised only because an answer fell below the threshold: the eval's sweep to another
    # threshold may take it back. The others stand at every threshold.
    needs_threshold: bool
    # The KB lacked the answer: the turn counts toward the content gaps of /insights.
    unanswered: bool = False
    # Also an intent the classifier names, from exemplars and keywords in assistant/locales.
    intent: bool = False
    # A case for it may carry the KB's answer as a suggested reply. A passage pre-filled for an
    # angry "my parcel is three weeks late" (one on cancelling orders, once) answers nothing
    # asked, and reads as a brush-off: a person writes that reply.
    suggest_reply: bool = True


SPECS: dict[HandoffReason, ReasonSpec] = {
    HandoffReason.DISPUTE: ReasonSpec(
        "Dispute", "threatens a chargeback, a dispute or legal action", 40, Tone.URGENT, False, intent=True, suggest_reply=False,
    ),
    HandoffReason.COMPLAINT: ReasonSpec("Complaint", "is upset: a complaint", 30, Tone.URGENT, False, intent=True, suggest_reply=False),
    HandoffReason.HIGH_VALUE: ReasonSpec("High value", "a high-value order or amount", 25, Tone.CAUTION, False),
    HandoffReason.HUMAN_REQUEST: ReasonSpec("Asked for a person", "asked for a person", 20, Tone.PLAIN, False, intent=True),
    HandoffReason.DELAYED_ORDER: ReasonSpec("Delayed order", "the order is late", 20, Tone.CAUTION, False),
    HandoffReason.REPEATED_FAILURE: ReasonSpec(
        "Repeated failure", "the assistant's answers did not help", 15, Tone.PLAIN, True, unanswered=True,
    ),
    HandoffReason.LOW_CONFIDENCE: ReasonSpec(
        "Low confidence", "the assistant was not sure of an answer", 10, Tone.PLAIN, True, unanswered=True,
    ),
    HandoffReason.OUT_OF_SCOPE: ReasonSpec(
        "Out of scope", "a question the help pages do not cover", 5, Tone.PLAIN, True, unanswered=True, intent=True,
    ),
}


# Derived views, for the places that ask one question of every reason.
THRESHOLD_FREE = frozenset(r for r, s in SPECS.items() if not s.needs_threshold)
UNANSWERED = frozenset(r for r, s in SPECS.items() if s.unanswered)
INTENT_REASONS = frozenset(r for r, s in SPECS.items() if s.intent)
