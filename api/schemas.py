"""What comes in and what goes out of the HTTP API (docs/cli-api-contract.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from api.case_schemas import CaseOut, HandoffBrief, HandoffInfo, SuggestedReplyOut
from api.inputs import clean_text, is_blank
from api.models import ConversationStatus, HandoffStatus, Notice, SlaState
from assistant.model.conversation import Rating


def _readable(text: str) -> str:
    text = clean_text(text)
    if is_blank(text):
        raise PydanticCustomError("blank", "write some text: only spaces, control or invisible characters were sent")
    return text


# Every stored text is one of these: NUL and other controls never reach the database.
CleanText = Annotated[str, AfterValidator(clean_text)]
ReadableText = Annotated[str, AfterValidator(_readable)]


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


class ConversationIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    locale: CleanText | None = Field(
        None, max_length=20, description="The customer's locale (the browser's): a hint for messages too short to tell."
    )
    pin_locale: CleanText | None = Field(
        None, max_length=20, description="The store's reply language for this conversation: wins over the message."
    )
    channel: CleanText = Field("web", max_length=40)
    # Kept as sent: the signature is over this exact JSON, whatever else a store puts in it (nested
    # 900 deep included); only the CONTEXT_FIELDS are read from it, and checked there.
    context: dict[str, Any] | None = Field(None, description="What the store vouches for (customer_ref, customer_name, order_id, order_value, currency, tier), signed.")
    signature: str | None = Field(None, max_length=128, description="Hex HMAC-SHA256 of the canonical context JSON.")
    timezone: CleanText | None = Field(
        None, max_length=64, description="The customer's time zone (IANA, e.g. Europe/Berlin): times are told in it; an unknown one is ignored."
    )


class ConversationCreated(BaseModel):
    id: str
    token: str


class MessageIn(BaseModel):
    text: ReadableText = Field(min_length=1, description="At most TRIAGE_MAX_MESSAGE_CHARS (4,000) characters; longer is 413.")


class SourceOut(BaseModel):
    source: str
    title: str
    url: str | None = None


class Attachment(BaseModel):
    url: str
    name: str
    content_type: str
    size: int


class MessageOut(BaseModel):
    id: str
    role: Literal["customer", "assistant", "agent"]
    text: str
    created_at: datetime
    lang: str | None = None
    sources: list[SourceOut] = []
    agent_name: str | None = None
    original_text: str | None = None
    translated_text: str | None = None
    rating: Literal["up", "down"] | None = None
    attachment: Attachment | None = None
    handoff: HandoffInfo | None = None
    notice: Notice | None = None  # the service's own line (an agent joined, the case waits, it is resolved)


class ReplyOut(BaseModel):
    message_id: str
    text: str
    lang: str
    sources: list[SourceOut]
    confidence: float
    handoff: HandoffInfo | None
    clarify: dict[str, list[str]] | None = Field(
        None, description='A clarifying question: {"options": [...]}, short texts the customer can send back.'
    )
    learned: str | None = Field(None, description="The learned answer (GET /v1/learned) this answer came from, if any.")


class MessagePosted(BaseModel):
    message_id: str
    reply: ReplyOut | None = Field(description="Null while an agent holds the conversation.")


class ConversationOut(BaseModel):
    id: str
    lang: str | None
    status: ConversationStatus
    agent_name: str | None
    messages: list[MessageOut]
    handoff: HandoffBrief | None


class MessagesOut(BaseModel):
    messages: list[MessageOut]


class FeedbackIn(BaseModel):
    rating: Rating


class CsatIn(BaseModel):
    score: int = Field(ge=1, le=5)
    comment: CleanText | None = Field(None, max_length=2000)


class ContactIn(BaseModel):
    email: CleanText = Field(max_length=254, description="Where the team may answer when it is away.")


class Ok(BaseModel):
    ok: bool = True


class QueueItem(BaseModel):
    id: str
    conversation_id: str
    reasons: list[str]
    priority: float
    lang: str | None
    summary: str
    created_at: datetime
    status: HandoffStatus
    agent_name: str | None
    customer_name: str | None
    order_value: float | None
    waiting_seconds: int
    agent_reads: bool = Field(
        True, description="Whether the asking agent reads the case's language; the queue lists these cases first."
    )
    tags: list[str] = []
    customer_ref: str | None = None
    tier: str | None = None
    request_line: str = Field("", description="What the customer wants, in one line (the case's `request_line`).")
    request_source: Literal["words", "generated"] = Field(
        "words", description="`generated` when the chat model wrote the request line, `words` when built from the customer's."
    )
    sla: SlaState | None = Field(None, description="ok, due_soon or overdue against TRIAGE_SLA_MINUTES; null once claimed.")


class QueueOut(BaseModel):
    items: list[QueueItem]


class TranslationOut(BaseModel):
    """Whether the asking agent can read the customer through a machine translation."""

    model_config = ConfigDict(populate_by_name=True)
    needed: bool = Field(description="False when the agent reads the customer's language.")
    available: bool = Field(description="Whether a translator (Argos package or LLM) covers the pair.")
    from_: str = Field(alias="from", description="The customer's language.")
    to: str = Field(description="The language the agent gets translations in.")
    notice: str | None = Field(None, description='"No translation available: Japanese" when needed and not available.')


class KbPassageOut(BaseModel):
    """The knowledge-base section the case is about, in the agent's language."""

    text: str
    lang: str
    source: str
    title: str
    headings: str
    url: str | None = None


