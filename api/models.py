"""What the service stores. Every piece of state lives here, so two workers behave as one."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class ConversationStatus(str, Enum):
    BOT = "bot"  # the assistant answers
    WAITING = "waiting"  # handed off, no agent yet
    AGENT = "agent"  # an agent holds it; the assistant stays silent
    RESOLVED = "resolved"  # an agent closed the case; the next message goes to the assistant again


class HandoffStatus(str, Enum):
    OPEN = "open"
    CLAIMED = "claimed"
    RESOLVED = "resolved"


class Notice(str, Enum):
    """A message the service posts about the conversation itself, not an answer: the widget shows it apart."""

    AGENT_JOINED = "agent_joined"
    WAITING = "waiting"  # the case went back to the queue
    RESOLVED = "resolved"


class StatusColumn(TypeDecorator):
    """An enum kept as its plain value, so the schema stays a short string column (no migration)."""

    impl = String(12)
    cache_ok = True

    def __init__(self, enum: type[Enum]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value, dialect):
        return None if value is None else self.enum(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum(value)


class Base(DeclarativeBase):
    pass


class ConversationRow(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    customer_ref: Mapped[str | None] = mapped_column(String(200), index=True)
    channel: Mapped[str] = mapped_column(String(40), default="web")
    locale: Mapped[str | None] = mapped_column(String(20))  # a hint: the customer's browser
    pin_locale: Mapped[str | None] = mapped_column(String(20))  # the store's: the reply language
    timezone: Mapped[str | None] = mapped_column(String(64))  # the customer's (IANA), from the widget
    contact_email: Mapped[str | None] = mapped_column(String(254))  # left to be answered by, out of hours
    context: Mapped[dict] = mapped_column(JSON, default=dict)  # trusted store context only
    lang: Mapped[str | None] = mapped_column(String(8))
    lang_confidence: Mapped[float | None] = mapped_column(Float)
    low_streak: Mapped[int] = mapped_column(Integer, default=0)
    last_feedback: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[ConversationStatus] = mapped_column(StatusColumn(ConversationStatus), default=ConversationStatus.BOT)
    agent_name: Mapped[str | None] = mapped_column(String(100))
    agent_typing_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # an agent's last typing ping
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class MessageRow(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str | None] = mapped_column(Text)  # an agent's words before translation
    translated_text: Mapped[str | None] = mapped_column(Text)  # a customer's words in the agents' language
    lang: Mapped[str | None] = mapped_column(String(8))
    query: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list] = mapped_column(JSON, default=list)
    confidence: Mapped[float | None] = mapped_column(Float)
    handoff_reasons: Mapped[list] = mapped_column(JSON, default=list)
    agent_name: Mapped[str | None] = mapped_column(String(100))
    rating: Mapped[str | None] = mapped_column(String(8))
    latency_ms: Mapped[float | None] = mapped_column(Float)
    attachment: Mapped[dict | None] = mapped_column(JSON)
    order_step: Mapped[str | None] = mapped_column(String(12))  # an assistant turn's OrderStep
    notice: Mapped[Notice | None] = mapped_column(StatusColumn(Notice))  # set on the service's own notices
    learned_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the learned answer an answer came from
    candidate: Mapped[str | None] = mapped_column(String(500))  # the page a handed-off turn would have answered from
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HandoffRow(Base):
    __tablename__ = "handoffs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    status: Mapped[HandoffStatus] = mapped_column(StatusColumn(HandoffStatus), default=HandoffStatus.OPEN, index=True)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    priority: Mapped[float] = mapped_column(Float, default=0.0)
    lang: Mapped[str | None] = mapped_column(String(8))
    summary: Mapped[str] = mapped_column(Text, default="")
    case: Mapped[dict] = mapped_column(JSON, default=dict)
    agent_name: Mapped[str | None] = mapped_column(String(100))
    outcome: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # first claimed
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # last resolved
    tags: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")  # normalized, see api.desk.normalize_tag
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class CsatRow(Base):
    __tablename__ = "csat"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AgentRow(Base):
    """An agent added with `triage agents add`: the languages they read, and their key's SHA-256
    (the key itself is shown once and never stored; it is random, so a plain hash suffices)."""

    __tablename__ = "agents"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RateRow(Base):
    """One fixed one-minute window of one rate-limit key."""

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    window: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class CaseNoteRow(Base):
    """An agent's internal note on a case: agents read it in the case; the customer never does."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    handoff_id: Mapped[str] = mapped_column(String(36), index=True)
    agent_name: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CannedReplyRow(Base):
    """One of the store's saved answers, which agents insert into the reply box and edit before sending."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(8))  # None: fits any language
    tags: Mapped[list] = mapped_column(JSON, default=list)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SlaState(str, Enum):
    """Where a waiting case stands against TRIAGE_SLA_MINUTES."""

    OK = "ok"
    DUE_SOON = "due_soon"  # in the last fifth of its time
    OVERDUE = "overdue"


class LearnedAnswerRow(Base):
    """An answer the team confirmed (see assistant/knowledge/learned.py): a KB section by its
    document and heading path, or an agent's text; its questions are `LearnedQuestionRow`s."""

    __tablename__ = "learned_answers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # AnswerKind
    status: Mapped[str] = mapped_column(String(12), index=True)  # LearnedStatus
    lang: Mapped[str] = mapped_column(String(8))
    source: Mapped[str | None] = mapped_column(String(500))
    headings: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    confirmed_by: Mapped[str] = mapped_column(String(100))
    approved_by: Mapped[str | None] = mapped_column(String(100))  # the second approval, when the store asks one
    paused_why: Mapped[str | None] = mapped_column(String(200))  # what took it out of service
    uses: Mapped[int] = mapped_column(Integer, default=0)  # answers sent from it since
    thumbs_up: Mapped[int] = mapped_column(Integer, default=0)
    thumbs_down: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class LearnedQuestionRow(Base):
    """A customer's question (masked) that a learned answer answered; kept without the conversation
    (which retention purges) but with its id, so that erasing the conversation removes it."""

    __tablename__ = "learned_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("learned_answers.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8))
    conversation_id: Mapped[str | None] = mapped_column(String(36), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LabelWhy(str, Enum):
    """What said whether an answer was (or would have been) right."""

    SECTION = "section"  # an agent confirmed a KB section as the answer to a handed-off question
    REPLY = "reply"  # ... their own reply
    NONE = "none"  # ... nothing reusable
    THUMBS = "thumbs"  # the customer's thumbs on an answer sent


class AnswerLabelRow(Base):
    """One answer judged by the store, without its text: kept through retention (it holds nothing
    personal) to refit the store's threshold (assistant/decide/refit.py)."""

    __tablename__ = "answer_labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    message_id: Mapped[int] = mapped_column(Integer, index=True)  # the assistant's turn it judges
    confidence: Mapped[float] = mapped_column(Float)
    right: Mapped[bool] = mapped_column(Boolean)
    why: Mapped[LabelWhy] = mapped_column(StatusColumn(LabelWhy))
    model: Mapped[str] = mapped_column(String(12))  # the confidence model the confidence came from (calibration.model_id)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
