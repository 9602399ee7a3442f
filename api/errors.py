"""Every error leaves as {"error": {"code", "message"}} with its status, unknown routes included."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import TriageError

log = logging.getLogger("triage.api")

# What a client is told to wait when the database is saturated or away: long enough for a burst
# to drain (a turn takes ~50 ms), short enough that the widget's retry feels immediate.
RETRY_SECONDS = 2


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          408: "request_timeout", 409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid", 429: "rate_limited"}  # fmt: skip


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = "No such route."
        return error_response(exc.status_code, _CODES.get(exc.status_code, "error"), message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", []) if p != "body")
        if first.get("type") == "json_invalid":
            return error_response(422, "invalid_json", "The body is not valid JSON.")
        return error_response(422, "invalid", f"{where or 'body'}: {first.get('msg', 'invalid')}")

    @app.exception_handler(TriageError)
    async def _triage(_: Request, exc: TriageError) -> JSONResponse:
        log.error("service error: %s", exc)
        return error_response(503, "unavailable", str(exc))

    @app.exception_handler(PoolTimeout)
    async def _saturated(_: Request, exc: PoolTimeout) -> JSONResponse:
        log.warning("no database connection free: %s", type(exc).__name__)
        return _unavailable("The service is busy; try again in a moment.")

    @app.exception_handler(OperationalError)
    async def _database(_: Request, exc: OperationalError) -> JSONResponse:
        # The statement and its parameters (a customer's words) stay out of the log.
        log.error("database unavailable: %s", type(exc.orig).__name__ if exc.orig else type(exc).__name__)
        return _unavailable("The service cannot reach its database; try again in a moment.")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "internal", "Something went wrong on our side; it has been logged.")


def _unavailable(message: str) -> JSONResponse:
    return error_response(503, "unavailable", message, {"Retry-After": str(RETRY_SECONDS)})
