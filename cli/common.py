"""What every command shares: settings, the two consoles, common options and error printing."""

from __future__ import annotations

import logging
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from api.settings import Settings
from assistant.errors import TriageError
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import KnowledgeIndex, open_index

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

CollectionOpt = Annotated[str | None, typer.Option("--collection", help="Chroma collection (default TRIAGE_COLLECTION).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]


def load_settings() -> Settings:
    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # pypdf warns about every flaw it repairs; the ingest report already names files it cannot read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return settings


def open_collection(settings: Settings, collection: str | None) -> KnowledgeIndex:
    return open_index(settings, load_embedder(settings.embedder, settings.threads), collection)


def fail(exc: TriageError) -> NoReturn:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(2)


def run_with_progress(run):
    """Call ``run(progress)`` with a progress-bar callback on a terminal, or with None in a pipe."""
    if not err.is_terminal:
        return run(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as bar:
        task = bar.add_task("ingesting", total=None)
        return run(lambda done, total: bar.update(task, completed=done, total=total))
