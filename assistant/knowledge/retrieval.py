"""Finding the passages that answer a question, in whatever language they are written.

Semantic search finds candidates in every language (one search: a second one restricted to the
customer's language changed no dev metric and cost 2 ms a turn). It is exact, over the vectors
held in memory, not Chroma's approximate (HNSW) query: the graph Chroma builds differs from one
ingest of the same KB to the next, and its query missed 1-3 of the exact top 50 differently each
time, enough to turn a handoff into a question back (sample KB, 1,182 chunks). Exact is also
faster here: 1,182 x 512 floats is one 2.4 MB product. BM25 adds a bonus only to
chunks in the question's own language: fused naively across languages it drowned the
cross-lingual matches (measured on an outside set: hit@5 0.86 -> 0.77). The bonus is added to
the cosine similarity rather than fused by rank, so a weak word match cannot outrank a
strong semantic one. Candidates are then
grouped by document (`doc_key` links a page with its translations), and each document is shown
through its translation in the customer's language when the KB has one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.knowledge.chunks import Hit
from assistant.knowledge.index import KnowledgeIndex
from assistant.knowledge.lexical import BM25, overlap
from assistant.understand.gazetteer import named


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    source: str
    title: str
    headings: str
    lang: str
    doc_key: str
    position: int
    url: str | None
    similarity: float
    score: float
    machine_translated: bool = False

    @classmethod
    def from_hit(cls, hit: Hit, similarity: float, score: float) -> Passage:
        m = hit.metadata
        return cls(
            id=hit.id, text=hit.text, source=str(m.get("source", "")), title=str(m.get("title", "")),
            headings=str(m.get("headings", "")), lang=str(m.get("lang", "")), doc_key=str(m.get("doc_key", "")),
            position=int(m.get("position", 0)), url=str(m["url"]) if m.get("url") else None,
            similarity=similarity, score=score, machine_translated=bool(m.get("machine_translated", False)),
        )


@dataclass(frozen=True)
class Retrieval:
    """The best passage of each matching document, best first; ``ranked`` also holds the
    document's original-language passage when a translation stands in for it."""

    passages: list[Passage]
    ranked: list[Passage]

    @property
    def sources(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in self.ranked:
            seen.setdefault(p.source)
        return list(seen)

    def reordered(self, order: list[int]) -> Retrieval:
        """The same documents, ``passages`` taken in ``order`` (indices), ``ranked`` following them."""
        passages = [self.passages[i] for i in order]
        rank = {p.doc_key: n for n, p in enumerate(passages)}
        ranked = sorted(self.ranked, key=lambda p: rank.get(p.doc_key, len(rank)))
        return Retrieval(passages=passages, ranked=ranked)


class Retriever:
    def __init__(
        self, index: KnowledgeIndex, *, lexical_weight: float = 0.1, language_bonus: float = 0.05, candidates: int = 60
    ) -> None:
        self.index = index
        self.lexical_weight = lexical_weight
        self.language_bonus = language_bonus
        self.candidates = candidates
        self._chunks, self._vectors = index.all_chunks_with_vectors()
        self._row = {c.id: i for i, c in enumerate(self._chunks)}
        self._bm25 = BM25([f"{c.metadata.get('title', '')} {c.metadata.get('headings', '')} {c.text}" for c in self._chunks])
        self._by_lang: defaultdict[str, list[int]] = defaultdict(list)
        self._by_doc: defaultdict[tuple[str, str], list[Hit]] = defaultdict(list)
        self._doc_of_source: dict[str, tuple[str, str]] = {}
        for i, c in enumerate(self._chunks):
            self._by_lang[str(c.metadata.get("lang"))].append(i)
            self._by_doc[(str(c.metadata.get("doc_key")), str(c.metadata.get("lang")))].append(c)
            self._doc_of_source.setdefault(str(c.metadata.get("source", "")), (str(c.metadata.get("doc_key")), str(c.metadata.get("lang"))))
        for chunks in self._by_doc.values():  # each document in its own order, once
            chunks.sort(key=lambda c: int(c.metadata.get("position", 0)))

    @property
    def chunks(self) -> list[Hit]:
        return self._chunks

    @property
    def vector_bytes(self) -> int:
        """The memory the exact search holds: every chunk's vector."""
        return self._vectors.nbytes

    @property
    def languages(self) -> set[str]:
        return set(self._by_lang)

    def retrieve(
        self, query: str, lang: str, k: int = 5, vector: np.ndarray | None = None, exclude: frozenset[str] = frozenset()
    ) -> Retrieval:
        """The ``k`` best documents for ``query``; pass ``vector`` when the query is already embedded.

        Documents whose ``doc_key`` is in ``exclude`` are left out (self-calibration asks what the
        assistant would answer were the right document missing)."""
        vector = self.index.embedder.embed_query(query) if vector is None else vector
        similarity = self._vectors @ vector  # unit vectors: cosine
        rows = [int(r) for r in np.argsort(-similarity, kind="stable")[: self.candidates]]
        bonus: dict[int, float] = {}
        if self.lexical_weight and lang in self._by_lang:
            lexical = self._bm25.scores(query, among=self._by_lang[lang])
            top = max(lexical.values(), default=0.0)
            for row in sorted(lexical, key=lexical.__getitem__, reverse=True)[: self.candidates]:
                bonus[row] = self.lexical_weight * lexical[row] / top
        # Ties keep chunk order, so that the same KB always gives the same answer.
        fused = {r: float(similarity[r]) + bonus.get(r, 0.0) for r in dict.fromkeys([*rows, *bonus]) if self._chunks[r].metadata.get("doc_key") not in exclude}
        ranked = [Passage.from_hit(self._chunks[r], float(similarity[r]), s) for r, s in sorted(fused.items(), key=lambda x: -x[1])]
        return self._by_document(ranked, lang, vector, k)

    def closeness(self, a: str, b: str) -> float:
        """The cosine of two chunks, by id."""
        va, vb = self._vectors_of([a, b])
        return float(va @ vb)

    def closeness_to(self, chunk_id: str, vector: np.ndarray) -> float:
        """The cosine of a chunk, by id, with a query's vector."""
        return float(self._vectors[self._row[chunk_id]] @ vector)

    def _vectors_of(self, ids: list[str]) -> np.ndarray:
        """The vectors of chunks this retriever read, by id, from the matrix it searches."""
        return self._vectors[[self._row[i] for i in ids]]

    def nearest_chunks(self, vector: np.ndarray, k: int, lang: str | None = None) -> list[Hit]:
        """The ``k`` chunks nearest to ``vector`` (only those in ``lang``, when given), scored by
        cosine as `retrieve` scores them, nearest first: what the content team looks at."""
        similarity = self._vectors @ vector
        rows = self._by_lang.get(lang, []) if lang else range(len(self._chunks))
        best = sorted(rows, key=lambda r: -similarity[r])[:k]
        return [Hit(self._chunks[r].id, self._chunks[r].text, float(similarity[r]), self._chunks[r].metadata) for r in best]

    def _by_document(self, ranked: list[Passage], lang: str, vector: np.ndarray, k: int) -> Retrieval:
        best: dict[str, Passage] = {}
        for p in ranked:
            best.setdefault(p.doc_key, p)
        # A document the customer can read in their own language wins a near tie.
        docs = sorted(best.values(), key=lambda p: -(p.score + self.language_bonus * ((p.doc_key, lang) in self._by_doc)))
        shown, order = [], []
        for p in docs[:k]:
            local = self.in_language(p, lang, vector)
            shown.append(local or p)
            order += [local, p] if local and local.id != p.id else [p]
        return Retrieval(passages=shown, ranked=order)

    def in_language(self, passage: Passage, lang: str, vector: np.ndarray) -> Passage | None:
        """The same passage in the translation of its document into ``lang``, if the KB has one."""
        if passage.lang == lang:
            return passage
        translation = self._by_doc.get((passage.doc_key, lang))
        if not translation:
            return None
        original = self._by_doc.get((passage.doc_key, passage.lang), [])
        if len(original) == len(translation):  # same structure: the section at the same position
            twin = next((c for c in translation if int(c.metadata.get("position", -1)) == passage.position), None)
            if twin is not None:
                return Passage.from_hit(twin, passage.similarity, passage.score)
        return self._nearest(translation, vector, passage.score)

    def best_section(self, passage: Passage, vector: np.ndarray) -> Passage:
        """The section of ``passage``'s document (in the same language) nearest to ``vector``."""
        return self._nearest(self._by_doc.get((passage.doc_key, passage.lang), []), vector, passage.score) or passage

    def answering_section(
        self, passage: Passage, vector: np.ndarray, general: bool = False, closeness: Callable[[list[Hit]], np.ndarray] | None = None
    ) -> Passage:
        """``passage``, unless it is its document's overview: then the document's section nearest
        to ``vector``. "Which payment methods can I use?" matches the overview's "This page explains
        which payment methods you can use" best, and the list is in a section. A ``general`` question
        (naming no place, payment method or carrier) is not answered by a section whose headings name
        one ("Payment methods in Asia") while another is left. ``closeness`` scores the sections
        in place of their cosine with ``vector``."""
        if passage.headings:
            return passage
        sections = [c for c in self._by_doc.get((passage.doc_key, passage.lang), []) if c.metadata.get("headings")]
        if not _is_overview(passage.text, sections):
            return passage
        if general:
            sections = [c for c in sections if not named(str(c.metadata["headings"]))] or sections
        return self._nearest(sections, vector, passage.score, closeness) or passage

    def sections(self, doc_key: str, lang: str) -> dict[str, list[Hit]]:
        """The document's top-level sections in ``lang``, in document order: heading -> its chunks."""
        found: dict[str, list[Hit]] = {}
        for c in self._by_doc.get((doc_key, lang), []):
            heading = str(c.metadata.get("headings", "")).split(" > ")[0].strip()
            if heading:
                found.setdefault(heading, []).append(c)
        return found

    def section_titled(self, heading: str, lang: str) -> list[Passage]:
        """The chunks of the one section in ``lang`` whose heading (top-level or its own) is
        ``heading``, in order; empty when none is, or when several documents have one."""
        wanted = heading.strip().casefold()

        def titled(chunk: Hit) -> bool:
            parts = [p.strip().casefold() for p in str(chunk.metadata.get("headings", "")).split(" > ")]
            return wanted in (parts[0], parts[-1])

        docs = {str(self._chunks[i].metadata.get("doc_key")) for i in self._by_lang.get(lang, []) if titled(self._chunks[i])}
        if not wanted or len(docs) != 1:
            return []
        return [Passage.from_hit(c, 1.0, 1.0) for c in self._by_doc[(docs.pop(), lang)] if titled(c)]

    def nearest_of(self, passages: list[Passage], vector: np.ndarray) -> Passage:
        """The one of ``passages`` (not empty) nearest to ``vector``, by USE-m3 cosine."""
        sims = self._vectors_of([p.id for p in passages]) @ vector
        return passages[int(np.argmax(sims))]

    def section_in(self, source: str, lang: str, vector: np.ndarray) -> Passage | None:
        """The section of the document ``source`` (a path as cited) nearest to ``vector`` (the
        text quoted from it), in the document's translation into ``lang``: the section at the
        same place when both have the same structure. None when the KB has it not in ``lang``."""
        doc_key, source_lang = self._doc_of_source.get(source, ("", ""))
        if (doc_key, lang) not in self._by_doc:
            return None
        quoted = self._nearest(self._by_doc.get((doc_key, source_lang), []), vector, 0.0)
        return self.in_language(quoted, lang, vector) if quoted else None

    def section_of(self, source: str, headings: str) -> list[Passage]:
        """The chunks of the section ``headings`` (with its subsections) of the document
        ``source``, in document order; empty when the KB no longer has it."""
        doc_key, lang = self._doc_of_source.get(source, ("", ""))
        inside = [c for c in self._by_doc.get((doc_key, lang), []) if under_section(str(c.metadata.get("headings", "")), headings)]
        return [Passage.from_hit(c, 1.0, 1.0) for c in inside]

    def same_document(self, a: str, b: str) -> bool:
        """Whether the documents ``a`` and ``b`` (paths as cited) are one page, in any of its languages."""
        key_a, key_b = self._doc_of_source.get(a, ("", ""))[0], self._doc_of_source.get(b, ("", ""))[0]
        return bool(key_a) and key_a == key_b

    def nearest_in_sources(self, sources: Sequence[str], vector: np.ndarray) -> Passage | None:
        """The chunk nearest ``vector`` among the documents ``sources`` (paths as cited, each in its
        own language): the section an agent would confirm as the answer."""
        chunks = [c for s in sources for c in self._by_doc.get(self._doc_of_source.get(s, ("", "")), [])]
        return self._nearest(chunks, vector, 1.0)

    def faq_rows(self) -> list[Passage]:
        """Every FAQ row of the KB (a question and its answer, from a CSV or JSONL table)."""
        return [Passage.from_hit(c, 1.0, 1.0) for c in self.chunks if c.metadata.get("kind") == "faq"]

    def document(self, passage: Passage) -> list[Passage]:
        """Every chunk of ``passage``'s document in its language, in document order, with its scores."""
        return [Passage.from_hit(c, passage.similarity, passage.score) for c in self._by_doc.get((passage.doc_key, passage.lang), [])]

    def _nearest(
        self, chunks: list[Hit], vector: np.ndarray, score: float, closeness: Callable[[list[Hit]], np.ndarray] | None = None
    ) -> Passage | None:
        """The chunk nearest ``vector`` (USE-m3 cosine), or scoring best by ``closeness`` when given."""
        if not chunks:
            return None
        sims = closeness(chunks) if closeness else self._vectors_of([c.id for c in chunks]) @ vector
        top = int(np.argmax(sims))
        return Passage.from_hit(chunks[top], float(sims[top]), score)


# An overview names the topics of at least this many of its page's sections (half of a heading's
# words or more). The text before the first heading is one on the sample KB's pages ("This page
# explains ..."), and an answer on FAQ-style pages titled by their question (Liberapay): on the
# dev splits, answering from the nearest section instead raised resolution at 3% wrong from
# 0.47 to 0.58 (sample) when every such text was taken as an overview, but lost two right
# answers on Liberapay; this test keeps those.
OVERVIEW_TOPICS = 2
OVERVIEW_WORDS = 0.5


def _is_overview(text: str, sections: list[Hit]) -> bool:
    """Whether ``text``, before its page's first heading, lists what the ``sections`` cover."""
    headings = {str(c.metadata["headings"]).split(" > ")[0] for c in sections}
    return sum(overlap(h, text) >= OVERVIEW_WORDS for h in headings) >= OVERVIEW_TOPICS


def under_section(headings: str, section: str) -> bool:
    """Whether the heading path ``headings`` is ``section`` or one of its subsections."""
    return headings == section or headings.startswith(section + " > ")
