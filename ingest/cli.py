"""The `triage` command line: a thin shell over ``assistant`` and ``ingest``.

Machine-readable output (``--json``) goes to stdout; progress and logs go to stderr.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from assistant.config import Settings
from assistant.embeddings import load_embedder
from assistant.errors import TriageError
from assistant.index import KnowledgeIndex, drop_collection, open_index
from ingest.sync import IngestReport, discover, ingest, resolve_root

app = typer.Typer(name="triage", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, help="Multilingual customer-service triage.")
kb_app = typer.Typer(no_args_is_help=True, help="Look into the knowledge-base index.")
app.add_typer(kb_app, name="kb")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

CollectionOpt = Annotated[Optional[str], typer.Option("--collection", help="Chroma collection (default TRIAGE_COLLECTION).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]


def _settings() -> Settings:
    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # pypdf warns about every flaw it repairs; the ingest report already names files it cannot read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return settings


def _open(settings: Settings, collection: str | None) -> KnowledgeIndex:
    return open_index(settings, load_embedder(settings.embedder, settings.threads), collection)


def _fail(exc: TriageError) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(2)


@app.command("ingest")
def ingest_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default TRIAGE_KB_DIR, ./kb).")] = None,
    collection: CollectionOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would change; write nothing.")] = False,
    no_prune: Annotated[bool, typer.Option("--no-prune", help="Keep chunks of files that are gone.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any file fails.")] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Drop the collection first (e.g. after changing embedder).")] = False,
    root: Annotated[Optional[Path], typer.Option("--root", help="Folder that sources are relative to.")] = None,
    translate_to: Annotated[Optional[str], typer.Option("--translate-to", help="Also store machine translations, e.g. es,fr.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest knowledge-base files into Chroma: only changed files are embedded."""
    settings = _settings()
    paths = paths or [settings.kb_dir]
    targets = [t.strip() for t in (translate_to or "").split(",") if t.strip()]
    try:
        translator = _translator_with_packages(settings) if targets else None
        if rebuild and not dry_run:
            drop_collection(settings, collection)
        index = _open(settings, collection)
        files, failures, scopes = discover(paths, root or resolve_root(paths, settings.kb_dir))
        report = _run_with_progress(
            lambda progress: ingest(
                files, index, prune_scopes=[] if no_prune else scopes, failures=failures,
                dry_run=dry_run, batch_size=settings.embed_batch, progress=progress,
                translate_to=targets, translator=translator,
            )
        )
    except TriageError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_report(report)
    if not report.ingested_anything or (strict and report.failures):
        raise typer.Exit(1)


def _run_with_progress(run):
    if not err.is_terminal:
        return run(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as bar:
        task = bar.add_task("ingesting", total=None)
        return run(lambda done, total: bar.update(task, completed=done, total=total))


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


@kb_app.command("stats")
def kb_stats(collection: CollectionOpt = None, as_json: JsonOpt = False) -> None:
    """Documents and chunks per language and per category."""
    settings = _settings()
    try:
        index = _open(settings, collection)
        metas = [meta for _, meta in index.iter_metadata()]
    except TriageError as exc:
        _fail(exc)
    stats = {key: _tally(metas, key) for key in ("lang", "category")}
    summary = {"collection": index.name, "documents": len({m["source"] for m in metas}), "chunks": len(metas), **stats}
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    out.print(f"collection {index.name}: {summary['documents']} documents, {summary['chunks']} chunks", highlight=False)
    for key, rows in stats.items():
        table = Table(key, "documents", "chunks")
        for value, row in rows.items():
            table.add_row(value, str(row["documents"]), str(row["chunks"]))
        out.print(table)


def _tally(metas: list[dict], key: str) -> dict[str, dict[str, int]]:
    chunks: Counter[str] = Counter()
    docs: defaultdict[str, set] = defaultdict(set)
    for meta in metas:
        value = str(meta.get(key, "?"))
        chunks[value] += 1
        docs[value].add(meta["source"])
    return {v: {"documents": len(docs[v]), "chunks": n} for v, n in chunks.most_common()}


@kb_app.command("search")
def kb_search(
    query: Annotated[str, typer.Argument(help="What a customer might ask.")],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many chunks.")] = 5,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Only chunks in this language (ISO 639-1).")] = None,
    collection: CollectionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The chunks nearest to a query: source, heading, score and a snippet."""
    settings = _settings()
    try:
        hits = _open(settings, collection).search(query, k=k, where={"lang": lang} if lang else None)
    except TriageError as exc:
        _fail(exc)
    rows = [
        {"source": h.metadata["source"], "heading": h.metadata.get("headings") or h.metadata.get("title"),
         "lang": h.metadata.get("lang"), "score": round(h.score, 4), "snippet": _snippet(h.text)}
        for h in hits
    ]
    if as_json:
        print(json.dumps({"query": query, "hits": rows}, ensure_ascii=False))
        return
    table = Table("score", "source", "heading", "snippet")
    for row in rows:
        table.add_row(f"{row['score']:.3f}", row["source"], row["heading"], row["snippet"])
    out.print(table)


def _snippet(text: str, width: int = 140) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _assistant(settings: Settings, collection: str | None):
    from assistant.reply import Assistant

    return Assistant.from_settings(settings, collection)


def _read_history(path: Path) -> list[dict]:
    """Earlier turns from a JSON list or JSONL file of {"role": ..., "text": ...}."""
    raw = path.read_text(encoding="utf-8").strip()
    try:
        turns = json.loads(raw) if raw.startswith("[") else [json.loads(line) for line in raw.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"{path}: not JSON ({exc.msg})") from exc
    if not all(isinstance(t, dict) and isinstance(t.get("text"), str) for t in turns):
        raise typer.BadParameter(f"{path}: each turn needs a 'role' and a 'text'")
    return turns


def _print_reply(reply) -> None:
    out.print(reply.text, highlight=False)
    for s in reply.sources:
        out.print(f"  [dim]source:[/dim] {s.source} — {s.title}" + (f" <{s.url}>" if s.url else ""), highlight=False)
    status = f"lang {reply.lang} ({reply.lang_confidence:.2f}), confidence {reply.confidence:.2f}, intent {reply.intent}"
    err.print(f"[dim]{status}[/dim]", highlight=False)
    if reply.handoff:
        err.print(f"[yellow]handoff:[/yellow] {', '.join(reply.handoff.reasons)}", highlight=False)
        err.print(reply.handoff.case.summary, highlight=False)


@app.command("ask")
def ask_command(
    message: Annotated[str, typer.Argument(help="The customer's message.")],
    lang: Annotated[Optional[str], typer.Option("--lang", help="The customer's locale, if known (wins over detection).")] = None,
    order_value: Annotated[Optional[float], typer.Option("--order-value", help="Trusted order value from the store.")] = None,
    history: Annotated[Optional[Path], typer.Option("--history", exists=True, dir_okay=False, help="Earlier turns (JSON or JSONL).")] = None,
    collection: CollectionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One turn: the answer with its sources, or the handoff with the case for the agent."""
    from assistant.conversation import Conversation, Role, StoreContext

    settings = _settings()
    turns = _read_history(history) if history else []
    try:
        bot = _assistant(settings, collection)
        conversation = Conversation(locale=lang, context=StoreContext(order_value=order_value))
        for turn in turns:
            if turn.get("role", Role.CUSTOMER.value) == Role.CUSTOMER.value:
                bot.reply(conversation, turn["text"])
        reply = bot.reply(conversation, message)
    except TriageError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, default=str))
    else:
        _print_reply(reply)


