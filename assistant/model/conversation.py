"""The conversation model the assistant reads, turn by turn.

It is plain, frozen data: the assistant never writes it. A turn's result says what changed, and
`TurnResult.advance` gives the conversation that follows; the API stores the result instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import Enum

from assistant.model.reasons import HandoffReason
from assistant.understand.language import Detection


class Role(str, Enum):
    CUSTOMER = "customer"
    ASSISTANT = "assistant"
    AGENT = "agent"


class OrderStep(str, Enum):
    """What an assistant turn did about an order (TRIAGE_ORDERS): the next turn reads it."""

    ASKED = "asked"  # asked for the order number, the email or both
    NO_MATCH = "no_match"  # the pair given matched no order (or not the customer's)
    TOLD = "told"  # gave the order's status


class Rating(str, Enum):
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class StoreContext:
    """What the store's backend vouches for (signed or sent with its API key); never the customer's word."""

    customer_ref: str | None = None
    customer_name: str | None = None
    order_id: str | None = None
    order_value: float | None = None
    currency: str | None = None
    tier: str | None = None

    @classmethod
    def from_dict(cls, data: dict | None) -> StoreContext:
        data = data or {}
        value = data.get("order_value")
        return cls(
            customer_ref=_opt_str(data.get("customer_ref")),
            customer_name=_opt_str(data.get("customer_name")),
            order_id=_opt_str(data.get("order_id")),
            order_value=float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None,
            currency=_opt_str(data.get("currency")),
            tier=_opt_str(data.get("tier")),
        )


def _opt_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


@dataclass(frozen=True)
class Source:
    source: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Turn:
    role: Role
    text: str
    lang: str | None = None
    sources: tuple[Source, ...] = ()
    confidence: float | None = None
    query: str | None = None
    handoff_reasons: tuple[HandoffReason, ...] = ()
    order_step: OrderStep | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    rating: Rating | None = None  # the customer's thumbs on an assistant answer
    learned: str | None = None  # the learned answer this answer came from

    @property
    def asks_back(self) -> bool:
        """An assistant turn that asked which of two topics was meant: it neither answered (no
        sources) nor handed off, and it weighed an answer (a confidence; a "you're welcome" has
        none). The customer's next message completes the question before it."""
        return (
            self.role is Role.ASSISTANT and not self.sources and not self.handoff_reasons and self.confidence is not None
            and self.order_step is None
        )


@dataclass(frozen=True)
class Service:
    """What the caller knows of the service around the conversation (the API: from its database)."""

    # A person is already on the way: a new reason joins the case without a second handoff notice.
    case_waiting: bool = False
    # Measured from recent claims; None: TRIAGE_HANDOFF_WAIT_MINUTES.
    typical_wait_minutes: int | None = None
    # The customer's address sent too many order number and email pairs that matched nothing
    # (across conversations): no more lookups for it, a person instead.
    order_lookups_throttled: bool = False


@dataclass(frozen=True)
class Conversation:
    id: str = "local"
    channel: str = "cli"
    locale: str | None = None
    # `locale` pins the reply language (the store's setting, the CLI's --lang); the hint (the
    # customer's browser) only stands in for messages too short to tell.
    locale_hint: str | None = None
    context: StoreContext = field(default_factory=StoreContext)
    turns: tuple[Turn, ...] = ()
    language: Detection | None = None
    low_confidence_streak: int = 0
    last_feedback: Rating | None = None
    timezone: str | None = None  # the customer's (IANA name, from the widget), for times told to them
    service: Service = field(default_factory=Service)

    def customer_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role is Role.CUSTOMER]

    def last(self, role: Role) -> Turn | None:
        return next((t for t in reversed(self.turns) if t.role is role), None)

    def rated(self, rating: Rating) -> Conversation:
        """The customer's thumbs on the last assistant answer (kept on it for the agent's case, too)."""
        last = next((i for i in range(len(self.turns) - 1, -1, -1) if self.turns[i].role is Role.ASSISTANT), None)
        turns = self.turns if last is None else (*self.turns[:last], replace(self.turns[last], rating=rating), *self.turns[last + 1 :])
        return replace(self, turns=turns, last_feedback=rating)
