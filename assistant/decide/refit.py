"""The store's own threshold, refitted from what its team and customers said about answers.

Self-calibration at ingest guesses the threshold from the KB's own questions; a store's traffic
says more. Every question an agent resolved after a low-confidence handoff is a label: had the
assistant answered from the page it found first, would that have been right? (Right when the
agent confirmed a section of that page; wrong when the agent answered from another page or in
their own words.) A thumbs on an answer sent is a label too.

The threshold is lowered only over a band of labelled questions that were answered right often
enough that, even at the pessimistic end of what they show (a Wilson bound), answering them
keeps wrong answers rare. It is never raised from labels: a thumbs-down says as often that the
customer disliked the policy as that the answer was wrong.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# A band must hold MIN_BAND labels and be wrong in at most BAND_WRONG of them at the Wilson bound
# (z = BOUND_Z): at least 20 labels with none wrong. Looser bands do move on the dev splits, and
# cost more than they bring: the labels just below the sample KB's calibrated 0.832 are right 4
# times in 5, and a band allowed 15% wrong went to 0.645 and took the second half of the traffic
# from 0.59 resolved at 2.6% wrong to 0.80 at 8.3% (GitHub, Liberapay: no move). Replayed on the
# dev splits' per-case confidences (docs/learned.md).
MIN_BAND = 20
BAND_WRONG = 0.05
BOUND_Z = 1.0


@dataclass(frozen=True)
class Label:
    """One answer judged by the store: its confidence, and whether it was (or would have been) right."""

    confidence: float
    right: bool


@dataclass(frozen=True)
class Refit:
    threshold: float
    labels: int  # all the store's labels
    band: int  # the labelled questions between the refit threshold and the KB's own
    band_wrong: int  # ... of which the answer found first was wrong


def wilson_upper(wrong: int, n: int, z: float = BOUND_Z) -> float:
    """The upper end of the Wilson interval of a share of ``wrong`` in ``n``."""
    if n == 0:
        return 1.0
    p, z2 = wrong / n, z * z
    return (p + z2 / (2 * n) + z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n)


def refit_threshold(labels: Sequence[Label], current: float) -> Refit | None:
    """The lowest threshold below ``current`` whose band of labelled questions ([threshold,
    current)) holds at least MIN_BAND labels, wrong in at most BAND_WRONG of them at the Wilson
    bound; None when no band does (the KB's own threshold stays)."""
    below = sorted((label for label in labels if label.confidence < current), key=lambda label: -label.confidence)
    chosen: Refit | None = None
    wrong = 0
    for n, label in enumerate(below, 1):
        wrong += not label.right
        if n >= MIN_BAND and wilson_upper(wrong, n) <= BAND_WRONG:
            chosen = Refit(round(label.confidence, 4), len(labels), n, wrong)
    return chosen
