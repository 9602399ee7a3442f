"""Finding the answer: retrieval, e5's second opinion, the answering section and its signals.

One `Finder` per KB as read; the reply step asks it once per turn, and self-calibration at
ingest asks it of each pseudo-question (`Assistant.assess`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from assistant.compose.translators import Translators
from assistant.decide.confidence import NO_SIGNALS, Signals, confidence
from assistant.find.answer import Answer, extract_answer
from assistant.knowledge.chunks import Hit
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.kb import KnowledgeBase
from assistant.knowledge.learned import AnswerKind, LearnedAnswer, LearnedIndex, Match
from assistant.knowledge.lexical import overlap
from assistant.knowledge.retrieval import Passage, Retrieval, under_section
from assistant.locales import search_for
from assistant.model.conversation import Role
from assistant.understand import gazetteer
from assistant.understand.intents import KB_QUESTION, Intent
from assistant.understand.question import Question

# Documents are re-ranked by USE-m3's fused score plus this times e5's cosine: on the three dev
# splits, hit@1 went 0.84 -> 0.90 (sample KB), 0.72 -> 0.78 (Liberapay), 0.80 -> 0.84 (GitHub)
# at 3; 2 and 4 each lost on one KB.
RERANK_WEIGHT = 3.0
# The confidence of an answer from a section the customer chose among those offered.
CHOSEN_CONFIDENCE = 1.0
# The confidence of an answer the team confirmed for a question this close (the learned index's
# threshold decides "this close").
LEARNED_CONFIDENCE = 1.0


@dataclass(frozen=True)
class Finding:
    """What retrieval, answer extraction and the intent classifier made of a question."""

    intent: Intent
    retrieval: Retrieval
    answer: Answer | None
    signals: Signals
    score: float
    scorer_query: np.ndarray | None = None  # the question's e5 vector
    learned: str | None = None  # the learned answer it came from

    @classmethod
    def nothing(cls, intent: Intent, score: float = 0.0) -> Finding:
        """No search made: an order's turn, whose answer came from the order."""
        return cls(intent, Retrieval(passages=[], ranked=[]), None, NO_SIGNALS, score)


