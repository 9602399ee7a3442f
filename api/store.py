"""Reading and writing conversations, messages and handoffs; the bridge to the core's model."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.models import ConversationRow, CsatRow, HandoffRow, MessageRow, utcnow
from assistant.conversation import Conversation, Role, Source, StoreContext, Turn
from assistant.language import Detection
from assistant.reply import Reply

# Urgency of each reason; the queue adds order value and waiting time (see `priority`).
REASON_WEIGHT = {
    "dispute": 40, "complaint": 30, "high_value": 25, "human_request": 20,
    "repeated_failure": 15, "low_confidence": 10, "out_of_scope": 5,
}  # fmt: skip


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_conversation(session: Session, *, locale: str | None, channel: str, context: dict) -> tuple[ConversationRow, str]:
    token = secrets.token_urlsafe(32)
    row = ConversationRow(
        id=str(uuid.uuid4()), token_hash=token_hash(token), locale=locale, channel=channel,
        context=context, customer_ref=context.get("customer_ref"),
    )
    session.add(row)
    return row, token


def messages_of(session: Session, conversation_id: str, after: int = 0) -> list[MessageRow]:
    query = select(MessageRow).where(MessageRow.conversation_id == conversation_id, MessageRow.id > after)
    return list(session.scalars(query.order_by(MessageRow.id)))


def to_core(row: ConversationRow, messages: list[MessageRow]) -> Conversation:
    """The stored conversation as the assistant's model."""
    turns = [
        Turn(
            role=Role(m.role), text=m.text, lang=m.lang, query=m.query, confidence=m.confidence,
            sources=[Source(**s) for s in m.sources or []], handoff_reasons=list(m.handoff_reasons or []),
            created_at=m.created_at,
        )
        for m in messages
        if m.attachment is None
    ]
    language = Detection(row.lang, row.lang_confidence or 0.0, "conversation") if row.lang else None
    return Conversation(
        id=row.id, channel=row.channel, locale=row.locale, context=StoreContext.from_dict(row.context),
        turns=turns, language=language, low_confidence_streak=row.low_streak, last_feedback=row.last_feedback,
        handed_off=row.status in ("waiting", "agent"),
    )


def save_turn(session: Session, row: ConversationRow, conversation: Conversation, reply: Reply, latency_ms: float) -> tuple[MessageRow, MessageRow]:
    """Store the customer's message and the reply the assistant just added to ``conversation``."""
    customer, answer = conversation.turns[-2], conversation.turns[-1]
    asked = _message(row.id, customer, latency_ms=None)
    replied = _message(row.id, answer, latency_ms=latency_ms)
    session.add_all([asked, replied])
    row.lang, row.lang_confidence = conversation.language.lang, conversation.language.confidence
    row.low_streak, row.last_feedback = conversation.low_confidence_streak, conversation.last_feedback
    row.updated_at = utcnow()
    if row.status == "resolved":
        row.status = "bot"
    if reply.handoff:
        open_handoff(session, row, reply)
    return asked, replied


def _message(conversation_id: str, turn: Turn, latency_ms: float | None) -> MessageRow:
    return MessageRow(
        conversation_id=conversation_id, role=turn.role.value, text=turn.text, lang=turn.lang, query=turn.query,
        sources=[s.__dict__ for s in turn.sources], confidence=turn.confidence,
        handoff_reasons=list(turn.handoff_reasons), latency_ms=latency_ms,
    )


def add_message(session: Session, row: ConversationRow, role: str, text: str, **fields) -> MessageRow:
    message = MessageRow(conversation_id=row.id, role=role, text=text, **fields)
    session.add(message)
    row.updated_at = utcnow()
    return message


def open_handoff(session: Session, row: ConversationRow, reply: Reply) -> HandoffRow:
    """A new case, or the conversation's case still waiting, with the new reasons added."""
    case = reply.handoff.case.to_dict()
    handoff = session.scalar(
        select(HandoffRow).where(HandoffRow.conversation_id == row.id, HandoffRow.status != "resolved")
    )
    if handoff is None:
        handoff = HandoffRow(id=str(uuid.uuid4()), conversation_id=row.id, reasons=[])
        session.add(handoff)
    handoff.reasons = list(dict.fromkeys([*handoff.reasons, *reply.handoff.reasons]))
    handoff.case, handoff.summary, handoff.lang = case, case["summary"], reply.lang
    handoff.priority = static_priority(handoff.reasons, StoreContext.from_dict(row.context).order_value)
    handoff.updated_at = utcnow()
    if row.status == "bot":
        row.status = "waiting"
    return handoff


def static_priority(reasons: list[str], order_value: float | None) -> float:
    return max((REASON_WEIGHT.get(r, 0) for r in reasons), default=0) + min((order_value or 0) / 50, 30)


def priority(handoff: HandoffRow, now: datetime | None = None) -> float:
    """Reason and order value, plus a point for every two minutes of waiting."""
    waited = ((now or utcnow()) - _aware(handoff.created_at)).total_seconds()
    return round(handoff.priority + waited / 120, 2)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def waiting_seconds(handoff: HandoffRow) -> int:
    return int((utcnow() - _aware(handoff.created_at)).total_seconds())


def erase_customer(session: Session, customer_ref: str) -> tuple[int, list[str]]:
    """Delete a customer's conversations with their messages, cases and feedback (GDPR/CCPA).

    Returns how many conversations went, and the attachment files the caller must delete."""
    ids = list(session.scalars(select(ConversationRow.id).where(ConversationRow.customer_ref == customer_ref)))
    return len(ids), _delete_conversations(session, ids)


def purge_older_than(session: Session, days: int) -> tuple[int, list[str]]:
    """Delete conversations untouched for ``days`` (the retention setting); same return as erase."""
    cutoff = utcnow() - timedelta(days=days)
    ids = list(session.scalars(select(ConversationRow.id).where(ConversationRow.updated_at < cutoff)))
    return len(ids), _delete_conversations(session, ids)


def _delete_conversations(session: Session, ids: list[str]) -> list[str]:
    with_files = select(MessageRow.attachment).where(MessageRow.conversation_id.in_(ids), MessageRow.attachment.is_not(None))
    files = [a["id"] for a in session.scalars(with_files)]
    # Children first: SQLite enforces ON DELETE CASCADE only per connection setting.
    for table in (MessageRow, HandoffRow, CsatRow):
        session.execute(delete(table).where(table.conversation_id.in_(ids)))
    session.execute(delete(ConversationRow).where(ConversationRow.id.in_(ids)))
    return files
