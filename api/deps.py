"""Dependencies the routes read like sentences: the session, the customer's conversation, the agent."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

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
SessionDep = Annotated[Session, Depends(get_session)]


def bearer(request: Request) -> str | None:
    """The bearer token, or `access_token` for clients that cannot send headers (EventSource, <img>)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.query_params.get("access_token") or None


def customer_conversation(
    request: Request, session: SessionDep, conversation_id: Annotated[str, Path(alias="conversation_id")]
) -> ConversationRow:
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
    token = bearer(request)
    if token and any(_matches(token, key.get_secret_value()) for key in settings.agent_keys.values()):
        row = session.get(ConversationRow, uuid_id(conversation_id, "No such conversation."))
        if row is None:
            raise ApiError(404, "not_found", "No such conversation.")
        return row
    return customer_conversation(request, session, conversation_id)


ReadableConversation = Annotated[ConversationRow, Depends(conversation_for_reader)]


def _matches(given: str, secret: str) -> bool:
    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(secret.encode()).digest())


def current_agent(request: Request, settings: SettingsDep) -> str:
    token = bearer(request)
    for name, key in settings.agent_keys.items():
        if token and _matches(token, key.get_secret_value()):
            return name
    raise ApiError(401, "unauthorized", "Agent endpoints need `Authorization: Bearer <agent api key>`.")


CurrentAgent = Annotated[str, Depends(current_agent)]


def is_store(request: Request, settings: Settings) -> bool:
    token = bearer(request)
    return bool(token) and _matches(token, settings.store_api_key.get_secret_value())


def require_store_or_agent(request: Request, settings: SettingsDep) -> None:
    if is_store(request, settings):
        return
    current_agent(request, settings)


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