class NoteOut(BaseModel):
    """An internal note: agents see it in the case; the customer never does."""

    id: str
    agent_name: str
    text: str
    created_at: datetime


class HandoffOut(BaseModel):
    id: str
    conversation_id: str
    status: HandoffStatus
    reasons: list[str]
    priority: float
    agent_name: str | None
    case: CaseOut
    transcript: list[MessageOut]
    suggested_reply: SuggestedReplyOut | None
    contact_email: str | None = None  # left by the customer out of business hours
    agent_reads: bool = True
    translation: TranslationOut | None = None
    kb_passage: KbPassageOut | None = Field(
        None, description="When the agent reads neither the customer's language nor a translation: the KB's answer in theirs."
    )
    tags: list[str] = []
    notes: list[NoteOut] = Field([], description="Internal notes, oldest first; never shown to the customer.")
    customer_ref: str | None = Field(None, description="From the signed store context: whose earlier conversations /history lists.")


class HandoffState(BaseModel):
    id: str
    status: HandoffStatus
    agent_name: str | None = None


class AgentReplyIn(BaseModel):
    text: ReadableText = Field(min_length=1, max_length=4000)


class AgentReplyOut(BaseModel):
    message_id: str
    text: str
    original_text: str


class ClaimIn(BaseModel):
    take_over: bool = Field(False, description="Take the case from the agent who holds it (they can no longer reply).")


class ResolveIn(BaseModel):
    outcome: CleanText | None = Field(None, max_length=200)


class AgentOut(BaseModel):
    name: str
    languages: list[str] = []
    source: Literal["database", "settings"] | None = Field(
        None, description="`triage agents add` (database) or TRIAGE_AGENT_KEYS (settings)."
    )


class AgentsOut(BaseModel):
    items: list[AgentOut]


class ErasedOut(BaseModel):
    customer_ref: str
    conversations: int


class ReasonFigure(BaseModel):
    count: int = Field(description="Conversations whose cases carry the reason.")
    rate: float | None = Field(description="count ÷ conversations; null without conversations.")


class CsatFigures(BaseModel):
    count: int
    mean: float | None
    distribution: dict[str, int] = Field(description='Ratings per score, "1" to "5".')


class ThumbsFigures(BaseModel):
    up: int
    down: int


