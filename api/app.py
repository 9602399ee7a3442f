"""The FastAPI application: `create_app()` builds it from Settings (uvicorn uses it as a factory)."""

from __future__ import annotations

import logging
import time
import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from api import errors, logs
from api.db import make_engine, migrate, sessions
from api.errors import error_response
from api.routes import conversations, handoffs, ops, pages
from api.routes.pages import STATIC, Assets
from api.schemas import ErrorOut as ErrorModel
from api.store import purge_older_than
from assistant.config import Settings
from assistant.reply import Assistant

log = logging.getLogger("triage.api")

# Bodies larger than this are refused before they are read; attachments have their own limit.
MAX_JSON_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, assistant: Assistant | None = None, *, auto_migrate: bool = True) -> FastAPI:
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
        # One BLAS thread per worker: a query is one sentence, and workers share the cores.
        app.state.assistant = assistant or Assistant.from_settings(settings, threads=1)
        app.state.assistant.warm()
        with app.state.sessions() as session:
            purged, files = purge_older_than(session, settings.retention_days)
            session.commit()
        for name in files:
            (settings.attachments_dir / name).unlink(missing_ok=True)
        log.info("ready in %.2fs (%d conversations past retention purged)", time.perf_counter() - started, purged)
        yield
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
    errors.install(app)
    app.middleware("http")(_request_context)
    # The widget is embedded on the store's own site and calls this API from there.
    app.add_middleware(
        CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"], expose_headers=["Retry-After", "X-Request-ID"],
    )
    for router in (conversations.router, handoffs.router, ops.router, pages.router):
        app.include_router(router)
    app.mount("/static", Assets(directory=STATIC), name="static")
    _document_auth(app)
    return app


async def _request_context(request: Request, call_next):
    """Request id, body-size limit, and one structured log line per request."""
    rid = request.headers.get("x-request-id") or uuid.uuid4().hex[:16]
    token = logs.request_id.set(rid)
    started = time.perf_counter()
    try:
        limit = MAX_JSON_BYTES
        if request.url.path.endswith("/attachments"):
            limit = request.app.state.settings.max_attachment_bytes + MAX_JSON_BYTES
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            response = error_response(413, "too_large", f"The request body is over {limit} bytes.")
        else:
            response = await call_next(request)
        response.headers["X-Request-ID"] = rid
        log.info(
            "%s %s -> %s", request.method, request.url.path, response.status_code,
            extra={"method": request.method, "path": request.url.path, "status": response.status_code,
                   "ms": round((time.perf_counter() - started) * 1000, 1)},
        )
        return response
    finally:
        logs.request_id.reset(token)


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