@app.command("chat")
def chat_command(
    lang: Annotated[Optional[str], typer.Option("--lang", help="The customer's locale, if known.")] = None,
    order_value: Annotated[Optional[float], typer.Option("--order-value", help="Trusted order value from the store.")] = None,
    collection: CollectionOpt = None,
) -> None:
    """Chat with the assistant in the terminal. /up and /down rate the last answer; /quit ends."""
    from assistant.catalog import phrase
    from assistant.conversation import Conversation, StoreContext

    settings = _settings()
    try:
        bot = _assistant(settings, collection)
    except TriageError as exc:
        _fail(exc)
    bot.warm()
    conversation = Conversation(locale=lang, context=StoreContext(order_value=order_value))
    out.print(phrase("greeting", lang or settings.default_lang), highlight=False)
    while True:
        try:
            line = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if line in ("/quit", "/exit"):
            break
        if line in ("/up", "/down"):
            bot.record_feedback(conversation, line[1:])
            continue
        if line:
            _print_reply(bot.reply(conversation, line))


translate_app = typer.Typer(no_args_is_help=True, help="Machine-translation packages (argos-translate, installed from files).")
app.add_typer(translate_app, name="translate")


def _translator(settings: Settings):
    from assistant.translation import ArgosTranslator

    return ArgosTranslator(settings.argos_dir)


def _translator_with_packages(settings: Settings):
    from assistant.errors import ConfigError

    translator = _translator(settings)
    if not (settings.argos_dir.exists() and translator.pairs()):
        raise ConfigError("--translate-to needs language packs: install them with `triage translate install FILE.argosmodel`.")
    return translator


@translate_app.command("install")
def translate_install(
    package: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An .argosmodel file.")],
) -> None:
    """Install a language pack from a file (no package index is reached)."""
    settings = _settings()
    try:
        pairs = _translator(settings).install(package)
    except TriageError as exc:
        _fail(exc)
    out.print("installed: " + ", ".join(f"{a}->{b}" for a, b in pairs), highlight=False)


@translate_app.command("list")
def translate_list(as_json: JsonOpt = False) -> None:
    """The installed language pairs."""
    settings = _settings()
    try:
        pairs = _translator(settings).pairs() if settings.argos_dir.exists() else []
    except TriageError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps({"pairs": [list(p) for p in pairs]}))
    else:
        out.print("\n".join(f"{a}->{b}" for a, b in pairs) or "no language packs installed", highlight=False)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes; they share all state through the database.")] = 1,
) -> None:
    """Serve the API, the chat widget (/widget.js, /demo) and the agent inbox (/agent)."""
    import uvicorn

    from api.db import make_engine, migrate

    settings = _settings()
    migrate(make_engine(settings))  # once, here, rather than racing in every worker
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_config=None)


@app.command("purge")
def purge_command() -> None:
    """Delete conversations older than TRIAGE_RETENTION_DAYS (the server also does this at start)."""
    from api.db import make_engine, migrate, sessions
    from api.store import purge_older_than

    settings = _settings()
    engine = make_engine(settings)
    migrate(engine)
    with sessions(engine)() as session:
        count, files = purge_older_than(session, settings.retention_days)
        session.commit()
    for name in files:
        (settings.attachments_dir / name).unlink(missing_ok=True)
    out.print(f"purged {count} conversations older than {settings.retention_days} days", highlight=False)


@app.command("eval")
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

    settings = _settings()
    try:
        runs = 1 + (4 if baselines else 0)
        total = len(load_cases(cases)) * runs
        result = _run_with_progress(lambda progress: evaluate(kb, cases, settings, baselines=baselines, progress=_ticker(progress, total)))
    except TriageError as exc:
        _fail(exc)
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
