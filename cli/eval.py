"""`triage eval`: score the assistant on eval cases over a KB."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.errors import TriageError
from cli.common import JsonOpt, err, fail, load_settings, out, run_with_progress


def eval_command(
    kb: Annotated[Path, typer.Option("--kb", exists=True, file_okay=False, help="Knowledge-base folder to ingest.")],
    cases: Annotated[Path, typer.Option("--cases", exists=True, dir_okay=False, help="Cases, JSONL (EVAL_FORMAT.md).")],
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Write report.json, report.md and charts here.")] = None,
    baselines: Annotated[bool, typer.Option("--baselines", help="Also score BM25-only and MiniLM single-vector RAG.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score the assistant on eval cases over a KB, in a fresh temporary collection."""
    from evals import report as reports
    from evals.cases import load_cases
    from evals.suite import evaluate

    settings = load_settings()
    try:
        runs = 1 + (4 if baselines else 0)
        total = len(load_cases(cases)) * runs
        result = run_with_progress(lambda progress: evaluate(kb, cases, settings, baselines=baselines, progress=_ticker(progress, total)))
    except TriageError as exc:
        fail(exc)
    if out_dir:
        for path in reports.write(result, out_dir):
            err.print(f"wrote {path}", highlight=False)
    if as_json:
        print(json.dumps(reports.public(result), ensure_ascii=False))
    else:
        out.print(reports.markdown(result).split("## Per language")[0], highlight=False)


def _ticker(progress, total: int):
    """A per-case callback for the progress bar (None in a pipe)."""
    if progress is None:
        return None
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        progress(done, total)

    return tick
