"""The case an agent receives on handoff: everything needed to answer without asking again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from enum import Enum

from assistant.knowledge.lexical import cjk_chars
from assistant.locales import language_name
from assistant.model.conversation import Rating, Role, Source, StoreContext, Turn
from assistant.model.reasons import SPECS, HandoffReason
from assistant.orders import Order
from assistant.understand.entities import Amount, Entities

# The case is read by agents in English (the inbox's language); the customer never sees it.
# What the detected intent says the customer wants: the start of the one-line request.
INTENT_WANTS = {
    "dispute": "Payment dispute", "complaint": "Complaint", "human_request": "Wants a person",
    "out_of_scope": "Off-topic", "order_status": "Where is my order",
}  # fmt: skip
QUESTION_WANTS = "Question"
RATING_MARKS = {Rating.UP: "👍 helpful", Rating.DOWN: "👎 not helpful", None: "no rating"}
# The customer's words in the request line: at most this many characters.
QUOTE_CHARS = 120
# A request for a person this short ("agent please") says nothing of the matter: the customer's
# message before it does.
BARE_REQUEST_WORDS, BARE_REQUEST_CJK = 10, 16


class RequestSource(str, Enum):
    """Who wrote the case's one-line request."""

    WORDS = "words"  # built from the customer's words, the intent and the entities
    GENERATED = "generated"  # written by the chat model (TRIAGE_LLM_PROVIDER)


@dataclass(frozen=True)
class CaseMessage:
    text: str
    translated: str | None = None


@dataclass(frozen=True)
class AnsweredTurn:
    question: str
    answer: str
    sources: tuple[Source, ...]
    rating: Rating | None = None  # the customer's thumbs on the answer


@dataclass(frozen=True)
class SuggestedReply:
    text: str
    lang: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Case:
    conversation_id: str
    channel: str
    lang: str
    lang_confidence: float
    context: StoreContext
    reasons: tuple[HandoffReason, ...]
    confidence: float
    intent: str
    sentiment: str
    entities: Entities
    messages: tuple[CaseMessage, ...]
    answered: tuple[AnsweredTurn, ...] = ()
    suggested_reply: SuggestedReply | None = None
    agent_lang: str = "en"
    order: Order | None = None  # looked up from the store's orders (TRIAGE_ORDERS)
    generated_request: str | None = None  # the chat model's one-line request, when it wrote one

    @property
    def request_line(self) -> str:
        """What the customer wants, in one line (see `request_line`)."""
        words = [m.text for m in self.messages]
        return self.generated_request or request_line(words, self.intent, self.entities, self.context.order_id)

    @property
    def request_source(self) -> RequestSource:
        return RequestSource.GENERATED if self.generated_request else RequestSource.WORDS

    @property
    def who(self) -> str:
        """"Ana López (cust-7) · gold tier · Spanish"; "Anonymous customer" without a signed name or ref."""
        c = self.context
        name = c.customer_name or c.customer_ref or "Anonymous customer"
        if c.customer_name and c.customer_ref:
            name += f" ({c.customer_ref})"
        return " · ".join(x for x in (name, c.tier and f"{c.tier} tier", language_name(self.lang, "en")) if x)

    @property
    def why(self) -> tuple[str, ...]:
        return tuple(SPECS[r].words for r in self.reasons)

    @property
    def summary(self) -> str:
        """What an agent reads first: who, what they want, why a person, the order, what they were told."""
        c, e = self.context, self.entities
        generated = " (generated)" if self.request_source is RequestSource.GENERATED else ""
        lines = [self.who, f"Wants{generated}: {self.request_line}", "Why a person: " + "; ".join(self.why)]
        if c.order_id or c.order_value is not None:
            lines.append("Order: " + " · ".join(x for x in (c.order_id, _money(c.order_value, c.currency)) if x))
        if self.order:
            lines.append("Order " + _order_line(self.order))
        mentioned = [*e.order_numbers, *e.tracking_numbers, *(_amount(a) for a in e.amounts), *e.emails, *e.phones]
        if mentioned:
            lines.append("Mentioned: " + ", ".join(mentioned))
        last = self.messages[-1]
        lines.append(f"Last message: {last.text}" + (f"\n  ({self.agent_lang}: {last.translated})" if last.translated else ""))
        lines += [f"Told ({RATING_MARKS[a.rating]}): {_quoted(a.answer, 80)} ({', '.join(s.source for s in a.sources)})" for a in self.answered]
        if self.suggested_reply:
            lines.append(f"Suggested reply ({', '.join(s.source for s in self.suggested_reply.sources)}): {self.suggested_reply.text}")
        lines.append(
            f"Triage: {' + '.join(r.value for r in self.reasons)} · intent {self.intent}, sentiment {self.sentiment}, "
            f"confidence {self.confidence:.2f} · {self.lang} ({self.lang_confidence:.2f})"
        )
        return "\n".join(lines)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["reasons"] = [r.value for r in self.reasons]
        out["order"] = self.order.to_dict() if self.order else None
        out["answered"] = [{**a, "rating": a["rating"] and a["rating"].value} for a in out["answered"]]
        out["summary"] = self.summary
        del out["generated_request"]  # it is the request line, marked by request_source
        out["request_line"], out["request_source"] = self.request_line, self.request_source.value
        out["who"] = {
            "name": self.context.customer_name, "ref": self.context.customer_ref, "tier": self.context.tier,
            "lang": self.lang, "language": language_name(self.lang, "en"), "text": self.who,
        }  # fmt: skip
        out["why"] = [{"reason": r.value, "text": text} for r, text in zip(self.reasons, self.why, strict=True)]
        return out


