"""The KB's pieces as stored and as found: a chunk, a stored hit, a file's record."""

from __future__ import annotations

from dataclasses import dataclass, field

Metadata = dict[str, str | int | float | bool]


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of a document.

    ``text`` is what a reader sees; ``embed_text`` adds the title and heading path,
    so a section is found by its context as well as its words.
    """

    id: str
    text: str
    embed_text: str
    metadata: Metadata


def embed_text(text: str, metadata: Metadata) -> str:
    """What a chunk is embedded as: its text under its title and heading path.

    An FAQ pair's heading is its own question: repeating it would weigh the question's wording
    twice, and every "How long ...?" question would match every "How long ...?" row."""
    title, headings = str(metadata.get("title", "")), str(metadata.get("headings", ""))
    context = title if metadata.get("kind") == "faq" else " > ".join(p for p in (title, headings) if p)
    return f"{context}\n\n{text}"


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    score: float
    metadata: Metadata


@dataclass
class StoredFile:
    """What the collection holds for one source file."""

    ids: set[str] = field(default_factory=set)
    file_hashes: set[str] = field(default_factory=set)
    declared_chunks: set[int] = field(default_factory=set)

    def is_complete(self, file_hash: str) -> bool:
        """True when a finished write of exactly this file version is stored: nothing stale, nothing missing."""
        return self.file_hashes == {file_hash} and self.declared_chunks == {len(self.ids)}
