"""A second opinion on the few passages retrieval found: multilingual-e5-small.

USE-m3 ranks documents across languages best (CJK and Arabic most of all), but its cosine
separates right answers from wrong ones weakly; e5's separates them far better (AUC 0.92 vs
0.81 on the sample KB's dev split) while ranking CJK and Arabic worse. So USE-m3 retrieves, and
e5 only scores the top passages: one extra query embedding per turn (~11 ms on one core).

Passage vectors live in a companion collection, ``<collection>.e5``, written at ingest. It is
derived data: any chunk it lacks is embedded on the spot (and kept in memory), so a collection
ingested before it existed still works, only slower on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.config import CoreSettings
from assistant.knowledge.chunks import Hit, Metadata, embed_text
from assistant.knowledge.embeddings import Embedder, load_embedder
from assistant.knowledge.index import KnowledgeIndex, open_index

SCORER_EMBEDDER = "e5-small"


def scorer_collection(name: str) -> str:
    return f"{name}.e5"


def open_scorer(settings: CoreSettings, collection: str, threads: int = 1, client: Any = None, embedder: Embedder | None = None) -> PassageScorer:
    """The second opinion for ``collection``: its companion collection, opened or created (through
    ``client`` when given, see `open_index`); ``embedder``, e5 when already loaded."""
    embedder = embedder or load_embedder(SCORER_EMBEDDER, threads)
    return PassageScorer(embedder, open_index(settings, embedder, scorer_collection(collection), client))


class PassageScorer:
    def __init__(self, embedder: Embedder, store: KnowledgeIndex) -> None:
        self.embedder, self.store = embedder, store
        self._computed: dict[str, np.ndarray] = {}

    def reopened(self) -> PassageScorer:
        """The same scorer over its collection opened again (`KnowledgeIndex.reopened`)."""
        fresh = PassageScorer(self.embedder, self.store.reopened())
        fresh._computed = self._computed  # content-addressed ids, as the index's own cache
        return fresh

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder.embed_query(text)

    def similarities(self, query: np.ndarray, passages: Sequence[tuple[str, str, Metadata]]) -> np.ndarray:
        """Cosine of ``query`` (from `embed_query`) with each passage, given as (id, text, metadata)."""
        if not passages:
            return np.zeros(0, dtype=np.float32)
        return self.vectors(passages) @ query

    def vectors(self, passages: Sequence[tuple[str, str, Metadata]]) -> np.ndarray:
        ids = [p[0] for p in passages]
        found = {**self.store.stored_vectors(ids), **{i: self._computed[i] for i in ids if i in self._computed}}
        missing = list({p[0]: p for p in passages if p[0] not in found}.values())
        if missing:
            fresh = self.embedder.embed_documents([embed_text(text, meta) for _, text, meta in missing])
            self._computed.update(zip((p[0] for p in missing), fresh))
            found.update(zip((p[0] for p in missing), fresh))
        return np.asarray([found[i] for i in ids], dtype=np.float32)


class TitleMatch:
    """How well a question names a document's topic: e5's cosine of the question with the
    document's title, and its margin over the best title of any other document.

    A broad question ("How do returns work?") matches no one passage well, and the FAQ rows
    that restate the policy keep the passage margin small, but it names the returns page's topic
    and no other. Leave-one-KB-out on the three dev splits (fit on two, scored on the third),
    these two signals in place of USE-m3's raw cosine (whose range differs from KB to KB) raised
    the confidence's AUC 0.790 -> 0.801 (sample KB), 0.836 -> 0.869 (Liberapay), 0.863 -> 0.880
    (GitHub), and resolution at 3% wrong 0.561 -> 0.573, 0.543 -> 0.617, 0.408 -> 0.447.

    Titles are embedded on first use, in one batch (one per document and language); those the
    ``previous`` match (over the KB before an ingest) had embedded are taken from it."""

    def __init__(self, embedder: Embedder, chunks: Sequence[Hit], previous: TitleMatch | None = None) -> None:
        self.embedder = embedder
        pairs = {(str(c.metadata.get("title", "")) or str(c.metadata.get("source", "")), str(c.metadata.get("doc_key", ""))) for c in chunks}
        ordered = sorted(pairs)
        self._titles = np.array([t for t, _ in ordered], dtype=object)
        self._docs = np.array([d for _, d in ordered], dtype=object)
        self._vectors: np.ndarray | None = None
        self._known = previous.embedded() if previous else {}

    def embedded(self) -> dict[str, np.ndarray]:
        """Title -> vector, for the titles embedded so far."""
        return {} if self._vectors is None else dict(zip(self._titles, self._vectors))

    def vectors(self) -> np.ndarray:
        if self._vectors is None:
            missing = [t for t in dict.fromkeys(self._titles) if t not in self._known]
            found = {**self._known, **dict(zip(missing, self.embedder.embed_documents(missing)))} if missing else self._known
            rows = [found[t] for t in self._titles]
            self._vectors = np.asarray(rows, dtype=np.float32) if rows else np.zeros((0, self.embedder.dim), np.float32)
            self._known = {}
        return self._vectors

    def best(self, query: np.ndarray) -> tuple[str, float]:
        """The document whose title ``query`` matches best, and by how much it beats every other
        document's best title (("", 0.0) for a KB without titles)."""
        sims = self.vectors() @ query
        if not sims.size:
            return "", 0.0
        top = int(np.argmax(sims))
        return str(self._docs[top]), self._against(sims, str(self._titles[top]), str(self._docs[top]))[1]

    def match(self, query: np.ndarray, title: str, doc_key: str) -> tuple[float, float]:
        """(similarity, margin) of ``query`` (from `PassageScorer.embed_query`) with the title of
        ``doc_key``'s page ``title`` (the margin over every other document's titles)."""
        return self._against(self.vectors() @ query, title, doc_key)

    def _against(self, sims: np.ndarray, title: str, doc_key: str) -> tuple[float, float]:
        """The title's cosine among ``sims`` (any of the document's titles when it has no such
        one) and its margin over every other document's best."""
        same = self._docs == doc_key
        own = sims[same & (self._titles == title)]
        own = own if own.size else sims[same]
        best = float(own.max()) if own.size else 0.0
        others = sims[~same]
        return best, best - (float(others.max()) if others.size else 0.0)


def sync_scorer_store(index: KnowledgeIndex, store: KnowledgeIndex, embedder: Embedder, batch_size: int = 1000) -> int:
    """Bring the companion collection in line with ``index``: embed new chunks, drop gone ones.

    Returns how many chunks were embedded. Safe to interrupt: the next run finishes the job."""
    wanted, held = index.ids(), store.ids()
    store.delete(sorted(held - wanted))
    new = [c for c in index.all_chunks() if c.id not in held]
    for start in range(0, len(new), batch_size):
        part = new[start : start + batch_size]
        vectors = embedder.embed_documents([embed_text(c.text, c.metadata) for c in part])
        store.upsert_vectors([c.id for c in part], vectors, [{"source": str(c.metadata.get("source", ""))} for c in part])
    return len(new)
