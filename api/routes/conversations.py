"""The customer's side: conversations, messages, live events, feedback, attachments."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import replace
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from fastapi.responses import FileResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from api import labels, learned
from api.agents import agent_named
from api.attachments import ALLOWED_TYPES, detect_type, serve_attachment
from api.deps import (
    CustomerConversation,
    ReadableConversation,
    SessionDep,
    SettingsDep,
    client_ip,
    clock_now,
    context_trusted,
    is_store,
    limit_reads,
)  # fmt: skip
from api.errors import ApiError
from api.inputs import MAX_ID, clean_context, file_name, number_id
from api.kb_follow import refresh_learned
from api.live import TYPING_SHOWN_SECONDS, typing_now
from api.models import ConversationStatus, HandoffRow, MessageRow
from api.schemas import (
    ContactIn,
    ConversationCreated,
    ConversationIn,
    ConversationOut,
    CsatIn,
    FeedbackIn,
    MessageIn,
    MessagePosted,
    MessagesOut,
    Ok,
    ReplyOut,
)  # fmt: skip
from api.serialize import handoff_brief, message_out
from api.store import (
    add_message,
    create_conversation,
    messages_of,
    rate_conversation,
    save_turn,
    to_core,
)
from assistant.hours import known_zone
from assistant.model.conversation import OrderStep, Rating, Role, Service
from assistant.understand.entities import is_email, mask_cards

router = APIRouter(prefix="/v1/conversations", tags=["customers"])

CONTEXT_FIELDS = ("customer_ref", "customer_name", "order_id", "order_value", "currency", "tier")
# A comment line this often keeps an idle stream open through proxies (nginx closes after 60 s).
READ_LIMITED = [Depends(limit_reads)]


@router.post("", status_code=201, response_model=ConversationCreated)
def create(body: ConversationIn, request: Request, session: SessionDep, settings: SettingsDep) -> ConversationCreated:
    """Start a conversation. Store context counts only when signed or sent with the store's API key."""
    request.app.state.rates.hit(session, (f"ip:{client_ip(request, settings)}", settings.rate_per_ip))
    context = body.context or {}
    trusted = is_store(request, settings) or context_trusted(context, body.signature, settings)
    kept = clean_context({k: context[k] for k in CONTEXT_FIELDS if k in context}) if trusted else {}
    zone = body.timezone if known_zone(body.timezone) else None
    row, token = create_conversation(
        session, locale=body.locale, pin_locale=body.pin_locale, channel=body.channel, context=kept, timezone=zone
    )
    session.commit()
    return ConversationCreated(id=row.id, token=token)


@router.post("/{conversation_id}/messages", response_model=MessagePosted)
def post_message(body: MessageIn, row: CustomerConversation, request: Request, session: SessionDep, settings: SettingsDep) -> MessagePosted:
    """Send a message; the reply is null while an agent holds the conversation."""
    if len(body.text) > settings.max_message_chars:
        raise ApiError(413, "too_large", f"A message may have at most {settings.max_message_chars} characters.")
    request.app.state.rates.hit(
        session,
        (f"conv:{row.id}", settings.rate_per_conversation),
        (f"ip:{client_ip(request, settings)}", settings.rate_per_ip),
    )
    assistant = request.app.state.assistant
    if row.status == ConversationStatus.AGENT:
        text = mask_cards(body.text)
        # Into the language the agent holding the case gets translations in (none if they read the customer's).
        holder = agent_named(session, settings, row.agent_name)
        target = holder.translation_lang(settings.agent_lang) if holder else settings.agent_lang
        translated = None if holder and holder.reads(row.lang) else assistant.agents.translate(text, row.lang, target)
        message = add_message(session, row, Role.CUSTOMER, text, lang=row.lang, translated_text=translated)
        session.commit()
        return MessagePosted(message_id=str(message.id), reply=None)
    # Wrong order number and email pairs count per address across conversations (one minute's
    # window, as every rate here): past the limit, the assistant hands off instead of looking up.
    lookups_key = f"orderfail:{client_ip(request, settings)}"
    service = Service(
        case_waiting=row.status == ConversationStatus.WAITING,
        typical_wait_minutes=request.app.state.typical_wait.minutes(session),
        order_lookups_throttled=request.app.state.rates.count(session, lookups_key) >= settings.order_attempts_per_ip,
    )
    conversation = replace(to_core(row, messages_of(session, row.id)), service=service)
    started = time.perf_counter()
    result = assistant.reply(conversation, body.text)
    asked, replied = save_turn(session, row, result, (time.perf_counter() - started) * 1000)
    session.commit()
    if result.reply.order_step is OrderStep.NO_MATCH:
        request.app.state.rates.tally(session, lookups_key)
    data = result.to_dict()
    return MessagePosted(
        message_id=str(asked.id),
        reply=ReplyOut(message_id=str(replied.id), **{k: data[k] for k in ("text", "lang", "sources", "confidence", "handoff", "clarify", "learned")}),
    )


@router.get("/{conversation_id}", response_model=ConversationOut, dependencies=READ_LIMITED)
def read(row: CustomerConversation, session: SessionDep) -> ConversationOut:
    handoff = session.query(HandoffRow).filter_by(conversation_id=row.id).order_by(HandoffRow.created_at.desc()).first()
    return ConversationOut(
        id=row.id, lang=row.lang, status=row.status, agent_name=row.agent_name,
        messages=[message_out(m) for m in messages_of(session, row.id)],
        handoff=handoff_brief(handoff) if handoff else None,
    )


