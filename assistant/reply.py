"""`Assistant.reply`: one customer message in, one `TurnResult` out; the conversation is only read.

A message flows one way through four steps: understand (`understand/`) -> find (`find/`) ->
decide (`decide/`) -> compose (`compose/`). An order's status is told from the order desk
instead of the KB, and a thanks or a greeting answered in kind. The caller persists the result
(`TurnResult.advance` in memory). `assistant/factory.py` builds an Assistant from settings.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from assistant.agent_help import AgentHelp
from assistant.compose.case import CaseWriter
from assistant.compose.generation import GroundedGenerator, RequestWriter
from assistant.compose.notice import HandoffNotice
from assistant.compose.reply import Composer
from assistant.compose.translation import Translator
from assistant.compose.translators import Translators
from assistant.config import CoreSettings
from assistant.decide.clarify import Clarifier
from assistant.decide.decision import decide
from assistant.decide.refit import Label, Refit, refit_threshold
from assistant.find.finding import Finder
from assistant.knowledge.calibration import Assessed, Calibration
from assistant.knowledge.index import KnowledgeIndex
from assistant.knowledge.kb import KnowledgeBase
from assistant.knowledge.learned import LearnedAnswer, LearnedIndex, faq_answers
from assistant.knowledge.retrieval import Retriever
from assistant.knowledge.scoring import PassageScorer, TitleMatch
from assistant.model.conversation import Conversation, StoreContext
from assistant.model.result import TurnResult
from assistant.orders.desk import OrderDesk
from assistant.understand.intents import IntentClassifier
from assistant.understand.language import detect_message_language
from assistant.understand.question import intent_of, understand


class Assistant:
    def __init__(
        self,
        settings: CoreSettings,
        index: KnowledgeIndex,
        translator: Translator | None = None,
        generator: GroundedGenerator | None = None,
        llm_translator: Translator | None = None,
        scorer: PassageScorer | None = None,
        orders: OrderDesk | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        request_writer: RequestWriter | None = None,
    ) -> None:
        self.settings, self.orders = settings, orders
        self.embedder = index.embedder
        self.intents = IntentClassifier(self.embedder)
        # Machine translation in order of preference: installed argos packages, then the LLM.
        self.translators = Translators([translator, llm_translator])
        case = CaseWriter(settings, self.translators, request_writer)
        self.composer = Composer(self.translators, generator, HandoffNotice(settings, clock), case)
        self.taught: tuple[LearnedAnswer, ...] = ()
        self.labels: tuple[Label, ...] = ()
        self.learned: LearnedIndex | None = None
        self.refit: Refit | None = None
        self._use(KnowledgeBase.read(index, settings, scorer))

    def _use(self, kb: KnowledgeBase) -> None:
        """Read the turn's KB-bound steps from ``kb``."""
        self.kb = kb
        self.finder = Finder(kb, self.embedder, self.translators)
        self.clarifier = Clarifier(self.finder)
        self.agents = AgentHelp(kb, self.embedder, self.translators)
        self.learn(self.taught, self.labels)

    def learn(self, answers: Sequence[LearnedAnswer], labels: Sequence[Label] = ()) -> None:
        """Answer from these learned answers (the active ones), besides the KB's FAQ questions, at
        the threshold the store's ``labels`` refit (assistant/decide/refit.py) when they can."""
        self.taught, self.labels = tuple(answers), tuple(labels)
        settings = self.settings
        known = [*self.taught, *faq_answers(self.kb)]
        self.learned = LearnedIndex(known, self.embedder, settings.learned_threshold, settings.learned_across, self.learned, settings.learned_agreed)
        # An explicit TRIAGE_ANSWER_THRESHOLD is the store's word: labels do not move it.
        self.refit = refit_threshold(self.labels, self.kb.threshold) if settings.answer_threshold is None and settings.refit else None

    def reply(self, conversation: Conversation, message: str, context: StoreContext | None = None) -> TurnResult:
        """Answer ``message`` in ``conversation`` (read, never written); ``context`` overrides the conversation's."""
        threshold = self.threshold
        question = understand(conversation, message, context or conversation.context, self.embedder, self.settings)
        if polite := self.composer.courtesy(conversation, question):
            return polite
        intent = intent_of(question, self.intents, self.embedder)
        if self.orders and self.orders.wants(conversation, question.said, question.bare, intent):
            if told := self.composer.order_turn(self.orders, question, intent, threshold):
                return told
        finding = self.finder.find(question, intent, learned=self.learned)
        decision = decide(question, finding, threshold, self.settings, self.clarifier)
        return self.composer.compose(question, finding, decision, threshold)

    def assess(self, text: str, lang: str, exclude: frozenset[str] = frozenset()) -> Assessed:
        """The confidence of a lone question in ``lang`` and the passage it would be answered
        from, with the ``exclude``d documents left out; for self-calibration."""
        question = understand(Conversation(locale=lang), text, StoreContext(), self.embedder, self.settings)
        finding = self.finder.find(question, self.intents.classify(question.turn.text, question.focus), exclude)
        passage = finding.answer.passage if finding.answer else None
        return Assessed(finding.score, passage.doc_key if passage else None, passage.id if passage else None)

    # The KB's lifecycle: an ingest publishes a new generation; each worker reloads it.
    def kb_changed(self) -> bool:
        """Whether an ingest has finished changing the KB since this assistant read it."""
        return self.kb.changed()

    def reloaded(self) -> Assistant:
        """A new assistant over the KB as it is now: chunks, BM25, title vectors, calibration and
        threshold read again; the models, translators and order desk shared, not loaded again.
        This one is left as it was, so turns under way on it finish on it."""
        fresh = copy.copy(self)
        fresh._use(self.kb.reread(self.settings))
        return fresh

    def close(self) -> None:
        """Let go of the KB this assistant read, once no turn uses it: after `reloaded` replaced it."""
        self.kb.close()

    def warm(self) -> None:
        """Load what the first message would otherwise wait for."""
        self.intents.warm()
        self.kb.titles.vectors()
        detect_message_language("warm-up message")

    # What callers read of the KB in use.
    @property
    def threshold(self) -> float:
        return self.refit.threshold if self.refit else self.kb.threshold

    @property
    def calibration(self) -> Calibration | None:
        return self.kb.calibration

    @property
    def kb_generation(self) -> str | None:
        return self.kb.generation

    @property
    def retriever(self) -> Retriever:
        return self.kb.retriever

    @property
    def titles(self) -> TitleMatch:
        return self.kb.titles

    @property
    def scorer(self) -> PassageScorer:
        return self.kb.scorer
