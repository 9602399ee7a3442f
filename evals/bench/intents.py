"""Intent benchmark: the classifier alone, per handoff reason and for order_status.

    python -m evals.bench.intents                   # the dev split (tune on this one only)
    python -m evals.bench.intents --split test      # the frozen test split: report, never tune
    python -m evals.bench.intents --errors          # also list every miss and false alarm

Runs `IntentClassifier.classify` with the real embedder on every case of the split: the
`split:dev` / `split:test` cases of evals/cases/intents.jsonl, plus evals/cases/<split>.jsonl and
evals/benchmarks/*/<split>.jsonl. Prints precision and recall per intent, and what the traps
(`trap` cases: messages that name PayPal, a bank, a refund or a chargeback but are questions the
KB answers) were classified as. Prints numbers and fails nothing.

The intent a case expects: its `reason` when that is an intent of its own (human_request,
complaint, dispute, out_of_scope); order_status when tagged `intent:order_status`, or with one
of the older case files' topics about the customer's own parcel (tracking, no tracking update,
lost, stuck in customs); kb_question otherwise, including high_value and low_confidence, whose
handoff does not come from the intent.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assistant.knowledge.embeddings import load_embedder
from assistant.understand.intents import (
    HANDOFF_INTENTS,
    KB_QUESTION,
    ORDER_STATUS,
    IntentClassifier,
)
from evals.cases import Case, load_cases

ROOT = Path(__file__).resolve().parents[2]
INTENT_CASES = ROOT / "evals" / "cases" / "intents.jsonl"
REPORTED = ("human_request", "complaint", "dispute", "out_of_scope", ORDER_STATUS)
ORDER_STATUS_TAGS = {f"intent:{ORDER_STATUS}", "topic:tracking", "topic:tracking_noupdate", "topic:lost", "topic:customs_delay"}


@dataclass(frozen=True)
class Outcome:
    source: str
    case: Case
    expected: str
    predicted: str
    method: str


def expected_intent(case: Case) -> str:
    if case.reason in HANDOFF_INTENTS:
        return case.reason
    if ORDER_STATUS_TAGS & set(case.tags):
        return ORDER_STATUS
    return KB_QUESTION


def split_cases(split: str) -> list[tuple[str, Case]]:
    """(source name, case) for every case of ``split`` in the intent file and the eval suites."""
    cases = [("intents", c) for c in load_cases(INTENT_CASES) if f"split:{split}" in c.tags]
    cases += [("cases", c) for c in load_cases(ROOT / "evals" / "cases" / f"{split}.jsonl")]
    for path in sorted((ROOT / "evals" / "benchmarks").glob(f"*/{split}.jsonl")):
        cases += [(path.parent.name, c) for c in load_cases(path)]
    return cases


def classify(classifier: IntentClassifier, cases: list[tuple[str, Case]]) -> list[Outcome]:
    vectors = classifier.embedder.embed_queries([c.text for _, c in cases])
    outcomes = []
    for (source, case), vector in zip(cases, vectors, strict=True):
        intent = classifier.classify(case.text, vector)
        outcomes.append(Outcome(source, case, expected_intent(case), intent.name, intent.method))
    return outcomes


def precision_recall(outcomes: list[Outcome], intent: str) -> tuple[float, float, int, int]:
    """Precision, recall, cases expecting ``intent`` and cases classified as it."""
    tp = sum(o.expected == intent == o.predicted for o in outcomes)
    expected = sum(o.expected == intent for o in outcomes)
    predicted = sum(o.predicted == intent for o in outcomes)
    return (tp / predicted if predicted else float("nan"), tp / expected if expected else float("nan"), expected, predicted)


def report(split: str, outcomes: list[Outcome], errors: bool) -> None:
    sources = Counter(o.source for o in outcomes)
    print(f"\n== {split}: {len(outcomes)} cases ({', '.join(f'{s} {n}' for s, n in sources.items())})")
    print(f"{'intent':<14} {'precision':>9} {'recall':>7} {'expected':>9} {'predicted':>10}")
    for intent in REPORTED:
        p, r, n_expected, n_predicted = precision_recall(outcomes, intent)
        print(f"{intent:<14} {p:>9.3f} {r:>7.3f} {n_expected:>9} {n_predicted:>10}")
    handed = [o for o in outcomes if o.predicted in HANDOFF_INTENTS]
    print(f"kb_question / order_status cases classified as a handoff intent: "
          f"{sum(o.expected not in HANDOFF_INTENTS for o in handed)} of {sum(o.expected not in HANDOFF_INTENTS for o in outcomes)}")
    print("per source (precision/recall; - where the source has none):")
    for source in sources:
        mine = [o for o in outcomes if o.source == source]
        cells = []
        for intent in REPORTED:
            p, r, n_expected, n_predicted = precision_recall(mine, intent)
            cells.append(f"{intent[:8]} " + (f"{p:.2f}/{r:.2f}" if n_expected and n_predicted else f"-/{r:.2f}" if n_expected else "-"))
        print(f"  {source:<16} " + "  ".join(cells))
    traps = [o for o in outcomes if "trap" in o.case.tags]
    print(f"traps ({len(traps)}) classified as: " + ", ".join(f"{k} {v}" for k, v in Counter(o.predicted for o in traps).most_common()))
    kinds = Counter((kind, o.predicted) for o in traps for kind in [next((t for t in o.case.tags if t.startswith("trap:")), "trap:other")])
    for kind in sorted({k for k, _ in kinds}):
        print(f"  {kind:<26} " + ", ".join(f"{predicted} {n}" for (k, predicted), n in sorted(kinds.items()) if k == kind))
    by_lang = Counter(o.case.lang for o in traps if o.predicted != o.expected)
    if by_lang:
        print("  traps missed per language: " + ", ".join(f"{k} {v}" for k, v in sorted(by_lang.items())))
    if errors:
        wrong = sorted((o for o in outcomes if o.expected != o.predicted), key=lambda o: (o.expected, o.predicted))
        for o in wrong:
            trap = " trap" if "trap" in o.case.tags else ""
            print(f"  {o.expected:>13} -> {o.predicted:<13} {o.method:<10} {o.source}:{o.case.id}{trap} [{o.case.lang}] {o.case.text[:110]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--embedder", default="use-m3")
    parser.add_argument("--errors", action="store_true", help="list every misclassified case")
    parser.add_argument("--threshold", type=float, help="override IntentClassifier's default")
    parser.add_argument("--margin", type=float, help="override IntentClassifier's default")
    parser.add_argument("--top", type=int, help="override IntentClassifier's default")
    args = parser.parse_args()
    overrides = {k: v for k in ("threshold", "margin", "top") if (v := getattr(args, k)) is not None}
    started = time.perf_counter()
    classifier = IntentClassifier(load_embedder(args.embedder, threads=2), **overrides)
    classifier.warm()
    print(f"embedder {args.embedder}, {overrides or 'default settings'}, ready in {time.perf_counter() - started:.1f} s")
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        report(split, classify(classifier, split_cases(split)), args.errors)


if __name__ == "__main__":
    main()
