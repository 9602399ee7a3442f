"""The agent's desk: tags, internal notes, search over cases and a customer's earlier conversations."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.errors import ApiError
from api.inputs import clean_text, uuid_id
from api.models import (
    CaseNoteRow,
    ConversationRow,
    HandoffRow,
    HandoffStatus,
    MessageRow,
)
from assistant.model.conversation import Role

MAX_TAG_CHARS = 40
MAX_TAGS = 20
# Search reads the most recent cases in Python (names and tags are matched Unicode-aware, the same
# on SQLite and PostgreSQL); a shop's open work is well inside this.
SEARCHED_CASES = 2000
FOUND_CASES = 50
EARLIER_CONVERSATIONS = 20
LINE_CHARS = 140
_NOT_IN_TAG = re.compile(r"[^\w]+")


def normalize_tag(text: str) -> str:
    """" VIP  customer!" -> "vip-customer": lower case, words joined by hyphens; 422 when nothing is left or it is too long."""
    tag = _NOT_IN_TAG.sub("-", unicodedata.normalize("NFKC", clean_text(text)).casefold()).strip("-_")
    if not tag:
        raise ApiError(422, "invalid_tag", "A tag needs a letter or a digit.")
    if len(tag) > MAX_TAG_CHARS:
        raise ApiError(422, "invalid_tag", f"A tag may have at most {MAX_TAG_CHARS} characters.")
    return tag


def normalize_tags(texts: list[str]) -> list[str]:
    tags = list(dict.fromkeys(normalize_tag(t) for t in texts))
    if len(tags) > MAX_TAGS:
        raise ApiError(422, "too_many_tags", f"At most {MAX_TAGS} tags.")
    return tags


def add_tag(handoff: HandoffRow, text: str) -> list[str]:
    handoff.tags = normalize_tags([*(handoff.tags or []), text])
    return handoff.tags


def remove_tag(handoff: HandoffRow, text: str) -> list[str]:
    tag = normalize_tag(text)
    if tag not in (handoff.tags or []):
        raise ApiError(404, "not_found", f"This case has no tag {tag}.")
    handoff.tags = [t for t in handoff.tags if t != tag]
    return handoff.tags


def add_note(session: Session, handoff: HandoffRow, agent: str, text: str) -> CaseNoteRow:
    note = CaseNoteRow(conversation_id=handoff.conversation_id, handoff_id=handoff.id, agent_name=agent, text=text)
    session.add(note)
    return note


def notes_of(session: Session, handoff_id: str) -> list[CaseNoteRow]:
    return list(session.scalars(select(CaseNoteRow).where(CaseNoteRow.handoff_id == handoff_id).order_by(CaseNoteRow.id)))


def search_cases(
    session: Session, words: str, status: HandoffStatus | None, tag: str | None
) -> list[tuple[HandoffRow, ConversationRow]]:
    """The cases, most recently changed first, whose customer's words, summary, customer name or
    reference, or tags hold every word of ``words`` (case-insensitive); with ``status`` and ``tag``, only those."""
    query = select(HandoffRow, ConversationRow).join(ConversationRow, ConversationRow.id == HandoffRow.conversation_id)
    if status is not None:
        query = query.where(HandoffRow.status == status)
    rows = session.execute(query.order_by(HandoffRow.updated_at.desc()).limit(SEARCHED_CASES)).all()
    if tag:
        rows = [(h, c) for h, c in rows if tag in (h.tags or [])]
    wanted = words.casefold().split()
    if not wanted:
        return rows[:FOUND_CASES]
    said = _customer_words(session, [c.id for _, c in rows])
    found = []
    for h, c in rows:
        context = c.context or {}
        haystack = " ".join([h.summary or "", str(context.get("customer_name", "")), c.customer_ref or "", *(h.tags or []), said.get(c.id, "")])
        if all(word in haystack.casefold() for word in wanted):
            found.append((h, c))
            if len(found) == FOUND_CASES:
                break
    return found


def _customer_words(session: Session, conversation_ids: list[str]) -> dict[str, str]:
    said: dict[str, list[str]] = {}
    query = select(MessageRow.conversation_id, MessageRow.text).where(
        MessageRow.conversation_id.in_(conversation_ids), MessageRow.role == Role.CUSTOMER.value
    )
    for conversation_id, text in session.execute(query):
        said.setdefault(conversation_id, []).append(text)
    return {k: " ".join(v) for k, v in said.items()}


def earlier_conversations(session: Session, conversation: ConversationRow) -> list[dict]:
    """The same signed-in customer's other conversations, newest first: when, what about, how it ended."""
    if not conversation.customer_ref:
        return []
    query = select(ConversationRow).where(ConversationRow.customer_ref == conversation.customer_ref, ConversationRow.id != conversation.id)
    rows = list(session.scalars(query.order_by(ConversationRow.created_at.desc()).limit(EARLIER_CONVERSATIONS)))
    ids = [r.id for r in rows]
    cases: dict[str, HandoffRow] = {}
    for h in session.scalars(select(HandoffRow).where(HandoffRow.conversation_id.in_(ids)).order_by(HandoffRow.created_at)):
        cases[h.conversation_id] = h  # the latest case of each conversation
    firsts = select(func.min(MessageRow.id)).where(MessageRow.conversation_id.in_(ids), MessageRow.role == Role.CUSTOMER.value)
    first_words = dict(session.execute(
        select(MessageRow.conversation_id, MessageRow.text).where(MessageRow.id.in_(firsts.group_by(MessageRow.conversation_id)))
    ).all())  # fmt: skip
    return [_earlier(r, cases.get(r.id), first_words.get(r.id, "")) for r in rows]


def _earlier(row: ConversationRow, case: HandoffRow | None, first_words: str) -> dict:
    summary = (case.summary or "").split("\n")[0] if case else ""
    return {
        "conversation_id": row.id, "handoff_id": case.id if case else None, "created_at": row.created_at,
        "summary": _line(summary or first_words), "customer_words": _line(first_words), "status": row.status,
        "case_status": case.status if case else None, "outcome": case.outcome if case else None,
    }  # fmt: skip


def _line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LINE_CHARS else text[: LINE_CHARS - 1] + "…"


def find_case(session: Session, handoff_id: str) -> tuple[HandoffRow, ConversationRow]:
    """The case and its conversation; 404 when there is none."""
    handoff = session.get(HandoffRow, uuid_id(handoff_id, "No case with this id."))
    if handoff is None:
        raise ApiError(404, "not_found", f"No case {handoff_id}.")
    return handoff, session.get(ConversationRow, handoff.conversation_id)


def conflict(handoff: HandoffRow) -> ApiError:
    """Why the case is not this agent's to act on, and what they can do about it."""
    if handoff.status == HandoffStatus.RESOLVED:
        return ApiError(409, "conflict", "This case is resolved already.")
    if handoff.status == HandoffStatus.CLAIMED:
        return ApiError(
            409, "conflict", f"{handoff.agent_name} has claimed this case; ask them to release it, or take it over."
        )
    return ApiError(409, "conflict", "This case changed meanwhile; reload it and try again.")
