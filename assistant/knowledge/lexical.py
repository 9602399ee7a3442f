"""BM25 over the knowledge-base chunks, for the words a question shares with a passage.

Words are lower-cased letter runs; Chinese, Japanese and Korean text, written without spaces,
is cut into overlapping character pairs instead.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+")
_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    "a an the and or of to in on for is are be do does did i my me you your we our it this that with at by from "
    "can how what when where which who why will would should there have has el la los las de del y o en un una "
    "es que mi por para le les des du et ou est je mon ma der die das und oder ist ich mein il lo di e che"
    .split()
)  # fmt: skip


def tokenize(text: str) -> list[str]:
    """Search terms of ``text``: words outside CJK runs, character pairs inside them."""
    text = text.lower()
    tokens = [w for w in _WORD.findall(_CJK.sub(" ", text)) if w not in _STOP]
    for run in _CJK.findall(text):
        tokens += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
    return tokens


class BM25:
    """Okapi BM25 over a fixed list of texts."""

    def __init__(self, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        docs = [Counter(tokenize(t)) for t in texts]
        self.lengths = [sum(d.values()) for d in docs]
        self.avg = (sum(self.lengths) / len(docs)) if docs else 0.0
        self.postings: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, tf in doc.items():
                self.postings[term].append((i, tf))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def scores(self, query: str, among: Iterable[int] | None = None) -> dict[int, float]:
        """Score of each text sharing a term with ``query`` (optionally only those in ``among``)."""
        allowed = set(among) if among is not None else None
        out: defaultdict[int, float] = defaultdict(float)
        for term in set(tokenize(query)):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i, tf in self.postings[term]:
                if allowed is not None and i not in allowed:
                    continue
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
                out[i] += idf * tf * (self.k1 + 1) / norm
        return dict(out)


def overlap(query: str, text: str) -> float:
    """Share of the query's search terms that appear in ``text`` (0 when the query has none)."""
    terms = set(tokenize(query))
    return len(terms & set(tokenize(text))) / len(terms) if terms else 0.0


def cjk_chars(text: str) -> int:
    """How many Chinese, Japanese or Korean characters ``text`` holds."""
    return sum(map(len, _CJK.findall(text)))
