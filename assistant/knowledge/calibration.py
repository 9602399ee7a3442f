"""Self-calibration: the answer threshold for one knowledge base, chosen from the KB itself.

The confidence model is fitted once, on several KBs; where its scores fall on a new KB is not
known in advance (on an outside KB the shipped 0.75 answered 14% of what it could at 5% wrong).
So at ingest the KB is asked its own questions: each FAQ question and each section heading,
in its own language. Asked with the whole KB, a question shows how sure the assistant is when
the answer is there (right when it picks the question's own document); asked again with that
document left out, it shows how sure the assistant is when the answer is missing, which is
wrong by construction. The threshold is the lowest at which wrong answers stay within the target
rate (TRIAGE_TARGET_WRONG_RATE), with unanswerable questions weighed at their share of real traffic.

Stores state facts twice (an FAQ row, a quick answer and a policy page): an answer from another
document whose passage says what the question's own says is right, and a left-out ask answered
that way is no unanswerable question, so it is not counted.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads a Calibration without loading Chroma or numpy
    from assistant.knowledge.chunks import Hit, Metadata
from assistant.knowledge.index import KnowledgeIndex

# Enough asks for a stable estimate (the threshold moved by <0.01 between 150 and 300 on the
# sample KB) at two turns each, ~5 s at ingest.
MAX_QUESTIONS = 150
MIN_QUESTIONS = 20
HEADING_MIN_CHARS = 8
# A first sentence asked as a question: long enough to say something, short enough to be one.
SENTENCE_CHARS = (15, 200)
# Share of the questions the confidence decides that the KB cannot answer: 14-15% on each of the
# three dev splits (sample KB 40 of 295, Liberapay 14 of 95, GitHub policies 12 of 88). Weighing
# the left-out asks as half of all traffic set a threshold of 0.94 on the sample KB, which also
# states many facts twice (FAQ rows, quick answers), so a left-out document is often still answered.
UNANSWERABLE_SHARE = 0.15

# Passages this close (USE-m3 cosine) say the same thing. Chosen on the three dev KBs: with it the
# thresholds went 0.890 -> 0.820 (sample KB; dev resolution 0.29 -> 0.47 at 1.6% wrong),
# 0.788 -> 0.776 (Liberapay; 0.58 -> 0.61, wrong 4.3% -> 5.2%), 0.749 -> 0.719 (GitHub; 0.26 -> 0.30,
# wrong 2.7%); at 0.7 GitHub went to 3.6% wrong, at 0.9 the sample KB stayed at 0.35.
SAME_PASSAGE = 0.8

# The KB's own questions are easier than customers' in some KBs and harder in others, so the
# threshold they pick is drawn this far toward PRIOR_THRESHOLD: the mean of the best thresholds in
# hindsight (at most 3% wrong) on the three dev splits with the current confidence model, 0.807
# (sample KB), 0.763 (Liberapay) and 0.803 (GitHub), from `triage eval --all`. Their own questions
# picked 0.870, 0.731 and 0.826. Checked leaving each KB out of the mean: halfway to the other two's
# mean gives 0.826, 0.768 and 0.806, nearer the best on all three. Refitting the confidence model
# moves these numbers: measure them again.
PRIOR_THRESHOLD = 0.791
# Said by `triage ingest`, `triage kb stats` and /readyz when a KB has no threshold of its own.
NOT_CALIBRATED = (
    "the answer threshold could not be calibrated on this KB (too few questions of its own, or no threshold keeps "
    "wrong answers within TRIAGE_TARGET_WRONG_RATE): the default 0.75 applies, which is not fitted to this KB. "
    "Add FAQ rows or headings to the KB, or set TRIAGE_ANSWER_THRESHOLD; agents' confirmed answers help either way."
)
PRIOR_WEIGHT = 0.5

# (question text, its language, the document it belongs to, the chunk it comes from)
PseudoQuestion = tuple[str, str, str, str]


@dataclass(frozen=True)
class Assessed:
    """What the assistant would do with a lone question: its confidence, and the document and
    passage it would answer from (None when it found nothing)."""

    confidence: float
    doc_key: str | None
    passage_id: str | None


# The assistant on a question in a language, with some documents left out.
Assess = Callable[[str, str, frozenset[str]], Assessed]
# The cosine of two chunks' vectors, by id.
Closeness = Callable[[str, str], float]


@dataclass(frozen=True)
class Calibration:
    threshold: float
    target_wrong_rate: float
    questions: int
    estimated_resolution: float  # share of the KB's own questions answered right at ``measured``
    measured: float  # the threshold the KB's own questions picked, before it is drawn to the prior
    model: str = ""  # the confidence model it was chosen for (`model_id`); "" when stored before this was kept

    def to_metadata(self) -> Metadata:
        return {
            "calibrated_threshold": self.threshold, "target_wrong_rate": self.target_wrong_rate,
            "calibration_questions": self.questions, "calibration_resolution": self.estimated_resolution,
            "calibration_measured": self.measured, "calibration_model": self.model,
        }  # fmt: skip

    @classmethod
    def from_metadata(cls, notes: dict) -> Calibration | None:
        if "calibrated_threshold" not in notes:
            return None
        threshold = float(notes["calibrated_threshold"])
        return cls(
            threshold, float(notes["target_wrong_rate"]), int(notes["calibration_questions"]),
            float(notes["calibration_resolution"]), float(notes.get("calibration_measured", threshold)),
            str(notes.get("calibration_model", "")),
        )

    @property
    def current(self) -> bool:
        """Whether it was chosen for the confidence model and prior in use: a threshold chosen for
        other weights means nothing for these."""
        return self.model == model_id()

    def toward_prior(self) -> Calibration:
        """The threshold drawn PRIOR_WEIGHT of the way from ``measured`` to PRIOR_THRESHOLD."""
        return replace(self, threshold=round(PRIOR_WEIGHT * PRIOR_THRESHOLD + (1 - PRIOR_WEIGHT) * self.measured, 3))


def model_id() -> str:
    """A short fingerprint of the confidence model's weights and the prior the threshold is drawn to."""
    # imported here: assistant.triage loads numpy, and the CLI reads a Calibration without it
    from assistant.decide.confidence import CONFIDENCE_FILE

    return hashlib.sha256(CONFIDENCE_FILE.read_bytes() + f"{PRIOR_THRESHOLD}:{PRIOR_WEIGHT}".encode()).hexdigest()[:12]


