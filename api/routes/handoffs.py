"""The agents' side: the queue, a case, claim, reply and resolve."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from api.agents import Agent, all_agents
from api.case_schemas import CaseOut, StoreContextOut, stored_case
from api.deps import CurrentAgent, SessionDep, SettingsDep, SignedInAgent, clock_now
from api.desk import conflict, find_case, notes_of
from api.errors import ApiError
from api.live import TYPING_PING_SECONDS, aware
from api.models import (
    ConversationRow,
    ConversationStatus,
    HandoffRow,
    HandoffStatus,
    MessageRow,
    Notice,
    utcnow,
)
from api.schemas import (
    AgentOut,
    AgentReplyIn,
    AgentReplyOut,
    AgentsOut,
    CaseMessageOut,
    ClaimIn,
    HandoffOut,
    HandoffState,
    KbPassageOut,
    MessageOut,
    QueueItem,
    QueueOut,
    ResolveIn,
    TranslationOut,
    TypingOut,
)
from api.serialize import message_out, note_out
from api.store import (
    SlaClock,
    add_message,
    claim_handoff,
    messages_of,
    priority,
    release_handoff,
    resolve_handoff,
    waiting_seconds,
)
from assistant.errors import TranslationError
from assistant.locales import language_name, phrase
from assistant.model.conversation import Role
from assistant.reply import Assistant
from assistant.understand.entities import mask_cards

router = APIRouter(prefix="/v1", tags=["agents"])
log = logging.getLogger("triage.api")


@router.get("/agents/me", response_model=AgentOut)
def me(agent: SignedInAgent) -> AgentOut:
    return AgentOut(**agent.to_dict())


@router.get("/agents", response_model=AgentsOut)
def agents(_: CurrentAgent, session: SessionDep, settings: SettingsDep) -> AgentsOut:
    """Every agent and the languages they read (never a key)."""
    return AgentsOut(items=[AgentOut(**a.to_dict()) for a in all_agents(session, settings)])


def queue_item(h: HandoffRow, conversation: ConversationRow, agent: Agent, sla: SlaClock) -> QueueItem:
    context, case = StoreContextOut.model_validate(conversation.context or {}), stored_case(h.case)
    return QueueItem(
        id=h.id, conversation_id=h.conversation_id, reasons=h.reasons, priority=priority(h), lang=h.lang,
        summary=h.summary, created_at=h.created_at, status=h.status, agent_name=h.agent_name,
        customer_name=context.customer_name, order_value=context.order_value,
        waiting_seconds=waiting_seconds(h), agent_reads=agent.reads(h.lang), tags=h.tags or [],
        customer_ref=context.customer_ref, tier=context.tier,
        # A case opened before request lines existed shows its summary's first line instead.
        request_line=(case.request_line if case else None) or h.summary.split("\n", 1)[0],
        request_source=case.request_source if case else "words", sla=sla.state(h),
    )


def _queue(session, status: HandoffStatus | Literal["all"], agent: Agent, sla: SlaClock) -> list[QueueItem]:
    query = select(HandoffRow, ConversationRow).join(ConversationRow, ConversationRow.id == HandoffRow.conversation_id)
    if status != "all":
        query = query.where(HandoffRow.status == status)
    items = [queue_item(h, c, agent, sla) for h, c in session.execute(query)]
    return sorted(items, key=lambda i: (not i.agent_reads, -i.priority))


@router.get("/handoffs", response_model=QueueOut)
def queue(
    agent: SignedInAgent, session: SessionDep, settings: SettingsDep, status: HandoffStatus | Literal["all"] = HandoffStatus.OPEN
) -> QueueOut:
    """The queue: first the cases in languages the agent reads (``agent_reads``), then the others;
    each group most urgent first (reason, order value and time waiting), each row with who is
    waiting, what they want in one line and where the case stands against TRIAGE_SLA_MINUTES."""
    return QueueOut(items=_queue(session, status, agent, SlaClock.of(settings)))


@router.get("/handoffs/events", response_class=StreamingResponse)
async def queue_events(agent: SignedInAgent, request: Request, settings: SettingsDep) -> StreamingResponse:
    """Server-sent `handoff` events for every new or changed case, and `message` events for each
    customer message in a case not yet resolved (so an agent hears of one in a case they hold
    while another is open: the inbox notifies them)."""
    sessions, sla = request.app.state.sessions, SlaClock.of(settings)

    def poll(since, after):
        with sessions() as session:
            query = select(HandoffRow, ConversationRow).join(ConversationRow, ConversationRow.id == HandoffRow.conversation_id)
            rows = session.execute(query.where(HandoffRow.updated_at > since).order_by(HandoffRow.updated_at)).all()
            return [(h.updated_at, queue_item(h, c, agent, sla).model_dump_json()) for h, c in rows], customer_messages(session, after)

    async def stream():
        since = utcnow()
        after = await run_in_threadpool(_last_message_id, sessions)
        yield ": connected\n\n"
        while not await request.is_disconnected():
            changed, written = await run_in_threadpool(poll, since, after)
            for updated, item in changed:
                since = max(since, updated if updated.tzinfo else updated.replace(tzinfo=since.tzinfo))
                yield f"event: handoff\ndata: {item}\n\n"
            for message in written:
                after = max(after, int(message.message_id))
                yield f"event: message\ndata: {message.model_dump_json()}\n\n"
            await asyncio.sleep(request.app.state.poll_seconds)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


def _last_message_id(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.max(MessageRow.id))) or 0


def customer_messages(session, after: int) -> list[CaseMessageOut]:
    """Customer messages after message id ``after`` in conversations with a case not resolved."""
    query = (
        select(MessageRow, HandoffRow, ConversationRow)
        .join(HandoffRow, HandoffRow.conversation_id == MessageRow.conversation_id)
        .join(ConversationRow, ConversationRow.id == MessageRow.conversation_id)
        .where(MessageRow.id > after, MessageRow.role == Role.CUSTOMER.value, HandoffRow.status != HandoffStatus.RESOLVED)
        .order_by(MessageRow.id)
    )
    return [
        CaseMessageOut(message_id=str(m.id), handoff_id=h.id, agent_name=h.agent_name,
                       customer_name=(c.context or {}).get("customer_name"), text=m.text[:140])
        for m, h, c in session.execute(query)
    ]  # fmt: skip


@router.get("/handoffs/{handoff_id}", response_model=HandoffOut)
def case(handoff_id: str, agent: SignedInAgent, request: Request, session: SessionDep, settings: SettingsDep) -> HandoffOut:
    """The case summary, the transcript (with translations) and the suggested reply.

    ``translation`` says whether the agent can read the customer through a translator; when they
    read neither, ``kb_passage`` is the knowledge base's section on the case in their language."""
    handoff, conversation = find_case(session, handoff_id)
    stored = CaseOut.model_validate(handoff.case)
    assistant: Assistant = request.app.state.assistant
    lang, target = conversation.lang or handoff.lang, agent.translation_lang(settings.agent_lang)
    transcript = [message_out(m) for m in messages_of(session, conversation.id)]
    translation = passage = None
    if lang:
        needed = not agent.reads(lang)
        available = assistant.agents.can_translate(lang, target)
        translation = TranslationOut(
            needed=needed, available=available, from_=lang, to=target,
            notice=f"No translation available: {language_name(lang, 'en')}" if needed and not available else None,
        )
        if needed and available:
            # Messages sent while an agent held the case carry a translation into TRIAGE_AGENT_LANG;
            # the others, and every message for an agent who reads another language, are translated here.
            fresh = target != settings.agent_lang
            transcript = [_translated_for(assistant, m, target) if fresh or not m.translated_text else m for m in transcript]
        if needed and not available and (found := assistant.agents.passage_for(stored.cited(), target)):
            passage = KbPassageOut(
                text=found.text, lang=found.lang, source=found.source, title=found.title, headings=found.headings, url=found.url
            )
    return HandoffOut(
        id=handoff.id, conversation_id=handoff.conversation_id, status=handoff.status, reasons=handoff.reasons,
        priority=priority(handoff), agent_name=handoff.agent_name, case=stored, transcript=transcript,
        suggested_reply=stored.suggested_reply, agent_reads=agent.reads(lang),
        translation=translation, kb_passage=passage, contact_email=conversation.contact_email,
        tags=handoff.tags or [], notes=[note_out(n) for n in notes_of(session, handoff.id)],
        customer_ref=conversation.customer_ref,
    )


