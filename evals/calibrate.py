"""Fit the answer-confidence weights on the dev split and sweep the answer threshold.

    python -m evals.calibrate [--cases evals/cases/dev.jsonl] [--max-wrong 0.03]

A turn's label is 1 when the passage it would answer from is a gold source, 0 when the case
should not be answered from the KB (low_confidence, out_of_scope). Other handoff reasons are
triggered by intent or order value, not by confidence, so they are left out of the fit. It
prints the weights for `assistant.triage.CONFIDENCE_WEIGHTS` and, per threshold, the resolution
and wrong-answer rates; pick TRIAGE_ANSWER_THRESHOLD from that table.
"""

from __future__ import annotations

import argparse
from dataclasses import astuple
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.reply import Assistant
from assistant.triage import CONFIDENCE_WEIGHTS, confidence
from evals.cases import load_cases
from evals.runner import run

# Answering from a passage in another language must cost confidence (the customer is offered
# a person instead), whatever the dev set says: its cross-lingual questions mostly hit FAQ rows
# that happen to be right, so a free fit rewards the fallback.
FALLBACK_PENALTY = 0.3


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 5000, lr: float = 0.5) -> np.ndarray:
    """Logistic regression by gradient descent; the last weight (other_language) is held at -FALLBACK_PENALTY."""
    x = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        w[-1] = -FALLBACK_PENALTY
        p = 1 / (1 + np.exp(-x @ w))
        w -= lr * (x.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]])
    w[-1] = -FALLBACK_PENALTY
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=Path("evals/cases/dev.jsonl"))
    parser.add_argument("--max-wrong", type=float, default=0.03)
    args = parser.parse_args()
    assistant = Assistant.from_settings(Settings())
    outcomes = run(assistant, load_cases(args.cases))
    rows = [o for o in outcomes if o.reply.signals and o.case.reason in ("kb", "low_confidence", "out_of_scope")]
    x = np.array([astuple(o.reply.signals) for o in rows], dtype=float)
    top = [o.reply.handoff.case.suggested_reply if o.reply.handoff else None for o in rows]
    shown = [
        ({s.source for s in t.sources} if t else set()) if o.reply.handoff else {s.source for s in o.reply.sources}
        for o, t in zip(rows, top)
    ]
    y = np.array([float(bool(s & set(o.case.gold_sources))) for s, o in zip(shown, rows)])
    weights = tuple(round(float(v), 2) for v in fit_logistic(x, y))
    print(f"current weights {CONFIDENCE_WEIGHTS}\nfitted weights  {weights}")
    scores = np.array([confidence(o.reply.signals, weights) for o in rows])
    answer_cases = sum(o.case.expect == "answer" for o in outcomes)
    print("threshold  resolution  wrong(of all cases)")
    for t in np.arange(0.1, 0.95, 0.05):
        answered = scores >= t
        resolved = sum(a and yy == 1 and o.case.expect == "answer" for a, yy, o in zip(answered, y, rows))
        wrong = sum(a and yy == 0 for a, yy in zip(answered, y))
        mark = " <= max wrong" if wrong / len(outcomes) <= args.max_wrong else ""
        print(f"  {t:.2f}      {resolved / answer_cases:.3f}       {wrong / len(outcomes):.3f}{mark}")


if __name__ == "__main__":
    main()