class Finder:
    def __init__(self, kb: KnowledgeBase, embedder: Embedder, translators: Translators) -> None:
        self.kb, self.retriever, self.embedder, self.translators = kb, kb.retriever, embedder, translators

    def find(self, question: Question, intent: Intent, exclude: frozenset[str] = frozenset(), learned: LearnedIndex | None = None) -> Finding:
        if chosen := self._chosen_section(question):
            return self._from_section(question, intent, chosen)
        if learned is not None and intent.name == KB_QUESTION and (match := learned.match(question.vector, question.lang)):
            if taught := self._from_learned(question, intent, match):
                return taught
        searched = self._searched_for(question, intent)
        finding = self._search(searched, intent, exclude)
        if searched is not question:
            finding = self._vouched(question, intent, finding, exclude)
        if learned is not None and intent.name == KB_QUESTION and finding.answer and finding.score < self.kb.threshold:
            if agreed := self._agreed(question, intent, finding.answer.passage, learned):
                return agreed
        return finding

    def _search(self, question: Question, intent: Intent, exclude: frozenset[str]) -> Finding:
        retrieval = self.retriever.retrieve(question.query, question.lang, k=5, vector=question.vector, exclude=exclude)
        retrieval, second, e5_query = self._second_opinion(question, retrieval)
        answer, signals = self._answer(question, retrieval, second, e5_query)
        return Finding(intent, retrieval, answer, signals, confidence(signals) if answer else 0.0, e5_query)

    def _vouched(self, question: Question, intent: Intent, searched: Finding, exclude: frozenset[str]) -> Finding:
        """What an intent's search found, as sure as the customer's own words make it; or what
        those words find alone, when that would be answered and the search's page would not. The
        search's words chose the page and used to vouch for it too: on real customers' messages
        (HINT3) order_status took "Return my order", "Expire date" and "Please cacel my order" to
        the tracking page at 0.88-0.99. "Where is my order?" alone finds the order-changes page,
        which is why the intent searches at all: its page stays the one an agent is shown."""
        plain = self._search(question, intent, exclude)
        if searched.answer is None:
            return plain
        own = self._own_signals(question, searched.retrieval)
        vouched = replace(searched, signals=own, score=confidence(own))
        return plain if plain.score >= self.kb.threshold > vouched.score else vouched

    def _agreed(self, question: Question, intent: Intent, found: Passage, learned: LearnedIndex) -> Finding | None:
        """The learned section for a question nearly as close as a match, in any language, when the
        passage found on its own lies in that very section: two witnesses that agree."""
        if learned.agreed is None:
            return None
        match = learned.match(question.vector, question.lang, floor=learned.agreed)
        if match is None or match.answer.kind is not AnswerKind.SECTION:
            return None
        section = self.retriever.section_of(match.answer.source or "", match.answer.headings or "")
        if not section or section[0].doc_key != found.doc_key:
            return None
        if section[0].lang == found.lang:
            agree = under_section(found.headings, match.answer.headings or "")
        else:  # the section's translation: its passage nearest the question is the one found
            translated = self.retriever.in_language(self.retriever.nearest_of(section, question.vector), found.lang, question.vector)
            agree = translated is not None and translated.headings == found.headings
        return self._from_learned(question, intent, match) if agree else None

    def e5_closeness(self, query: np.ndarray | None) -> Callable[[list[Hit]], np.ndarray] | None:
        """e5's cosine of ``query`` with chunks: within one document in the customer's language it
        picks the section better than USE-m3 (dev, resolution at 3% wrong: sample KB 0.54 -> 0.60,
        the chips "¿Qué métodos de pago puedo usar?" and "Wie funktioniert die Rücksendung?" right;
        Liberapay and GitHub unchanged)."""
        if query is None:
            return None
        return lambda chunks: self.kb.scorer.similarities(query, [(c.id, c.text, c.metadata) for c in chunks])

    def _chosen_section(self, question: Question) -> list[Passage]:
        """The section the customer tapped, when the assistant has just offered sections as
        choices and the message is one of their headings; else empty."""
        asked = question.conversation.last(Role.ASSISTANT)
        if asked is None or not asked.asks_back:
            return []
        return self.retriever.section_titled(question.turn.text, question.lang)

    def _from_section(self, question: Question, intent: Intent, section: list[Passage]) -> Finding:
        """The answer from the section the customer chose, read with the question it completes.
        Its confidence is full: which part of the page was meant was the one thing unknown, and
        the customer has said it."""
        nearest = self.retriever.nearest_of(section, question.vector)
        answer = extract_answer(question.query, question.vector, nearest, self.embedder, [section])
        signals = Signals(1.0, 1.0, 1.0, False, 1.0, 1.0, True, 1.0, 1.0)
        return Finding(intent, Retrieval(passages=[nearest], ranked=[nearest]), answer, signals, CHOSEN_CONFIDENCE)

    def _from_learned(self, question: Question, intent: Intent, match: Match) -> Finding | None:
        """The answer the team confirmed for a question this close: the section (in the customer's
        language when the KB has it), or the agent's text when it is in the customer's language or
        can be translated. None when neither can be given: the turn goes on as if nothing was learned."""
        taught = match.answer
        # "Shipping to Japan?" sits close to "shipping to Canada?" and asks something else: the
        # places, methods and carriers named must be the same (gazetteer ids, the same in any language).
        if set(gazetteer.named(question.query)) != set(gazetteer.named(match.question.text)):
            return None
        if taught.kind is AnswerKind.SECTION:
            section = self.retriever.section_of(taught.source or "", taught.headings or "")
            if not section:
                return None  # the KB no longer has that section
            nearest = self.retriever.nearest_of(section, question.vector)
            shown = self.retriever.in_language(nearest, question.lang, question.vector) or nearest
            document = self.retriever.document(shown)
            within = [p for p in document if under_section(p.headings, shown.headings)] or [shown]
            answer = extract_answer(question.query, question.vector, shown, self.embedder, [within])
        else:
            if taught.lang != question.lang and not self.translators.covers(taught.lang, question.lang):
                return None
            answer = Answer(taught.text or "", _learned_passage(taught, match.similarity), sentences=1)
        signals = Signals(match.similarity, 1.0, 1.0, False, 1.0, 1.0, True, 1.0, 1.0)
        retrieval = Retrieval(passages=[answer.passage], ranked=[answer.passage])
        return Finding(intent, retrieval, answer, signals, LEARNED_CONFIDENCE, learned=taught.id)

    def _searched_for(self, question: Question, intent: Intent) -> Question:
        """``question`` with its intent's search (assistant/locales) put before its words, when the
        intent has one: "Where is my order?" finds the KB's page on tracking, not on changing an order.
        One more embedding, for those turns only."""
        search = search_for(intent.name, question.lang)
        if search is None or question.is_follow_up:
            return question
        query = f"{search} {question.query}"
        return replace(question, turn=replace(question.turn, query=query), vector=self.embedder.embed_query(query))

    def _second_opinion(self, question: Question, retrieval: Retrieval) -> tuple[Retrieval, np.ndarray, np.ndarray | None]:
        """e5's cosine for each document's passage, and the documents re-ranked by USE-m3's fused
        score plus RERANK_WEIGHT times it."""
        if not retrieval.passages:
            return retrieval, np.zeros(0), None
        query = self.kb.scorer.embed_query(question.query)
        # Stored vectors are found by id; the metadata only matters for a chunk stored without one.
        sims = self.kb.scorer.similarities(query, [(p.id, p.text, {"title": p.title, "headings": p.headings}) for p in retrieval.passages])
        order = np.argsort(-(np.array([p.score for p in retrieval.passages]) + RERANK_WEIGHT * sims), kind="stable")
        return retrieval.reordered(order.tolist()), sims[order], query

    def _answer(self, question: Question, retrieval: Retrieval, second: np.ndarray, e5_query: np.ndarray | None) -> tuple[Answer | None, Signals]:
        """The answer and its signals. For a follow-up, the previous question picks the document
        and the follow-up's own words pick the section: "and in Japan?" after payments in Europe."""
        if not retrieval.passages:
            return None, NO_SIGNALS
        query = question.query
        best = retrieval.passages[0]
        signals = self._signals(question, retrieval, second, e5_query)
        if question.is_follow_up and gazetteer.named(question.turn.text):
            # "and to Japan?" after "How long does shipping to Canada take?" asks how long to Japan:
            # the previous question with its entities swapped for the new ones.
            # Embedded on its own (1-2 ms): the standalone query's vector still leans to the old entity's facts.
            asked, unasked = swapped(query, question.turn.text)
            vector = self.embedder.embed_query(asked)
            return extract_answer(asked, vector, best, self.embedder, self._documents(retrieval), unasked=unasked), signals
        if question.is_follow_up:
            section = self.retriever.best_section(best, question.focus)
            return extract_answer(question.turn.text, question.focus, section, self.embedder, [self.retriever.document(section)]), signals
        section = self.retriever.answering_section(best, question.vector, general=not gazetteer.named(query), closeness=self.e5_closeness(e5_query))
        return extract_answer(query, question.vector, section, self.embedder, self._documents(retrieval)), signals

    def _signals(self, question: Question, retrieval: Retrieval, second: np.ndarray, e5_query: np.ndarray | None) -> Signals:
        best = retrieval.passages[0]
        others = [p.similarity for p in retrieval.ranked if p.doc_key != best.doc_key]
        original = next((p for p in retrieval.ranked if p.doc_key == best.doc_key and p.id != best.id), best)
        title_similarity, title_margin = self.kb.titles.match(e5_query, best.title, best.doc_key) if e5_query is not None else (0.0, 0.0)
        query = question.query
        return Signals(
            similarity=best.similarity,
            margin=best.similarity - max(others, default=0.0),
            overlap=max(overlap(query, best.text), overlap(query, original.text)),
            other_language=best.lang != question.lang and not self.translators.covers(best.lang, question.lang),
            e5_similarity=float(second[0]),
            e5_margin=float(second[0] - max(second[1:], default=0.0)),
            agreement=bool(second[0] >= max(second, default=0.0)),
            title_similarity=title_similarity,
            title_margin=title_margin,
        )

    def _own_signals(self, question: Question, retrieval: Retrieval) -> Signals:
        """The signals of the passages an intent's search found, measured against the customer's own words."""
        def rescored(passages: list[Passage]) -> list[Passage]:
            return [replace(p, similarity=self.retriever.closeness_to(p.id, question.vector)) for p in passages]

        retrieval = Retrieval(passages=rescored(retrieval.passages), ranked=rescored(retrieval.ranked))
        e5_query = self.kb.scorer.embed_query(question.query)
        second = self.kb.scorer.similarities(e5_query, [(p.id, p.text, {"title": p.title, "headings": p.headings}) for p in retrieval.passages])
        return self._signals(question, retrieval, second, e5_query)

    def _documents(self, retrieval: Retrieval) -> list[list[Passage]]:
        """The chunks of the three best documents, where an answer's fact may be found."""
        return [self.retriever.document(p) for p in retrieval.passages[:3]]


def swapped(query: str, follow_up: str) -> tuple[str, tuple[str, ...]]:
    """The previous question of the standalone ``query`` (it ends with ``follow_up``) asked about
    the follow-up's entities instead of its own, and the names it no longer asks about:
    "How long does shipping to Canada take?" + "and to Japan?" -> "How long does shipping to Japan take?"."""
    previous = query[: len(query) - len(follow_up)].strip()
    names = tuple(gazetteer.named(previous).values())
    new = " ".join(gazetteer.named(follow_up).values())
    if len(names) == 1:
        return previous.replace(names[0], new), names
    for words in names:
        previous = previous.replace(words, " ")
    return f"{previous} {follow_up}", names


def _learned_passage(taught: LearnedAnswer, similarity: float) -> Passage:
    """The agent's text as a passage to cite: the source names the learned answer."""
    source = f"learned/{taught.id}"
    return Passage(
        id=source, text=taught.text or "", source=source, title="Answer from our team", headings="", lang=taught.lang,
        doc_key=source, position=0, url=None, similarity=similarity, score=similarity,
    )
