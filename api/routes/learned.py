"""Learned answers: confirmed by the agent who resolved a case; seen, edited, merged and retired by the team."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from api import labels, learned
from api.case_schemas import CaseOut
from api.deps import CurrentAgent, SessionDep, SettingsDep
from api.desk import find_case
from api.errors import ApiError
from api.kb_follow import refresh_learned
from api.learned_schemas import (
    LearnedEditIn,
    LearnedListOut,
    LearnedNewIn,
    LearnedOut,
    LearnedQuestionOut,
    LearnIn,
    LearnOut,
    LearnSuggestionsOut,
    MergeIn,
    SectionOut,
    Taught,
)
from api.models import LabelWhy, LearnedAnswerRow, LearnedQuestionRow, MessageRow, utcnow
from assistant.knowledge.learned import AnswerKind, LearnedStatus
from assistant.model.case import asked
from assistant.model.conversation import Role
from assistant.understand.entities import mask_personal

router = APIRouter(prefix="/v1", tags=["learned answers"])


@router.get("/handoffs/{handoff_id}/learn", response_model=LearnSuggestionsOut)
def suggestions(handoff_id: str, _: CurrentAgent, request: Request, session: SessionDep) -> LearnSuggestionsOut:
    """What the inbox offers after a resolve: the question as it would be kept, the KB sections
    nearest it and the agent's reply, and that reply as a starting text."""
    handoff, conversation = find_case(session, handoff_id)
    case = CaseOut.model_validate(handoff.case)
    question, reply = _question(case), _last_reply(session, conversation.id)
    sections = request.app.state.assistant.agents.answering_sections([question, reply.text if reply else ""])
    return LearnSuggestionsOut(
        question=mask_personal(question, _names(case)), lang=case.lang,
        sections=[SectionOut(source=p.source, title=p.title, headings=p.headings, lang=p.lang, text=p.text) for p in sections],
        reply=reply.original_text or reply.text if reply else None, reply_lang=(reply.lang or case.lang) if reply else None,
    )


@router.post("/handoffs/{handoff_id}/learn", response_model=LearnOut)
def learn(handoff_id: str, body: LearnIn, agent: CurrentAgent, request: Request, session: SessionDep, settings: SettingsDep) -> LearnOut:
    """The agent says what answered the case: a KB section, their reply (edited), or nothing
    reusable. A section or a reply becomes a learned answer the assistant answers from at once
    (or a draft, when the store asks for a second approval)."""
    handoff, conversation = find_case(session, handoff_id)
    retriever = request.app.state.assistant.retriever
    if body.taught is Taught.SECTION and (not body.source or body.headings is None or not retriever.section_of(body.source, body.headings)):
        raise ApiError(422, "invalid", "No such KB section: pick one of the suggestions (source and headings).")
    if body.taught is Taught.REPLY and not body.text:
        raise ApiError(422, "invalid", "taught=reply needs the answer's text.")
    labels.label_resolved(session, conversation.id, LabelWhy(body.taught.value), lambda found: retriever.same_document(found, body.source or ""))
    if body.taught is Taught.NONE:
        session.commit()
        refresh_learned(request.app, session)
        return LearnOut(learned=None)
    case = CaseOut.model_validate(handoff.case)
    common = {
        "questions": [(body.question or _question(case), case.lang)], "agent": agent, "conversation_id": conversation.id, "names": _names(case),
        "draft": settings.learned_approvals > 1,
    }
    if body.taught is Taught.SECTION:
        row = learned.confirm(session, kind=AnswerKind.SECTION, lang=case.lang, source=body.source, headings=body.headings, **common)
    else:
        row = learned.confirm(session, kind=AnswerKind.TEXT, lang=body.lang or case.lang, text=body.text, **common)
    session.commit()
    refresh_learned(request.app, session)
    return LearnOut(learned=_out(session, row))


@router.get("/learned", response_model=LearnedListOut)
def listing(_: CurrentAgent, session: SessionDep, status: Annotated[LearnedStatus | Literal["all"], Query()] = "all") -> LearnedListOut:
    """Every learned answer (or those of one status), most recently changed first."""
    query = select(LearnedAnswerRow).order_by(LearnedAnswerRow.updated_at.desc())
    if status != "all":
        query = query.where(LearnedAnswerRow.status == status.value)
    rows = list(session.scalars(query))
    questions = learned.questions_of(session, [r.id for r in rows])
    return LearnedListOut(items=[_out_with(r, questions[r.id]) for r in rows])


