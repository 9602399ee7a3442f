"""The turn's decision: answer, ask which topic was meant, or hand off with reasons."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from assistant.config import CoreSettings
from assistant.decide.clarify import CLARIFY_FLOOR, Clarifier
from assistant.decide.rules import TriageInput, handoff_reasons, stated_value
from assistant.find.finding import Finding
from assistant.model.conversation import Rating
from assistant.model.reasons import HandoffReason
from assistant.model.result import Clarify
from assistant.understand.question import Question


class Action(str, Enum):
    ANSWER = "answer"
    CLARIFY = "clarify"
    HAND_OFF = "hand_off"


@dataclass(frozen=True)
class Decision:
    action: Action
    reasons: tuple[HandoffReason, ...] = ()  # with HAND_OFF, every reason, most urgent first
    clarify: Clarify | None = None  # with CLARIFY, the choices offered


def decide(question: Question, finding: Finding, threshold: float, settings: CoreSettings, clarifier: Clarifier) -> Decision:
    reasons = handoff_reasons(triage_input(question, finding, threshold, settings))
    # Asking back replaces only a low-confidence handoff, and only when an answer was nearly found.
    unsure = reasons == [HandoffReason.LOW_CONFIDENCE] and settings.clarify and finding.score >= CLARIFY_FLOOR * threshold
    if unsure and (choices := clarifier.choices(question, finding)):
        return Decision(Action.CLARIFY, clarify=choices)
    if reasons:
        return Decision(Action.HAND_OFF, tuple(reasons))
    return Decision(Action.ANSWER)


def triage_input(question: Question, finding: Finding, threshold: float, settings: CoreSettings) -> TriageInput:
    conversation = question.conversation
    return TriageInput(
        intent=finding.intent,
        confidence=finding.score,
        threshold=threshold,
        order_value=question.context.order_value,
        stated_value=stated_value(question.entities.amounts, settings.store_currency),
        high_value=settings.high_value,
        low_streak=conversation.low_confidence_streak,
        thumbs_down_before=conversation.last_feedback is Rating.DOWN,
    )
