"""`Assistant.reply`: one customer message in, one `TurnResult` out; the conversation is only read.

A message flows one way: language -> retrieval -> answer -> triage -> the result and, on
handoff, the case for the agent. The caller persists the result (`Conversation.after` in memory).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import numpy as np

from assistant import gazetteer
from assistant.answer import Answer, extract_answer
from assistant.calibration import SAME_PASSAGE, Assessed, Calibration
from assistant.case import Case, CaseMessage, SuggestedReply, answered_turns
from assistant.config import Settings
from assistant.conversation import (
    Conversation,
    HandoffReason,
    Rating,
    Role,
    Source,
    StoreContext,
    Turn,
)
from assistant.embeddings import Embedder, load_embedder
from assistant.entities import Entities, extract_entities, mask_cards, without_details
from assistant.errors import OrderSourceError
from assistant.generation import (
    GeneratedAnswer,
    GroundedGenerator,
    LLMTranslator,
    RequestWriter,
    chat_model,
)
from assistant.hours import known_zone
from assistant.index import Hit, KnowledgeIndex, open_index
from assistant.language import Detection, detect_message_language
from assistant.lexical import cjk_chars, overlap
from assistant.locales import (
    Courtesy,
    courtesy,
    follow_up_openers,
    format_moment,
    language_name,
    phrase,
    plural_phrase,
    search_for,
    zone_name,
)
from assistant.order_desk import OrderDesk
from assistant.orders import open_orders
from assistant.retrieval import Passage, Retrieval, Retriever
from assistant.scoring import PassageScorer, TitleMatch, open_scorer
from assistant.translation import ArgosTranslator, Translator
from assistant.triage import (
    KB_QUESTION,
    ORDER_STATUS,
    Intent,
    IntentClassifier,
    Signals,
    TriageInput,
    confidence,
    handoff_reasons,
    stated_value,
)
from assistant.turn import Clarify, Handoff, TurnResult

log = logging.getLogger("triage.assistant")


# A message this short after an answer is read as a follow-up to it when it opens like one ("and
# to Canada?", "und in der Schweiz?": `follow_up` in assistant/locales) or is a bare word or two
# ("klarna?", "日本は？"). Length alone made "Welche Zahlungsarten kann ich nutzen?" after "Wo ist
# meine Bestellung?" (the widget's chips, tapped in turn) a question about orders and payments.
FOLLOW_UP_WORDS = 5
FOLLOW_UP_CJK_CHARS = 12
BARE_WORDS = 2
BARE_CJK_CHARS = 6
_OPENING_PUNCTUATION = "¿¡\"'«“„(「『 "
# Documents are re-ranked by USE-m3's fused score plus this times e5's cosine: on the three dev
# splits, hit@1 went 0.84 -> 0.90 (sample KB), 0.72 -> 0.78 (Liberapay), 0.80 -> 0.84 (GitHub)
# at 3; 2 and 4 each lost on one KB.
RERANK_WEIGHT = 3.0
# Ask which topic was meant (instead of a low-confidence handoff) when the two best documents'
# fused scores are this close and the confidence reaches this share of the threshold. On the sample
# dev split (threshold 0.82) 29 of 169 low-confidence turns qualified, 25 of them with a right
# document among the two; 4 were cases for a person, who comes on the next turn if the choice
# does not help (a second low-confidence turn is a repeated failure).
CLARIFY_GAP = 0.02
CLARIFY_FLOOR = 0.6
# A broad question gets its page's sections as choices when the page's title matches it best by
# this much (e5 cosine) over any other page's, and at most this many choices. See `_topic_menu`.
# Dev splits (sample KB / Liberapay / GitHub): questions asked back 7% -> 25% / 7% -> 10% / 4% -> 5%
# of answerable cases, 86% / 75% / 100% of them resolved by the right choice; handoff precision
# 0.55 -> 0.68 on the sample KB, recall 0.98 -> 0.95 / 0.97 / 0.97 -> 0.94; resolution and wrong
# answers unchanged. At 0.02: 15% asked back on the sample KB, 90% resolved after, recall the same.
# Offered before two tied documents are: 86% -> 89% resolved after the choice (sample KB dev).
# Like those, only at CLARIFY_FLOOR of the threshold or more: asked back 25% -> 23%, resolved after
# the choice 89% -> 95%, handoff recall unchanged (sample KB dev).
TOPIC_MARGIN = 0.01
TOPIC_OPTIONS = 4
# The confidence of an answer from a section the customer chose among those offered.
CHOSEN_CONFIDENCE = 1.0
# The answer threshold of a KB never calibrated (ingested by an older version, or too small).
DEFAULT_THRESHOLD = 0.75
# A case suggests the KB answer to a question when its confidence reached this share of the
# answer threshold; a request for a person (or something off-topic) is no question, and gets the
# passage only when it would have been sent as the answer (the full threshold). A complaint or a
# dispute gets none: a passage pre-filled for an angry "my parcel is three weeks late" (one on
# cancelling orders, once) answers nothing asked, and reads as a brush-off; a person writes that reply.
SUGGESTION_SHARE = 0.8
QUESTION_INTENTS = frozenset({KB_QUESTION, ORDER_STATUS})
UNSUGGESTED_INTENTS = frozenset({HandoffReason.COMPLAINT.value, HandoffReason.DISPUTE.value})


@dataclass(frozen=True)
class Question:
    """The incoming message as the pipeline reads it; each text is embedded once."""

    conversation: Conversation
    context: StoreContext
    turn: Turn  # the customer's turn: masked text, language, standalone query
    detection: Detection
    vector: np.ndarray  # of the standalone query
    focus: np.ndarray  # of the message's own words (the same array unless it is a follow-up)
    entities: Entities  # of every customer message so far
    is_follow_up: bool  # the query holds the previous question too ("and to Canada?")
    said: Entities  # of this message alone
    bare: str  # the message without the emails and numbers it gives (what it asks)

    @property
    def customer_turns(self) -> list[Turn]:
        return [*self.conversation.customer_turns(), self.turn]


@dataclass(frozen=True)
class Finding:
    """What retrieval, answer extraction and the intent classifier made of a question."""

    intent: Intent
    retrieval: Retrieval
    answer: Answer | None
    signals: Signals
    score: float
    scorer_query: np.ndarray | None = None  # the question's e5 vector


class Assistant:
    def __init__(
        self,
        settings: Settings,
        index: KnowledgeIndex,
        translator: Translator | None = None,
        generator: GroundedGenerator | None = None,
        llm_translator: Translator | None = None,
        scorer: PassageScorer | None = None,
        orders: OrderDesk | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        request_writer: RequestWriter | None = None,
    ) -> None:
        self.settings = settings
        self.scorer = scorer or open_scorer(settings, index.name, settings.threads)
        self.embedder: Embedder = index.embedder
        self._read_kb(index)
        self.intents = IntentClassifier(self.embedder)
        # Machine translation in order of preference: installed argos packages, then the LLM.
        self.translators = [t for t in (translator, llm_translator) if t is not None]
        self.generator = generator
        self.request_writer = request_writer
        self.orders = orders
        self.hours, self.clock = settings.hours(), clock

    @classmethod
    def from_settings(cls, settings: Settings, collection: str | None = None, threads: int | None = None) -> Assistant:
        """An assistant over the configured index; ``threads`` overrides the embedder's BLAS threads."""
        index = open_index(settings, load_embedder(settings.embedder, threads or settings.threads), collection)
        translator = ArgosTranslator(settings.argos_dir) if settings.argos_dir.exists() else None
        model = chat_model(settings)
        generator = GroundedGenerator(model) if model else None
        scorer = open_scorer(settings, index.name, threads or settings.threads)
        source = open_orders(settings)
        orders = OrderDesk(source, settings) if source else None
        return cls(
            settings, index, translator, generator, LLMTranslator(model) if model else None, scorer, orders,
            request_writer=RequestWriter(model) if model else None,
        )

    def _read_kb(self, index: KnowledgeIndex, titles: TitleMatch | None = None) -> None:
        """What the assistant knows of the KB: its generation, threshold, chunks (BM25) and titles
        (``titles``, the match over the KB read before, lends the title vectors it has)."""
        self.kb_generation = index.generation
        self.calibration = Calibration.from_metadata(index.notes)
        # An explicit TRIAGE_ANSWER_THRESHOLD wins; else the KB's own, chosen at ingest.
        own = self.calibration.threshold if self.calibration else DEFAULT_THRESHOLD
        self.threshold = own if self.settings.answer_threshold is None else self.settings.answer_threshold
        self.retriever = Retriever(index, lexical_weight=self.settings.lexical_weight, language_bonus=self.settings.language_bonus)
        self.titles = TitleMatch(self.scorer.embedder, self.retriever.chunks, titles)

    def kb_changed(self) -> bool:
        """Whether an ingest has finished changing the KB since this assistant read it."""
        return self.retriever.index.changed_since(self.kb_generation)

    def reloaded(self) -> Assistant:
        """A new assistant over the KB as it is now: chunks, BM25, title vectors, calibration and
        threshold read again; the models, translators and order desk shared, not loaded again.
        This one is left as it was, so turns under way on it finish on it."""
        # Sample KB (1,182 chunks), one thread, two busy cores: 0.20-0.34 s, median 0.29 s, mostly
        # reading the chunks (0.14 s) and building BM25. Embedding every title again with e5 made it
        # 1.36 s, so the title vectors already known are carried over and only new titles embedded.
        fresh = copy.copy(self)
        fresh.scorer = self.scorer.reopened()
        fresh._read_kb(self.retriever.index.reopened(), self.titles)
        fresh.titles.vectors()
        return fresh

    def close(self) -> None:
        """Let go of the KB this assistant read (in the embedded store, its folder's memory), once
        no turn uses it: after `reloaded` replaced it."""
        self.retriever.index.close()
        self.scorer.store.close()

    def warm(self) -> None:
        """Load what the first message would otherwise wait for."""
        self.intents.warm()
        self.titles.vectors()
        detect_message_language("warm-up message")

    def reply(self, conversation: Conversation, message: str, context: StoreContext | None = None) -> TurnResult:
        """Answer ``message`` in ``conversation`` (read, never written); ``context`` overrides the conversation's."""
        question = self._question(conversation, message, context or conversation.context)
        if polite := self._courtesy(conversation, question):
            return polite
        intent = self._intent(question)
        if self.orders and self.orders.wants(conversation, question.said, question.bare, intent) and (told := self._order_turn(question, intent)):
            return told
        finding = self._find(question, intent=intent)
        reasons = handoff_reasons(self._triage_input(question, finding))
        # Asking back replaces only a low-confidence handoff, and only when an answer was nearly found.
        unsure = reasons == [HandoffReason.LOW_CONFIDENCE] and self.settings.clarify and finding.score >= CLARIFY_FLOOR * self.threshold
        clarify = (self._topic_menu(question, finding) or self._two_topics(finding, question.detection.lang)) if unsure else None
        if clarify:
            reply, translated, handoff = self._ask_back(question, finding), False, None
            candidate = _untold(finding)
        elif reasons:
            notice, back_at = self._handoff_notice(question)
            reply, translated = Turn(Role.ASSISTANT, notice, lang=question.detection.lang, confidence=finding.score, handoff_reasons=tuple(reasons)), False
            handoff = Handoff(reply.handoff_reasons, self._case(question, finding, reply.handoff_reasons), back_at)
            candidate = _untold(finding)
        else:
            (reply, translated), handoff = self._answer_turn(question, finding), None
            candidate = reply
        low = finding.score < self.threshold
        return TurnResult(
            customer=question.turn, reply=reply, language=question.detection,
            low_confidence_streak=conversation.low_confidence_streak + 1 if low else 0, intent=finding.intent,
            retrieved=tuple(finding.retrieval.sources), handoff=handoff, clarify=clarify, candidate=candidate,
            machine_translated=translated, signals=finding.signals,
        )

    def _courtesy(self, conversation: Conversation, question: Question) -> TurnResult | None:
        """A thanks, an okay or a greeting answered in kind: nothing to search, no one to call.
        Not when the assistant has just offered a person, where "ok" means yes."""
        found = courtesy(question.turn.text, question.detection.lang)
        offered = conversation.last(Role.ASSISTANT)
        if found is None or (offered and offered.text.endswith(phrase("offer_person", offered.lang or question.detection.lang))):
            return None
        kind, lang = found
        text = phrase(_COURTESY_PHRASES[kind], lang)
        language = question.detection if lang == question.detection.lang else Detection(lang, question.detection.confidence, "courtesy")
        return TurnResult(
            customer=replace(question.turn, lang=lang), reply=Turn(Role.ASSISTANT, text, lang=lang), language=language,
            low_confidence_streak=conversation.low_confidence_streak, intent=Intent(kind.value, 1.0, "keyword"), retrieved=(),
        )

    def _two_topics(self, finding: Finding, lang: str) -> Clarify | None:
        """Which of two topics was meant, when the two best documents tie and either might answer:
        their section headings (or titles) as quick replies. Only instead of a low-confidence
        handoff, and never twice running: the next low-confidence turn is a repeated failure."""
        passages = finding.retrieval.passages
        if len(passages) < 2:
            return None
        first, second = passages[0], passages[1]
        if first.doc_key == second.doc_key or first.score - second.score > CLARIFY_GAP:
            return None
        # Choices the customer can read, between topics that differ: two passages saying the same
        # thing ("Delete your account", "Deleting your data and account") are no choice.
        if {first.lang, second.lang} != {lang} or self.retriever.closeness(first.id, second.id) >= SAME_PASSAGE:
            return None
        options = tuple(dict.fromkeys(_topic(p) for p in (first, second)))
        return Clarify(options) if len(options) == 2 and all(options) else None

    def _topic_menu(self, question: Question, finding: Finding) -> Clarify | None:
        """A broad question about one page's topic ("How do returns work?", "Will I pay customs
        duties?"): the page's sections, nearest first, as quick replies. No one passage answers
        such a question well, and the FAQ rows restating the page keep every margin small, so it
        was handed off; the question does name the page's topic (its title, clearly best), and the
        section tapped, read with the question, is found with confidence. A question naming no
        place, carrier or method is not offered sections titled for one."""
        lang = question.detection.lang
        # An intent with its own search ("where is my order?") already knows its topic.
        if finding.scorer_query is None or finding.intent.name != KB_QUESTION:
            return None
        doc_key, margin = self.titles.best(finding.scorer_query)
        sections = self.retriever.sections(doc_key, lang)
        if margin < TOPIC_MARGIN or len(sections) < 2:
            return None
        if not gazetteer.named(question.turn.query):
            sections = {h: c for h, c in sections.items() if not gazetteer.named(h)}
        # The page's first section (where a page states its core rule: "Return window", "DDP and
        # DAP explained") and those nearest the question, in the page's order. On the widget's
        # chips, nearest alone left out the core rule; page order alone, the tracking section.
        closeness = self._e5_closeness(finding.scorer_query)
        heads = list(sections)
        nearest = sorted(heads[1:], key=lambda h: -float(np.max(closeness(sections[h]))))[: TOPIC_OPTIONS - 1]
        options = [h for h in heads if h == heads[0] or h in nearest]
        return Clarify(tuple(options)) if len(options) >= 2 else None

    def _ask_back(self, question: Question, finding: Finding) -> Turn:
        return Turn(Role.ASSISTANT, phrase("clarify", question.detection.lang), lang=question.detection.lang, confidence=finding.score)

    def _question(self, conversation: Conversation, message: str, context: StoreContext) -> Question:
        # The core's entry: card numbers are masked here, before anything keeps or logs the text.
        text = mask_cards(message.strip())
        said = extract_entities(text)
        bare = without_details(text, said)
        # An email or an order number says nothing of the language: "anna@example.com" after a
        # German question stays German.
        detection = detect_message_language(
            bare, locale=conversation.locale or self.settings.pin_locale, hint=conversation.locale_hint, previous=conversation.language, default=self.settings.default_lang
        )
        query, follow_up = self._standalone_query(conversation, text, detection.lang)
        # The length, not the text: logs outlive an erase, and masking only catches what it knows.
        log.info("turn %s [%s]: %d characters", conversation.id, detection.lang, len(text))
        vector = self.embedder.embed_query(query)
        entities = Entities()
        for turn in conversation.customer_turns():
            entities = entities.merge(extract_entities(turn.text))
        return Question(
            conversation=conversation, context=context, turn=Turn(Role.CUSTOMER, text, lang=detection.lang, query=query),
            detection=detection, vector=vector, focus=self.embedder.embed_query(text) if follow_up else vector,
            entities=entities.merge(said), is_follow_up=follow_up, said=said, bare=bare,
        )

    def _standalone_query(self, conversation: Conversation, text: str, lang: str) -> tuple[str, bool]:
        """The message, with the previous question prepended when it continues it, and whether it
        is a follow-up to an answer (a choice after a clarifying question completes the question
        instead: "how many days to Korea?" + "Delivery times" is answered as one question)."""
        previous = conversation.last(Role.CUSTOMER)
        answered = conversation.last(Role.ASSISTANT)
        if previous is None or answered is None:
            return text, False
        if answered.asks_back:
            return (f"{previous.query or previous.text} {text}" if _short(text, 2) else text), False
        if not answered.sources or not _continues(text, lang):
            return text, False
        return f"{previous.query or previous.text} {text}", True

    def assess(self, text: str, lang: str, exclude: frozenset[str] = frozenset()) -> Assessed:
        """The confidence of a lone question in ``lang`` and the passage it would be answered
        from, with the ``exclude``d documents left out; for self-calibration."""
        finding = self._find(self._question(Conversation(locale=lang), text, StoreContext()), exclude)
        passage = finding.answer.passage if finding.answer else None
        return Assessed(finding.score, passage.doc_key if passage else None, passage.id if passage else None)

    def _intent(self, question: Question) -> Intent:
        """The message's intent, read without the emails and numbers it gives (one more embedding
        when it has some)."""
        text, bare = question.turn.text, question.bare
        if bare == text or not bare:
            return self.intents.classify(text, question.focus)
        return self.intents.classify(bare, self.embedder.embed_query(bare))

    def _find(self, question: Question, exclude: frozenset[str] = frozenset(), intent: Intent | None = None) -> Finding:
        intent = intent or self.intents.classify(question.turn.text, question.focus)
        if chosen := self._chosen_section(question):
            return self._from_section(question, intent, chosen)
        question = self._searched_for(question, intent)
        retrieval = self.retriever.retrieve(question.turn.query, question.detection.lang, k=5, vector=question.vector, exclude=exclude)
        retrieval, second, e5_query = self._second_opinion(question, retrieval)
        answer, signals = self._answer(question, retrieval, second, e5_query)
        return Finding(intent, retrieval, answer, signals, confidence(signals) if answer else 0.0, e5_query)

    def _chosen_section(self, question: Question) -> list[Passage]:
        """The section the customer tapped, when the assistant has just offered sections as
        choices and the message is one of their headings; else empty."""
        asked = question.conversation.last(Role.ASSISTANT)
        if asked is None or not asked.asks_back:
            return []
        return self.retriever.section_titled(question.turn.text, question.detection.lang)

    def _from_section(self, question: Question, intent: Intent, section: list[Passage]) -> Finding:
        """The answer from the section the customer chose, read with the question it completes.
        Its confidence is full: which part of the page was meant was the one thing unknown, and
        the customer has said it."""
        query = question.turn.query
        nearest = self.retriever.nearest_of(section, question.vector)
        answer = extract_answer(query, question.vector, nearest, self.embedder, [section])
        signals = Signals(1.0, 1.0, 1.0, False, 1.0, 1.0, True, 1.0, 1.0)
        return Finding(intent, Retrieval(passages=[nearest], ranked=[nearest]), answer, signals, CHOSEN_CONFIDENCE)

    def _searched_for(self, question: Question, intent: Intent) -> Question:
        """``question`` with its intent's search (assistant/locales) put before its words, when the
        intent has one: "Where is my order?" finds the KB's page on tracking, not on changing an order.
        One more embedding, for those turns only."""
        search = search_for(intent.name, question.detection.lang)
        if search is None or question.is_follow_up:
            return question
        query = f"{search} {question.turn.query}"
        return replace(question, turn=replace(question.turn, query=query), vector=self.embedder.embed_query(query))

    def _second_opinion(self, question: Question, retrieval: Retrieval) -> tuple[Retrieval, np.ndarray, np.ndarray | None]:
        """e5's cosine for each document's passage, and the documents re-ranked by USE-m3's fused
        score plus RERANK_WEIGHT times it."""
        if not retrieval.passages:
            return retrieval, np.zeros(0), None
        query = self.scorer.embed_query(question.turn.query)
        # Stored vectors are found by id; the metadata only matters for a chunk stored without one.
        sims = self.scorer.similarities(query, [(p.id, p.text, {"title": p.title, "headings": p.headings}) for p in retrieval.passages])
        order = np.argsort(-(np.array([p.score for p in retrieval.passages]) + RERANK_WEIGHT * sims), kind="stable")
        return retrieval.reordered(order.tolist()), sims[order], query

    def _answer(self, question: Question, retrieval: Retrieval, second: np.ndarray, e5_query: np.ndarray | None) -> tuple[Answer | None, Signals]:
        """The answer and its signals. For a follow-up, the previous question picks the document
        and the follow-up's own words pick the section: "and in Japan?" after payments in Europe."""
        if not retrieval.passages:
            return None, NO_SIGNALS
        query, lang = question.turn.query, question.detection.lang
        best = retrieval.passages[0]
        others = [p.similarity for p in retrieval.ranked if p.doc_key != best.doc_key]
        original = next((p for p in retrieval.ranked if p.doc_key == best.doc_key and p.id != best.id), best)
        title_similarity, title_margin = self.titles.match(e5_query, best.title, best.doc_key) if e5_query is not None else (0.0, 0.0)
        signals = Signals(
            similarity=best.similarity,
            margin=best.similarity - max(others, default=0.0),
            overlap=max(overlap(query, best.text), overlap(query, original.text)),
            other_language=best.lang != lang and not self._can_translate(best.lang, lang),
            e5_similarity=float(second[0]),
            e5_margin=float(second[0] - max(second[1:], default=0.0)),
            agreement=bool(second[0] >= max(second, default=0.0)),
            title_similarity=title_similarity,
            title_margin=title_margin,
        )
        if question.is_follow_up and gazetteer.named(question.turn.text):
            # "and to Japan?" after "How long does shipping to Canada take?" asks how long to Japan:
            # the previous question with its entities swapped for the new ones.
            # Embedded on its own (1-2 ms): the standalone query's vector still leans to the old entity's facts.
            asked, unasked = _swapped(query, question.turn.text)
            vector = self.embedder.embed_query(asked)
            return extract_answer(asked, vector, best, self.embedder, self._documents(retrieval), unasked=unasked), signals
        if question.is_follow_up:
            section = self.retriever.best_section(best, question.focus)
            return extract_answer(question.turn.text, question.focus, section, self.embedder, [self.retriever.document(section)]), signals
        section = self.retriever.answering_section(best, question.vector, general=not gazetteer.named(query), closeness=self._e5_closeness(e5_query))
        return extract_answer(query, question.vector, section, self.embedder, self._documents(retrieval)), signals

    def _documents(self, retrieval: Retrieval) -> list[list[Passage]]:
        """The chunks of the three best documents, where an answer's fact may be found."""
        return [self.retriever.document(p) for p in retrieval.passages[:3]]

    def _e5_closeness(self, query: np.ndarray | None) -> Callable[[list[Hit]], np.ndarray] | None:
        """e5's cosine of ``query`` with chunks: within one document in the customer's language it
        picks the section better than USE-m3 (dev, resolution at 3% wrong: sample KB 0.54 -> 0.60,
        the chips "¿Qué métodos de pago puedo usar?" and "Wie funktioniert die Rücksendung?" right;
        Liberapay and GitHub unchanged)."""
        if query is None:
            return None
        return lambda chunks: self.scorer.similarities(query, [(c.id, c.text, c.metadata) for c in chunks])

    def translate(self, text: str, source: str | None, target: str) -> str | None:
        """``text`` in ``target`` when a translator covers the pair; None otherwise or when no change is needed."""
        if not source or source == target:
            return None
        translator = self._translator(source, target)
        return translator.translate(text, source, target) if translator else None

    def can_translate(self, source: str | None, target: str) -> bool:
        """Whether a translator covers ``source`` -> ``target`` (the same language needs none)."""
        return not source or source == target or self._can_translate(source, target)

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
                if found := self.retriever.section_in(source, lang, vector):
                    return found
        return None

    def search_kb(self, query: str, lang: str, k: int = 5) -> list[Passage]:
        """The ``k`` passages nearest ``query`` for an agent's reply box, each in ``lang`` when the
        KB has its document in ``lang``, else in the document's own language."""
        return self.retriever.retrieve(query, lang, k).passages

    def kb_languages(self) -> set[str]:
        return self.retriever.languages

    def _translator(self, source: str, target: str) -> Translator | None:
        return next((t for t in self.translators if t.can_translate(source, target)), None)

    def _can_translate(self, source: str, target: str) -> bool:
        return self._translator(source, target) is not None

    def _localized(self, answer: Answer, lang: str) -> tuple[str, bool]:
        """The answer in the customer's language: as written, machine-translated, or framed as foreign."""
        source_lang = answer.passage.lang
        if source_lang == lang and answer.passage.machine_translated:
            return f"{answer.text} {phrase('machine_translated', lang)}", True
        if source_lang == lang:
            return answer.text, False
        if translator := self._translator(source_lang, lang):
            translated = translator.translate(answer.text, source_lang, lang)
            return f"{translated} {phrase('machine_translated', lang)}", True
        framed = phrase("other_language", lang, language=language_name(source_lang, lang))
        return f"{framed}\n{answer.text}\n{phrase('offer_person', lang)}", False

    def _answer_turn(self, question: Question, finding: Finding) -> tuple[Turn, bool]:
        """The assistant's answer turn, and whether its text is machine-translated."""
        lang = question.detection.lang
        generated = self._generated(question, finding.retrieval)
        if generated:
            text, translated, sources = generated.text, False, tuple(_source(p) for p in generated.cited)
        else:
            text, translated = self._localized(finding.answer, lang)
            sources = (_source(finding.answer.passage),)
        return Turn(Role.ASSISTANT, text, lang=lang, sources=sources, confidence=finding.score), translated

    def _generated(self, question: Question, retrieval: Retrieval) -> GeneratedAnswer | None:
        if self.generator is None:
            return None
        return self.generator.answer(question.turn.query, question.detection.lang, retrieval.passages[:3])

    def _handoff_notice(self, question: Question) -> tuple[str, datetime | None]:
        """What the customer is told when a person takes over, and when the team is back if it is
        away: the typical wait within business hours, the next opening outside them (in the
        customer's time zone when the widget gave it). A case already waiting gets a short
        acknowledgement instead of the notice again."""
        lang, service = question.detection.lang, question.conversation.service
        if service.case_waiting:
            return phrase("case_waiting", lang), None
        now = self.clock()
        hours = self.hours
        if hours is None or hours.is_open(now) or (back := hours.next_opening(now)) is None:
            minutes = service.typical_wait_minutes or self.settings.handoff_wait_minutes
            return phrase("handoff", lang, wait=plural_phrase("wait", lang, minutes, minutes=minutes) if minutes else ""), None
        theirs = known_zone(question.conversation.timezone)
        day, clock = format_moment(back.astimezone(theirs or hours.zone), lang)
        zone = "" if theirs else phrase("zone", lang, zone=zone_name(hours.zone, lang))
        wait = phrase("wait_closed", lang, day=day, time=clock, zone=zone)
        return f"{phrase('handoff', lang, wait=wait)} {phrase('leave_email', lang)}", back

    def _order_turn(self, question: Question, intent: Intent) -> TurnResult | None:
        """The order's status, or what the assistant needs to look it up; a person when the order
        is late or valuable, or after too many pairs that matched nothing. None when the order
        source cannot answer: the KB's page on tracking stands in."""
        lang = question.detection.lang
        try:
            outcome = self.orders.handle(question.conversation, question.turn.text, lang, question.context)
        except OrderSourceError as exc:
            log.warning("order lookup failed, answering from the knowledge base: %s", exc)
            return None
        order = outcome.order
        sources = (Source("orders", phrase("order_title", lang, order=order.order_id), order.tracking_url),) if order else ()
        notice, back_at = self._handoff_notice(question) if outcome.reasons else ("", None)
        text = "\n".join(t for t in (outcome.text, notice) if t)
        reply = Turn(
            Role.ASSISTANT, text, lang=lang, sources=sources, confidence=1.0 if order else None,
            handoff_reasons=outcome.reasons, order_step=outcome.step,
        )
        intent = intent if intent.name == ORDER_STATUS else Intent(ORDER_STATUS, 1.0, "order details")
        handoff = None
        if outcome.reasons:
            finding = Finding(intent, Retrieval(passages=[], ranked=[]), None, NO_SIGNALS, reply.confidence or 0.0)
            handoff = Handoff(outcome.reasons, replace(self._case(question, finding, outcome.reasons), order=order), back_at)
        return TurnResult(
            customer=question.turn, reply=reply, language=question.detection, low_confidence_streak=0, intent=intent,
            retrieved=("orders",) if order else (), handoff=handoff, order=order,
        )

    def _case(self, question: Question, finding: Finding, reasons: tuple[HandoffReason, ...]) -> Case:
        conversation, detection, answer = question.conversation, question.detection, finding.answer
        agent_lang = self.settings.agent_lang
        messages = tuple(
            CaseMessage(t.text, self.translate(t.text, t.lang or detection.lang, agent_lang)) for t in question.customer_turns
        )
        suggested = None
        # Only an answer to what was asked is worth suggesting: "let me talk to a person" retrieves
        # something, but nothing an agent should send (see SUGGESTION_SHARE).
        share = SUGGESTION_SHARE if finding.intent.name in QUESTION_INTENTS else 1.0
        if answer is not None and finding.intent.name not in UNSUGGESTED_INTENTS and finding.score >= share * self.threshold:
            suggested = SuggestedReply(answer.text, answer.passage.lang, (_source(answer.passage),))
        written = self.request_writer.line([m.text for m in messages]) if self.request_writer else None
        return Case(
            conversation_id=conversation.id, channel=conversation.channel, lang=detection.lang,
            lang_confidence=detection.confidence, context=question.context, reasons=reasons, confidence=finding.score,
            intent=finding.intent.name, sentiment=finding.intent.sentiment, entities=question.entities, messages=messages,
            answered=answered_turns((*conversation.turns, question.turn)), suggested_reply=suggested, agent_lang=agent_lang,
            generated_request=written,
        )

    def _triage_input(self, question: Question, finding: Finding) -> TriageInput:
        conversation = question.conversation
        return TriageInput(
            intent=finding.intent,
            confidence=finding.score,
            threshold=self.threshold,
            order_value=question.context.order_value,
            stated_value=stated_value(question.entities.amounts, self.settings.store_currency),
            high_value=self.settings.high_value,
            low_streak=conversation.low_confidence_streak,
            thumbs_down_before=conversation.last_feedback is Rating.DOWN,
        )


