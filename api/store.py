"""Reading and writing conversations, messages and handoffs; the bridge to the core's model."""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
import statistics
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select, text, update
from sqlalchemy.orm import Session

from api import learned
from api.models import (
    CaseNoteRow,
    ConversationRow,
    ConversationStatus,
    CsatRow,
    HandoffRow,
    HandoffStatus,
    LearnedAnswerRow,
    MessageRow,
    SlaState,
    utcnow,
)
from api.settings import Settings
from assistant.hours import BusinessHours
from assistant.model.conversation import Conversation, OrderStep, Rating, Role, Source, StoreContext, Turn
from assistant.model.reasons import SPECS, HandoffReason
from assistant.model.result import TurnResult
from assistant.understand.language import Detection

log = logging.getLogger("triage.api")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_conversation(
    session: Session, *, locale: str | None, pin_locale: str | None, channel: str, context: dict, timezone: str | None = None
) -> tuple[ConversationRow, str]:
    token = secrets.token_urlsafe(32)
    row = ConversationRow(
        id=str(uuid.uuid4()), token_hash=token_hash(token), locale=locale, pin_locale=pin_locale, channel=channel,
        context=context, customer_ref=context.get("customer_ref"), timezone=timezone,
    )
    session.add(row)
    return row, token


def messages_of(session: Session, conversation_id: str, after: int = 0) -> list[MessageRow]:
    query = select(MessageRow).where(MessageRow.conversation_id == conversation_id, MessageRow.id > after)
    return list(session.scalars(query.order_by(MessageRow.id)))


def to_core(row: ConversationRow, messages: list[MessageRow]) -> Conversation:
    """The stored conversation as the assistant's model."""
    turns = tuple(
        Turn(
            role=Role(m.role), text=m.text, lang=m.lang, query=m.query, confidence=m.confidence,
            sources=tuple(Source(**s) for s in m.sources or []),
            handoff_reasons=tuple(HandoffReason(r) for r in m.handoff_reasons or []), created_at=m.created_at,
            order_step=OrderStep(m.order_step) if m.order_step else None, rating=Rating(m.rating) if m.rating else None,
        )
        for m in messages
        if m.attachment is None
    )
    language = Detection(row.lang, row.lang_confidence or 0.0, "conversation") if row.lang else None
    # The API's `locale` is the browser's hint; the core's `locale` is the pin.
    return Conversation(
        id=row.id, channel=row.channel, locale=row.pin_locale, locale_hint=row.locale, context=StoreContext.from_dict(row.context),
        turns=turns, language=language, low_confidence_streak=row.low_streak, timezone=row.timezone,
        last_feedback=Rating(row.last_feedback) if row.last_feedback else None,
    )


def save_turn(session: Session, row: ConversationRow, result: TurnResult, latency_ms: float) -> tuple[MessageRow, MessageRow]:
    """Store what a turn produced: both messages, the conversation's new state and any handoff."""
    asked = _message(row.id, result.customer, latency_ms=None)
    replied = _message(row.id, result.reply, latency_ms=latency_ms)
    session.add_all([asked, replied])
    if result.reply.learned:
        replied.learned_id = result.reply.learned
        learned.answered(session, result.reply.learned)
    elif result.handoff and HandoffReason.REPEATED_FAILURE in result.handoff.reasons:
        _unhelpful_learned(session, row.id)
    row.lang, row.lang_confidence = result.language.lang, result.language.confidence
    row.low_streak, row.last_feedback = result.low_confidence_streak, None
    row.updated_at = utcnow()
    if row.status == ConversationStatus.RESOLVED:
        row.status = ConversationStatus.BOT
    if result.handoff and result.candidate and result.candidate.sources:
        replied.candidate = result.candidate.sources[0].source
    if result.handoff:
        open_handoff(session, row, result)
    return asked, replied


def _unhelpful_learned(session: Session, conversation_id: str) -> None:
    """The customer came back unhelped right after a learned answer: take it out of service."""
    last = session.scalars(
        select(MessageRow).where(MessageRow.conversation_id == conversation_id, MessageRow.role == Role.ASSISTANT.value)
        .order_by(MessageRow.id.desc()).limit(1)
    ).first()
    if last is not None and last.learned_id and (answer := session.get(LearnedAnswerRow, last.learned_id)):
        learned.pause(answer, "the customer was not helped by its answer (a person was called)")


def _message(conversation_id: str, turn: Turn, latency_ms: float | None) -> MessageRow:
    return MessageRow(
        conversation_id=conversation_id, role=turn.role.value, text=turn.text, lang=turn.lang, query=turn.query,
        sources=[s.__dict__ for s in turn.sources], confidence=turn.confidence,
        handoff_reasons=[r.value for r in turn.handoff_reasons], latency_ms=latency_ms,
        order_step=turn.order_step.value if turn.order_step else None,
    )