@router.post("/learned", status_code=201, response_model=LearnedOut)
def create(body: LearnedNewIn, agent: CurrentAgent, request: Request, session: SessionDep, settings: SettingsDep) -> LearnedOut:
    """A learned answer written for several questions at once: a content gap's "write the answer"."""
    questions = [(q, body.lang) for q in body.questions]
    draft = settings.learned_approvals > 1
    if body.text:
        row = learned.confirm(session, kind=AnswerKind.TEXT, questions=questions, lang=body.lang, agent=agent, conversation_id=None, text=body.text, draft=draft)
    elif body.source and body.headings is not None and request.app.state.assistant.retriever.section_of(body.source, body.headings):
        row = learned.confirm(
            session, kind=AnswerKind.SECTION, questions=questions, lang=body.lang, agent=agent, conversation_id=None,
            source=body.source, headings=body.headings, draft=draft,
        )
    else:
        raise ApiError(422, "invalid", "Give the answer's text, or a KB section (source and headings) that exists.")
    session.commit()
    refresh_learned(request.app, session)
    return _out(session, row)


@router.patch("/learned/{learned_id}", response_model=LearnedOut)
def edit(learned_id: str, body: LearnedEditIn, agent: CurrentAgent, request: Request, session: SessionDep) -> LearnedOut:
    """Reword a text answer, approve a draft, put a paused one back in service, pause or retire it."""
    row = _learned(session, learned_id)
    if body.text is not None:
        if row.kind != AnswerKind.TEXT.value:
            raise ApiError(422, "invalid", "A KB section's wording is edited in the KB; this answer points at it.")
        row.text = body.text
    if body.status is not None:
        if body.status is LearnedStatus.ACTIVE and row.status == LearnedStatus.DRAFT.value:
            if row.confirmed_by == agent:
                raise ApiError(409, "conflict", "A second agent approves a draft: someone other than who confirmed it.")
            row.approved_by = agent
        row.status = body.status.value
        row.paused_why = None if body.status is LearnedStatus.ACTIVE else row.paused_why
    row.updated_at = utcnow()
    session.commit()
    refresh_learned(request.app, session)
    return _out(session, row)


@router.post("/learned/{learned_id}/merge", response_model=LearnedOut)
def merge(learned_id: str, body: MergeIn, _: CurrentAgent, request: Request, session: SessionDep) -> LearnedOut:
    """Move this answer's questions to ``into`` (the two said the same) and retire this one."""
    row, target = _learned(session, learned_id), _learned(session, body.into)
    if row.id == target.id:
        raise ApiError(422, "invalid", "An answer cannot be merged into itself.")
    known = {q.text for q in learned.questions_of(session, [target.id])[target.id]}
    for q in learned.questions_of(session, [row.id])[row.id]:
        if q.text in known:
            session.delete(q)
        else:
            q.answer_id = target.id
    row.status, target.updated_at, row.updated_at = LearnedStatus.RETIRED.value, utcnow(), utcnow()
    session.commit()
    refresh_learned(request.app, session)
    return _out(session, target)


def _learned(session, learned_id: str) -> LearnedAnswerRow:
    row = session.get(LearnedAnswerRow, learned_id[:36])
    if row is None:
        raise ApiError(404, "not_found", f"No learned answer {learned_id}.")
    return row


def _question(case: CaseOut) -> str:
    words = [m.text for m in case.messages] or [""]
    return asked(words, case.intent)


def _names(case: CaseOut) -> list[str]:
    return [n for n in (case.context.customer_name, case.who.name if case.who else None) if n]


def _last_reply(session, conversation_id: str) -> MessageRow | None:
    query = select(MessageRow).where(MessageRow.conversation_id == conversation_id, MessageRow.role == Role.AGENT.value)
    return session.scalars(query.order_by(MessageRow.id.desc()).limit(1)).first()


def _out(session, row: LearnedAnswerRow) -> LearnedOut:
    return _out_with(row, learned.questions_of(session, [row.id])[row.id])


def _out_with(row: LearnedAnswerRow, questions: list[LearnedQuestionRow]) -> LearnedOut:
    return LearnedOut(
        id=row.id, kind=AnswerKind(row.kind), status=LearnedStatus(row.status), lang=row.lang, source=row.source, headings=row.headings,
        text=row.text, questions=[LearnedQuestionOut(text=q.text, lang=q.lang) for q in questions], confirmed_by=row.confirmed_by,
        approved_by=row.approved_by, paused_why=row.paused_why, uses=row.uses, thumbs_up=row.thumbs_up, thumbs_down=row.thumbs_down,
        created_at=row.created_at, updated_at=row.updated_at,
    )
