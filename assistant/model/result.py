"""What one turn produces: everything a caller must persist, print or score, in one frozen value."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Protocol

from assistant.decide.confidence import Signals
from assistant.model.case import Case
from assistant.model.conversation import Conversation, Source, StoreContext, Turn
from assistant.model.reasons import HandoffReason
from assistant.orders import Order
from assistant.understand.intents import Intent
from assistant.understand.language import Detection


@dataclass(frozen=True)
class Handoff:
    reasons: tuple[HandoffReason, ...]
    case: Case | None
    # Out of business hours: when the team is back (the customer may leave an email meanwhile).
    back_at: datetime | None = None

    def to_dict(self) -> dict:
        return {
            "reasons": [r.value for r in self.reasons], "case": self.case.to_dict() if self.case else None,
            "out_of_hours": self.back_at is not None, "back_at": self.back_at.isoformat() if self.back_at else None,
        }  # fmt: skip


@dataclass(frozen=True)
class Clarify:
    """A short question back instead of an answer: quick-reply options in the customer's language."""

    options: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"options": list(self.options)}


@dataclass(frozen=True)
class TurnResult:
    """The customer's turn (masked) and the assistant's, plus the conversation state they leave behind."""

    customer: Turn
    reply: Turn
    language: Detection
    low_confidence_streak: int
    intent: Intent
    retrieved: tuple[str, ...]
    handoff: Handoff | None = None
    clarify: Clarify | None = None
    # The answer found, whether given or not: the eval's threshold sweep scores what a lower
    # threshold would have sent.
    candidate: Turn | None = None
    machine_translated: bool = False
    signals: Signals | None = None
    order: Order | None = None  # the order looked up and told about, if any

    def advance(self, conversation: Conversation) -> Conversation:
        """The conversation once this turn's two messages are added (a new question clears the feedback)."""
        return replace(
            conversation, turns=(*conversation.turns, self.customer, self.reply), language=self.language,
            low_confidence_streak=self.low_confidence_streak, last_feedback=None,
        )

    @property
    def text(self) -> str:
        return self.reply.text

    @property
    def lang(self) -> str:
        return self.language.lang

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.reply.sources

    @property
    def confidence(self) -> float:
        return self.reply.confidence or 0.0

    def to_dict(self) -> dict:
        """The shape of `triage ask --json` (docs/cli-api-contract.md), plus a few extras."""
        return {
            "text": self.text,
            "lang": self.lang,
            "sources": [asdict(s) for s in self.sources],
            "confidence": round(self.confidence, 4),
            "handoff": self.handoff.to_dict() if self.handoff else None,
            "clarify": self.clarify.to_dict() if self.clarify else None,
            "lang_confidence": round(self.language.confidence, 4),
            "intent": self.intent.name,
            "retrieved": list(self.retrieved),
            "machine_translated": self.machine_translated,
            "signals": asdict(self.signals) if self.signals else None,
            "order": self.order.to_dict() if self.order else None,
            "learned": self.reply.learned,
        }


class Replier(Protocol):
    """Something that answers a turn: the assistant, or an eval baseline."""

    def reply(self, conversation: Conversation, message: str, context: StoreContext | None = None) -> TurnResult: ...
