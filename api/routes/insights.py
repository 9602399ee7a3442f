"""The store owner's insights: the figures, the content gaps (JSON and CSV) and the /insights page."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response

from api.deps import CurrentAgent, SessionDep, SettingsDep
from api.errors import ApiError
from api.insights import content_gaps, gaps_csv, insights
from api.routes.pages import PAGE_HEADERS, STATIC
from api.schemas import GapsOut, InsightsOut
from assistant.errors import DateRangeError
from assistant.insights import date_range

router = APIRouter(prefix="/v1/insights", tags=["insights"])
page = APIRouter(include_in_schema=False)

From = Annotated[str | None, Query(alias="from", max_length=20, description="First day, YYYY-MM-DD, in the store's time zone (TRIAGE_TIMEZONE); default: 29 days before `to`.")]
To = Annotated[str | None, Query(alias="to", max_length=20, description="Last day, YYYY-MM-DD, in the store's time zone, included; default: today there.")]


def _range(start: str | None, end: str | None, zone: tzinfo) -> tuple[date, date]:
    try:
        return date_range(start, end, datetime.now(zone).date())
    except DateRangeError as exc:
        raise ApiError(422, "invalid_date", str(exc)) from None


@router.get("", response_model=InsightsOut)
def figures(_: CurrentAgent, session: SessionDep, settings: SettingsDep, start: From = None, end: To = None) -> dict:
    """Conversations, resolution, handoffs by reason, clarifications, CSAT, thumbs, median wait and
    handling time: in total, per day and per language (README, "Insights", defines each)."""
    zone = settings.zone()
    return insights(session, *_range(start, end, zone), zone)


@router.get("/gaps", response_model=GapsOut)
def gaps(_: CurrentAgent, request: Request, session: SessionDep, settings: SettingsDep, start: From = None, end: To = None) -> dict:
    """The questions the assistant could not answer, grouped by meaning across languages, biggest first."""
    zone = settings.zone()
    first, last = _range(start, end, zone)
    found = content_gaps(session, request.app.state.assistant, first, last, zone)
    return {"from": first.isoformat(), "to": last.isoformat(), "gaps": [g.to_dict() for g in found]}


@router.get("/gaps.csv", response_class=Response)
def gaps_export(_: CurrentAgent, request: Request, session: SessionDep, settings: SettingsDep, start: From = None, end: To = None) -> Response:
    """The content gaps as CSV, one row per example question (cards and emails masked)."""
    zone = settings.zone()
    first, last = _range(start, end, zone)
    body = gaps_csv(content_gaps(session, request.app.state.assistant, first, last, zone))
    name = f"content-gaps-{first.isoformat()}-{last.isoformat()}.csv"
    return Response(body, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@page.get("/insights")
def insights_page() -> FileResponse:
    return FileResponse(STATIC / "insights.html", media_type="text/html", headers=PAGE_HEADERS)
