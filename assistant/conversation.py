"""The conversation model the assistant reads and extends, turn by turn.

It is plain data: the API stores it in the database, the CLI keeps it in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum

from assistant.language import Detection


class Role(str, Enum):
    CUSTOMER = "customer"
    ASSISTANT = "assistant"
    AGENT = "agent"


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


@dataclass
class Turn:
    role: Role
    text: str
    lang: str | None = None
    sources: list[Source] = field(default_factory=list)
    confidence: float | None = None
    query: str | None = None
    handoff_reasons: list[str] = field(default_factory=list)
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


@dataclass
class Conversation:
    id: str = "local"
    channel: str = "cli"
    locale: str | None = None
    context: StoreContext = field(default_factory=StoreContext)
    turns: list[Turn] = field(default_factory=list)
    language: Detection | None = None
    low_confidence_streak: int = 0
    last_feedback: str | None = None
    handed_off: bool = False

    def customer_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role is Role.CUSTOMER]

    def last(self, role: Role) -> Turn | None:
        return next((t for t in reversed(self.turns) if t.role is role), None)
