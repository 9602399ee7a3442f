"""The RAG a store would otherwise build, scored through the same metrics as the assistant.

Each baseline answers with its top chunk, in whatever language that chunk is written, and hands
off only when the top score is under a threshold: no language handling, no intents, no value rule.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.knowledge.chunks import Hit
from assistant.knowledge.index import KnowledgeIndex
from assistant.knowledge.lexical import BM25
from assistant.model.conversation import Conversation, Role, Source, StoreContext, Turn
from assistant.model.reasons import HandoffReason
from assistant.model.result import Handoff, TurnResult
from assistant.understand.intents import Intent
from assistant.understand.language import Detection

Search = Callable[[str], list[Hit]]
NO_INTENT = Intent("none", 0.0, "default")


class RetrievalBaseline:
    def __init__(self, name: str, search: Search, threshold: float = float("-inf")) -> None:
        self.name, self.search, self.threshold = name, search, threshold

    def reply(self, conversation: Conversation, message: str, context: StoreContext | None = None) -> TurnResult:
        hits = self.search(message)
        retrieved = tuple(dict.fromkeys(str(h.metadata.get("source")) for h in hits))
        score = hits[0].score if hits else float("-inf")
        language = Detection(str(hits[0].metadata.get("lang", "")) if hits else "", 0.0, "default")
        customer = Turn(Role.CUSTOMER, message)
        if not hits or score < self.threshold:
            reasons = (HandoffReason.LOW_CONFIDENCE,)
            reply = Turn(Role.ASSISTANT, "", confidence=score, handoff_reasons=reasons)
            return TurnResult(customer, reply, language, 0, NO_INTENT, retrieved, Handoff(reasons, None))
        top = hits[0]
        source = Source(str(top.metadata.get("source")), str(top.metadata.get("title", "")), top.metadata.get("url"))
        reply = Turn(Role.ASSISTANT, top.text, sources=(source,), confidence=score)
        return TurnResult(customer, reply, language, 0, NO_INTENT, retrieved)


def bm25_only(index: KnowledgeIndex) -> RetrievalBaseline:
    """BM25 over every chunk, in every language."""
    chunks = index.all_chunks()
    bm25 = BM25([f"{c.metadata.get('title', '')} {c.metadata.get('headings', '')} {c.text}" for c in chunks])

    def search(text: str) -> list[Hit]:
        scores = bm25.scores(text)
        best = sorted(scores, key=scores.get, reverse=True)[:10]
        return [Hit(chunks[i].id, chunks[i].text, scores[i], chunks[i].metadata) for i in best]

    return RetrievalBaseline("bm25", search)


def single_vector(index: KnowledgeIndex, name: str) -> RetrievalBaseline:
    """Plain nearest-chunk search with one embedder (the MiniLM baseline uses `st:minilm`)."""
    return RetrievalBaseline(name, lambda text: index.search(text, k=10))
