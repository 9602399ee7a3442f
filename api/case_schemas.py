"""The case an agent receives, and the handoff a reply carries, as response models.

They mirror `assistant.model.case.Case.to_dict` and `Handoff.to_dict`; a case is stored as that
JSON and read back through `StoredCase`, so routes use attributes, not string keys. Fields added
in later versions have defaults: a case stored by an older version still reads.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.models import HandoffStatus
from assistant.model.reasons import HandoffReason


class _Lenient(BaseModel):
    # A case written by a newer or older version may hold keys this one does not know.
    model_config = ConfigDict(extra="ignore")


class SourceRef(_Lenient):
    source: str
    title: str
    url: str | None = None


class SuggestedReplyOut(_Lenient):
    text: str
    lang: str
    sources: list[SourceRef] = []


class AnsweredOut(_Lenient):
    """An answer the customer was given before the handoff, with their thumbs on it."""

    question: str
    answer: str
    sources: list[SourceRef] = []
    rating: str | None = None


class CaseLine(_Lenient):
    text: str
    translated: str | None = None


class StoreContextOut(_Lenient):
    customer_ref: str | None = None
    customer_name: str | None = None
    order_id: str | None = None
    order_value: float | None = None
    currency: str | None = None
    tier: str | None = None


class AmountOut(_Lenient):
    value: float
    currency: str


class EntitiesOut(_Lenient):
    order_numbers: list[str] = []
    tracking_numbers: list[str] = []
    amounts: list[AmountOut] = []
    emails: list[str] = []
    phones: list[str] = []


class OrderOut(_Lenient):
    order_id: str
    email: str
    status: str
    carrier: str | None = None
    tracking_number: str | None = None
    tracking_url: str | None = None
    shipped_at: date | None = None
    estimated_delivery: date | None = None
    total: float | None = None
    currency: str | None = None
    customer_ref: str | None = None
    placed_at: date | None = None
    last_event_at: date | None = None


class WhoOut(_Lenient):
    name: str | None = None
    ref: str | None = None
    tier: str | None = None
    lang: str | None = None
    language: str | None = None
    text: str = ""


class WhyOut(_Lenient):
    reason: HandoffReason
    text: str


class CaseOut(_Lenient):
    conversation_id: str
    channel: str = "web"
    lang: str
    lang_confidence: float = 0.0
    context: StoreContextOut = StoreContextOut()
    reasons: list[HandoffReason] = []
    confidence: float = 0.0
    intent: str = ""
    sentiment: str = "neutral"
    entities: EntitiesOut = EntitiesOut()
    messages: list[CaseLine] = []
    answered: list[AnsweredOut] = []
    suggested_reply: SuggestedReplyOut | None = None
    agent_lang: str = "en"
    order: OrderOut | None = None
    summary: str = ""
    request_line: str | None = Field(None, description="What the customer wants, in one line.")
    request_source: str = Field("words", description="words, or generated (written by the chat model).")
    who: WhoOut | None = None
    why: list[WhyOut] = []

    def cited(self) -> list[tuple[str, list[str]]]:
        """The answers in the case and the sources they quote, most relevant first: the suggested
        reply (to the last message), then each answer the customer was given, latest first."""
        first = [(self.suggested_reply.text, [s.source for s in self.suggested_reply.sources])] if self.suggested_reply else []
        return first + [(a.answer, [s.source for s in a.sources]) for a in reversed(self.answered)]


class HandoffInfo(BaseModel):
    """A reply's handoff: why a person takes over, and (to the store's backend) the case."""

    reasons: list[HandoffReason]
    case: CaseOut | None = None
    out_of_hours: bool = False
    back_at: datetime | None = Field(None, description="Out of business hours: when the team is back.")


class HandoffBrief(BaseModel):
    """A conversation's latest case, as its customer's view names it."""

    id: str
    status: HandoffStatus
    reasons: list[HandoffReason]
    agent_name: str | None = None


def stored_case(data: dict | None) -> CaseOut | None:
    """The case as stored (JSON) read back; None when a row has none."""
    return CaseOut.model_validate(data) if data else None
