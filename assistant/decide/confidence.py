"""How sure an answer is: a logistic model over the signals retrieval and extraction give."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant import DATA_DIR


@dataclass(frozen=True)
class Signals:
    """What the confidence of an answer is computed from."""

    similarity: float  # USE-m3 cosine of the question and the chosen passage
    margin: float  # ... minus that of the best passage of another document
    overlap: float  # share of the question's words found in the passage
    other_language: bool  # the answer is not in the customer's language
    e5_similarity: float  # e5 cosine of the question and the chosen passage (see assistant/knowledge/scoring.py)
    e5_margin: float  # ... minus that of the best passage of another document
    agreement: bool  # e5 alone would have chosen the same document
    title_similarity: float  # e5 cosine of the question and the chosen document's title
    title_margin: float  # ... minus that of the best title of another document


@dataclass(frozen=True)
class ConfidenceModel:
    """Logistic regression over standardised signals: each feature is centred and scaled by the
    mean and spread it had in the fit, so weights compare and the fit does not hinge on the raw
    range of one embedder's cosines (e5's sit in a narrow band around 0.8)."""

    bias: float
    features: dict[str, tuple[float, float, float]]  # name -> (mean, std, weight)

    def __call__(self, signals: Signals) -> float:
        z = self.bias
        for name, (mean, std, weight) in self.features.items():
            z += weight * _clipped((float(getattr(signals, name)) - mean) / (std or 1.0))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


# A signal further than this many spreads from its mean counts as this far. On a KB of one
# page every margin is the cosine itself (there is no other document), 20 spreads out, and any
# question, however unrelated, scored a confidence of 1.0.
CLIP_SPREADS = 3.0


def _clipped(z: float) -> float:
    return max(-CLIP_SPREADS, min(CLIP_SPREADS, z))


CONFIDENCE_FILE = DATA_DIR / "confidence.json"


@cache
def confidence_model(path: Path = CONFIDENCE_FILE) -> ConfidenceModel:
    """The fitted model, written by `python -m evals.calibrate --write` (see that file for the data)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return ConfidenceModel(float(data["bias"]), {k: tuple(v) for k, v in data["features"].items()})


def confidence(signals: Signals, model: ConfidenceModel | None = None) -> float:
    return (model or confidence_model())(signals)


# The signals of a turn that found nothing to answer from.
NO_SIGNALS = Signals(0.0, 0.0, 0.0, False, 0.0, 0.0, False, 0.0, 0.0)
