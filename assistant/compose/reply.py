"""The reply: the decision written out for the customer, in their language, as one `TurnResult`."""

from __future__ import annotations

import logging
from dataclasses import replace

from assistant.compose.case import CaseWriter, source_of
from assistant.compose.generation import GroundedGenerator
from assistant.compose.notice import HandoffNotice
from assistant.compose.translators import Translators
from assistant.decide.decision import Action, Decision
from assistant.errors import OrderSourceError
from assistant.find.answer import Answer
from assistant.find.finding import Finding
from assistant.locales import Courtesy, courtesy, language_name, phrase
from assistant.model.conversation import Conversation, Role, Source, Turn
from assistant.model.result import Handoff, TurnResult
from assistant.orders.desk import OrderDesk
from assistant.understand.intents import ORDER_STATUS, Intent
from assistant.understand.language import Detection
from assistant.understand.question import Question

log = logging.getLogger("triage.assistant")

_COURTESY_PHRASES = {Courtesy.THANKS: "welcome", Courtesy.OKAY: "anything_else", Courtesy.GREETING: "greeting"}


class Composer:
    def __init__(self, translators: Translators, generator: GroundedGenerator | None, notice: HandoffNotice, case: CaseWriter) -> None:
        self.translators, self.generator, self.notice, self.case = translators, generator, notice, case

    def compose(self, question: Question, finding: Finding, decision: Decision, threshold: float) -> TurnResult:
        lang, translated, handoff, candidate = question.lang, False, None, untold(finding)
        if decision.action is Action.CLARIFY:
            reply = Turn(Role.ASSISTANT, phrase("clarify", lang), lang=lang, confidence=finding.score)
        elif decision.action is Action.HAND_OFF:
            notice, back_at = self.notice(question)
            reply = Turn(Role.ASSISTANT, notice, lang=lang, confidence=finding.score, handoff_reasons=decision.reasons)
            handoff = Handoff(decision.reasons, self.case(question, finding, decision.reasons, threshold), back_at)
        else:
            reply, translated = self.answer_turn(question, finding)
            candidate = reply
        low = finding.score < threshold
        return TurnResult(
            customer=question.turn, reply=reply, language=question.detection,
            low_confidence_streak=question.conversation.low_confidence_streak + 1 if low else 0, intent=finding.intent,
            retrieved=tuple(finding.retrieval.sources), handoff=handoff, clarify=decision.clarify, candidate=candidate,
            machine_translated=translated, signals=finding.signals,
        )

    def answer_turn(self, question: Question, finding: Finding) -> tuple[Turn, bool]:
        """The assistant's answer turn, and whether its text is machine-translated."""
        lang = question.lang
        generated = self.generator.answer(question.query, lang, finding.retrieval.passages[:3]) if self.generator else None
        if generated:
            text, translated, sources = generated.text, False, tuple(source_of(p) for p in generated.cited)
        else:
            assert finding.answer is not None  # decided to answer
            text, translated = self.localized(finding.answer, lang)
            sources = (source_of(finding.answer.passage),)
        return Turn(Role.ASSISTANT, text, lang=lang, sources=sources, confidence=finding.score, learned=finding.learned), translated

    def localized(self, answer: Answer, lang: str) -> tuple[str, bool]:
        """The answer in the customer's language: as written, machine-translated, or framed as foreign."""
        source_lang = answer.passage.lang
        if source_lang == lang and answer.passage.machine_translated:
            return f"{answer.text} {phrase('machine_translated', lang)}", True
        if source_lang == lang:
            return answer.text, False
        if translator := self.translators.for_pair(source_lang, lang):
            translated = translator.translate(answer.text, source_lang, lang)
            return f"{translated} {phrase('machine_translated', lang)}", True
        framed = phrase("other_language", lang, language=language_name(source_lang, lang))
        return f"{framed}\n{answer.text}\n{phrase('offer_person', lang)}", False

    def courtesy(self, conversation: Conversation, question: Question) -> TurnResult | None:
        """A thanks, an okay or a greeting answered in kind: nothing to search, no one to call.
        Not when the assistant has just offered a person, where "ok" means yes."""
        found = courtesy(question.turn.text, question.lang)
        offered = conversation.last(Role.ASSISTANT)
        if found is None or (offered and offered.text.endswith(phrase("offer_person", offered.lang or question.lang))):
            return None
        kind, lang = found
        text = phrase(_COURTESY_PHRASES[kind], lang)
        language = question.detection if lang == question.lang else Detection(lang, question.detection.confidence, "courtesy")
        return TurnResult(
            customer=replace(question.turn, lang=lang), reply=Turn(Role.ASSISTANT, text, lang=lang), language=language,
            low_confidence_streak=conversation.low_confidence_streak, intent=Intent(kind.value, 1.0, "keyword"), retrieved=(),
        )

    def order_turn(self, orders: OrderDesk, question: Question, intent: Intent, threshold: float) -> TurnResult | None:
        """The order's status, or what the assistant needs to look it up; a person when the order
        is late or valuable, or after too many pairs that matched nothing. None when the order
        source cannot answer: the KB's page on tracking stands in."""
        lang = question.lang
        try:
            outcome = orders.handle(question.conversation, question.turn.text, lang, question.context)
        except OrderSourceError as exc:
            log.warning("order lookup failed, answering from the knowledge base: %s", exc)
            return None
        order = outcome.order
        sources = (Source("orders", phrase("order_title", lang, order=order.order_id), order.tracking_url),) if order else ()
        notice, back_at = self.notice(question) if outcome.reasons else ("", None)
        text = "\n".join(t for t in (outcome.text, notice) if t)
        reply = Turn(
            Role.ASSISTANT, text, lang=lang, sources=sources, confidence=1.0 if order else None,
            handoff_reasons=outcome.reasons, order_step=outcome.step,
        )
        intent = intent if intent.name == ORDER_STATUS else Intent(ORDER_STATUS, 1.0, "order details")
        handoff = None
        if outcome.reasons:
            case = self.case(question, Finding.nothing(intent, reply.confidence or 0.0), outcome.reasons, threshold)
            handoff = Handoff(outcome.reasons, replace(case, order=order), back_at)
        return TurnResult(
            customer=question.turn, reply=reply, language=question.detection, low_confidence_streak=0, intent=intent,
            retrieved=("orders",) if order else (), handoff=handoff, order=order,
        )


def untold(finding: Finding) -> Turn | None:
    """The answer a handed-off turn did not send, as found (not translated)."""
    if finding.answer is None:
        return None
    answer = finding.answer
    return Turn(Role.ASSISTANT, answer.text, lang=answer.passage.lang, sources=(source_of(answer.passage),), confidence=finding.score)
