"""`triage kb stats|search`: look into the knowledge-base index."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Annotated

import typer
from rich.table import Table

from assistant.errors import TriageError
from assistant.knowledge.calibration import NOT_CALIBRATED, PRIOR_THRESHOLD, Calibration
from cli.common import CollectionOpt, JsonOpt, fail, load_settings, open_collection, out

app = typer.Typer(no_args_is_help=True, help="Look into the knowledge-base index.")


@app.command("stats")
def kb_stats(collection: CollectionOpt = None, as_json: JsonOpt = False) -> None:
    """Documents and chunks per language and per category."""
    settings = load_settings()
    try:
        index = open_collection(settings, collection)
        metas = [meta for _, meta in index.iter_metadata()]
    except TriageError as exc:
        fail(exc)
    stats = {key: _tally(metas, key) for key in ("lang", "category")}
    calibration = Calibration.from_metadata(index.notes)
    summary = {
        "collection": index.name, "documents": len({m["source"] for m in metas}), "chunks": len(metas), **stats,
        "calibration": calibration.to_metadata() if calibration else None,
    }  # fmt: skip
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
        return
    out.print(f"collection {index.name}: {summary['documents']} documents, {summary['chunks']} chunks", highlight=False)
    out.print(_calibration_line(calibration, settings.answer_threshold), highlight=False)
    for key, rows in stats.items():
        table = Table(key, "documents", "chunks")
        for value, row in rows.items():
            table.add_row(value, str(row["documents"]), str(row["chunks"]))
        out.print(table)


def _calibration_line(calibration: Calibration | None, fixed: float | None) -> str:
    if fixed is not None:
        return f"answer threshold {fixed:.3f} (TRIAGE_ANSWER_THRESHOLD)"
    if calibration is None:
        return f"[yellow]warning:[/yellow] {NOT_CALIBRATED}"
    if not calibration.current:
        return (f"answer threshold {calibration.threshold:.3f}, calibrated for an older confidence model: "
                "run `triage ingest` to calibrate it again")  # fmt: skip
    return (f"answer threshold {calibration.threshold:.3f}, calibrated at ingest: {calibration.measured:.3f} for at most "
            f"{calibration.target_wrong_rate:.0%} wrong answers on the KB's own {calibration.questions} questions "
            f"({calibration.estimated_resolution:.0%} of them answered right), drawn halfway to {PRIOR_THRESHOLD:.3f}, "
            f"the best on three dev KBs")  # fmt: skip


def _tally(metas: list[dict], key: str) -> dict[str, dict[str, int]]:
    chunks: Counter[str] = Counter()
    docs: defaultdict[str, set] = defaultdict(set)
    for meta in metas:
        value = str(meta.get(key, "?"))
        chunks[value] += 1
        docs[value].add(meta["source"])
    return {v: {"documents": len(docs[v]), "chunks": n} for v, n in chunks.most_common()}


@app.command("search")
def kb_search(
    query: Annotated[str, typer.Argument(help="What a customer might ask.")],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many chunks.")] = 5,
    lang: Annotated[str | None, typer.Option("--lang", help="Only chunks in this language (ISO 639-1).")] = None,
    collection: CollectionOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The chunks nearest to a query: source, heading, score and a snippet."""
    from assistant.knowledge.retrieval import Retriever

    settings = load_settings()
    try:
        index = open_collection(settings, collection)
        # The assistant's exact search, not Chroma's approximate one, so this shows what it sees.
        hits = Retriever(index).nearest_chunks(index.embedder.embed_query(query), k, lang)
    except TriageError as exc:
        fail(exc)
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