def pseudo_questions(chunks: Sequence[Hit], limit: int = MAX_QUESTIONS, seed: int = 7) -> list[PseudoQuestion]:
    """FAQ questions and section headings, one per chunk, at most ``limit`` (a fixed sample). A
    chunk with no heading of its own (a page of plain paragraphs) asks its first sentence: an
    outside KB of 105 ordinary pages gave too few headings, and its threshold fell back to the
    default without a word."""
    found: dict[tuple[str, str], PseudoQuestion] = {}
    for chunk in chunks:
        m = chunk.metadata
        if m.get("machine_translated"):
            continue
        heading = str(m.get("headings", "")).split(" > ")[-1].strip()
        asked = heading if len(heading) >= HEADING_MIN_CHARS else _first_sentence(chunk.text)
        if asked:
            found.setdefault((asked, str(m.get("lang"))), (asked, str(m.get("lang")), str(m.get("doc_key")), chunk.id))
    questions = sorted(found.values())
    return random.Random(seed).sample(questions, limit) if len(questions) > limit else questions


def _first_sentence(text: str) -> str | None:
    """The chunk's first sentence, when it is of a question's length."""
    first = re.split(r"(?<=[.!?。！？])\s*", text.strip(), maxsplit=1)[0].strip()
    return first if SENTENCE_CHARS[0] <= len(first) <= SENTENCE_CHARS[1] else None


def calibrate(assess: Assess, questions: Sequence[PseudoQuestion], target: float, closeness: Closeness | None = None) -> Calibration | None:
    """The lowest threshold keeping wrong answers within ``target``; None with too few questions.

    With ``closeness``, an answer from a passage at SAME_PASSAGE or closer to the question's own
    chunk is a restatement (see the module's doc)."""
    if len(questions) < MIN_QUESTIONS:
        return None

    def restates(found: Assessed, chunk: str) -> bool:
        return closeness is not None and found.passage_id is not None and closeness(found.passage_id, chunk) >= SAME_PASSAGE

    present, missing = [], []  # (confidence, right) with the question's document, confidence without
    for text, lang, doc_key, chunk in questions:
        found = assess(text, lang, frozenset())
        present.append((found.confidence, found.doc_key == doc_key or restates(found, chunk)))
        left_out = assess(text, lang, frozenset({doc_key}))
        if not restates(left_out, chunk):
            missing.append(left_out.confidence)
    n, m = len(questions), max(len(missing), 1)
    for threshold in sorted({round(s, 3) for s, _ in present} | {round(s, 3) for s in missing} | {1.0}):
        wrong_when_there = sum(s >= threshold and not right for s, right in present) / n
        answered_when_missing = sum(s >= threshold for s in missing) / m
        if (1 - UNANSWERABLE_SHARE) * wrong_when_there + UNANSWERABLE_SHARE * answered_when_missing <= target:
            resolved = sum(s >= threshold and right for s, right in present) / n
            return Calibration(threshold, target, n, round(resolved, 3), threshold)
    return None


def calibrate_index(index: KnowledgeIndex, assess: Assess, target: float) -> Calibration | None:
    """Calibrate, draw toward the prior, and record the result with the collection (`triage kb
    stats` shows it)."""
    result = calibrate(assess, pseudo_questions(index.all_chunks()), target, index.closeness)
    if result is not None:
        result = replace(result.toward_prior(), model=model_id())
        index.annotate(result.to_metadata())
    return result
