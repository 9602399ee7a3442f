"""The store's labels: answers its agents and customers judged, kept to refit its threshold.

A case an agent resolves after a low-confidence handoff says whether the page the assistant
found first would have answered it (the agent confirmed a section of that page) or not (another
page, their own words, nothing reusable). A thumbs on an answer sent says it outright. Only the
confidence and the verdict are kept, never the words, so they outlive retention; and only those
of the confidence model in use count (a new model scores on another scale).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import AnswerLabelRow, LabelWhy, MessageRow
from assistant.decide.refit import Label
from assistant.knowledge.calibration import model_id
from assistant.model.conversation import Role
from assistant.model.reasons import HandoffReason

# An answer this sure was not decided by the threshold (a section the customer tapped, a learned answer).
DECIDED_ELSEWHERE = 1.0


def label_resolved(session: Session, conversation_id: str, why: LabelWhy, same_page: Callable[[str], bool]) -> AnswerLabelRow | None:
    """Label the conversation's last low-confidence handoff not labelled yet, by what the agent
    said answered it: right when ``why`` is SECTION and ``same_page`` of the page found first."""
    turn = session.scalars(
        select(MessageRow).where(MessageRow.conversation_id == conversation_id, MessageRow.role == Role.ASSISTANT.value,
                                 MessageRow.candidate.is_not(None)).order_by(MessageRow.id.desc()).limit(1)
    ).first()  # fmt: skip
    if turn is None or turn.handoff_reasons != [HandoffReason.LOW_CONFIDENCE.value] or turn.confidence is None or _labelled(session, turn.id):
        return None
    right = why is LabelWhy.SECTION and same_page(turn.candidate or "")
    row = AnswerLabelRow(message_id=turn.id, confidence=turn.confidence, right=right, why=why, model=model_id())
    session.add(row)
    return row


def label_rated(session: Session, message: MessageRow, up: bool) -> None:
    """The customer's thumbs on an answer the threshold let through; a second thumbs replaces the first."""
    if message.confidence is None or message.confidence >= DECIDED_ELSEWHERE or message.learned_id or not message.sources:
        return
    row = session.scalars(select(AnswerLabelRow).where(AnswerLabelRow.message_id == message.id)).first()
    if row is None:
        session.add(AnswerLabelRow(message_id=message.id, confidence=message.confidence, right=up, why=LabelWhy.THUMBS, model=model_id()))
    else:
        row.right = up


def labels(session: Session) -> list[Label]:
    """Every label of the confidence model in use."""
    rows = session.execute(select(AnswerLabelRow.confidence, AnswerLabelRow.right).where(AnswerLabelRow.model == model_id()))
    return [Label(confidence, right) for confidence, right in rows]


def version(session: Session) -> tuple[int, int, int]:
    """Changes whenever a label is added, or a thumbs turned over."""
    count, last = session.execute(select(func.count(AnswerLabelRow.id), func.max(AnswerLabelRow.id))).one()
    rights = session.scalar(select(func.count(AnswerLabelRow.id)).where(AnswerLabelRow.right.is_(True))) or 0
    return count, last or 0, rights


def _labelled(session: Session, message_id: int) -> bool:
    return session.scalar(select(func.count(AnswerLabelRow.id)).where(AnswerLabelRow.message_id == message_id)) > 0