def add_message(session: Session, row: ConversationRow, role: Role, text: str, **fields) -> MessageRow:
    message = MessageRow(conversation_id=row.id, role=role.value, text=text, **fields)
    session.add(message)
    row.updated_at = utcnow()
    return message


def open_handoff(session: Session, row: ConversationRow, result: TurnResult) -> HandoffRow:
    """A new case, or the conversation's case still waiting, with the new reasons added."""
    case = result.handoff.case.to_dict()
    handoff = session.scalar(
        select(HandoffRow).where(HandoffRow.conversation_id == row.id, HandoffRow.status != HandoffStatus.RESOLVED)
    )
    if handoff is None:
        handoff = HandoffRow(id=str(uuid.uuid4()), conversation_id=row.id, reasons=[])
        session.add(handoff)
    handoff.reasons = list(dict.fromkeys([*handoff.reasons, *(r.value for r in result.handoff.reasons)]))
    handoff.case, handoff.summary, handoff.lang = case, case["summary"], result.lang
    # The store's word on the order's value, else the looked-up order's total.
    value = StoreContext.from_dict(row.context).order_value
    handoff.priority = static_priority(handoff.reasons, value if value is not None else (case.get("order") or {}).get("total"))
    handoff.updated_at = utcnow()
    if row.status == ConversationStatus.BOT:
        row.status = ConversationStatus.WAITING
    return handoff


def static_priority(reasons: list[str], order_value: float | None) -> float:
    """``reasons`` as stored (their values)."""
    return max((SPECS[HandoffReason(r)].weight for r in reasons), default=0) + min((order_value or 0) / 50, 30)


def priority(handoff: HandoffRow, now: datetime | None = None) -> float:
    """Reason and order value, plus a point for every two minutes of waiting."""
    waited = ((now or utcnow()) - _aware(handoff.created_at)).total_seconds()
    return round(handoff.priority + waited / 120, 2)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class TypicalWait:
    """The wait told to customers on handoff within business hours: the median wait before a
    claim, over the last WAIT_CLAIMS claims of the past week of cases opened in hours. Fewer than
    WAIT_SAMPLE say little, and TRIAGE_HANDOFF_WAIT_MINUTES stands in (None). Each worker reads it
    at most once a minute: one query, not one per message."""

    WAIT_SAMPLE, WAIT_CLAIMS, FRESH_SECONDS = 5, 50, 60

    def __init__(self, hours: BusinessHours | None) -> None:
        self.hours = hours
        self._cached: tuple[float, int | None] = (0.0, None)

    def minutes(self, session: Session) -> int | None:
        read_at, value = self._cached
        if time.monotonic() - read_at < self.FRESH_SECONDS:
            return value
        since = utcnow() - timedelta(days=7)
        query = select(HandoffRow.created_at, HandoffRow.claimed_at).where(HandoffRow.claimed_at >= since)
        rows = session.execute(query.order_by(HandoffRow.claimed_at.desc()).limit(self.WAIT_CLAIMS)).all()
        waits = [(_aware(c) - _aware(a)).total_seconds() for a, c in rows if self.hours is None or self.hours.is_open(_aware(a))]
        value = max(1, math.ceil(statistics.median(waits) / 60)) if len(waits) >= self.WAIT_SAMPLE else None
        self._cached = (time.monotonic(), value)
        return value


def waiting_seconds(handoff: HandoffRow) -> int:
    return int((utcnow() - _aware(handoff.created_at)).total_seconds())


# A case is due soon in the last fifth of its SLA time.
DUE_SOON_SHARE = 0.8


@dataclass(frozen=True)
class SlaClock:
    """TRIAGE_SLA_MINUTES, counted only in the team's hours when TRIAGE_BUSINESS_HOURS names them:
    a case left on Friday night is not overdue when the team comes in on Monday."""

    minutes: int
    hours: BusinessHours | None = None

    @classmethod
    def of(cls, settings: Settings) -> SlaClock:
        return cls(settings.sla_minutes, settings.hours())

    def state(self, handoff: HandoffRow) -> SlaState | None:
        """How a case waiting for an agent stands; None once an agent holds or closed it."""
        if handoff.status != HandoffStatus.OPEN:
            return None
        since, now = _aware(handoff.created_at), utcnow()
        waited = (self.hours.open_seconds(since, now) if self.hours else (now - since).total_seconds()) / 60
        if waited >= self.minutes:
            return SlaState.OVERDUE
        return SlaState.DUE_SOON if waited >= DUE_SOON_SHARE * self.minutes else SlaState.OK


def _change(session: Session, handoff: HandoffRow, condition, **values) -> bool:
    """One conditional UPDATE of the case: True when the condition still held, so of two agents
    acting at once only one wins (the loser's UPDATE matches no row). ``handoff`` is reloaded."""
    statement = update(HandoffRow).where(HandoffRow.id == handoff.id, condition).values(updated_at=utcnow(), **values)
    changed = session.execute(statement.execution_options(synchronize_session=False)).rowcount == 1
    session.refresh(handoff)
    return changed


