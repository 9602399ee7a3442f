"""The knowledge-base index: one Chroma collection of chunks, embedded or behind `chroma run`.

The collection records which embedder built it (metadata ``embedder`` and ``embedder_dim``);
opening it with another embedder is refused, because its vectors would not be comparable.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import COLLECTION_NAME, CoreSettings
from assistant.errors import ConfigError, EmbedderMismatchError
from assistant.knowledge.chunks import Chunk, Hit, Metadata, StoredFile
from assistant.knowledge.embeddings import Embedder, as_chroma_function
from assistant.knowledge.store import (
    STORE,
    chroma_client,
    live_store,
    persistent_client,
)

# Chunk vectors kept in memory by `KnowledgeIndex.embeddings` (512 floats each: 2 KB).
VECTOR_CACHE = 50_000
# The collection's note of what it holds, written by ingest when it finishes (`mark_generation`):
# running servers compare it with the one they read and read the KB again when it moved.
GENERATION = "kb_generation"


class KnowledgeIndex:
    def __init__(self, collection: Any, embedder: Embedder, client: Any, store: Path | None = None) -> None:
        self._collection = collection
        self._client = client  # the chromadb client that opened it, to open it again
        self.store = store  # the embedded store's folder it was opened from; None over `chroma run`
        self.embedder = embedder
        self.batch_size = 1000
        self._vectors: dict[str, np.ndarray] = {}

    @property
    def name(self) -> str:
        return self._collection.name

    def count(self) -> int:
        return self._collection.count()

    @property
    def notes(self) -> Metadata:
        """What the collection records about itself: its embedder and, once calibrated, its threshold."""
        return dict(self._collection.metadata or {})

    def annotate(self, values: Metadata) -> None:
        """Add ``values`` to the collection's metadata, keeping what is there."""
        self._collection.modify(metadata={**self.notes, **values})

    @property
    def generation(self) -> str | None:
        """What the collection held when this handle opened it (see `mark_generation`)."""
        found = self.notes.get(GENERATION)
        return str(found) if found is not None else None

    def current_generation(self) -> str | None:
        """The generation the store holds now: one metadata read (the handle's notes are as opened)."""
        found = (self._client.get_collection(self.name, embedding_function=as_chroma_function(self.embedder)).metadata or {}).get(GENERATION)
        return str(found) if found is not None else None

    def changed_since(self, generation: str | None) -> bool:
        """Whether an ingest has finished changing the KB since ``generation`` was read: an embedded
        store another was published in place of (a look at one small file), or a generation mark
        that moved (one metadata read; not while a rebuilt collection has none yet)."""
        if self.store is not None and live_store(self._root) != self.store:
            return True
        return self.current_generation() not in (None, generation)

    def mark_generation(self) -> str:
        """Record a fingerprint of what the collection holds (its chunk ids, content-addressed, and
        its other notes, such as the threshold), so that running servers see ingest changed it."""
        notes = {k: v for k, v in self.notes.items() if k != GENERATION}
        digest = hashlib.sha256(json.dumps([sorted(self.ids()), notes], sort_keys=True).encode()).hexdigest()[:16]
        if self.notes.get(GENERATION) != digest:
            self.annotate({GENERATION: digest})
        return digest

    def reopened(self) -> KnowledgeIndex:
        """The same collection opened again: its notes as they are now, the collection ingest made
        in its place if it was dropped and rebuilt, and in the embedded store the store published
        since, with a client of its own (`close` lets go of this one). The vector cache is shared:
        ids are content-addressed, so a cached vector is never wrong, only perhaps no longer stored."""
        store = live_store(self._root) if self.store is not None else None
        client = self._client if store is None else persistent_client(store)
        collection = client.get_collection(self.name, embedding_function=as_chroma_function(self.embedder))
        fresh = KnowledgeIndex(collection, self.embedder, client, store)
        fresh.batch_size, fresh._vectors = self.batch_size, self._vectors
        return fresh

    def close(self) -> None:
        """Let go of an embedded store (its last handle frees the memory it holds); a handle on
        `chroma run` holds nothing to free."""
        if self.store is not None:
            self._client.close()

    @property
    def _root(self) -> Path:
        """The embedded store's root, where ``CURRENT`` is."""
        assert self.store is not None  # only asked of an embedded store
        return self.store.parent if self.store.name.startswith(STORE) else self.store

    def _pages(self, include: list[str], page: int = 5000) -> Iterator[dict[str, Any]]:
        """The whole collection, ``page`` chunks at a time."""
        offset = 0
        while True:
            got = self._collection.get(include=include, limit=page, offset=offset)
            yield got
            if len(got["ids"]) < page:
                return
            offset += page

    def iter_metadata(self) -> Iterator[tuple[str, Metadata]]:
        for got in self._pages(["metadatas"]):
            yield from zip(got["ids"], got["metadatas"])

    def all_chunks(self) -> list[Hit]:
        """Every chunk with its text and metadata (score 0), e.g. to build a lexical index."""
        return [Hit(i, d, 0.0, m) for got in self._pages(["documents", "metadatas"]) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def all_chunks_with_vectors(self) -> tuple[list[Hit], np.ndarray]:
        """Every chunk as `all_chunks` gives it, and its vector in the same row, read in one pass."""
        chunks, rows = [], [np.zeros((0, self.embedder.dim), np.float32)]
        for got in self._pages(["documents", "metadatas", "embeddings"]):
            chunks += [Hit(i, d, 0.0, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]
            rows.append(np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), self.embedder.dim))
        return chunks, np.concatenate(rows)

    def embeddings(self, ids: list[str]) -> np.ndarray:
        """The stored vectors of ``ids``, in that order. An id no longer stored (an ingest deleted
        it after the caller read the chunks, and before the server read the KB again) gets zeros:
        it then matches nothing, and the turn goes on."""
        found = self.stored_vectors(ids)
        gone = np.zeros(self.embedder.dim, dtype=np.float32)
        return np.asarray([found.get(i, gone) for i in ids], dtype=np.float32)

    def closeness(self, a: str, b: str) -> float:
        """The cosine of two chunks' stored vectors, by id."""
        va, vb = self.embeddings([a, b])
        return float(va @ vb)

    def stored_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The vectors stored for those of ``ids`` the collection holds.

        Kept in memory once read: ids are content-addressed, so an id's vector never changes."""
        missing = [i for i in dict.fromkeys(ids) if i not in self._vectors]
        if missing:
            got = self._collection.get(ids=missing, include=["embeddings"])
            if len(self._vectors) > VECTOR_CACHE:
                self._vectors.clear()
            self._vectors.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32)))
        return {i: self._vectors[i] for i in ids if i in self._vectors}

    def ids(self) -> set[str]:
        return {chunk_id for chunk_id, _ in self.iter_metadata()}

    def stored_files(self) -> dict[str, StoredFile]:
        files: dict[str, StoredFile] = {}
        for chunk_id, meta in self.iter_metadata():
            stored = files.setdefault(str(meta.get("source", "")), StoredFile())
            stored.ids.add(chunk_id)
            stored.file_hashes.add(str(meta.get("file_hash", "")))
            stored.declared_chunks.add(int(meta.get("n_chunks", -1)))
        return files

    def upsert(self, chunks: Sequence[Chunk], embeddings: np.ndarray) -> None:
        for start in range(0, len(chunks), self.batch_size):
            part = chunks[start : start + self.batch_size]
            self._collection.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[c.metadata for c in part],
                embeddings=embeddings[start : start + self.batch_size],
            )

    def upsert_vectors(self, ids: Sequence[str], embeddings: np.ndarray, metadatas: Sequence[Metadata]) -> None:
        """Vectors without documents, for a companion collection of another embedder."""
        for start in range(0, len(ids), self.batch_size):
            end = start + self.batch_size
            self._collection.upsert(ids=list(ids[start:end]), embeddings=embeddings[start:end], metadatas=list(metadatas[start:end]))

    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[Metadata]) -> None:
        for start in range(0, len(ids), self.batch_size):
            self._collection.update(
                ids=list(ids[start : start + self.batch_size]),
                metadatas=list(metadatas[start : start + self.batch_size]),
            )

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), self.batch_size):
            self._collection.delete(ids=ids[start : start + self.batch_size])

    def search(self, query: str, k: int = 5, where: dict[str, Any] | None = None) -> list[Hit]:
        """The ``k`` chunks nearest to ``query``; ``score`` is cosine similarity."""
        return self.search_vector(self.embedder.embed_query(query), k, where)

    def search_vector(self, vector: np.ndarray, k: int = 5, where: dict[str, Any] | None = None) -> list[Hit]:
        found = self._collection.query(
            query_embeddings=[vector],
            n_results=k,
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            Hit(id=i, text=doc, score=1.0 - float(dist), metadata=meta)
            for i, doc, meta, dist in zip(
                found["ids"][0], found["documents"][0], found["metadatas"][0], found["distances"][0]
            )
        ]