def request_line(words: Sequence[str], intent: str, entities: Entities, order_id: str | None = None) -> str:
    """What the customer wants in one line, from their own words, the intent and the entities:
    'Wants a person · order NP-20431 · EUR 80.00: “Mi pedido NP-20431 llegó roto…”'.
    A bare request for a person quotes the message before it, which says what the matter is."""
    quote = asked(words, intent)
    orders = entities.order_numbers or ([order_id] if order_id else [])
    about = [
        *(["order " + ", ".join(orders)] if orders else []),
        *(_amount(a) for a in entities.amounts[:2]),
    ]
    wants = INTENT_WANTS.get(intent, QUESTION_WANTS)
    return " · ".join([wants, *about]) + f": {_quoted(quote, QUOTE_CHARS)}"


def asked(words: Sequence[str], intent: str) -> str:
    """Which of the customer's messages (``words``, in order) holds what they asked: the last,
    unless it is a bare request for a person, when the one before it says what the matter is."""
    if intent == "human_request" and len(words) > 1 and _bare(words[-1]):
        return words[-2]
    return words[-1]


def _bare(text: str) -> bool:
    cjk = cjk_chars(text)
    return cjk <= BARE_REQUEST_CJK if cjk else len(text.split()) <= BARE_REQUEST_WORDS


def _quoted(text: str, limit: int) -> str:
    """“text”, on one line, cut at a word (or, in Chinese and Japanese, a character) near ``limit``."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[:limit]
        text = (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut).rstrip(" ,.;:") + "…"
    return f"“{text}”"


def _amount(amount: Amount) -> str:
    return f"{amount.currency + ' ' if amount.currency else ''}{amount.value:.2f}"


def _money(value: float | None, currency: str | None) -> str | None:
    return None if value is None else f"{currency + ' ' if currency else ''}{value:.2f}"


def _order_line(order: Order) -> str:
    """"NP-10001: shipped 2026-11-20 with DHL (tracking 00340434…), expected 2026-11-24; EUR 129.00"."""
    parts = [f"{order.order_id}: {order.status.value}"]
    if order.shipped_at:
        shipped = f"shipped {order.shipped_at.isoformat()}"
        parts = [f"{order.order_id}: {shipped}"] if order.status.value == "shipped" else [*parts, shipped]
    if order.carrier:
        parts.append(f"with {order.carrier}" + (f" (tracking {order.tracking_number})" if order.tracking_number else ""))
    if order.estimated_delivery:
        parts.append(f"expected {order.estimated_delivery.isoformat()}")
    if order.last_event_at:
        parts.append(f"last scan {order.last_event_at.isoformat()}")
    total = f"; {order.currency + ' ' if order.currency else ''}{order.total:.2f}" if order.total is not None else ""
    return ", ".join(parts) + total


def answered_turns(turns: Sequence[Turn]) -> tuple[AnsweredTurn, ...]:
    """Each assistant answer with sources, paired with the customer message it answered."""
    out, question = [], ""
    for turn in turns:
        if turn.role is Role.CUSTOMER:
            question = turn.text
        elif turn.role is Role.ASSISTANT and turn.sources and not turn.handoff_reasons:
            out.append(AnsweredTurn(question, turn.text, tuple(turn.sources), turn.rating))
    return tuple(out)
