"""The agent's tools on a case: notes, reassignment, tags, search, the customer's history,
attachments, canned replies and the knowledge base from the reply box. Agent key only."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from sqlalchemy import select

from api.agents import agent_named
from api.attachments import serve_attachment
from api.deps import CurrentAgent, SessionDep, SettingsDep, SignedInAgent
from api.desk import (
    add_note,
    add_tag,
    conflict,
    earlier_conversations,
    find_case,
    normalize_tag,
    normalize_tags,
    remove_tag,
    search_cases,
)
from api.errors import ApiError
from api.inputs import number_id
from api.models import CannedReplyRow, ConversationStatus, HandoffStatus, utcnow
from api.routes.handoffs import queue_item
from api.schemas import (
    CannedIn,
    CannedListOut,
    CannedOut,
    EarlierConversationOut,
    HandoffState,
    HistoryOut,
    KbHitOut,
    KbSearchOut,
    NoteIn,
    NoteOut,
    Ok,
    QueueOut,
    ReassignIn,
    TagIn,
    TagsOut,
)
from api.serialize import note_out
from api.store import SlaClock, add_message, reassign_handoff
from assistant.locales import base_language, language_name, phrase
from assistant.model.conversation import Role
from assistant.understand.entities import mask_cards

router = APIRouter(prefix="/v1", tags=["agents"])

SearchText = Annotated[str, Query(max_length=200)]


@router.get("/handoffs/search", response_model=QueueOut)
def search(
    agent: SignedInAgent, session: SessionDep, settings: SettingsDep, q: SearchText = "",
    status: HandoffStatus | Literal["all"] = "all", tag: Annotated[str | None, Query(max_length=100)] = None,
) -> QueueOut:  # fmt: skip
    """Cases whose customer's words, summary, customer name or reference, or tags hold every word
    of ``q``; most recently changed first, at most 50."""
    found = search_cases(session, q, None if status == "all" else status, normalize_tag(tag) if tag else None)
    return QueueOut(items=[queue_item(h, c, agent, SlaClock.of(settings)) for h, c in found])


@router.post("/handoffs/{handoff_id}/notes", status_code=201, response_model=NoteOut)
def note(handoff_id: str, body: NoteIn, agent: CurrentAgent, session: SessionDep) -> NoteOut:
    """An internal note on the case, for agents only: it is never sent or shown to the customer."""
    handoff, _ = find_case(session, handoff_id)
    row = add_note(session, handoff, agent, mask_cards(body.text))
    handoff.updated_at = utcnow()  # the inbox's live queue tells other agents
    session.commit()
    return note_out(row)


@router.post("/handoffs/{handoff_id}/reassign", response_model=HandoffState)
def reassign(handoff_id: str, body: ReassignIn, agent: CurrentAgent, session: SessionDep, settings: SettingsDep) -> HandoffState:
    """Give the case to another agent, who holds it from now on. Only an open case, or one you hold,
    can be reassigned (take over a colleague's case first); the customer is told who joined."""
    handoff, conversation = find_case(session, handoff_id)
    to = agent_named(session, settings, body.agent.strip())
    if to is None:
        raise ApiError(422, "unknown_agent", f"No agent is named {body.agent.strip()!r}; GET /v1/agents lists them.")
    if to.name == agent:
        raise ApiError(422, "same_agent", "That is you: claim the case instead.")
    if not reassign_handoff(session, handoff, agent, to.name):
        raise conflict(handoff)
    conversation.status, conversation.agent_name = ConversationStatus.AGENT, to.name
    add_message(session, conversation, Role.ASSISTANT, phrase("agent_joined", conversation.lang or "en", name=to.name))
    add_note(session, handoff, agent, f"Reassigned to {to.name}.")
    session.commit()
    return HandoffState(id=handoff.id, status=handoff.status, agent_name=handoff.agent_name)


@router.post("/handoffs/{handoff_id}/tags", response_model=TagsOut)
def tag_case(handoff_id: str, body: TagIn, _: CurrentAgent, session: SessionDep) -> TagsOut:
    handoff, _conversation = find_case(session, handoff_id)
    tags = add_tag(handoff, body.tag)
    handoff.updated_at = utcnow()
    session.commit()
    return TagsOut(tags=tags)


@router.delete("/handoffs/{handoff_id}/tags/{tag}", response_model=TagsOut)
def untag_case(handoff_id: str, tag: str, _: CurrentAgent, session: SessionDep) -> TagsOut:
    handoff, _conversation = find_case(session, handoff_id)
    tags = remove_tag(handoff, tag)
    handoff.updated_at = utcnow()
    session.commit()
    return TagsOut(tags=tags)


@router.get("/handoffs/{handoff_id}/history", response_model=HistoryOut)
def history(handoff_id: str, _: CurrentAgent, session: SessionDep) -> HistoryOut:
    """The customer's earlier conversations, by the signed context's ``customer_ref`` (none without one)."""
    _case, conversation = find_case(session, handoff_id)
    items = [EarlierConversationOut(**item) for item in earlier_conversations(session, conversation)]
    return HistoryOut(customer_ref=conversation.customer_ref, items=items)


@router.get("/handoffs/{handoff_id}/attachments/{attachment_id}", response_class=FileResponse)
def attachment(handoff_id: str, attachment_id: str, _: CurrentAgent, session: SessionDep, settings: SettingsDep) -> FileResponse:
    """A file the customer attached to the case's conversation: images inline, others as downloads."""
    _case, conversation = find_case(session, handoff_id)
    return serve_attachment(session, settings, conversation.id, attachment_id)


# ---------- canned replies ----------


def _canned_out(row: CannedReplyRow) -> CannedOut:
    return CannedOut(
        id=str(row.id), title=row.title, text=row.text, lang=row.lang, tags=row.tags or [], created_by=row.created_by,
        updated_at=row.updated_at,
    )


def _canned(session, canned_id: str) -> CannedReplyRow:
    row = session.get(CannedReplyRow, number_id(canned_id, "No such canned reply."))
    if row is None:
        raise ApiError(404, "not_found", "No such canned reply.")
    return row


@router.get("/canned-replies", response_model=CannedListOut)
def canned_replies(
    _: CurrentAgent, session: SessionDep, q: SearchText = "", lang: Annotated[str | None, Query(max_length=20)] = None
) -> CannedListOut:
    """The store's saved answers whose title, text or tags hold every word of ``q``; with ``lang``,
    those in that language first, then those for any language, then the others."""
    rows = list(session.scalars(select(CannedReplyRow).order_by(CannedReplyRow.title)))
    words = q.casefold().split()
    found = [r for r in rows if all(w in " ".join([r.title, r.text, *(r.tags or [])]).casefold() for w in words)]
    if lang:
        wanted = base_language(lang)
        found.sort(key=lambda r: 0 if r.lang and base_language(r.lang) == wanted else 1 if r.lang is None else 2)
    return CannedListOut(items=[_canned_out(r) for r in found])


@router.post("/canned-replies", status_code=201, response_model=CannedOut)
def create_canned(body: CannedIn, agent: CurrentAgent, session: SessionDep) -> CannedOut:
    row = CannedReplyRow(created_by=agent, **_canned_fields(body))
    session.add(row)
    session.commit()
    return _canned_out(row)


@router.put("/canned-replies/{canned_id}", response_model=CannedOut)
def edit_canned(canned_id: str, body: CannedIn, _: CurrentAgent, session: SessionDep) -> CannedOut:
    row = _canned(session, canned_id)
    for field, value in _canned_fields(body).items():
        setattr(row, field, value)
    row.updated_at = utcnow()
    session.commit()
    return _canned_out(row)


@router.delete("/canned-replies/{canned_id}", response_model=Ok)
def delete_canned(canned_id: str, _: CurrentAgent, session: SessionDep) -> Ok:
    session.delete(_canned(session, canned_id))
    session.commit()
    return Ok()


def _canned_fields(body: CannedIn) -> dict:
    lang = base_language(body.lang) if body.lang else None
    return {"title": body.title.strip(), "text": body.text, "lang": lang, "tags": normalize_tags(body.tags)}


# ---------- the knowledge base from the reply box ----------


@router.get("/kb/search", response_model=KbSearchOut)
def kb_search(
    agent: SignedInAgent, request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
    lang: Annotated[str | None, Query(max_length=20)] = None, k: Annotated[int, Query(ge=1, le=10)] = 5,
) -> KbSearchOut:  # fmt: skip
    """KB passages for ``q``, each in ``lang`` (the customer's) when the KB has it, else in its own
    language; ``notice`` says so. Without ``lang``, the agent's first language."""
    wanted = base_language(lang) if lang else agent.languages[0]
    if not wanted.isalpha() or not 2 <= len(wanted) <= 3:
        raise ApiError(422, "invalid", "lang: a language code such as es or pt-BR")
    if not q.strip():
        return KbSearchOut(lang=wanted, items=[])
    assistant = request.app.state.assistant
    passages = assistant.agents.search_kb(q, wanted, k)
    items = [
        KbHitOut(
            text=p.text, lang=p.lang, source=p.source, title=p.title, headings=p.headings, url=p.url, score=round(p.score, 3),
            other_language=p.lang != wanted,
        )
        for p in passages
    ]
    return KbSearchOut(lang=wanted, items=items, notice=_kb_notice(wanted, items, assistant.agents.kb_languages()))


def _kb_notice(lang: str, items: list[KbHitOut], languages: set[str]) -> str | None:
    name = language_name(lang, "en")
    if lang not in languages:
        return f"The knowledge base has nothing in {name}: these passages are in other languages."
    if any(i.other_language for i in items):
        return f"Some passages are not in {name} in the knowledge base: they are shown in their own language."
    return None
