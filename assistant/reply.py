"""`Assistant.reply`: one customer message in, one reply out, the conversation extended.

A message flows one way: language -> retrieval -> answer -> triage -> the reply and, on
handoff, the case for the agent.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, replace

import numpy as np

from assistant.answer import Answer, extract_answer
from assistant.case import Case, CaseMessage, SuggestedReply, answered_turns
from assistant.catalog import language_name, phrase
from assistant.config import Settings
from assistant.conversation import Conversation, Role, Source, StoreContext, Turn
from assistant.embeddings import Embedder, load_embedder
from assistant.entities import Entities, extract_entities, mask_cards, mask_for_log
from assistant.index import KnowledgeIndex, open_index
from assistant.language import Detection, detect_message_language
from assistant.lexical import overlap
from assistant.retrieval import Passage, Retrieval, Retriever
from assistant.generation import GeneratedAnswer, GroundedGenerator, LLMTranslator, chat_model
from assistant.translation import ArgosTranslator, Translator
from assistant.triage import Intent, IntentClassifier, Signals, TriageInput, confidence, handoff_reasons, stated_value_eur

log = logging.getLogger("triage.assistant")


# A message this short after an answer is read as a follow-up to it ("and to Canada?").
FOLLOW_UP_WORDS = 5
FOLLOW_UP_CJK_CHARS = 12
# A case suggests the KB answer when its confidence reached this share of the answer threshold.
SUGGESTION_SHARE = 0.8
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Handoff:
    reasons: list[str]
    case: Case

    def to_dict(self) -> dict:
        return {"reasons": self.reasons, "case": self.case.to_dict()}


@dataclass(frozen=True)
class Reply:
    text: str
    lang: str
    sources: list[Source]
    confidence: float
    handoff: Handoff | None
    lang_confidence: float
    intent: str
    retrieved: list[str]
    machine_translated: bool = False
    signals: Signals | None = None

    def to_dict(self) -> dict:
        """The shape of `triage ask --json` (../shared/CLI_API_CONTRACT.md), plus a few extras."""
        return {
            "text": self.text,
            "lang": self.lang,
            "sources": [asdict(s) for s in self.sources],
            "confidence": round(self.confidence, 4),
            "handoff": self.handoff.to_dict() if self.handoff else None,
            "lang_confidence": round(self.lang_confidence, 4),
            "intent": self.intent,
            "retrieved": self.retrieved,
            "machine_translated": self.machine_translated,
            "signals": asdict(self.signals) if self.signals else None,
        }


class Assistant:
    def __init__(
        self,
        settings: Settings,
        index: KnowledgeIndex,
        translator: Translator | None = None,
        generator: GroundedGenerator | None = None,
        llm_translator: Translator | None = None,
    ) -> None:
        self.settings = settings
        self.embedder: Embedder = index.embedder
        self.retriever = Retriever(index, lexical_weight=settings.lexical_weight, language_bonus=settings.language_bonus)
        self.intents = IntentClassifier(self.embedder)
        # Machine translation in order of preference: installed argos packages, then the LLM.
        self.translators = [t for t in (translator, llm_translator) if t is not None]
        self.generator = generator

    @classmethod
    def from_settings(cls, settings: Settings, collection: str | None = None, threads: int | None = None) -> Assistant:
        """An assistant over the configured index; ``threads`` overrides the embedder's BLAS threads."""
        index = open_index(settings, load_embedder(settings.embedder, threads or settings.threads), collection)
        translator = ArgosTranslator(settings.argos_dir) if settings.argos_dir.exists() else None
        model = chat_model(settings)
        generator = GroundedGenerator(model) if model else None
        return cls(settings, index, translator, generator, LLMTranslator(model) if model else None)

    def warm(self) -> None:
        """Load what the first message would otherwise wait for."""
        self.intents.warm()
        detect_message_language("warm-up message")

    def record_feedback(self, conversation: Conversation, rating: str) -> None:
        conversation.last_feedback = rating

    def reply(self, conversation: Conversation, message: str, context: StoreContext | None = None) -> Reply:
        if context is not None:
            conversation.context = context
        text = mask_cards(message.strip())
        detection = detect_message_language(
            text, locale=conversation.locale, previous=conversation.language, default=self.settings.default_lang
        )
        conversation.language = detection
        query = self._standalone_query(conversation, text)
        conversation.turns.append(Turn(Role.CUSTOMER, text, lang=detection.lang, query=query))
        log.info("turn %s [%s]: %s", conversation.id, detection.lang, mask_for_log(text))

        vector = self.embedder.embed_query(query)
        intent = self.intents.classify(text, vector if query == text else None)
        retrieval = self.retriever.retrieve(query, detection.lang, k=5, vector=vector)
        answer, signals = self._answer(query, retrieval, detection.lang, focus=text if query != text else None)
        score = confidence(signals) if answer else 0.0
        reasons = handoff_reasons(self._triage_input(conversation, intent, score))
        conversation.low_confidence_streak = conversation.low_confidence_streak + 1 if score < self.settings.answer_threshold else 0
        conversation.last_feedback = None
        if reasons:
            reply = self._hand_off(conversation, detection, intent, score, reasons, answer, retrieval)
        else:
            reply = self._answer_reply(conversation, detection, intent, score, answer, retrieval)
        return replace(reply, signals=signals)

    def _standalone_query(self, conversation: Conversation, text: str) -> str:
        """The message, with the previous question prepended when it reads as a follow-up."""
        previous = conversation.last(Role.CUSTOMER)
        answered = conversation.last(Role.ASSISTANT)
        if previous is None or answered is None or not answered.sources:
            return text
        cjk = len(_CJK.findall(text))
        short = cjk <= FOLLOW_UP_CJK_CHARS if cjk else len(text.split()) <= FOLLOW_UP_WORDS
        return f"{previous.query or previous.text} {text}" if short else text

    def _answer(self, query: str, retrieval: Retrieval, lang: str, focus: str | None = None) -> tuple[Answer | None, Signals]:
        """The answer and its signals. For a follow-up, the previous question picks the document
        and the follow-up's own words pick the section: "and in Japan?" after payments in Europe."""
        if not retrieval.passages:
            return None, Signals(0.0, 0.0, 0.0, False)
        best = retrieval.passages[0]
        others = [p.similarity for p in retrieval.ranked if p.doc_key != best.doc_key]
        original = next((p for p in retrieval.ranked if p.doc_key == best.doc_key and p.id != best.id), best)
        signals = Signals(
            similarity=best.similarity,
            margin=best.similarity - max(others, default=0.0),
            overlap=max(overlap(query, best.text), overlap(query, original.text)),
            other_language=best.lang != lang and not self._can_translate(best.lang, lang),
        )
        if focus:
            section = self.retriever.best_section(best, self.embedder.embed_query(focus))
            return extract_answer(focus, section, self.embedder), signals
        return extract_answer(query, best, self.embedder), signals

    def translate(self, text: str, source: str | None, target: str) -> str | None:
        """``text`` in ``target`` when a translator covers the pair; None otherwise or when no change is needed."""
        if not source or source == target:
            return None
        translator = self._translator(source, target)
        return translator.translate(text, source, target) if translator else None

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

    def _answer_reply(self, conversation, detection, intent, score, answer, retrieval) -> Reply:
        generated = self._generated(conversation, detection.lang, retrieval)
        if generated:
            text, translated, sources = generated.text, False, [_source(p) for p in generated.cited]
        else:
            text, translated = self._localized(answer, detection.lang)
            sources = [_source(answer.passage)]
        conversation.turns.append(Turn(Role.ASSISTANT, text, lang=detection.lang, sources=sources, confidence=score))
        return Reply(text, detection.lang, sources, score, None, detection.confidence, intent.name, retrieval.sources, translated)

    def _generated(self, conversation: Conversation, lang: str, retrieval: Retrieval) -> GeneratedAnswer | None:
        if self.generator is None:
            return None
        question = conversation.customer_turns()[-1].query or conversation.customer_turns()[-1].text
        return self.generator.answer(question, lang, retrieval.passages[:3])

    def _hand_off(self, conversation, detection, intent, score, reasons, answer, retrieval) -> Reply:
        reasons_text = [r.value for r in reasons]
        case = self._case(conversation, detection, intent, score, reasons_text, answer)
        minutes = self.settings.handoff_wait_minutes
        wait = phrase("wait", detection.lang, minutes=minutes) if minutes else ""
        text = phrase("handoff", detection.lang, wait=wait)
        conversation.turns.append(Turn(Role.ASSISTANT, text, lang=detection.lang, confidence=score, handoff_reasons=reasons_text))
        conversation.handed_off = True
        handoff = Handoff(reasons_text, case)
        return Reply(text, detection.lang, [], score, handoff, detection.confidence, intent.name, retrieval.sources)

    def _case(self, conversation, detection: Detection, intent: Intent, score: float, reasons: list[str], answer: Answer | None) -> Case:
        agent_lang = self.settings.agent_lang
        messages = [
            CaseMessage(t.text, self.translate(t.text, t.lang or detection.lang, agent_lang))
            for t in conversation.customer_turns()
        ]
        entities = Entities()
        for turn in conversation.customer_turns():
            entities = entities.merge(extract_entities(turn.text))
        suggested = None
        # Only an answer the assistant nearly gave is worth suggesting: "let me talk to a person"
        # retrieves something, but nothing an agent should send.
        if answer is not None and score >= SUGGESTION_SHARE * self.settings.answer_threshold:
            suggested = SuggestedReply(answer.text, answer.passage.lang, [_source(answer.passage)])
        return Case(
            conversation_id=conversation.id, channel=conversation.channel, lang=detection.lang,
            lang_confidence=detection.confidence, context=conversation.context, reasons=reasons, confidence=score,
            intent=intent.name, sentiment=intent.sentiment, entities=entities, messages=messages,
            answered=answered_turns(conversation), suggested_reply=suggested, agent_lang=agent_lang,
        )

    def _triage_input(self, conversation: Conversation, intent: Intent, score: float) -> TriageInput:
        customer_text = " ".join(t.text for t in conversation.customer_turns())
        return TriageInput(
            intent=intent,
            confidence=score,
            threshold=self.settings.answer_threshold,
            order_value=conversation.context.order_value,
            stated_value=stated_value_eur(extract_entities(customer_text).amounts),
            high_value=self.settings.high_value,
            low_streak=conversation.low_confidence_streak,
            thumbs_down_before=conversation.last_feedback == "down",
        )


def _source(passage: Passage) -> Source:
    return Source(passage.source, passage.title, passage.url)