@router.get("/{conversation_id}/messages", response_model=MessagesOut, dependencies=READ_LIMITED)
def messages_after(row: CustomerConversation, session: SessionDep, after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> MessagesOut:
    """Messages newer than the cursor ``after`` (a message id)."""
    return MessagesOut(messages=[message_out(m) for m in messages_of(session, row.id, after)])


@router.get("/{conversation_id}/events", response_class=StreamingResponse, dependencies=READ_LIMITED)
async def events(row: CustomerConversation, request: Request, after: Annotated[int, Query(ge=0, le=MAX_ID)] = 0) -> StreamingResponse:
    """Server-sent events: `message` for each new message, `status` when an agent joins or leaves,
    `typing` while an agent writes (shown for ``seconds`` unless another comes, or their message).

    Every worker reads the database, so an agent's reply reaches the customer whichever worker
    either of them talks to."""
    sessions, conversation_id = request.app.state.sessions, row.id

    def poll(cursor: int) -> tuple[list[str], str, datetime | None]:
        with sessions() as session:
            found = messages_of(session, conversation_id, cursor)
            current = session.get(type(row), conversation_id)
            status = json.dumps({"status": current.status, "agent_name": current.agent_name}) if current else ""
            typing = current.agent_typing_at if current and typing_now(current.agent_typing_at, clock_now(request)) else None
            return [message_out(m).model_dump_json() for m in found], status, typing

    async def stream():
        cursor, status, typed = after, None, None
        yield ": connected\n\n"
        async for beat in request.app.state.live.changes(conversation_id, request.is_disconnected):
            if beat:
                yield beat
                continue
            found, now, typing = await run_in_threadpool(poll, cursor)
            for item in found:
                cursor = int(json.loads(item)["id"])
                yield f"id: {cursor}\nevent: message\ndata: {item}\n\n"
            if now and now != status:
                status = now
                yield f"event: status\ndata: {now}\n\n"
            if typing and typing != typed:
                typed = typing
                yield f"event: typing\ndata: {json.dumps({'seconds': TYPING_SHOWN_SECONDS})}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


@router.post("/{conversation_id}/messages/{message_id}/feedback", response_model=Ok, dependencies=READ_LIMITED)
def feedback(message_id: str, body: FeedbackIn, row: CustomerConversation, session: SessionDep, request: Request) -> Ok:
    message = session.get(MessageRow, number_id(message_id, "Feedback goes on an assistant message of this conversation."))
    if message is None or message.conversation_id != row.id or message.role != Role.ASSISTANT:
        raise ApiError(404, "not_found", "Feedback goes on an assistant message of this conversation.")
    message.rating = row.last_feedback = body.rating.value
    if message.learned_id:
        learned.rated(session, message.learned_id, up=body.rating is Rating.UP)
    labels.label_rated(session, message, up=body.rating is Rating.UP)
    session.commit()
    if message.learned_id and body.rating is Rating.DOWN:
        refresh_learned(request.app, session)  # out of service on this worker at once; the others within a tick
    return Ok()


@router.post("/{conversation_id}/csat", response_model=Ok, dependencies=READ_LIMITED)
def csat(body: CsatIn, row: CustomerConversation, session: SessionDep) -> Ok:
    rate_conversation(session, row.id, body.score, body.comment and mask_cards(body.comment))
    session.commit()
    return Ok()


@router.post("/{conversation_id}/contact", response_model=Ok, dependencies=READ_LIMITED)
def contact(body: ContactIn, row: CustomerConversation, session: SessionDep) -> Ok:
    """The email the customer leaves to be answered by when the team is away; the case shows it.
    It is erased with the conversation, and never logged."""
    email = body.email.strip()
    if not is_email(email):
        raise ApiError(422, "invalid_email", "That does not look like an email address (name@example.com).")
    row.contact_email = email
    session.commit()
    return Ok()


@router.post("/{conversation_id}/attachments", status_code=201)
def attach(file: UploadFile, row: CustomerConversation, request: Request, session: SessionDep, settings: SettingsDep) -> dict:
    """An image, PDF or text file of at most TRIAGE_MAX_ATTACHMENT_BYTES, shown to the agent.

    The declared type must be one of these, and the bytes must be one of these too: the stored
    type is the one the bytes show. A plain function, so its database writes (which may wait for
    SQLite's writer) run on a worker thread, not on the event loop every stream shares."""
    request.app.state.rates.hit(
        session,
        (f"conv:{row.id}", settings.rate_per_conversation),
        (f"upload:{client_ip(request, settings)}", settings.rate_uploads_per_ip),
    )
    data = file.file.read(settings.max_attachment_bytes + 1)
    if len(data) > settings.max_attachment_bytes:
        raise ApiError(413, "too_large", f"An attachment may be at most {settings.max_attachment_bytes // (1024 * 1024)} MB.")
    content_type = detect_type(data) if file.content_type in ALLOWED_TYPES else None
    if content_type is None:
        raise ApiError(415, "unsupported_media_type", "Attach an image (PNG, JPEG, GIF, WebP), a PDF or a plain UTF-8 text file; web pages, SVG and scripts are refused.")
    attachment_id = uuid.uuid4().hex
    settings.attachments_dir.mkdir(parents=True, exist_ok=True)
    (settings.attachments_dir / attachment_id).write_bytes(data)
    meta = {"id": attachment_id, "name": mask_cards(file_name(file.filename)), "content_type": content_type, "size": len(data)}
    message = add_message(session, row, Role.CUSTOMER, meta["name"], lang=row.lang, attachment=meta)
    session.commit()
    return {"message_id": str(message.id), "attachment": message_out(message).attachment.model_dump()}


@router.get("/{conversation_id}/attachments/{attachment_id}", response_class=FileResponse, dependencies=READ_LIMITED)
def download(attachment_id: str, row: ReadableConversation, session: SessionDep, settings: SettingsDep) -> FileResponse:
    return serve_attachment(session, settings, row.id, attachment_id)
