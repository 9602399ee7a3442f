"""Extractive answers: the sentences of the best passage that answer the question, nothing else.

No text is made up: an answer is a selection of a passage's own sentences, in their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.embeddings import Embedder
from assistant.lexical import overlap
from assistant.retrieval import Passage

# Ends of sentences in Latin, CJK and Arabic script, and list items.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s+|(?<=[。！？])|\n+")
MAX_SENTENCES = 3


@dataclass(frozen=True)
class Answer:
    text: str
    passage: Passage
    sentences: int


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def extract_answer(
    question: str, vector: np.ndarray, passage: Passage, embedder: Embedder, max_sentences: int = MAX_SENTENCES
) -> Answer:
    """The ``max_sentences`` sentences of ``passage`` closest to ``question`` (embedded as ``vector``), in passage order.

    A list keeps its lead-in line, since "Zone 1 covers:" means nothing without what follows it,
    and short passages are returned whole."""
    sentences = split_sentences(passage.text)
    if len(sentences) <= max_sentences:
        return Answer(passage.text.strip(), passage, len(sentences))
    vectors = _sentence_vectors(embedder, sentences)
    scores = vectors @ vector + np.array([0.5 * overlap(question, s) for s in sentences])
    keep = sorted(np.argsort(-scores)[:max_sentences].tolist())
    if any(sentences[i].lstrip().startswith(("-", "*", "•")) for i in keep) and 0 not in keep:
        keep = [0] + keep[: max_sentences - 1]
    chosen = [sentences[i] for i in keep]
    return Answer(_join(chosen, passage.lang), passage, len(chosen))


_SENTENCES: dict[tuple[str, str], np.ndarray] = {}
SENTENCE_CACHE = 20_000


def _sentence_vectors(embedder: Embedder, sentences: list[str]) -> np.ndarray:
    """KB sentences recur from question to question, so their vectors are kept."""
    missing = [s for s in dict.fromkeys(sentences) if (embedder.name, s) not in _SENTENCES]
    if missing:
        if len(_SENTENCES) > SENTENCE_CACHE:
            _SENTENCES.clear()
        _SENTENCES.update({(embedder.name, s): v for s, v in zip(missing, embedder.embed_documents(missing))})
    return np.asarray([_SENTENCES[(embedder.name, s)] for s in sentences])


def _join(sentences: list[str], lang: str) -> str:
    if any(s.lstrip().startswith(("-", "*", "•")) for s in sentences):
        return "\n".join(sentences)
    return ("" if lang in ("zh", "ja") else " ").join(sentences)
