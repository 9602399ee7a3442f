"""What the core does for agents rather than customers: translate, and find KB passages."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from assistant.compose.translators import Translators
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.kb import KnowledgeBase
from assistant.knowledge.retrieval import Passage


class AgentHelp:
    def __init__(self, kb: KnowledgeBase, embedder: Embedder, translators: Translators) -> None:
        self.kb, self.embedder, self.translators = kb, embedder, translators
        # The inbox reloads an open case on each of its events, translating the same messages
        # again; the cache lives and dies with this assistant (a failure is not cached).
        self._translated = lru_cache(maxsize=1024)(translators.translate)

    def translate(self, text: str, source: str | None, target: str) -> str | None:
        """``text`` in ``target`` when a translator covers the pair; None otherwise or when no change is needed."""
        return self._translated(text, source, target)

    def can_translate(self, source: str | None, target: str) -> bool:
        """Whether a translator covers ``source`` -> ``target`` (the same language needs none)."""
        return self.translators.can_translate(source, target)

    def passage_for(self, cited: Sequence[tuple[str, Sequence[str]]], lang: str) -> Passage | None:
        """The KB passage in ``lang`` that answers what a case was about, for an agent who reads
        neither the customer's language nor a translation of it. ``cited`` holds, most relevant
        first, an answer (the suggested reply, or an answer given) and the sources (paths) it
        was taken from; the first of those documents the KB has in ``lang`` gives the same
        section in ``lang``. None when none is in ``lang``."""
        for answer, sources in cited:
            vector = None
            for source in sources:
                vector = self.embedder.embed_query(answer) if vector is None else vector
                if found := self.kb.retriever.section_in(source, lang, vector):
                    return found
        return None

    def search_kb(self, query: str, lang: str, k: int = 5) -> list[Passage]:
        """The ``k`` passages nearest ``query`` for an agent's reply box, each in ``lang`` when the
        KB has its document in ``lang``, else in the document's own language."""
        return self.kb.retriever.retrieve(query, lang, k).passages

    def kb_languages(self) -> set[str]:
        return self.kb.retriever.languages

    def answering_sections(self, texts: Sequence[str], k: int = 5) -> list[Passage]:
        """The KB sections nearest each of ``texts`` (the customer's question, then the agent's
        reply), interleaved, each section once: what an agent confirms as the answer to a case."""
        ranked = [
            [Passage.from_hit(h, 1.0, 1.0) for h in self.kb.retriever.nearest_chunks(self.embedder.embed_query(t), 3 * k)]
            for t in texts if t.strip()
        ]
        found: dict[tuple[str, str], Passage] = {}
        for rank in range(3 * k):
            for passages in ranked:
                if rank < len(passages):
                    found.setdefault((passages[rank].source, passages[rank].headings), passages[rank])
        return list(found.values())[:k]
