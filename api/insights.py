"""The insights' reads: each conversation's facts for the figures, the unanswered questions for the
content gaps, and the gaps as CSV. The API route and `triage insights` both read through here."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import ConversationRow, CsatRow, HandoffRow, MessageRow
from assistant.insights import UNKNOWN_LANG, ConversationFacts, report
from assistant.insights.gaps import Gap, GapKind, GapQuestion, KbDocument, find_gaps
from assistant.model.conversation import OrderStep, Rating, Role, Source, Turn
from assistant.model.reasons import UNANSWERED, HandoffReason
from assistant.understand.entities import mask_contacts

if TYPE_CHECKING:  # the CLI's figures need no models
    from assistant.reply import Assistant

# An answer to these did not come: the KB lacked it (a person had to step in for other reasons,
# such as a complaint, whatever the KB holds).
NOT_ANSWERED = frozenset(r.value for r in UNANSWERED)
CSV_COLUMNS = ("cluster", "size", "languages", "nearest_title", "nearest_source", "nearest_similarity", "lang", "kind", "question")


def _bounds(start: date, end: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """From the first day's midnight to the midnight after the last, in the store's ``zone``; as UTC,
    because SQLite keeps naive UTC and would compare a zoned time's wall clock."""
    low, high = datetime.combine(start, time(), zone), datetime.combine(end + timedelta(days=1), time(), zone)
    return low.astimezone(UTC), high.astimezone(UTC)


def _conversations(start: date, end: date, zone: tzinfo):
    """The ids of the conversations started from ``start`` to ``end`` (days in ``zone``) in which the customer wrote."""
    low, high = _bounds(start, end, zone)
    wrote = select(MessageRow.conversation_id).where(MessageRow.role == Role.CUSTOMER.value)
    return select(ConversationRow.id).where(
        ConversationRow.created_at >= low, ConversationRow.created_at < high, ConversationRow.id.in_(wrote)
    )


def insights(session: Session, start: date, end: date, zone: tzinfo = UTC) -> dict:
    """The figures of `assistant.insights.report` for the conversations started in the range, the
    days being the store's (TRIAGE_TIMEZONE): a shop's Monday is not UTC's."""
    return report(conversation_facts(session, start, end, zone), start, end) | {"timezone": str(zone)}


def conversation_facts(session: Session, start: date, end: date, zone: tzinfo = UTC) -> list[ConversationFacts]:
    ids = _conversations(start, end, zone)
    turns: defaultdict[str, list[MessageRow]] = defaultdict(list)
    columns = (MessageRow.conversation_id, MessageRow.role, MessageRow.sources, MessageRow.confidence,
               MessageRow.handoff_reasons, MessageRow.order_step, MessageRow.rating)  # fmt: skip
    for row in session.execute(select(*columns).where(MessageRow.conversation_id.in_(ids), MessageRow.role == Role.ASSISTANT.value)):
        turns[row.conversation_id].append(row)
    cases: defaultdict[str, list] = defaultdict(list)
    for row in session.execute(select(HandoffRow).where(HandoffRow.conversation_id.in_(ids))).scalars():
        cases[row.conversation_id].append(row)
    scores: defaultdict[str, list[int]] = defaultdict(list)
    for conversation_id, score in session.execute(select(CsatRow.conversation_id, CsatRow.score).where(CsatRow.conversation_id.in_(ids))):
        scores[conversation_id].append(score)
    rows = session.execute(select(ConversationRow.id, ConversationRow.created_at, ConversationRow.lang).where(ConversationRow.id.in_(ids)))
    return [_facts(c, turns[c.id], cases[c.id], scores[c.id], zone) for c in rows]