NO_SIGNALS = Signals(0.0, 0.0, 0.0, False, 0.0, 0.0, False, 0.0, 0.0)
_COURTESY_PHRASES = {Courtesy.THANKS: "welcome", Courtesy.OKAY: "anything_else", Courtesy.GREETING: "greeting"}


def _topic(passage: Passage) -> str:
    """What a passage is about, as a quick reply: its own heading, else its document's title."""
    return passage.headings.rsplit(" > ", 1)[-1].strip() or passage.title.strip()


def _swapped(query: str, follow_up: str) -> tuple[str, tuple[str, ...]]:
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


def _short(text: str, times: int = 1) -> bool:
    """Whether ``text`` is within ``times`` the length of a follow-up."""
    cjk = cjk_chars(text)
    return cjk <= times * FOLLOW_UP_CJK_CHARS if cjk else len(text.split()) <= times * FOLLOW_UP_WORDS


def _continues(text: str, lang: str) -> bool:
    """Whether ``text``, in ``lang``, reads as the continuation of the previous question."""
    cjk = cjk_chars(text)
    if (cjk and cjk <= BARE_CJK_CHARS) or (not cjk and len(text.split()) <= BARE_WORDS):
        return True
    if not _short(text):
        return False
    opening = text.lower().lstrip(_OPENING_PUNCTUATION)
    return any(opening.startswith(o) and (cjk or not opening[len(o) : len(o) + 1].isalnum()) for o in follow_up_openers(lang))


def _source(passage: Passage) -> Source:
    return Source(passage.source, passage.title, passage.url)


def _untold(finding: Finding) -> Turn | None:
    """The answer a handed-off turn did not send, as found (not translated)."""
    if finding.answer is None:
        return None
    answer = finding.answer
    return Turn(Role.ASSISTANT, answer.text, lang=answer.passage.lang, sources=(_source(answer.passage),), confidence=finding.score)
