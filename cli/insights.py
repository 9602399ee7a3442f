"""`triage insights`: the store owner's figures, and the content gaps as CSV, from the command line."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import TriageError
from cli.common import JsonOpt, err, fail, load_settings, out


def insights_command(
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD, in the store's time zone (TRIAGE_TIMEZONE); default: 29 days before --to.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD, in the store's time zone, included; default: today there.")] = None,
    gaps_csv: Annotated[Path | None, typer.Option("--gaps-csv", dir_okay=False, help="Write the content gaps here as CSV (loads the embedder).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The figures of GET /v1/insights (README, "Insights"); with --gaps-csv, the content gaps too."""
    from api.db import make_engine, migrate, sessions
    from api.insights import insights
    from assistant.insights import date_range

    settings = load_settings()
    try:
        zone = settings.zone()
        first, last = date_range(start, end, datetime.now(zone).date())
        engine = make_engine(settings)
        migrate(engine)
        with sessions(engine)() as session:
            report = insights(session, first, last, zone)
            gaps = _write_gaps(session, settings, first, last, zone, gaps_csv) if gaps_csv else None
    except TriageError as exc:
        fail(exc)
    if as_json:
        print(json.dumps(report | ({"gaps": [g.to_dict() for g in gaps]} if gaps is not None else {}), ensure_ascii=False))
        return
    _print(report)
    if gaps is not None:
        err.print(f"{len(gaps)} content gaps written to {gaps_csv}", highlight=False)


def _write_gaps(session, settings, first, last, zone, path: Path):
    from api.insights import content_gaps, gaps_csv
    from assistant.factory import build_assistant

    gaps = content_gaps(session, build_assistant(settings), first, last, zone)
    path.write_text(gaps_csv(gaps), encoding="utf-8", newline="")
    return gaps


def _print(report: dict) -> None:
    t = report["total"]
    out.print(f"{report['from']} to {report['to']} ({report['timezone']} days)", highlight=False)
    rows = [
        ("conversations", str(t["conversations"])),
        ("resolved by the assistant", f"{t['resolved']} ({_pct(t['resolution_rate'])})"),
        ("handed off", f"{t['handoffs']} ({_pct(t['handoff_rate'])})"),
        *((f"  {reason}", f"{r['count']} ({_pct(r['rate'])})") for reason, r in t["handoffs_by_reason"].items() if r["count"]),
        ("asked back", f"{t['clarifications']} of {t['assistant_turns']} turns ({_pct(t['clarification_rate'])})"),
        ("CSAT", f"{t['csat']['mean'] if t['csat']['mean'] is not None else '-'} ({t['csat']['count']} ratings)"),
        ("thumbs up / down", f"{t['thumbs']['up']} / {t['thumbs']['down']}"),
        ("median wait", f"{_seconds(t['median_wait_seconds'])} ({t['waits']} cases)"),
        ("median handling", f"{_seconds(t['median_handling_seconds'])} ({t['handled']} cases)"),
    ]
    for label, value in rows:
        out.print(f"{label:<28}{value}", highlight=False)
    for g in report["by_language"]:
        out.print(f"{g['lang']:<6}{g['conversations']:>6} conversations, {_pct(g['resolution_rate'])} resolved, {_pct(g['handoff_rate'])} handed off", highlight=False)


def _pct(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value / 60:.1f} min"
