"""Dependencies the routes read like sentences: the session, the customer's conversation, the agent."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from ipaddress import IPv4Address, IPv6Address, ip_address
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from api.agents import Agent, agent_for_key, same_key
from api.errors import ApiError
from api.inputs import uuid_id
from api.models import ConversationRow
from api.settings import Environment, Settings
from api.store import token_hash


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def clock_now(request: Request) -> datetime:
    """Now on the app's clock (`create_app`'s ``clock``), in UTC."""
    return datetime.fromtimestamp(request.app.state.clock(), UTC)


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
# The session closes when the route function returns, not when the response has been sent: a
# live-update stream held its connection for the widget's whole life, and 40 open widgets took
# the whole pool (POSTs then failed after 30 s).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

# The longest textual IP address (IPv4-mapped IPv6) is 45 characters; rate keys hold at most 120.
MAX_ADDRESS_CHARS = 45


def _address(value: str) -> IPv4Address | IPv6Address | None:
    """``value`` as an IP address, or None (a hostname, a zone id, junk, or too long to be one)."""
    value = value.strip()
    if len(value) > MAX_ADDRESS_CHARS or "%" in value:
        return None
    try:
        return ip_address(value)
    except ValueError:
        return None


def client_ip(request: Request, settings: Settings) -> str:
    """The customer's address: the peer's, or behind a trusted proxy the right-most X-Forwarded-For
    entry that is not itself a trusted proxy (the left entries are whatever the client sent)."""
    peer_text = request.client.host if request.client else "unknown"
    peer = _address(peer_text)
    if peer is None:
        return peer_text[:MAX_ADDRESS_CHARS]
    trusted = settings.trusted_proxies
    if not any(peer in network for network in trusted):
        return str(peer)
    hops = [hop for header in request.headers.getlist("x-forwarded-for") for hop in header.split(",")]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # a trusted proxy would not write this: do not look further left
            break
        if not any(address in network for network in trusted):
            return str(address)
    return str(peer)


def limit_reads(request: Request, settings: SettingsDep, session: SessionDep) -> None:
    """One hit per read, stream open, feedback or CSAT from this address."""
    request.app.state.rates.hit(session, (f"read:{client_ip(request, settings)}", settings.rate_reads_per_ip))


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
    settings, rates = request.app.state.settings, request.app.state.rates
    limit = settings.key_failures_per_minute
    counter = (f"badkey:{client_ip(request, settings)}", limit)
    # On the request's own session: a second connection per request starves the pool under load.
    if rates.count(session, counter[0]) >= limit:
        rates.hit(session, counter)  # over the limit, so this raises 429 with Retry-After
    try:
        yield
    except ApiError as refused:
        if refused.status in (401, 404) and bearer(request):
            rates.hit(session, counter)
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
        if agent_for_key(session, settings, bearer(request)):
            row = session.get(ConversationRow, uuid_id(conversation_id, "No such conversation."))
            if row is None:
                raise ApiError(404, "not_found", "No such conversation.")
            return row
        return _conversation_of_token(request, session, conversation_id)


ReadableConversation = Annotated[ConversationRow, Depends(conversation_for_reader)]


def signed_in_agent(request: Request, settings: SettingsDep, session: SessionDep) -> Agent:
    """The agent whose key the request carries (TRIAGE_AGENT_KEYS or `triage agents add`), with their languages."""
    with _throttled(request, session):
        return _agent(request, settings, session)


def current_agent(agent: Annotated[Agent, Depends(signed_in_agent)]) -> str:
    return agent.name


def _agent(request: Request, settings: Settings, session: Session) -> Agent:
    if agent := agent_for_key(session, settings, bearer(request)):
        return agent
    raise ApiError(401, "unauthorized", "Agent endpoints need `Authorization: Bearer <agent api key>`.")


# The agent's name (most routes), or the agent with the languages they read.
CurrentAgent = Annotated[str, Depends(current_agent)]
SignedInAgent = Annotated[Agent, Depends(signed_in_agent)]


def is_store(request: Request, settings: Settings) -> bool:
    token = bearer(request)
    return bool(token) and same_key(token, settings.store_api_key.get_secret_value())


def require_store_or_agent(request: Request, settings: SettingsDep, session: SessionDep) -> None:
    with _throttled(request, session):
        if not is_store(request, settings):
            _agent(request, settings, session)


def require_metrics_key(request: Request, settings: SettingsDep) -> None:
    if settings.metrics_key is None:
        return
    token = bearer(request)
    if not token or not same_key(token, settings.metrics_key.get_secret_value()):
        raise ApiError(401, "unauthorized", "/metrics needs `Authorization: Bearer <TRIAGE_METRICS_KEY>`.")


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


def context_trusted(context: dict, signature: str | None, settings: Settings, now: float | None = None) -> bool:
    """Signed, and not stale: past ``expires_at`` it is ignored; in production it must carry an
    ``expires_at`` at most TRIAGE_CONTEXT_MAX_AGE ahead, so a signature copied from a page dies."""
    if not signature_valid(context, signature, settings.store_secret.get_secret_value()):
        return False
    expires = context.get("expires_at")
    now = time.time() if now is None else now
    if expires is None:
        return settings.env != Environment.PRODUCTION
    if isinstance(expires, bool) or not isinstance(expires, int | float) or expires < now:
        return False
    return settings.env != Environment.PRODUCTION or expires - now <= settings.context_max_age
