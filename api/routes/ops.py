"""Probes, metrics, privacy, and the widget's configuration."""

from __future__ import annotations

import os
from typing import Annotated

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import ColumnElement, String, case, cast, func, select, text

from api.deps import (
    SessionDep,
    SettingsDep,
    require_metrics_key,
    require_store_or_agent,
)  # fmt: skip
from api.inputs import clean_text
from api.kb_follow import refresh_learned
from api.locales import quick_replies, text_direction, widget_strings
from api.models import CsatRow, HandoffRow, MessageRow
from api.routes.conversations import ALLOWED_TYPES
from api.schemas import ErasedOut
from api.store import erase_customer, leave_no_trace
from assistant.knowledge.calibration import NOT_CALIBRATED
from assistant.model.reasons import HandoffReason
from assistant.understand.language import normalize_locale

router = APIRouter(tags=["operations"])

LATENCY_BUCKETS_MS = (10, 25, 50, 100, 250, 500, 1000, 2500)


# Probes run on threads of their own: when every request thread waits for the database, the
# probes must still answer (on PostgreSQL /healthz itself hung behind a starved thread pool).
_PROBE_THREADS = anyio.CapacityLimiter(2)


@router.get("/healthz")
async def healthz() -> dict:
    """Alive: the process answers. Says nothing of the database (see /readyz)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Ready when the database gives a connection within its pool timeout and answers, and the
    knowledge-base index is reachable and not empty."""
    checks = await anyio.to_thread.run_sync(_readiness, request.app.state, limiter=_PROBE_THREADS)
    ready = all(v == "ok" for v in checks.values())
    headers = None if ready else {"Retry-After": "5"}
    # Which worker answered and the KB generation it serves: after `triage ingest`, each worker's
    # moves to the one ingest printed (`generation`) within TRIAGE_KB_RELOAD_SECONDS and a rebuild.
    assistant = request.app.state.assistant
    kb = {
        "worker": os.getpid(), "generation": assistant.kb_generation, "threshold": assistant.threshold,
        "calibrated": assistant.calibration is not None, "learned": len(assistant.taught),
        "labels": len(assistant.labels), "refitted": assistant.refit is not None,
        **({} if assistant.calibration is not None or request.app.state.settings.answer_threshold is not None else {"warning": NOT_CALIBRATED}),
    }
    body = {"status": "ready" if ready else "not ready", "checks": checks, "kb": kb}
    return JSONResponse(body, status_code=200 if ready else 503, headers=headers)


def _readiness(state) -> dict[str, str]:
    checks = {}
    try:
        with state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # report, don't raise: this is the probe
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        chunks = state.assistant.retriever.index.count()
        checks["index"] = "ok" if chunks else "empty: run `triage ingest`"
    except Exception as exc:
        checks["index"] = f"error: {type(exc).__name__}"
    return checks


@router.get("/metrics", response_class=PlainTextResponse, dependencies=[Depends(require_metrics_key)])
def metrics(session: SessionDep) -> str:
    """Prometheus text format, computed from the database so that every worker reports the same.

    Every number is a COUNT or SUM in SQL: no message or case row is loaded into Python."""
    turns, latency_sum, *buckets = _latency_aggregates(session)
    lines = ["# HELP triage_turns_total Customer turns the assistant answered or handed off.", "# TYPE triage_turns_total counter"]
    lines.append(f"triage_turns_total {turns}")
    lines += ["# HELP triage_handoffs_total Cases opened, by reason.", "# TYPE triage_handoffs_total counter"]
    lines += [f'triage_handoffs_total{{reason="{r}"}} {n}' for r, n in _handoffs_by_reason(session)]
    lines += ["# HELP triage_feedback_total Thumbs on assistant answers.", "# TYPE triage_feedback_total counter"]
    for rating, count in session.execute(select(MessageRow.rating, func.count()).where(MessageRow.rating.is_not(None)).group_by(MessageRow.rating)):
        lines.append(f'triage_feedback_total{{rating="{rating}"}} {count}')
    lines += ["# HELP triage_csat_total CSAT scores given.", "# TYPE triage_csat_total counter"]
    for score, count in session.execute(select(CsatRow.score, func.count()).group_by(CsatRow.score)):
        lines.append(f'triage_csat_total{{score="{score}"}} {count}')
    lines += _latency_histogram(turns, latency_sum, buckets)
    return "\n".join(lines) + "\n"


