"""The FastAPI application: `create_app()` builds it from Settings (uvicorn uses it as a factory)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from api import errors, logs
from api.body import BodyLimit
from api.db import make_engine, migrate, sessions
from api.inputs import request_id
from api.kb_follow import follow_kb, refresh_learned
from api.live import LiveFeed
from api.ratelimit import RateLimits
from api.routes import conversations, desk, handoffs, insights, learned, ops, pages
from api.routes.pages import STATIC, Assets
from api.schemas import ErrorOut as ErrorModel
from api.settings import Settings
from api.store import TypicalWait, leave_no_trace, purge_older_than
from assistant.factory import build_assistant
from assistant.reply import Assistant

log = logging.getLogger("triage.api")


def create_app(
    settings: Settings | None = None, assistant: Assistant | None = None, *, auto_migrate: bool = True, clock: Callable[[], float] = time.time
) -> FastAPI:
    """``clock`` (seconds since the epoch) is what rate windows and the typing throttle count on;
    tests pass one they move, instead of sleeping until the time has passed."""
    settings = settings or Settings()
    logs.configure(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        started = time.perf_counter()
        engine = make_engine(settings)
        if auto_migrate:
            migrate(engine)
        app.state.settings, app.state.engine, app.state.sessions = settings, engine, sessions(engine)
        app.state.poll_seconds = 0.5
        app.state.live = LiveFeed(app.state.sessions, app.state.poll_seconds)
        app.state.typical_wait = TypicalWait(settings.hours())
        # One BLAS thread per worker: a query is one sentence, and workers share the cores.
        app.state.assistant = assistant or build_assistant(settings, threads=1)
        app.state.assistant.warm()
        with app.state.sessions() as session:
            refresh_learned(app, session)
            purged, files = purge_older_than(session, settings.retention_days)
            session.commit()
            leave_no_trace(session)
        for name in files:
            (settings.attachments_dir / name).unlink(missing_ok=True)
        log.info("ready in %.2fs (%d conversations past retention purged)", time.perf_counter() - started, purged)
        follows = settings.kb_reload_seconds > 0
        following = asyncio.create_task(follow_kb(app, settings.kb_reload_seconds)) if follows else None
        yield
        if following:
            following.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await following
        engine.dispose()

    app = FastAPI(
        title="triage-assistant",
        version="1.0",
        description="Multilingual customer-service triage: customers under /v1/conversations (conversation "
        "token), agents under /v1/handoffs (agent API key). Errors are {\"error\": {\"code\", \"message\"}}.",
        lifespan=lifespan,
        responses={400: {"model": ErrorModel}, 401: {"model": ErrorModel}, 404: {"model": ErrorModel},
                   413: {"model": ErrorModel}, 422: {"model": ErrorModel}, 429: {"model": ErrorModel}},  # fmt: skip
    )
    app.state.clock = clock
    app.state.rates = RateLimits(settings.rate_window_seconds, clock)
    errors.install(app)
    app.add_middleware(BodyLimit, max_attachment_bytes=settings.max_attachment_bytes, timeout=settings.body_timeout)
    app.middleware("http")(_request_context)
    # The widget is embedded on the store's own site and calls this API from there.
    app.add_middleware(
        CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"], expose_headers=["Retry-After", "X-Request-ID"],
    )
    # desk first: its /v1/handoffs/search is not a case id for handoffs' /v1/handoffs/{handoff_id}
    for router in (conversations.router, desk.router, handoffs.router, learned.router, ops.router, pages.router):
        app.include_router(router)
    app.include_router(insights.router)
    app.include_router(insights.page)
    app.mount("/static", Assets(directory=STATIC), name="static")
    _document_auth(app)
    return app


async def _request_context(request: Request, call_next):
    """Request id and one structured log line per request (BodyLimit, inside, refuses big bodies)."""
    rid = request_id(request.headers.get("x-request-id"))
    token = logs.request_id.set(rid)
    started = time.perf_counter()
    try:
        try:
            response = await call_next(request)
        except Exception:
            # Answered 500 by the error handler further out; logged here so the request log
            # shows it (unhandled errors used to leave no request line at all).
            _log_request(request, 500, started)
            raise
        response.headers["X-Request-ID"] = rid
        _log_request(request, response.status_code, started)
        return response
    finally:
        logs.request_id.reset(token)


def _log_request(request: Request, status: int, started: float) -> None:
    log.log(
        logging.ERROR if status >= 500 else logging.INFO, "%s %s -> %s", request.method, request.url.path, status,
        extra={"method": request.method, "path": request.url.path, "status": status, "ms": round((time.perf_counter() - started) * 1000, 1)},
    )


def _document_auth(app: FastAPI) -> None:
    """Declare the bearer scheme in the OpenAPI description (customers: token; agents/store: key)."""
    original = app.openapi

    def openapi():
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = {
            "type": "http", "scheme": "bearer",
            "description": "A conversation's token (customer endpoints) or an agent / store API key.",
        }
        for path, methods in schema.get("paths", {}).items():
            if path.startswith("/v1/") and path != "/v1/widget/config" and path != "/v1/conversations":
                for operation in methods.values():
                    operation["security"] = [{"bearer": []}]
        return schema

    app.openapi = openapi
