"""Probes, metrics, privacy, and the widget's configuration."""

from __future__ import annotations

from typing import Annotated

import anyio
import anyio.to_thread

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import func, select, text

from api.deps import SessionDep, SettingsDep, require_store_or_agent
from api.inputs import clean_text
from api.locales import quick_replies, text_direction, widget_strings
from api.models import CsatRow, HandoffRow, MessageRow
from api.routes.conversations import ALLOWED_TYPES
from api.schemas import ErasedOut
from api.store import erase_customer, leave_no_trace
from assistant.language import normalize_locale

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
    return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503, headers=headers)


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


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(session: SessionDep) -> str:
    """Prometheus text format, computed from the database so that every worker reports the same."""
    lines = ["# HELP triage_turns_total Customer turns the assistant answered or handed off.", "# TYPE triage_turns_total counter"]
    lines.append(f"triage_turns_total {session.scalar(select(func.count()).where(MessageRow.latency_ms.is_not(None)))}")
    lines += ["# HELP triage_handoffs_total Cases opened, by reason.", "# TYPE triage_handoffs_total counter"]
    reasons: dict[str, int] = {}
    for (found,) in session.execute(select(HandoffRow.reasons)):
        for reason in found:
            reasons[reason] = reasons.get(reason, 0) + 1
    lines += [f'triage_handoffs_total{{reason="{r}"}} {n}' for r, n in sorted(reasons.items())]
    lines += ["# HELP triage_feedback_total Thumbs on assistant answers.", "# TYPE triage_feedback_total counter"]
    for rating, count in session.execute(select(MessageRow.rating, func.count()).where(MessageRow.rating.is_not(None)).group_by(MessageRow.rating)):
        lines.append(f'triage_feedback_total{{rating="{rating}"}} {count}')
    lines += ["# HELP triage_csat_total CSAT scores given.", "# TYPE triage_csat_total counter"]
    for score, count in session.execute(select(CsatRow.score, func.count()).group_by(CsatRow.score)):
        lines.append(f'triage_csat_total{{score="{score}"}} {count}')
    lines += _latency_histogram([v for (v,) in session.execute(select(MessageRow.latency_ms).where(MessageRow.latency_ms.is_not(None)))])
    return "\n".join(lines) + "\n"


def _latency_histogram(values: list[float]) -> list[str]:
    lines = ["# HELP triage_turn_latency_seconds Time to produce a reply.", "# TYPE triage_turn_latency_seconds histogram"]
    for bucket in LATENCY_BUCKETS_MS:
        lines.append(f'triage_turn_latency_seconds_bucket{{le="{bucket / 1000}"}} {sum(v <= bucket for v in values)}')
    lines.append(f'triage_turn_latency_seconds_bucket{{le="+Inf"}} {len(values)}')
    lines.append(f"triage_turn_latency_seconds_sum {sum(values) / 1000:.6f}")
    lines.append(f"triage_turn_latency_seconds_count {len(values)}")
    return lines


@router.delete("/v1/customers/{customer_ref}", response_model=ErasedOut, dependencies=[Depends(require_store_or_agent)])
def erase(customer_ref: str, session: SessionDep, settings: SettingsDep) -> ErasedOut:
    """Erase a customer's conversations, messages, cases, feedback and attachments (GDPR/CCPA)."""
    customer_ref = clean_text(customer_ref)  # refs are stored cleaned; NUL would fail on PostgreSQL
    count, files = erase_customer(session, customer_ref)
    session.commit()
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
