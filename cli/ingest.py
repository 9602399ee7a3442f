"""`triage ingest`: sync knowledge-base files into the index."""

from __future__ import annotations

import contextlib
import functools
import json
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import TriageError
from assistant.knowledge.calibration import NOT_CALIBRATED, PRIOR_THRESHOLD
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import drop_collection, open_index
from assistant.knowledge.kb_store import writing
from assistant.knowledge.scoring import SCORER_EMBEDDER, open_scorer
from cli.common import (
    CollectionOpt,
    JsonOpt,
    err,
    fail,
    load_settings,
    out,
    run_with_progress,
)
from cli.translate import translator_with_packages
from ingest.sync import IngestReport, discover, ingest, resolve_root
from ingest.watch import Snapshot, changes, snapshot


def ingest_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default TRIAGE_KB_DIR, ./kb).")] = None,
    collection: CollectionOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would change; write nothing.")] = False,
    no_prune: Annotated[bool, typer.Option("--no-prune", help="Keep chunks of files that are gone.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any file fails.")] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Drop the collection first (e.g. after changing embedder).")] = False,
    root: Annotated[Path | None, typer.Option("--root", help="Folder that sources are relative to.")] = None,
    translate_to: Annotated[str | None, typer.Option("--translate-to", help="Also store machine translations, e.g. es,fr.")] = None,
    watch: Annotated[bool, typer.Option("--watch", help="Keep running: ingest again whenever a file under the paths changes (Ctrl-C stops).")] = False,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="With --watch: seconds between looks, and that a change must settle for.")] = 2.0,
    as_json: JsonOpt = False,
) -> None:
    """Ingest knowledge-base files into Chroma: only changed files are embedded."""
    settings = load_settings()
    paths = paths or [settings.kb_dir]
    targets = [t.strip() for t in (translate_to or "").split(",") if t.strip()]
    try:
        translator = translator_with_packages(settings) if targets else None
        embedder = load_embedder(settings.embedder, settings.threads)
        # The second opinion (e5) is loaded at the first finish and kept: --watch runs many.
        scorer_model = functools.cache(lambda: load_embedder(SCORER_EMBEDDER, settings.threads))
        dropping = rebuild and not dry_run  # --rebuild drops the collection in the first run only

        def run() -> IngestReport:
            nonlocal dropping
            files, failures, scopes = discover(paths, root or resolve_root(paths, settings.kb_dir))
            # Servers go on reading the live store: this run writes a copy and publishes it whole.
            with contextlib.nullcontext(None) if dry_run else writing(settings) as client:
                if dropping:
                    drop_collection(settings, collection, client)
                index = open_index(settings, embedder, collection, client)
                report = run_with_progress(
                    lambda progress: ingest(
                        files, index, prune_scopes=[] if no_prune else scopes, failures=failures,
                        dry_run=dry_run, batch_size=settings.embed_batch, progress=progress,
                        translate_to=targets, translator=translator,
                    )
                )
                scorer = None if dry_run else open_scorer(settings, index.name, settings.threads, client, scorer_model())
                extra = {} if dry_run else _finish(settings, index, report, scorer)
            dropping = False
            if as_json:
                print(json.dumps({**report.to_dict(), **extra}, ensure_ascii=False), flush=True)
            else:
                _print_report(report)
            return report

        before = snapshot(paths)
        report = run()
    except TriageError as exc:
        fail(exc)
    if watch:
        _watch(paths, interval, before, run)
    elif not report.ingested_anything or (strict and report.failures):
        raise typer.Exit(1)


def _watch(paths: list[Path], interval: float, before: Snapshot, run: Callable[[], IngestReport]) -> None:
    """Ingest again after each change under ``paths`` since ``before`` until Ctrl-C (or SIGTERM),
    then exit 0. A file that fails is reported and skipped, as in one run; an unreachable index
    is reported and tried again at the next change."""

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    err.print(f"watching {', '.join(map(str, paths))} (every {interval:g}s; Ctrl-C stops)", highlight=False)
    try:
        for _ in changes(paths, interval, before):
            try:
                run()
            except TriageError as exc:
                err.print(f"[red]error:[/red] {exc}", highlight=False)
    except KeyboardInterrupt:
        err.print("stopped watching", highlight=False)


def _finish(settings, index, report: IngestReport, scorer) -> dict:
    from ingest.finish import finish

    done = finish(settings, index, changed=bool(report.chunks.embedded or report.chunks.deleted), scorer=scorer)
    if done.calibration is not None:
        c = done.calibration
        measured = f"{c.measured:.3f} for at most {c.target_wrong_rate:.0%} wrong on the KB's own {c.questions} questions"
        err.print(f"answer threshold {c.threshold:.3f} ({measured}, drawn halfway to {PRIOR_THRESHOLD:.3f})", highlight=False)
    elif settings.answer_threshold is None:
        err.print(f"[yellow]warning:[/yellow] {NOT_CALIBRATED}", highlight=False)
    return done.to_dict()


def _print_report(report: IngestReport) -> None:
    f, c = report.files, report.chunks
    prefix = "[yellow]dry run:[/yellow] " if report.dry_run else ""
    out.print(
        f"{prefix}files: {f.seen} seen, {f.added} added, {f.updated} updated, {f.unchanged} unchanged, "
        f"{f.removed} removed, {f.failed} failed",
        highlight=False,
    )
    chunks = report.planned if report.planned else c
    verb = "would embed" if report.dry_run else "embedded"
    out.print(f"chunks: {c.total} in collection, {chunks.embedded} {verb}, {chunks.deleted} deleted; {report.seconds:.2f}s", highlight=False)
    for failure in report.failures:
        err.print(f"[red]failed:[/red] {failure.path}: {failure.reason}", highlight=False)
    if not report.ingested_anything:
        err.print("[red]nothing was ingested[/red]")
