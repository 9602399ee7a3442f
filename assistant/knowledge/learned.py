"""Learned answers: what the team confirmed answered a customer, matched question to question.

An agent who resolves a case says what answered it: a KB section, their own reply, or nothing
reusable. Each confirmation keeps the customer's question (masked) beside the answer; a later
message close enough to one of those questions is answered the same way. Question-to-question
similarity is what the multilingual embedders are good at (a paraphrase in another language
lands near the original), where question-to-passage similarity is what the confidence fails on:
offline, on a store's independent eval set, answering from the nearest remembered question at
USE-m3 cosine >= 0.70 resolved 0.36 of the next 80 answerable questions at 1% wrong after 80
handoffs (see docs/evaluation.md).

This module is pure: the API stores learned answers in its database and hands the core the
active ones; the eval's learning curve keeps them in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np

from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.kb import KnowledgeBase


class AnswerKind(str, Enum):
    SECTION = "section"  # a section of the KB, by its document's path and heading path
    TEXT = "text"  # the agent's own words, in one language


class LearnedStatus(str, Enum):
    DRAFT = "draft"  # waits for a second approval (TRIAGE_LEARNED_APPROVAL=2)
    ACTIVE = "active"  # answers customers
    PAUSED = "paused"  # a thumbs-down or a reopened case took it out of service until reviewed
    RETIRED = "retired"  # kept for the record, never used


@dataclass(frozen=True)
class LearnedQuestion:
    text: str  # masked: cards, emails, order numbers and names never kept
    lang: str


@dataclass(frozen=True)
class LearnedAnswer:
    id: str
    kind: AnswerKind
    questions: tuple[LearnedQuestion, ...]
    lang: str  # of the text, or of the section's document as confirmed
    source: str | None = None  # SECTION: the document's path as cited
    headings: str | None = None  # SECTION: the section's heading path ("Returns > Hygiene items")
    text: str | None = None  # TEXT: the answer
    status: LearnedStatus = LearnedStatus.ACTIVE


@dataclass(frozen=True)
class Match:
    answer: LearnedAnswer
    question: LearnedQuestion
    similarity: float


class LearnedIndex:
    """Every active learned question's vector in one matrix: a match is one matrix product."""

    def __init__(
        self,
        answers: Sequence[LearnedAnswer],
        embedder: Embedder,
        threshold: float,
        across: float,
        previous: LearnedIndex | None = None,
        agreed: float | None = None,
    ) -> None:
        """``threshold`` for a question in the message's language, ``across`` for one in another
        (USE-m3 puts a question and its translation at 0.65-0.75, a same-language paraphrase at
        0.8-0.95); ``previous``, the index these answers grew from, lends the vectors it knew;
        ``agreed``, the floor of a match in any language that the search must confirm (`Finder._agreed`)."""
        self.threshold, self.across, self.agreed = threshold, across, agreed
        self._rows = [(a, q) for a in answers if a.status is LearnedStatus.ACTIVE for q in a.questions]
        known = previous._known if previous is not None else {}
        new = list(dict.fromkeys(q.text for _, q in self._rows if q.text not in known))
        self._known: dict[str, np.ndarray] = {**known, **dict(zip(new, embedder.embed_queries(new), strict=True))} if new else dict(known)
        self._vectors = np.array([self._known[q.text] for _, q in self._rows]) if self._rows else np.zeros((0, 1), dtype=np.float32)
        self._langs = np.array([q.lang for _, q in self._rows])

    def __len__(self) -> int:
        return len(self._rows)

    def match(self, vector: np.ndarray, lang: str, floor: float | None = None) -> Match | None:
        """The learned answer whose question is nearest ``vector`` (a message in ``lang``), by how
        far it clears its threshold, when one does; with ``floor``, by how far it clears ``floor``
        in any language instead."""
        if not self._rows:
            return None
        sims = self._vectors @ vector
        margins = sims - (floor if floor is not None else np.where(self._langs == lang, self.threshold, self.across))
        best = int(np.argmax(margins))
        if float(margins[best]) < 0:
            return None
        answer, question = self._rows[best]
        return Match(answer, question, float(sims[best]))



def faq_answers(kb: KnowledgeBase) -> list[LearnedAnswer]:
    """The KB's own FAQ rows as learned answers: each row's question answers like the row."""
    return [
        LearnedAnswer(f"faq:{p.id}", AnswerKind.SECTION, (LearnedQuestion(p.headings, p.lang),), p.lang, source=p.source, headings=p.headings)
        for p in kb.retriever.faq_rows()
        if p.headings
    ]


def taught(answers: Sequence[LearnedAnswer], new: LearnedAnswer) -> list[LearnedAnswer]:
    """``answers`` once ``new`` is confirmed: its questions join an answer that says the same (the
    same section, or the same text) instead of making a second one."""
    same = next((a for a in answers if _same_answer(a, new)), None)
    if same is None:
        return [*answers, new]
    joined = replace(same, questions=tuple(dict.fromkeys([*same.questions, *new.questions])))
    return [joined if a is same else a for a in answers]


def _same_answer(a: LearnedAnswer, b: LearnedAnswer) -> bool:
    if a.kind is not b.kind:
        return False
    if a.kind is AnswerKind.SECTION:
        return (a.source, a.headings) == (b.source, b.headings)
    return " ".join((a.text or "").split()) == " ".join((b.text or "").split()) and a.lang == b.lang
