"""`triage eval`: ingest a KB into a fresh collection, run the cases, and score them.

The assistant is the real one, as `triage ingest` leaves it (second-opinion scorer, threshold
calibrated on the KB), on the API's code path (`Assistant.reply` over a conversation);
`history` turns are replayed first. Baselines go through the same runner and metrics.
`evaluate_all` does this for every KB and split of the project, ingesting each KB once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from api.settings import Settings
from assistant.errors import ConfigError
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import KnowledgeIndex, open_index
from assistant.knowledge.scoring import open_scorer
from assistant.reply import Assistant
from evals.baselines import RetrievalBaseline, bm25_only, single_vector
from evals.cases import Case, load_cases
from evals.learning import learning_run
from evals.runner import (
    SUCCESS,
    Outcome,
    best_at_wrong,
    by_language,
    failure_counts,
    handoff_precision_by_reason,
    handoff_recall_by_reason,
    handoffs_by_reason,
    metrics,
    operating_points,
    reliability,
    run,
    sweep_point,
)
from ingest.finish import finish
from ingest.sync import discover, ingest

THRESHOLDS = [round(t, 2) for t in np.arange(0.0, 1.001, 0.05)]
# The wrong-answer rates at which the report gives the most resolution any threshold could buy.
WRONG_CEILINGS = (0.01, 0.03, 0.05)
SPLITS = ("dev", "test")


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
            "handoff_precision_by_reason": handoff_precision_by_reason(self.outcomes),
            "handoffs_by_reason": handoffs_by_reason(self.outcomes),
            "failure_counts": failure_counts(self.outcomes),
            "threshold": self.threshold,
        }


@dataclass(frozen=True)
class ThresholdUsed:
    value: float
    source: str  # the setting, the KB's own calibration, or the default


@dataclass(frozen=True)
class Benchmark:
    name: str
    kb: Path
    case_files: tuple[Path, ...]


def threshold_used(assistant: Assistant, settings: Settings) -> ThresholdUsed:
    """The answer threshold the assistant ran with, and where it came from."""
    if settings.answer_threshold is not None:
        return ThresholdUsed(settings.answer_threshold, "TRIAGE_ANSWER_THRESHOLD")
    if assistant.calibration is not None:
        return ThresholdUsed(assistant.threshold, "calibrated on this KB at ingest")
    return ThresholdUsed(assistant.threshold, "default: too few questions to calibrate this KB")


def evaluate(
    kb: Path, cases_file: Path, settings: Settings, *, baselines: bool = False, learn: bool = False, progress: Callable[[], None] | None = None
) -> dict:
    return evaluate_splits(kb, [cases_file], settings, baselines=baselines, learn=learn, progress=progress)[0]


def evaluate_splits(
    kb: Path, case_files: list[Path], settings: Settings, *, baselines: bool = False, learn: bool = False,
    progress: Callable[[], None] | None = None,
) -> list[dict]:
    """One report per case file over ``kb``, ingested once into a fresh temporary collection."""
    splits = [load_cases(f) for f in case_files]  # a malformed file fails before the slow part
    with tempfile.TemporaryDirectory(prefix="triage-eval-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": None, "collection": "eval-kb"})
        index = _ingested(local, kb, settings.embedder)
        assistant = _deployed(local, index)
        assistant.warm()  # latency is per turn, not the first turn's loading of the intent exemplars
        used = threshold_used(assistant, settings)
        minilm = _ingested(local, kb, "st:minilm", collection="eval-minilm") if baselines else None
        reports = []
        for cases_file, cases in zip(case_files, splits):
            learning = None
            if learn:
                assistant.learn([])  # each split learns from nothing
                outcomes, learning = learning_run(assistant, cases, progress=progress)
            else:
                outcomes = run(assistant, cases, progress)
            systems = [SystemResult("assistant", outcomes, used.value)]
            if minilm is not None:
                systems += _baselines(index, minilm, cases, settings.target_wrong_rate, progress)
            report = _report(kb, cases_file, settings, systems, used)
            reports.append({**report, "learning": learning} if learning else report)
        return reports


def _report(kb: Path, cases_file: Path, settings: Settings, systems: list[SystemResult], used: ThresholdUsed) -> dict:
    main = systems[0].outcomes
    points, target = operating_points(main), settings.target_wrong_rate
    return {
        "kb": str(kb), "cases_file": str(cases_file), "cases": len(main), "embedder": settings.embedder,
        **systems[0].summary,
        "threshold_source": used.source,
        "operating_points": {
            "target_wrong_rate": target,
            "threshold_used": {**sweep_point(main, used.value), "source": used.source},
            "best_in_hindsight": best_at_wrong(points, target),
            "resolution_at_wrong": {f"{c:.2f}": best_at_wrong(points, c) for c in WRONG_CEILINGS},
        },
        "sweep": [sweep_point(main, t) for t in THRESHOLDS],
        "reliability": reliability(main),
        "failures": failures(main),
        "baselines": {s.name: s.summary for s in systems[1:]},
        "_outcomes": {s.name: s.outcomes for s in systems},
    }  # fmt: skip


def benchmarks(root: Path) -> list[Benchmark]:
    """The sample KB (kb/ with evals/cases/) and each evals/benchmarks/<name>/ (kb/ and its splits)."""
    found = [Benchmark("sample", root / "kb", _splits(root / "evals" / "cases"))]
    folder = root / "evals" / "benchmarks"
    if folder.is_dir():
        found += [Benchmark(d.name, d / "kb", _splits(d)) for d in sorted(folder.iterdir()) if (d / "kb").is_dir()]
    return [b for b in found if b.kb.is_dir() and b.case_files]


def _splits(folder: Path) -> tuple[Path, ...]:
    return tuple(folder / f"{split}.jsonl" for split in SPLITS if (folder / f"{split}.jsonl").is_file())


def evaluate_all(
    root: Path, settings: Settings, *, baselines: bool = False, learn: bool = False, progress: Callable[[], None] | None = None
) -> dict:
    """Every KB and split under ``root``: one summary row per KB and split, and each full report."""
    found = benchmarks(root)
    if not found:
        raise ConfigError(
            f"No KB with cases under {root.resolve()}: --all runs kb/ with evals/cases/{{dev,test}}.jsonl and "
            "each evals/benchmarks/<name>/ with kb/ and {dev,test}.jsonl. Run it from the project root."
        )
    runs = []
    for bench in found:
        reports = evaluate_splits(bench.kb, list(bench.case_files), settings, baselines=baselines, learn=learn, progress=progress)
        runs += [{**summary_row(report), "kb": bench.name, "split": f.stem, "_report": report} for f, report in zip(bench.case_files, reports)]
    return {"embedder": settings.embedder, "target_wrong_rate": settings.target_wrong_rate, "runs": runs}


def summary_row(report: dict) -> dict:
    """One line of the combined table: the headline figures and the operating points of a report."""
    points = report["operating_points"]
    return {
        "kb_dir": report["kb"], "cases_file": report["cases_file"], **report["metrics"],
        "resolution_at_3pct_wrong": points["resolution_at_wrong"]["0.03"]["resolution_rate"],
        "threshold": report["threshold"], "best_threshold": points["best_in_hindsight"]["threshold"],
        "failure_counts": report["failure_counts"],
        **({"learned_second_half": report["learning"]["second_half"]} if report.get("learning") else {}),
    }  # fmt: skip


def _ingested(settings: Settings, kb: Path, embedder_name: str, collection: str = "eval-kb") -> KnowledgeIndex:
    index = open_index(settings, load_embedder(embedder_name, settings.threads), collection)
    files, failed, scopes = discover([kb], kb)
    ingest(files, index, prune_scopes=scopes, failures=failed, batch_size=settings.embed_batch)
    return index


def _deployed(settings: Settings, index: KnowledgeIndex) -> Assistant:
    """The assistant as `triage ingest` and `triage serve` leave it: with its second-opinion scorer
    and, unless TRIAGE_ANSWER_THRESHOLD overrides it, the threshold calibrated on this KB."""
    scorer = open_scorer(settings, index.name, settings.threads)
    if settings.answer_threshold is None:
        finish(settings, index, changed=True, scorer=scorer)
    return Assistant(settings, index, scorer=scorer)


def _baselines(index: KnowledgeIndex, minilm: KnowledgeIndex, cases: list[Case], target: float, progress) -> list[SystemResult]:
    """Each baseline at its best threshold on these very cases: an optimistic view of them."""
    results = []
    for baseline in (bm25_only(index), single_vector(minilm, "minilm")):
        untuned = run(baseline, cases, progress)
        threshold = best_at_wrong(operating_points(untuned), target)["threshold"]
        tuned = RetrievalBaseline(baseline.name, baseline.search, threshold)
        results.append(SystemResult(baseline.name, run(tuned, cases, progress), threshold))
    return results


def failures(outcomes: list[Outcome]) -> list[dict]:
    """Every case that was not resolved or rightly handed off: what was asked, what came back, what was expected."""
    return [
        {
            "id": o.case.id, "lang": o.case.lang, "reason": o.case.reason, "expect": o.case.expect, "text": o.case.text,
            "outcome": o.verdict.value, "wrong": o.wrong,
            "reply": o.reply.text, "reply_sources": [s.source for s in o.reply.sources],
            "handoff_reasons": [r.value for r in o.reply.handoff.reasons] if o.reply.handoff else [],
            "clarify_options": list(o.reply.clarify.options) if o.reply.clarify else [],
            "confidence": round(o.reply.confidence, 4), "retrieved": o.reply.retrieved[:5], "gold": list(o.case.gold_sources),
            "answer_contains": list(o.case.answer_contains),
        }
        for o in outcomes
        if o.verdict not in SUCCESS
    ]  # fmt: skip