def _translated_for(assistant: Assistant, message: MessageOut, target: str) -> MessageOut:
    if message.role != "customer" or not message.lang or not message.text:
        return message
    try:
        translated = assistant.agents.translate(message.text, message.lang, target)
    except TranslationError as exc:  # the message stays untranslated rather than the case failing
        log.warning("translating a customer message for the inbox failed: %s", exc)
        return message
    return message.model_copy(update={"translated_text": translated})


def _claim(session, handoff: HandoffRow, conversation: ConversationRow, agent: str, take_over: bool = False) -> None:
    """Make ``agent`` the holder (a no-op when they are); only one of two agents claiming at once wins."""
    if handoff.status == HandoffStatus.CLAIMED and handoff.agent_name == agent:
        return
    holder = handoff.agent_name if take_over and handoff.status == HandoffStatus.CLAIMED else None
    if not claim_handoff(session, handoff, agent, take_over_from=holder):
        raise conflict(handoff)
    conversation.status, conversation.agent_name = ConversationStatus.AGENT, agent
    joined = phrase("agent_joined", conversation.lang or "en", name=agent)
    add_message(session, conversation, Role.ASSISTANT, joined, notice=Notice.AGENT_JOINED)


@router.post("/handoffs/{handoff_id}/claim", response_model=HandoffState)
def claim(handoff_id: str, agent: CurrentAgent, session: SessionDep, body: ClaimIn | None = None) -> HandoffState:
    """Take the case: the assistant stays silent in the conversation until it is resolved.

    A case another agent holds answers 409, unless ``take_over`` is true."""
    handoff, conversation = find_case(session, handoff_id)
    _claim(session, handoff, conversation, agent, take_over=bool(body and body.take_over))
    session.commit()
    return HandoffState(id=handoff.id, status=handoff.status, agent_name=handoff.agent_name)


