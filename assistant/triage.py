"""The triage: how sure an answer is, and when a person must take over, with a reason code.

Intents that call for a person are found two ways, so no single English regex is the only
line of defence: nearness to exemplar messages written in ten languages, and precise keyword
patterns per language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.conversation import HandoffReason
from assistant.embeddings import Embedder
from assistant.entities import Amount
from assistant.locales import intent_exemplars, intent_keywords

EXEMPLARS, KEYWORDS = intent_exemplars(), intent_keywords()


# Intents that are themselves a reason to hand off.
HANDOFF_INTENTS = {r.value for r in (HandoffReason.HUMAN_REQUEST, HandoffReason.COMPLAINT, HandoffReason.DISPUTE, HandoffReason.OUT_OF_SCOPE)}
# Reasons that do not depend on the answer threshold (the eval sweep keeps them at every threshold).
THRESHOLD_FREE_REASONS = frozenset({HandoffReason.HUMAN_REQUEST, HandoffReason.COMPLAINT, HandoffReason.DISPUTE, HandoffReason.HIGH_VALUE})
KB_QUESTION = "kb_question"

# Rough EUR value of one unit, only to judge whether an amount a customer states is large
# (converted into the store's currency, TRIAGE_STORE_CURRENCY).
EUR_PER_UNIT = {
    "EUR": 1.0, "USD": 0.92, "GBP": 1.17, "CHF": 1.05, "CAD": 0.68, "AUD": 0.61, "JPY": 0.0062,
    "KRW": 0.00068, "CNY": 0.13, "BRL": 0.17, "MXN": 0.05, "SAR": 0.25, "AED": 0.25,
}  # fmt: skip


@dataclass(frozen=True)
class Intent:
    name: str
    score: float
    method: str  # "keyword", "similarity" or "default"

    @property
    def sentiment(self) -> str:
        return "negative" if self.name in ("complaint", "dispute") else "neutral"


class IntentClassifier:
    """Nearest exemplars by cosine (mean of the top 3 per intent), overruled by a keyword match."""

    def __init__(self, embedder: Embedder, threshold: float = 0.5, margin: float = 0.03, top: int = 3) -> None:
        self.embedder, self.threshold, self.margin, self.top = embedder, threshold, margin, top
        self._names = [name for name, texts in EXEMPLARS.items() for _ in texts]
        self._patterns = {
            intent: [re.compile(p, re.IGNORECASE) for patterns in by_lang.values() for p in patterns]
            for intent, by_lang in KEYWORDS.items()
        }

    @cached_property
    def _vectors(self) -> np.ndarray:
        return self.embedder.embed_queries([t for texts in EXEMPLARS.values() for t in texts])

    def warm(self) -> None:
        """Embed the exemplars now rather than on the first message."""
        _ = self._vectors

    def classify(self, text: str, vector: np.ndarray | None = None) -> Intent:
        for intent, patterns in self._patterns.items():
            if any(p.search(text) for p in patterns):
                return Intent(intent, 1.0, "keyword")
        vector = self.embedder.embed_query(text) if vector is None else vector
        scores = self.scores(vector)
        best = max(scores, key=scores.get)
        if best in HANDOFF_INTENTS and scores[best] >= self.threshold and scores[best] - scores.get(KB_QUESTION, 0) >= self.margin:
            return Intent(best, scores[best], "similarity")
        return Intent(KB_QUESTION, scores.get(KB_QUESTION, 0.0), "default")

    def scores(self, vector: np.ndarray) -> dict[str, float]:
        sims = self._vectors @ vector
        names = np.array(self._names)
        return {name: float(np.sort(sims[names == name])[-self.top :].mean()) for name in EXEMPLARS}


@dataclass(frozen=True)
class Signals:
    """What the confidence of an answer is computed from."""

    similarity: float  # cosine of the question and the best passage
    margin: float  # ... minus that of the best passage of another document
    overlap: float  # share of the question's words found in the passage
    other_language: bool  # the answer is not in the customer's language


# Logistic weights over the signals: (bias, similarity, margin, overlap, other_language),
# fitted on the eval dev split by `python -m evals.calibrate` (use-m3, the sample KB).
CONFIDENCE_WEIGHTS = (-0.19, 2.29, 0.76, 1.04, -0.3)


def confidence(signals: Signals, weights: tuple[float, ...] = CONFIDENCE_WEIGHTS) -> float:
    bias, w_sim, w_margin, w_overlap, w_other = weights
    z = bias + w_sim * signals.similarity + w_margin * signals.margin + w_overlap * signals.overlap
    z += w_other * signals.other_language
    return 1 / (1 + math.exp(-z))


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
