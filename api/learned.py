"""Learned answers as the service keeps them: confirmed by agents, counted, paused, erased.

The core matches customers' messages against them (assistant/knowledge/learned.py); this module
is their storage. Each worker hands its assistant the active ones at start, at once after a
change it made, and when `follow_kb` sees that another worker changed them (`version`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.models import LearnedAnswerRow, LearnedQuestionRow, utcnow
from assistant.knowledge.learned import AnswerKind, LearnedAnswer, LearnedQuestion, LearnedStatus
from assistant.understand.entities import mask_personal


def to_core(row: LearnedAnswerRow, questions: Sequence[LearnedQuestionRow]) -> LearnedAnswer:
    return LearnedAnswer(
        id=row.id, kind=AnswerKind(row.kind), questions=tuple(LearnedQuestion(q.text, q.lang) for q in questions),
        lang=row.lang, source=row.source, headings=row.headings, text=row.text, status=LearnedStatus(row.status),
    )


def questions_of(session: Session, ids: Sequence[str]) -> dict[str, list[LearnedQuestionRow]]:
    found: dict[str, list[LearnedQuestionRow]] = {i: [] for i in ids}
    for q in session.scalars(select(LearnedQuestionRow).where(LearnedQuestionRow.answer_id.in_(ids)).order_by(LearnedQuestionRow.id)):
        found[q.answer_id].append(q)
    return found


def active_answers(session: Session) -> list[LearnedAnswer]:
    """Every learned answer in service, with its questions: what the assistant answers from."""
    rows = list(session.scalars(select(LearnedAnswerRow).where(LearnedAnswerRow.status == LearnedStatus.ACTIVE.value)))
    questions = questions_of(session, [r.id for r in rows])
    return [to_core(r, questions[r.id]) for r in rows]


def version(session: Session) -> tuple[int, int, datetime | None]:
    """Changes whenever a learned answer or question is added, changed or removed."""
    answers, changed = session.execute(select(func.count(LearnedAnswerRow.id), func.max(LearnedAnswerRow.updated_at))).one()
    questions = session.scalar(select(func.count(LearnedQuestionRow.id))) or 0
    return answers, questions, changed


def confirm(
    session: Session, *, kind: AnswerKind, questions: Sequence[tuple[str, str]], lang: str, agent: str, conversation_id: str | None,
    names: Sequence[str] = (), source: str | None = None, headings: str | None = None, text: str | None = None, draft: bool = False,
) -> LearnedAnswerRow:
    """Keep what answered ``questions`` ((text, lang) pairs, masked here): a new learned answer, or
    a new paraphrase of one that says the same (the same section, or the same text)."""
    row = _same(session, kind, source, headings, text, lang)
    if row is None:
        status = LearnedStatus.DRAFT if draft else LearnedStatus.ACTIVE
        row = LearnedAnswerRow(
            id=str(uuid.uuid4()), kind=kind.value, status=status.value, lang=lang, source=source, headings=headings,
            text=text, confirmed_by=agent, uses=0, thumbs_up=0, thumbs_down=0,
        )
        session.add(row)
        session.flush()
    known = {q.text for q in questions_of(session, [row.id])[row.id]}
    for words, question_lang in questions:
        masked = mask_personal(words, names).strip()
        if masked and masked not in known:
            session.add(LearnedQuestionRow(answer_id=row.id, text=masked, lang=question_lang, conversation_id=conversation_id))
            known.add(masked)
    row.updated_at = utcnow()
    return row


def _same(session: Session, kind: AnswerKind, source: str | None, headings: str | None, text: str | None, lang: str) -> LearnedAnswerRow | None:
    query = select(LearnedAnswerRow).where(LearnedAnswerRow.kind == kind.value, LearnedAnswerRow.status != LearnedStatus.RETIRED.value)
    if kind is AnswerKind.SECTION:
        return session.scalars(query.where(LearnedAnswerRow.source == source, LearnedAnswerRow.headings == headings)).first()
    wanted = " ".join((text or "").split())
    return next((r for r in session.scalars(query.where(LearnedAnswerRow.lang == lang)) if " ".join((r.text or "").split()) == wanted), None)


def answered(session: Session, learned_id: str) -> None:
    """One more answer sent from this learned answer."""
    if row := session.get(LearnedAnswerRow, learned_id):
        row.uses += 1


def rated(session: Session, learned_id: str, up: bool) -> None:
    """The customer's thumbs on an answer from it: a thumbs-down takes it out of service until
    someone reviews it (a wrong learned answer would otherwise be repeated to everyone)."""
    row = session.get(LearnedAnswerRow, learned_id)
    if row is None:
        return
    if up:
        row.thumbs_up += 1
    else:
        row.thumbs_down += 1
        pause(row, "a customer gave its answer a thumbs-down")


def pause(row: LearnedAnswerRow, why: str) -> None:
    if row.status == LearnedStatus.ACTIVE.value:
        row.status, row.paused_why, row.updated_at = LearnedStatus.PAUSED.value, why, utcnow()


def forget_conversations(session: Session, conversation_ids: Sequence[str]) -> None:
    """An erase: the conversations' questions leave the learned answers too; an answer left with no
    question can answer nothing and goes with them."""
    touched = set(session.scalars(select(LearnedQuestionRow.answer_id).where(LearnedQuestionRow.conversation_id.in_(conversation_ids))))
    session.execute(delete(LearnedQuestionRow).where(LearnedQuestionRow.conversation_id.in_(conversation_ids)))
    for answer_id in touched:
        if not session.scalar(select(func.count(LearnedQuestionRow.id)).where(LearnedQuestionRow.answer_id == answer_id)):
            session.execute(delete(LearnedAnswerRow).where(LearnedAnswerRow.id == answer_id))
        elif row := session.get(LearnedAnswerRow, answer_id):
            row.updated_at = utcnow()


def export_rows(session: Session) -> list[dict]:
    """One FAQ-table row per question of every learned answer not retired (see cli/learned.py)."""
    rows = list(session.scalars(select(LearnedAnswerRow).where(LearnedAnswerRow.status != LearnedStatus.RETIRED.value).order_by(LearnedAnswerRow.created_at)))
    questions = questions_of(session, [r.id for r in rows])
    out = []
    for r in rows:
        for q in questions[r.id]:
            row = {"question": q.text, "answer": r.text or "", "lang": q.lang, "learned_id": r.id, "kind": r.kind, "status": r.status}
            if r.kind == AnswerKind.SECTION.value:
                row |= {"source": r.source, "headings": r.headings, "answer_lang": r.lang}
            else:
                row["answer_lang"] = r.lang
            out.append(row)
    return out


def import_rows(session: Session, rows: Sequence[dict], agent: str) -> int:
    """Rows of `export_rows` (or any FAQ table) as learned answers; returns how many answers they make."""
    made = set()
    for row in rows:
        kind = AnswerKind(row.get("kind") or AnswerKind.TEXT.value)
        lang = str(row.get("answer_lang") or row.get("lang") or "en")
        fields = {"source": row.get("source"), "headings": row.get("headings")} if kind is AnswerKind.SECTION else {"text": str(row.get("answer") or "")}
        if kind is AnswerKind.TEXT and not fields["text"]:
            continue
        answer = confirm(
            session, kind=kind, questions=[(str(row["question"]), str(row.get("lang") or lang))], lang=lang, agent=agent,
            conversation_id=None, draft=row.get("status") == LearnedStatus.DRAFT.value, **fields,
        )
        made.add(answer.id)
    return len(made)
