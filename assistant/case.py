"""The case an agent receives on handoff: everything needed to answer without asking again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from assistant.conversation import HandoffReason, Role, Source, StoreContext, Turn
from assistant.entities import Entities
from assistant.locales import language_name
from assistant.orders import Order


@dataclass(frozen=True)
class CaseMessage:
    text: str
    translated: str | None = None


@dataclass(frozen=True)
class AnsweredTurn:
    question: str
    answer: str
    sources: tuple[Source, ...]


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

    @property
    def summary(self) -> str:
        """A few lines an agent can read at a glance."""
        c, e = self.context, self.entities
        lines = [
            f"{' + '.join(r.value for r in self.reasons)} | {language_name(self.lang, 'en')} ({self.lang}, {self.lang_confidence:.2f}) | "
            f"intent {self.intent}, sentiment {self.sentiment}, confidence {self.confidence:.2f}"
        ]
        customer = ", ".join(x for x in (c.customer_name, c.customer_ref, c.tier and f"tier {c.tier}") if x)
        order = c.order_id and f"order {c.order_id}" + (f" ({c.currency or ''} {c.order_value:.2f})".replace("( ", "(") if c.order_value is not None else "")
        if customer or order:
            lines.append("Customer: " + "; ".join(x for x in (customer, order) if x))
        if self.order:
            lines.append("Order " + _order_line(self.order))
        mentioned = [*e.order_numbers, *e.tracking_numbers, *(f"{a.currency} {a.value:.2f}" for a in e.amounts), *e.emails, *e.phones]
        if mentioned:
            lines.append("Mentioned: " + ", ".join(mentioned))
        last = self.messages[-1]
        lines.append(f"Last message: {last.text}" + (f"\n  ({self.agent_lang}: {last.translated})" if last.translated else ""))
        if self.answered:
            lines.append("Already answered: " + "; ".join(f"{a.question[:60]} -> {', '.join(s.source for s in a.sources)}" for a in self.answered))
        if self.suggested_reply:
            lines.append(f"Suggested reply ({', '.join(s.source for s in self.suggested_reply.sources)}): {self.suggested_reply.text}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["reasons"] = [r.value for r in self.reasons]
        out["order"] = self.order.to_dict() if self.order else None
        out["summary"] = self.summary
        return out


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
            out.append(AnsweredTurn(question, turn.text, tuple(turn.sources)))
    return tuple(out)
