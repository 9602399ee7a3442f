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

import numpy as np

from assistant.config import Settings
from assistant.embeddings import Embedder, load_embedder
from assistant.index import KnowledgeIndex, Metadata, embed_text, open_index

SCORER_EMBEDDER = "e5-small"


def scorer_collection(name: str) -> str:
    return f"{name}.e5"


def open_scorer(settings: Settings, collection: str, threads: int = 1) -> PassageScorer:
    """The second opinion for ``collection``: its companion collection, opened or created."""
    embedder = load_embedder(SCORER_EMBEDDER, threads)
    return PassageScorer(embedder, open_index(settings, embedder, scorer_collection(collection)))


class PassageScorer:
    def __init__(self, embedder: Embedder, store: KnowledgeIndex) -> None:
        self.embedder, self.store = embedder, store
        self._computed: dict[str, np.ndarray] = {}

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
