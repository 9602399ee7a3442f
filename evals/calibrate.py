"""Fit the answer-confidence model on the dev splits of every KB we have, pooled.

    python -m evals.calibrate [--write] [--leave-one-out]

Pooling the sample KB with the outside benchmarks (evals/benchmarks/*, written by others) keeps
the weights from learning one KB's score range; features are standardised (see
`assistant.triage.ConfidenceModel`). A turn's label is 1 when the answer it found (sent or not)
cites a gold source and states the fact (`answer_contains`), 0 when it does not or when the case
should not be answered from the KB (low_confidence, out_of_scope). Handoffs by intent or order
value do not depend on the confidence and are left out. The test splits are never fitted on;
--leave-one-out scores them (and each dev split) under a model fitted on the other KBs only.
With --write the model goes to assistant/data/confidence.json; the answer threshold is then
chosen per KB at ingest (`assistant.calibration`).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

from api.settings import Settings
from assistant.decide.confidence import (
    CLIP_SPREADS,
    CONFIDENCE_FILE,
    ConfidenceModel,
    Signals,
)
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.reply import Assistant
from evals.cases import load_cases
from evals.runner import Verdict, answer_verdict, auc, run
from ingest.sync import discover, ingest

ROOT = Path(__file__).resolve().parents[1]
DEV_SPLITS = [(ROOT / "kb", ROOT / "evals/cases/dev.jsonl")] + [
    (bench / "kb", bench / "dev.jsonl") for bench in sorted((ROOT / "evals/benchmarks").iterdir()) if (bench / "kb").is_dir()
]
# USE-m3's raw cosine stays out of the model: its range moves from KB to KB. Fitted on two dev
# splits and scored on the third, dropping it and adding the title match (assistant/knowledge/scoring.py)
# raised the confidence's AUC on every KB (0.790 -> 0.801, 0.836 -> 0.869, 0.863 -> 0.880).
FEATURES = [f.name for f in fields(Signals) if f.name != "similarity"]
# Answering from a passage in another language must cost confidence (the customer is offered
# a person instead), whatever the dev sets say: their cross-lingual questions mostly hit FAQ rows
# that happen to be right, so a free fit rewards the fallback. Held, in raw units.
FALLBACK_PENALTY = 0.3


def labelled(kb: Path, cases_file: Path, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Signals and right/wrong labels of every dev case of ``kb`` the confidence decides."""
    with tempfile.TemporaryDirectory(prefix="triage-calibrate-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp), "chroma_url": None, "collection": "calibrate"})
        index = open_index(local, load_embedder(local.embedder, local.threads))
        files, failed, scopes = discover([kb], kb)
        ingest(files, index, prune_scopes=scopes, failures=failed, batch_size=local.embed_batch)
        assistant = Assistant(local, index, scorer=open_scorer(local, index.name, local.threads))
        outcomes = run(assistant, load_cases(cases_file))
    rows = [o for o in outcomes if o.reply.signals and o.reply.candidate and o.case.reason in ("kb", "low_confidence", "out_of_scope")]
    x = np.array([[float(getattr(o.reply.signals, f)) for f in FEATURES] for o in rows])
    y = np.array([float(answer_verdict(o.case, o.reply.candidate) is Verdict.RESOLVED) for o in rows])
    return x, y


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 4000, lr: float = 0.3) -> ConfidenceModel:
    """Logistic regression on standardised features by gradient descent."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), np.clip((x - mean) / std, -CLIP_SPREADS, CLIP_SPREADS)])
    other = 1 + FEATURES.index("other_language")
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        w[other] = -FALLBACK_PENALTY * std[other - 1]
        p = 1 / (1 + np.exp(-z @ w))
        w -= lr * (z.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]])
    w[other] = -FALLBACK_PENALTY * std[other - 1]
    features = {f: (round(float(m), 4), round(float(s), 4), round(float(v), 4)) for f, m, s, v in zip(FEATURES, mean, std, w[1:])}
    return ConfidenceModel(round(float(w[0]), 4), features)


def scored_auc(model: ConfidenceModel, x: np.ndarray, y: np.ndarray) -> float | None:
    scores = [model(Signals(**{"similarity": 0.0, **dict(zip(FEATURES, row, strict=True))})) for row in x]
    return auc([s for s, t in zip(scores, y, strict=True) if t], [s for s, t in zip(scores, y, strict=True) if not t])


def leave_one_out(dev: dict[str, tuple[np.ndarray, np.ndarray]], scored: dict[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, float | None]:
    """Each KB's AUC under a model fitted on the other KBs' dev splits only: the figure that says
    whether the confidence transfers to a store it was not fitted on."""
    found = {}
    for name, (xs, ys) in scored.items():
        others = [v for k, v in dev.items() if k != name]
        model = fit(np.vstack([x for x, _ in others]), np.concatenate([y for _, y in others]))
        found[name] = scored_auc(model, xs, ys)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write the model to {CONFIDENCE_FILE}")
    parser.add_argument("--leave-one-out", action="store_true", help="also score each KB's test split under a model fitted on the other KBs' dev splits")
    args = parser.parse_args()
    settings = Settings()
    sets = {_name(kb): labelled(kb, cases, settings) for kb, cases in DEV_SPLITS}
    x = np.vstack([xs for xs, _ in sets.values()])
    y = np.concatenate([ys for _, ys in sets.values()])
    model = fit(x, y)
    for name, (xs, ys) in sets.items():
        print(f"{name}: {len(ys)} turns, {int(ys.sum())} right, confidence AUC {scored_auc(model, xs, ys)} (fitted on it and the others)")
    if args.leave_one_out:
        tests = {_name(kb): labelled(kb, cases.with_name("test.jsonl"), settings) for kb, cases in DEV_SPLITS}
        for split, scored in (("dev", sets), ("test", tests)):
            for name, value in leave_one_out(sets, scored).items():
                print(f"leave-one-KB-out, {name} {split}: confidence AUC {value}")
    print(json.dumps(asdict(model), indent=1))
    if args.write:
        CONFIDENCE_FILE.write_text(json.dumps(asdict(model), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {CONFIDENCE_FILE}")


def _name(kb: Path) -> str:
    return kb.parent.name if kb.name == "kb" and kb.parent != ROOT else "sample"


if __name__ == "__main__":
    main()
