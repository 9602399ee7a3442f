"""Content gaps: the questions the assistant could not answer, grouped by meaning across languages.

The store's content team reads the biggest groups first and writes what the KB lacks. The
questions are embedded with the assistant's multilingual embedder, so "Do you ship to Norway?"
and "¿Envían a Noruega?" fall in one group; each group names the KB document nearest to it (a
document that exists but did not answer is a different fix from a missing one).

Cost, measured on 2,000 questions with USE-m3 (512 dimensions, one core, 2026-11): the clustering
takes 0.03 s when they fall in ~20 groups and 0.35 s in the worst case of 2,000 unrelated questions
(one matrix-vector product per question against the groups so far); embedding them takes ~2.6 s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from assistant.knowledge.embeddings import Embedder

# Cosine similarity to a group's centre that joins it. USE-m3 puts one question in two languages at
# 0.6-0.8 and unrelated shop questions below 0.45 (see tests/assistant/test_gaps.py).
JOIN_SIMILARITY = 0.55
EXAMPLES = 5


class GapKind(str, Enum):
    """Why a question counts as unanswered."""

    NOT_ANSWERED = "not_answered"  # handed off for low confidence, out of scope or repeated failure
    THUMBS_DOWN = "thumbs_down"  # answered, and the customer gave the answer a thumbs-down


@dataclass(frozen=True)
class GapQuestion:
    text: str  # as the customer wrote it, cards and emails masked
    lang: str
    kind: GapKind


@dataclass(frozen=True)
class KbDocument:
    title: str
    source: str
    similarity: float


@dataclass(frozen=True)
class Gap:
    size: int
    examples: tuple[GapQuestion, ...]  # distinct texts, nearest to the group's centre first
    languages: tuple[str, ...]  # most asked first
    nearest: KbDocument | None

    def to_dict(self) -> dict:
        return {
            "size": self.size, "languages": list(self.languages),
            "examples": [{"text": q.text, "lang": q.lang, "kind": q.kind.value} for q in self.examples],
            "nearest_document": None if self.nearest is None else {
                "title": self.nearest.title, "source": self.nearest.source, "similarity": round(self.nearest.similarity, 3)
            },
        }  # fmt: skip


def cluster(vectors: np.ndarray, join: float = JOIN_SIMILARITY) -> list[list[int]]:
    """Row indices of L2-normalised ``vectors`` grouped by meaning, biggest group first.

    One leader pass (a row joins the group whose centre is nearest when at least ``join`` close,
    else starts one), then each row moves to the nearest final centre, so early rows are not
    stuck with a centre that drifted away. Deterministic for a given order of rows."""
    if len(vectors) == 0:
        return []
    sums, centres = np.zeros_like(vectors), np.zeros_like(vectors)
    groups = 0
    for row in vectors:
        near = int(np.argmax(centres[:groups] @ row)) if groups else -1
        if near < 0 or float(centres[near] @ row) < join:
            near, groups = groups, groups + 1
        sums[near] += row
        centres[near] = sums[near] / np.linalg.norm(sums[near])
    centres = centres[:groups]
    assigned = np.argmax(vectors @ centres.T, axis=1)
    members = [[int(i) for i in np.flatnonzero(assigned == g)] for g in range(groups)]
    return sorted((m for m in members if m), key=lambda m: (-len(m), m[0]))


def find_gaps(
    questions: Sequence[GapQuestion], embedder: Embedder, nearest: Callable[[str, str, np.ndarray], KbDocument | None]
) -> list[Gap]:
    """The groups of ``questions``, biggest first. ``nearest(text, lang, vector)`` names the KB
    document closest to a group (the retriever's best for its most central question)."""
    if not questions:
        return []
    vectors = embedder.embed_queries([q.text for q in questions])
    gaps = []
    for members in cluster(vectors):
        centre = vectors[members].sum(axis=0)
        centre /= np.linalg.norm(centre)
        ordered = [questions[members[i]] for i in np.argsort(-(vectors[members] @ centre), kind="stable")]
        central = ordered[0]
        gaps.append(Gap(
            size=len(members), examples=_distinct(ordered)[:EXAMPLES], languages=_by_count([q.lang for q in ordered]),
            nearest=nearest(central.text, central.lang, centre),
        ))  # fmt: skip
    return gaps


def _distinct(questions: list[GapQuestion]) -> tuple[GapQuestion, ...]:
    seen: dict[str, GapQuestion] = {}
    for q in questions:
        seen.setdefault(q.text.strip().casefold(), q)
    return tuple(seen.values())


def _by_count(langs: list[str]) -> tuple[str, ...]:
    counts = {lang: langs.count(lang) for lang in dict.fromkeys(langs)}
    return tuple(sorted(counts, key=lambda lang: -counts[lang]))