def _count_if(condition) -> ColumnElement:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _handoffs_by_reason(session) -> list[tuple[str, int]]:
    """Cases per reason, sorted by reason; reasons are stored as a JSON list, matched as its text
    (the quotes keep `low_confidence` from matching inside another name)."""
    reasons = sorted(r.value for r in HandoffReason)
    text_of = cast(HandoffRow.reasons, String)
    counts = session.execute(select(*(_count_if(text_of.like(f'%"{r}"%')) for r in reasons))).one()
    return [(r, n) for r, n in zip(reasons, counts, strict=True) if n]


def _latency_aggregates(session) -> tuple:
    """(turns, sum of latencies in ms, turns at or under each bucket) in one query."""
    latency = MessageRow.latency_ms
    columns = [func.count(latency), func.coalesce(func.sum(latency), 0.0)]
    columns += [_count_if(latency <= bucket) for bucket in LATENCY_BUCKETS_MS]
    return tuple(session.execute(select(*columns).where(latency.is_not(None))).one())


def _latency_histogram(count: int, total_ms: float, buckets: list[int]) -> list[str]:
    lines = ["# HELP triage_turn_latency_seconds Time to produce a reply.", "# TYPE triage_turn_latency_seconds histogram"]
    for bucket, below in zip(LATENCY_BUCKETS_MS, buckets, strict=True):
        lines.append(f'triage_turn_latency_seconds_bucket{{le="{bucket / 1000}"}} {below}')
    lines.append(f'triage_turn_latency_seconds_bucket{{le="+Inf"}} {count}')
    lines.append(f"triage_turn_latency_seconds_sum {total_ms / 1000:.6f}")
    lines.append(f"triage_turn_latency_seconds_count {count}")
    return lines


@router.delete("/v1/customers/{customer_ref}", response_model=ErasedOut, dependencies=[Depends(require_store_or_agent)])
def erase(customer_ref: str, session: SessionDep, settings: SettingsDep, request: Request) -> ErasedOut:
    """Erase a customer's conversations, messages, cases, feedback and attachments (GDPR/CCPA), and
    their questions from the learned answers."""
    customer_ref = clean_text(customer_ref)  # refs are stored cleaned; NUL would fail on PostgreSQL
    count, files = erase_customer(session, customer_ref)
    session.commit()
    refresh_learned(request.app, session)  # no answer from an erased question, from now on
    leave_no_trace(session)
    for name in files:
        (settings.attachments_dir / name).unlink(missing_ok=True)
    return ErasedOut(customer_ref=customer_ref, conversations=count)


@router.get("/v1/widget/config")
def widget_config(settings: SettingsDep, lang: Annotated[str | None, Query(max_length=20)] = None) -> dict:
    """Localized labels, greeting and quick replies for the widget, and the limits the server enforces.

    The widget checks a message or file against these limits before sending it, so that it can say
    what is wrong in the customer's language; the server checks them again regardless.
    """
    code = normalize_locale(lang) or settings.default_lang
    limits = {"max_message_chars": settings.max_message_chars, "max_attachment_bytes": settings.max_attachment_bytes,
              "attachment_types": sorted(ALLOWED_TYPES)}
    return {"lang": code, "dir": text_direction(code), "brand": settings.brand, "color": settings.brand_color,
            "strings": widget_strings(code), "chips": quick_replies(code), "limits": limits}
