"""Dependencies the routes read like sentences: the session, the customer's conversation, the agent."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from api import ratelimit
from api.errors import ApiError
from api.inputs import uuid_id
from api.models import ConversationRow
from api.store import token_hash
from assistant.config import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
# The session closes when the route function returns, not when the response has been sent: a
# live-update stream held its connection for the widget's whole life, and 40 open widgets took
# the whole pool (POSTs then failed after 30 s).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def bearer(request: Request) -> str | None:
    """The bearer token, or `access_token` for clients that cannot send headers (EventSource, <img>)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.query_params.get("access_token") or None


@contextmanager
def _throttled(request: Request, session: Session) -> Iterator[None]:
    """Around a check of a bearer key or token: an address past TRIAGE_KEY_FAILURES_PER_MINUTE wrong
    ones this minute gets 429 before its key is even compared (so guessing learns nothing), and a
    wrong one is counted. Counted per address, so a guesser cannot lock out an agent elsewhere."""
    from api.routes.conversations import client_ip  # the routes import this module

    limit = request.app.state.settings.key_failures_per_minute
    counter = (f"badkey:{client_ip(request)}", limit)
    # On the request's own session: a second connection per request starves the pool under load.
    if ratelimit.count(session, counter[0]) >= limit:
        ratelimit.hit(session, counter)  # over the limit, so this raises 429 with Retry-After
    try:
        yield
    except ApiError as refused:
        if refused.status in (401, 404) and bearer(request):
            ratelimit.hit(session, counter)
        raise


def customer_conversation(
    request: Request, session: SessionDep, conversation_id: Annotated[str, Path(alias="conversation_id")]
) -> ConversationRow:
    with _throttled(request, session):
        return _conversation_of_token(request, session, conversation_id)


def _conversation_of_token(request: Request, session: Session, conversation_id: str) -> ConversationRow:
    token = bearer(request)
    if token is None:
        raise ApiError(401, "unauthorized", "Send the conversation's token as `Authorization: Bearer <token>`.")
    row = session.get(ConversationRow, uuid_id(conversation_id, "No conversation with this id opens with this token."))
    if row is None or not hmac.compare_digest(row.token_hash, token_hash(token)):
        raise ApiError(404, "not_found", "No conversation with this id opens with this token.")
    return row


CustomerConversation = Annotated[ConversationRow, Depends(customer_conversation)]


def conversation_for_reader(
    request: Request, session: SessionDep, settings: SettingsDep, conversation_id: Annotated[str, Path(alias="conversation_id")]
) -> ConversationRow:
    """The conversation for its customer, or for any agent (who reads attachments in the inbox)."""
    with _throttled(request, session):
        token = bearer(request)
        if token and any(_matches(token, key.get_secret_value()) for key in settings.agent_keys.values()):
            row = session.get(ConversationRow, uuid_id(conversation_id, "No such conversation."))
            if row is None:
                raise ApiError(404, "not_found", "No such conversation.")
            return row
        return _conversation_of_token(request, session, conversation_id)


ReadableConversation = Annotated[ConversationRow, Depends(conversation_for_reader)]


def _matches(given: str, secret: str) -> bool:
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(secret.encode()).digest())


def current_agent(request: Request, settings: SettingsDep, session: SessionDep) -> str:
    with _throttled(request, session):
        return _agent(request, settings)


def _agent(request: Request, settings: Settings) -> str:
    token = bearer(request)
    for name, key in settings.agent_keys.items():
        if token and _matches(token, key.get_secret_value()):
            return name
    raise ApiError(401, "unauthorized", "Agent endpoints need `Authorization: Bearer <agent api key>`.")


CurrentAgent = Annotated[str, Depends(current_agent)]


def is_store(request: Request, settings: Settings) -> bool:
    token = bearer(request)
    return bool(token) and _matches(token, settings.store_api_key.get_secret_value())


def require_store_or_agent(request: Request, settings: SettingsDep, session: SessionDep) -> None:
    with _throttled(request, session):
        if not is_store(request, settings):
            _agent(request, settings)


def canonical_context(context: dict) -> bytes:
    return json.dumps(context, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signature_valid(context: dict, signature: str | None, secret: str) -> bool:
    """True when ``signature`` is the hex HMAC-SHA256 of the canonical context under ``secret``."""
    if not signature or not signature.isascii():  # compare_digest refuses non-ASCII text
        return False
    try:
        canonical = canonical_context(context)
    except (RecursionError, ValueError):  # nested past Python's limit, or a lone surrogate: no store signed it
        return False
    expected = hmac.new(secret.encode(), canonical, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.lower())
