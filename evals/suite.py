"""`triage eval`: ingest a KB into a fresh collection, run the cases, and score them.

The assistant is the real one, on the API's code path (`Assistant.reply` over a conversation);
`history` turns are replayed first. Baselines go through the same runner and metrics.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.embeddings import load_embedder
from assistant.index import open_index
from assistant.reply import Assistant
from assistant.triage import THRESHOLD_FREE_REASONS
from evals.baselines import RetrievalBaseline, bm25_only, single_vector
from evals.cases import Case, load_cases
from evals.runner import Outcome, by_language, handoff_recall_by_reason, metrics, run
from ingest.sync import discover, ingest

THRESHOLDS = [round(t, 2) for t in np.arange(0.0, 1.001, 0.05)]
WRONG_TARGET = 0.03


@dataclass
class SystemResult:
    name: str
    outcomes: list[Outcome]
    threshold: float | None
    summary: dict = field(init=False)

    def __post_init__(self) -> None:
        self.summary = {
            "metrics": metrics(self.outcomes),
            "by_language": by_language(self.outcomes),
            "handoff_recall_by_reason": handoff_recall_by_reason(self.outcomes),
            "threshold": self.threshold,
        }


def sweep(outcomes: list[Outcome], thresholds: list[float] | None = None) -> list[dict]:
    """Resolution and wrong-answer rates had the answer threshold been each of THRESHOLDS.

    A case is answered when no threshold-independent reason fired and its confidence reaches the
    threshold; it then cites the top retrieved document. (A second low turn in a history, which
    adds repeated_failure, is not replayed per threshold.)"""
    answer_cases = sum(o.case.expect == "answer" for o in outcomes) or 1
    rows = []
    for t in thresholds or THRESHOLDS:
        resolved = wrong = 0
        for o in outcomes:
            fixed = o.reply.handoff is not None and bool(THRESHOLD_FREE_REASONS & set(o.reply.handoff.reasons))
            if fixed or o.reply.confidence < t:
                continue
            gold = bool(o.reply.retrieved[:1]) and o.reply.retrieved[0] in o.case.gold_sources
            resolved += o.case.expect == "answer" and gold
            wrong += o.case.expect == "handoff" or not gold
        rows.append({"threshold": float(t), "resolution_rate": round(resolved / answer_cases, 4), "wrong_answer_rate": round(wrong / len(outcomes), 4)})
    return rows


def best_threshold(rows: list[dict], ceiling: float = WRONG_TARGET) -> float:
    """The threshold with the most resolution at a wrong-answer rate within ``ceiling``."""
    allowed = [r for r in rows if r["wrong_answer_rate"] <= ceiling] or rows[-1:]
    return max(allowed, key=lambda r: (r["resolution_rate"], -r["threshold"]))["threshold"]


def evaluate(
    kb: Path, cases_file: Path, settings: Settings, *, baselines: bool = False, progress: Callable[[], None] | None = None
) -> dict:
    cases = load_cases(cases_file)
    with tempfile.TemporaryDirectory(prefix="triage-eval-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": None, "collection": "eval-kb"})
        index = _ingested(local, kb, settings.embedder)
        assistant = Assistant(local, index)
        systems = [SystemResult("assistant", run(assistant, cases, progress), settings.answer_threshold)]
        if baselines:
            systems += _baselines(local, kb, index, cases, progress)
    main = systems[0]
    return {
        "kb": str(kb), "cases_file": str(cases_file), "cases": len(cases), "embedder": settings.embedder,
        **main.summary,
        "sweep": sweep(main.outcomes),
        "failures": failures(main.outcomes),
        "baselines": {s.name: s.summary for s in systems[1:]},
        "_outcomes": {s.name: s.outcomes for s in systems},
    }


def _ingested(settings: Settings, kb: Path, embedder_name: str, collection: str = "eval-kb"):
    index = open_index(settings, load_embedder(embedder_name, settings.threads), collection)
    files, failed, scopes = discover([kb], kb)
    ingest(files, index, prune_scopes=scopes, failures=failed, batch_size=settings.embed_batch)
    return index


def _baselines(settings: Settings, kb: Path, index, cases: list[Case], progress) -> list[SystemResult]:
    """Each baseline at its best threshold on these very cases: an optimistic view of them."""
    minilm = _ingested(settings, kb, "st:minilm", collection="eval-minilm")
    results = []
    for baseline in (bm25_only(index), single_vector(minilm, "minilm")):
        untuned = run(baseline, cases, progress)
        # Scores are not on a 0-1 scale (BM25), so the candidates are the scores' own quantiles.
        scores = [o.reply.confidence for o in untuned if np.isfinite(o.reply.confidence)]
        candidates = sorted({round(float(q), 4) for q in np.quantile(scores, np.linspace(0, 1, 41))} | {max(scores) + 1})
        threshold = best_threshold(sweep(untuned, candidates))
        tuned = RetrievalBaseline(baseline.name, baseline.search, threshold)
        results.append(SystemResult(baseline.name, run(tuned, cases), threshold))
    return results


def failures(outcomes: list[Outcome]) -> list[dict]:
    """Every wrong or missed case: what was asked, what came back, and what was expected."""
    out = []
    for o in outcomes:
        missed = o.case.expect == "answer" and not o.resolved
        if not (o.wrong or missed):
            continue
        out.append({
            "id": o.case.id, "lang": o.case.lang, "reason": o.case.reason, "expect": o.case.expect, "text": o.case.text,
            "outcome": "wrong" if o.wrong else "handed_off",
            "reply": o.reply.text, "reply_sources": [s.source for s in o.reply.sources],
            "handoff_reasons": [r.value for r in o.reply.handoff.reasons] if o.reply.handoff else [],
            "confidence": round(o.reply.confidence, 4), "retrieved": o.reply.retrieved[:5], "gold": list(o.case.gold_sources),
        })  # fmt: skip
    return out
