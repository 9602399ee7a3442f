"""The retriever's candidates are the chunks truly nearest to the question, whatever the store's
approximate index would return."""

from __future__ import annotations

import numpy as np

from assistant.knowledge.chunks import Hit
from assistant.knowledge.embeddings import as_chroma_function
from assistant.knowledge.index import open_index
from assistant.knowledge.retrieval import Retriever
from assistant.knowledge.store import chroma_client

CHUNKS = 400  # past the 100 vectors Chroma searches exactly before it builds its graph
LANGS = ("en", "es")


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def test_candidates_are_the_exact_nearest_chunks(embedded_settings, use_m3):
    """A store whose approximate index is as coarse as Chroma allows (one neighbour searched):
    the passages found are still the nearest by cosine, so the same KB answers the same way
    however its graph came out at ingest."""
    client = chroma_client(embedded_settings)
    client.create_collection(
        embedded_settings.collection,
        embedding_function=as_chroma_function(use_m3),
        metadata={"embedder": use_m3.name, "embedder_dim": use_m3.dim},
        configuration={"hnsw": {"space": "cosine", "ef_search": 1, "ef_construction": 1, "max_neighbors": 2}},
    )
    index = open_index(embedded_settings, use_m3, client=client)
    rng = np.random.default_rng(7)
    vectors = _unit(rng.normal(size=(CHUNKS, use_m3.dim)))
    chunks = [
        Hit(f"c{i}", f"passage {i}", 0.0, {"source": f"p{i}.md", "lang": LANGS[i % 2], "doc_key": f"p{i}", "position": 0, "title": f"Page {i}"})
        for i in range(CHUNKS)
    ]
    index.upsert(chunks, vectors)
    retriever = Retriever(open_index(embedded_settings, use_m3, client=client), lexical_weight=0.0, language_bonus=0.0, candidates=10)
    for query in _unit(rng.normal(size=(25, use_m3.dim))):
        order = np.argsort(-(vectors @ query))
        exact = [f"c{r}" for r in order[:10]]
        assert [p.id for p in retriever.retrieve("", "en", k=10, vector=query).passages] == exact
        # what `triage kb search` shows: the same, and with --lang only that language's
        assert [h.id for h in retriever.nearest_chunks(query, 10)] == exact
        assert [h.id for h in retriever.nearest_chunks(query, 5, "es")] == [f"c{r}" for r in order if r % 2][:5]
