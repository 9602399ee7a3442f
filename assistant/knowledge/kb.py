"""The knowledge base as one assistant read it: its generation, threshold, retriever and titles."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.config import CoreSettings
from assistant.knowledge.calibration import Calibration
from assistant.knowledge.index import KnowledgeIndex
from assistant.knowledge.retrieval import Retriever
from assistant.knowledge.scoring import PassageScorer, TitleMatch, open_scorer

# The answer threshold of a KB never calibrated (ingested by an older version, or too small).
DEFAULT_THRESHOLD = 0.75


@dataclass(frozen=True)
class KnowledgeBase:
    generation: str | None
    calibration: Calibration | None
    threshold: float
    retriever: Retriever  # chunks, their vectors and BM25
    titles: TitleMatch  # e5 vectors of the documents' titles
    scorer: PassageScorer  # e5, the second opinion

    @classmethod
    def read(cls, index: KnowledgeIndex, settings: CoreSettings, scorer: PassageScorer | None = None, titles: TitleMatch | None = None) -> KnowledgeBase:
        """``index`` read whole. ``titles``, the match over the KB read before, lends the title
        vectors it has; ``scorer`` defaults to e5 over the same collection."""
        scorer = scorer or open_scorer(settings, index.name, settings.threads)
        calibration = Calibration.from_metadata(index.notes)
        # An explicit TRIAGE_ANSWER_THRESHOLD wins; else the KB's own, chosen at ingest.
        own = calibration.threshold if calibration else DEFAULT_THRESHOLD
        threshold = own if settings.answer_threshold is None else settings.answer_threshold
        retriever = Retriever(index, lexical_weight=settings.lexical_weight, language_bonus=settings.language_bonus)
        return cls(index.generation, calibration, threshold, retriever, TitleMatch(scorer.embedder, retriever.chunks, titles), scorer)

    def changed(self) -> bool:
        """Whether an ingest has finished changing the KB since it was read."""
        return self.retriever.index.changed_since(self.generation)

    def reread(self, settings: CoreSettings) -> KnowledgeBase:
        """The KB as it is now, this one left as it was (turns under way on it finish on it)."""
        # Sample KB (1,182 chunks), one thread, two busy cores: 0.20-0.34 s, median 0.29 s, mostly
        # reading the chunks (0.14 s) and building BM25. Embedding every title again with e5 made it
        # 1.36 s, so the title vectors already known are carried over and only new titles embedded.
        fresh = KnowledgeBase.read(self.retriever.index.reopened(), settings, self.scorer.reopened(), self.titles)
        fresh.titles.vectors()
        return fresh

    def close(self) -> None:
        """Let go of the store this KB was read from (in the embedded store, its folder's memory)."""
        self.retriever.index.close()
        self.scorer.store.close()