def _facts(conversation, turns: list, cases: list[HandoffRow], scores: list[int], zone: tzinfo) -> ConversationFacts:
    return ConversationFacts(
        day=_aware(conversation.created_at).astimezone(zone).date(), lang=conversation.lang or UNKNOWN_LANG,
        answered=any(t.sources for t in turns),
        handoff_reasons=frozenset(HandoffReason(r) for case in cases for r in case.reasons),
        weighed_turns=sum(t.confidence is not None for t in turns), asked_back=sum(_asks_back(t) for t in turns),
        thumbs_up=sum(t.rating == Rating.UP.value for t in turns), thumbs_down=sum(t.rating == Rating.DOWN.value for t in turns),
        csat=tuple(scores),
        waits=tuple(_seconds(c.created_at, c.claimed_at) for c in cases if c.claimed_at),
        handling=tuple(_seconds(c.claimed_at, c.resolved_at) for c in cases if c.claimed_at and c.resolved_at),
    )  # fmt: skip


def _asks_back(turn) -> bool:
    """The core's own test (`Turn.asks_back`) on a stored assistant message."""
    return Turn(
        Role.ASSISTANT, "", sources=tuple(Source(**s) for s in turn.sources or []), confidence=turn.confidence,
        handoff_reasons=tuple(HandoffReason(r) for r in turn.handoff_reasons or []), order_step=OrderStep(turn.order_step) if turn.order_step else None,
    ).asks_back


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive UTC; PostgreSQL gives the session's zone, hence astimezone for days."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _seconds(since: datetime, until: datetime) -> float:
    return (_aware(until) - _aware(since)).total_seconds()


def unanswered_questions(session: Session, start: date, end: date, zone: tzinfo = UTC) -> list[GapQuestion]:
    """The customer's message before each assistant reply that handed off because the KB had no
    answer (NOT_ANSWERED), or that the customer gave a thumbs-down; oldest first, masked."""
    query = (
        select(MessageRow.conversation_id, MessageRow.role, MessageRow.text, MessageRow.lang, MessageRow.handoff_reasons,
               MessageRow.rating, ConversationRow.lang.label("conversation_lang"))
        .join(ConversationRow, ConversationRow.id == MessageRow.conversation_id)
        .where(MessageRow.conversation_id.in_(_conversations(start, end, zone)), MessageRow.attachment.is_(None))
        .order_by(MessageRow.conversation_id, MessageRow.id)
    )  # fmt: skip
    questions, asked = [], None
    for m in session.execute(query):
        if m.role == Role.CUSTOMER.value:
            asked = m
            continue
        if m.role != Role.ASSISTANT.value or asked is None or asked.conversation_id != m.conversation_id:
            continue
        kind = _gap_kind(m)
        if kind:
            questions.append(GapQuestion(mask_contacts(asked.text), asked.lang or m.conversation_lang or UNKNOWN_LANG, kind))
            asked = None  # one reply per question: a notice after it does not count it again
    return questions


def _gap_kind(reply) -> GapKind | None:
    if NOT_ANSWERED & set(reply.handoff_reasons or []):
        return GapKind.NOT_ANSWERED
    return GapKind.THUMBS_DOWN if reply.rating == Rating.DOWN.value else None


def content_gaps(session: Session, assistant: Assistant, start: date, end: date, zone: tzinfo = UTC) -> list[Gap]:
    return find_gaps(unanswered_questions(session, start, end, zone), assistant.embedder, _nearest_document(assistant))


def _nearest_document(assistant: Assistant):
    def nearest(text: str, lang: str, vector) -> KbDocument | None:
        found = assistant.retriever.retrieve(text, lang, k=1, vector=vector).passages
        return KbDocument(found[0].title, found[0].source, found[0].similarity) if found else None

    return nearest


def gaps_csv(gaps: list[Gap]) -> str:
    """One row per example question, its cluster's figures repeated, biggest cluster first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; quotes, commas and newlines escaped
    writer.writerow(CSV_COLUMNS)
    for number, gap in enumerate(gaps, 1):
        near = gap.nearest
        where = [near.title, near.source, f"{near.similarity:.3f}"] if near else ["", "", ""]
        for q in gap.examples:
            writer.writerow([number, gap.size, " ".join(gap.languages), *where, q.lang, q.kind.value, _inert(q.text)])
    return buffer.getvalue()


def _inert(text: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ as a formula; a customer's words must not."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