class InsightFigures(BaseModel):
    """The figures of a set of conversations; README, "Insights", defines each."""

    conversations: int
    resolved: int
    resolution_rate: float | None
    handoffs: int
    handoff_rate: float | None
    handoffs_by_reason: dict[str, ReasonFigure]
    assistant_turns: int
    clarifications: int
    clarification_rate: float | None
    csat: CsatFigures
    thumbs: ThumbsFigures
    median_wait_seconds: float | None
    waits: int
    median_handling_seconds: float | None
    handled: int


class DayFigures(InsightFigures):
    day: str


class LanguageFigures(InsightFigures):
    lang: str


class InsightsOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from", description="First day, YYYY-MM-DD, in `timezone`.")
    to: str = Field(description="Last day, included.")
    timezone: str = Field(description="The store's time zone (TRIAGE_TIMEZONE), whose days these are.")
    total: InsightFigures
    by_day: list[DayFigures]
    by_language: list[LanguageFigures]


class GapExampleOut(BaseModel):
    text: str
    lang: str
    kind: Literal["not_answered", "thumbs_down"]


class GapDocumentOut(BaseModel):
    title: str
    source: str
    similarity: float


class GapOut(BaseModel):
    size: int
    languages: list[str]
    examples: list[GapExampleOut]
    nearest_document: GapDocumentOut | None


class GapsOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from")
    to: str
    gaps: list[GapOut]


# ---------- the agent's desk: notes, reassignment, tags, search, history, canned replies, KB search ----------

LangCode = Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$", description="A language code such as es or pt-BR.")]


class NoteIn(BaseModel):
    text: ReadableText = Field(min_length=1, max_length=4000)


class NotesOut(BaseModel):
    items: list[NoteOut]


class ReassignIn(BaseModel):
    agent: CleanText = Field(min_length=1, max_length=100, description="The name of the agent who takes the case (GET /v1/agents).")


class TagIn(BaseModel):
    tag: CleanText = Field(min_length=1, max_length=100, description='Stored normalized: " VIP customer" -> "vip-customer".')


class TagsOut(BaseModel):
    tags: list[str]


class EarlierConversationOut(BaseModel):
    conversation_id: str
    handoff_id: str | None = Field(description="Its latest case, to open in the inbox; null when the assistant handled it alone.")
    created_at: datetime
    summary: str = Field(description="One line: the case's summary, else the customer's first words.")
    customer_words: str
    status: ConversationStatus
    case_status: HandoffStatus | None
    outcome: str | None


class HistoryOut(BaseModel):
    customer_ref: str | None
    items: list[EarlierConversationOut]


class CannedIn(BaseModel):
    title: ReadableText = Field(min_length=1, max_length=200)
    text: ReadableText = Field(min_length=1, max_length=4000)
    lang: LangCode | None = Field(None, description="The language it is written in; null fits any.")
    tags: list[CleanText] = Field([], max_length=20)


class CannedOut(BaseModel):
    id: str
    title: str
    text: str
    lang: str | None
    tags: list[str]
    created_by: str
    updated_at: datetime


class CannedListOut(BaseModel):
    items: list[CannedOut]


class KbHitOut(KbPassageOut):
    score: float
    other_language: bool = Field(description="True when the KB lacks this passage in the language asked for.")


class KbSearchOut(BaseModel):
    lang: str
    items: list[KbHitOut]
    notice: str | None = Field(None, description="Says when passages are in other languages than the one asked for.")


class TypingOut(BaseModel):
    """Whether this ping reached the customer; pings closer together than the throttle are dropped."""

    sent: bool


class CaseMessageOut(BaseModel):
    """A customer's new message in a case not yet resolved: the agents' stream's `message` event."""

    message_id: str
    handoff_id: str
    agent_name: str | None = Field(None, description="Who holds the case; null while it waits in the queue.")
    customer_name: str | None = None
    text: str = Field(description="The message's first 140 characters (card numbers already masked).")
