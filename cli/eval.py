"""`triage eval`: score the assistant on eval cases over a KB, or on every KB and split at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from api.settings import Settings
from assistant.errors import ConfigError, TriageError
from cli.common import JsonOpt, err, fail, load_settings, out, run_with_progress


def eval_command(
    kb: Annotated[Path | None, typer.Option("--kb", exists=True, file_okay=False, help="Knowledge-base folder to ingest.")] = None,
    cases: Annotated[Path | None, typer.Option("--cases", exists=True, dir_okay=False, help="Cases, JSONL (docs/eval-format.md).")] = None,
    run_all: Annotated[bool, typer.Option("--all", help="Every KB and split: kb/ with evals/cases/, and each evals/benchmarks/<name>/. Run from the project root.")] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Write report.json, report.md and charts here (with --all: summary.* and one folder per KB and split).")] = None,
    baselines: Annotated[bool, typer.Option("--baselines", help="Also score BM25-only and MiniLM single-vector RAG.")] = False,
    learn: Annotated[bool, typer.Option("--learn", help="Play the cases as traffic; a simulated agent teaches each handoff (the learning curve).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score the assistant on eval cases over a KB, in a fresh temporary collection."""
    settings = load_settings()
    try:
        if run_all and (kb or cases):
            raise ConfigError("--all runs every KB and split; leave out --kb and --cases.")
        if run_all:
            _all(settings, out_dir, baselines, learn, as_json)
        elif kb and cases:
            _one(settings, kb, cases, out_dir, baselines, learn, as_json)
        else:
            raise ConfigError("Give --kb DIR and --cases FILE, or --all.")
    except TriageError as exc:
        fail(exc)


def _one(settings: Settings, kb: Path, cases: Path, out_dir: Path | None, baselines: bool, learn: bool, as_json: bool) -> None:
    from evals import report as reports
    from evals.cases import load_cases
    from evals.suite import evaluate

    total = len(load_cases(cases)) * _runs(baselines)
    result = run_with_progress(lambda progress: evaluate(kb, cases, settings, baselines=baselines, learn=learn, progress=_ticker(progress, total)))
    _wrote(reports.write(result, out_dir) if out_dir else [])
    if as_json:
        print(json.dumps(reports.public(result), ensure_ascii=False))
    else:
        out.print(reports.markdown(result).split("## Per language")[0], highlight=False)


def _all(settings: Settings, out_dir: Path | None, baselines: bool, learn: bool, as_json: bool) -> None:
    from evals import report as reports
    from evals.cases import load_cases
    from evals.suite import benchmarks, evaluate_all

    root = Path(".")
    total = sum(len(load_cases(f)) for b in benchmarks(root) for f in b.case_files) * _runs(baselines)
    summary = run_with_progress(lambda progress: evaluate_all(root, settings, baselines=baselines, learn=learn, progress=_ticker(progress, total)))
    _wrote(reports.write_summary(summary, out_dir) if out_dir else [])
    if as_json:
        print(json.dumps(reports.public_summary(summary), ensure_ascii=False))
    else:
        out.print(reports.summary_markdown(summary), highlight=False)


def _runs(baselines: bool) -> int:
    """Passes over the cases: the assistant, and each of two baselines before and after tuning."""
    return 1 + (4 if baselines else 0)


def _wrote(paths: list[Path]) -> None:
    for path in paths:
        err.print(f"wrote {path}", highlight=False)


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