def _held_by(agent: str):
    return (HandoffRow.status == HandoffStatus.CLAIMED) & (HandoffRow.agent_name == agent)


def claim_handoff(session: Session, handoff: HandoffRow, agent: str, *, take_over_from: str | None = None) -> bool:
    """Make ``agent`` the holder of an open case, or of the case ``take_over_from`` holds."""
    condition = HandoffRow.status == HandoffStatus.OPEN if take_over_from is None else _held_by(take_over_from)
    claimed_at = handoff.claimed_at or utcnow()  # the first claim: what the customer waited for
    return _change(session, handoff, condition, status=HandoffStatus.CLAIMED, agent_name=agent, claimed_at=claimed_at)


def release_handoff(session: Session, handoff: HandoffRow, agent: str) -> bool:
    """Put the case ``agent`` holds back in the queue."""
    return _change(session, handoff, _held_by(agent), status=HandoffStatus.OPEN, agent_name=None)


def resolve_handoff(session: Session, handoff: HandoffRow, agent: str, outcome: str | None) -> bool:
    """Close a case that is open or held by ``agent``."""
    condition = or_(HandoffRow.status == HandoffStatus.OPEN, _held_by(agent))
    return _change(
        session, handoff, condition, status=HandoffStatus.RESOLVED, agent_name=agent, outcome=outcome, resolved_at=utcnow()
    )


def reassign_handoff(session: Session, handoff: HandoffRow, agent: str, to: str) -> bool:
    """Hand an open case, or one ``agent`` holds, to agent ``to``, who holds it from now on."""
    condition = or_(HandoffRow.status == HandoffStatus.OPEN, _held_by(agent))
    claimed_at = handoff.claimed_at or utcnow()
    return _change(session, handoff, condition, status=HandoffStatus.CLAIMED, agent_name=to, claimed_at=claimed_at)


def erase_customer(session: Session, customer_ref: str) -> tuple[int, list[str]]:
    """Delete a customer's conversations with their messages, cases and feedback (GDPR/CCPA).

    Returns how many conversations went, and the attachment files the caller must delete."""
    ids = list(session.scalars(select(ConversationRow.id).where(ConversationRow.customer_ref == customer_ref)))
    learned.forget_conversations(session, ids)
    return len(ids), _delete_conversations(session, ids)


def purge_older_than(session: Session, days: int) -> tuple[int, list[str]]:
    """Delete conversations untouched for ``days`` (the retention setting); same return as erase."""
    cutoff = utcnow() - timedelta(days=days)
    ids = list(session.scalars(select(ConversationRow.id).where(ConversationRow.updated_at < cutoff)))
    return len(ids), _delete_conversations(session, ids)


def leave_no_trace(session: Session) -> None:
    """After committing an erase or purge: SQLite keeps the deleted text in its write-ahead log (and,
    before `secure_delete`, in free pages) until a checkpoint; TRUNCATE writes the zeroed pages into
    the database file and empties the log. PostgreSQL reclaims dead rows at its next VACUUM."""
    if session.get_bind().dialect.name == "sqlite":
        busy = session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()[0]
        if busy:
            log.warning("a reader held the database: erased text stays in triage.db-wal until the next checkpoint")


def _delete_conversations(session: Session, ids: list[str]) -> list[str]:
    with_files = select(MessageRow.attachment).where(MessageRow.conversation_id.in_(ids), MessageRow.attachment.is_not(None))
    files = [a["id"] for a in session.scalars(with_files)]
    # Children first: SQLite enforces ON DELETE CASCADE only per connection setting.
    for table in (MessageRow, HandoffRow, CsatRow, CaseNoteRow):
        session.execute(delete(table).where(table.conversation_id.in_(ids)))
    session.execute(delete(ConversationRow).where(ConversationRow.id.in_(ids)))
    return files


def rate_conversation(session: Session, conversation_id: str, score: int, comment: str | None) -> None:
    """Record the customer's rating (CSAT): one per resolution. The widget sends the score on the
    tap and the comment after it, so a second rating since the conversation was last resolved
    changes the first instead of counting twice."""
    resolved = session.scalar(select(func.max(HandoffRow.resolved_at)).where(HandoffRow.conversation_id == conversation_id))
    query = select(CsatRow).where(CsatRow.conversation_id == conversation_id)
    if resolved is not None:
        query = query.where(CsatRow.created_at >= resolved)
    rating = session.scalars(query.order_by(CsatRow.created_at.desc()).limit(1)).first()
    if rating is None:
        session.add(CsatRow(conversation_id=conversation_id, score=score, comment=comment))
        return
    rating.score = score
    rating.comment = comment or rating.comment