@router.post("/handoffs/{handoff_id}/release", response_model=HandoffState)
def release(handoff_id: str, agent: CurrentAgent, session: SessionDep) -> HandoffState:
    """Give back a case you hold: it waits in the queue again for any agent."""
    handoff, conversation = find_case(session, handoff_id)
    if not release_handoff(session, handoff, agent):
        raise conflict(handoff) if handoff.status != HandoffStatus.OPEN else ApiError(409, "conflict", "Nobody holds this case.")
    conversation.status, conversation.agent_name = ConversationStatus.WAITING, None
    released = phrase("agent_released", conversation.lang or "en")
    add_message(session, conversation, Role.ASSISTANT, released, notice=Notice.WAITING)
    session.commit()
    return HandoffState(id=handoff.id, status=handoff.status, agent_name=handoff.agent_name)


@router.post("/handoffs/{handoff_id}/reply", response_model=AgentReplyOut)
def reply(handoff_id: str, body: AgentReplyIn, agent: SignedInAgent, request: Request, session: SessionDep, settings: SettingsDep) -> AgentReplyOut:
    """Answer the customer, in their language when a translator covers the pair (the original is kept).

    An agent who reads the customer's language is taken to write in it; others write in the
    language they get translations in. An open case is claimed first; a case another agent holds
    answers 409."""
    handoff, conversation = find_case(session, handoff_id)
    _claim(session, handoff, conversation, agent.name)
    text = mask_cards(body.text)  # an agent may repeat the card number a customer gave
    customer_lang = conversation.lang or settings.agent_lang
    written = customer_lang if agent.reads(customer_lang) else agent.translation_lang(settings.agent_lang)
    translated = request.app.state.assistant.agents.translate(text, written, customer_lang)
    message = add_message(
        session, conversation, Role.AGENT, translated or text, lang=conversation.lang, agent_name=agent.name,
        original_text=text if translated else None, created_at=clock_now(request),  # the typing throttle's clock
    )
    handoff.updated_at = utcnow()
    conversation.agent_typing_at = None  # the message ends the customer's "typing"
    session.commit()
    return AgentReplyOut(message_id=str(message.id), text=message.text, original_text=text)