def open_index(settings: CoreSettings, embedder: Embedder, collection: str | None = None, client: Any = None) -> KnowledgeIndex:
    """Open (creating if needed) the collection, refusing one built by another embedder; through
    ``client`` when given (an ingest's, `assistant.kb_store.writing`), else the live store's."""
    client = client or chroma_client(settings)
    name = collection or settings.collection
    if not re.match(COLLECTION_NAME, name):
        raise ConfigError(f"Collection name {name!r} must be 3-512 letters, digits, '.', '_' or '-', starting and ending with a letter or digit.")
    function = as_chroma_function(embedder)
    from chromadb.errors import NotFoundError

    try:
        found = client.get_collection(name, embedding_function=function)
    except NotFoundError:
        found = client.create_collection(
            name,
            embedding_function=function,
            metadata={"embedder": embedder.name, "embedder_dim": embedder.dim},
            configuration={"hnsw": {"space": "cosine"}},
        )
    _check_embedder(found, embedder)
    store = None if settings.chroma_url else Path(client.get_settings().persist_directory)
    index = KnowledgeIndex(found, embedder, client, store)
    index.batch_size = min(index.batch_size, client.get_max_batch_size())
    return index


def drop_collection(settings: CoreSettings, collection: str | None = None, client: Any = None) -> bool:
    """Delete the collection; False when there was none."""
    from chromadb.errors import NotFoundError

    try:
        (client or chroma_client(settings)).delete_collection(collection or settings.collection)
    except NotFoundError:
        return False
    return True


def _check_embedder(collection: Any, embedder: Embedder) -> None:
    meta = collection.metadata or {}
    built_with = meta.get("embedder")
    if built_with == embedder.name and meta.get("embedder_dim") == embedder.dim:
        return
    raise EmbedderMismatchError(
        f"Collection {collection.name!r} was built with embedder {built_with!r} "
        f"({meta.get('embedder_dim')} dimensions), but the configured embedder is {embedder.name!r} "
        f"({embedder.dim} dimensions). Set TRIAGE_EMBEDDER={built_with} to use it, or rebuild it with "
        f"`triage ingest --rebuild`, or choose another collection with --collection."
    )