@router.post("/handoffs/{handoff_id}/resolve", response_model=HandoffState)
def resolve(handoff_id: str, agent: CurrentAgent, session: SessionDep, body: ResolveIn | None = None) -> HandoffState:
    """Close the case (open, or held by you); the assistant answers the conversation again."""
    handoff, conversation = find_case(session, handoff_id)
    if not resolve_handoff(session, handoff, agent, body.outcome if body else None):
        raise conflict(handoff)
    # "resolved" lets the widget ask for a rating; the next message puts the assistant back in charge.
    conversation.status, conversation.agent_name, conversation.low_streak = ConversationStatus.RESOLVED, None, 0
    resolved = phrase("agent_resolved", conversation.lang or "en")
    add_message(session, conversation, Role.ASSISTANT, resolved, notice=Notice.RESOLVED)
    session.commit()
    return HandoffState(id=handoff.id, status=handoff.status, agent_name=handoff.agent_name)


@router.post("/handoffs/{handoff_id}/typing", response_model=TypingOut)
def typing(handoff_id: str, agent: CurrentAgent, request: Request, session: SessionDep) -> TypingOut:
    """The agent is writing a reply: the customer's widget says so for a few seconds.

    The inbox pings while the agent types; one ping per TYPING_PING_SECONDS reaches the database
    (``sent`` is false for the others). Only on a case waiting or held by this agent (409 else)."""
    handoff, conversation = find_case(session, handoff_id)
    if handoff.status == HandoffStatus.RESOLVED or (handoff.status == HandoffStatus.CLAIMED and handoff.agent_name != agent):
        raise conflict(handoff)
    now, last = clock_now(request), conversation.agent_typing_at
    if last is not None and (now - aware(last)).total_seconds() < TYPING_PING_SECONDS:
        return TypingOut(sent=False)
    # A ping sent as the agent pressed Send may arrive after their message: it would show "typing" again.
    newest = session.scalar(select(MessageRow).where(MessageRow.conversation_id == conversation.id).order_by(MessageRow.id.desc()).limit(1))
    if newest and newest.role == Role.AGENT and (now - aware(newest.created_at)).total_seconds() < TYPING_PING_SECONDS:
        return TypingOut(sent=False)
    conversation.agent_typing_at = now
    session.commit()
    return TypingOut(sent=True)


@router.get("/handoffs/{handoff_id}/events", response_class=StreamingResponse)
async def case_events(handoff_id: str, _: SignedInAgent, request: Request, session: SessionDep) -> StreamingResponse:
    """Server-sent events for one case: `message` for each new message (customer's, agent's or the
    assistant's), `case` when its conversation changes hands (claimed, released, resolved). The inbox
    reloads the case on either instead of polling it.

    Fed by the same per-worker feed as the customers' streams, so a message written through
    another worker arrives too; no database connection is held between events."""
    _, conversation = find_case(session, handoff_id)
    conversation_id, sessions = conversation.id, request.app.state.sessions
    newest = session.scalar(select(func.max(MessageRow.id)).where(MessageRow.conversation_id == conversation_id)) or 0

    def poll(cursor: int) -> tuple[list[MessageOut], tuple]:
        with sessions() as fresh:
            found = [message_out(m) for m in messages_of(fresh, conversation_id, cursor)]
            current = fresh.get(ConversationRow, conversation_id)
            return found, (current.status.value, current.agent_name) if current else ()

    async def stream():
        cursor, holder = newest, (conversation.status.value, conversation.agent_name)
        yield ": connected\n\n"
        async for beat in request.app.state.live.changes(conversation_id, request.is_disconnected):
            if beat:
                yield beat
                continue
            found, now = await run_in_threadpool(poll, cursor)
            for message in found:
                cursor = int(message.id)
                yield f"id: {cursor}\nevent: message\ndata: {message.model_dump_json()}\n\n"
            if now != holder:
                holder = now
                yield f"event: case\ndata: {json.dumps({'status': now[0], 'agent_name': now[1]})}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
