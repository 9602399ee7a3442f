"""The case an agent receives on handoff, written from the turn: translated, with a suggestion."""

from __future__ import annotations

from assistant.compose.generation import RequestWriter
from assistant.compose.translators import Translators
from assistant.config import CoreSettings
from assistant.find.finding import Finding
from assistant.knowledge.retrieval import Passage
from assistant.model.case import Case, CaseMessage, SuggestedReply, answered_turns
from assistant.model.conversation import Source
from assistant.model.reasons import SPECS, HandoffReason
from assistant.understand.intents import KB_QUESTION, ORDER_STATUS
from assistant.understand.question import Question

# A case suggests the KB answer to a question when its confidence reached this share of the
# answer threshold; a request for a person (or something off-topic) is no question, and gets the
# passage only when it would have been sent as the answer (the full threshold). A reason whose
# spec says so (a complaint, a dispute) gets none.
SUGGESTION_SHARE = 0.8
QUESTION_INTENTS = frozenset({KB_QUESTION, ORDER_STATUS})
UNSUGGESTED_INTENTS = frozenset(r.value for r, s in SPECS.items() if not s.suggest_reply)


class CaseWriter:
    def __init__(self, settings: CoreSettings, translators: Translators, request_writer: RequestWriter | None) -> None:
        self.settings, self.translators, self.request_writer = settings, translators, request_writer

    def __call__(self, question: Question, finding: Finding, reasons: tuple[HandoffReason, ...], threshold: float) -> Case:
        conversation, detection = question.conversation, question.detection
        agent_lang = self.settings.agent_lang
        messages = tuple(
            CaseMessage(t.text, self.translators.translate(t.text, t.lang or detection.lang, agent_lang)) for t in question.customer_turns
        )
        written = self.request_writer.line([m.text for m in messages]) if self.request_writer else None
        return Case(
            conversation_id=conversation.id, channel=conversation.channel, lang=detection.lang,
            lang_confidence=detection.confidence, context=question.context, reasons=reasons, confidence=finding.score,
            intent=finding.intent.name, sentiment=finding.intent.sentiment, entities=question.entities, messages=messages,
            answered=answered_turns((*conversation.turns, question.turn)), suggested_reply=self._suggested(finding, threshold),
            agent_lang=agent_lang, generated_request=written,
        )

    def _suggested(self, finding: Finding, threshold: float) -> SuggestedReply | None:
        # Only an answer to what was asked is worth suggesting: "let me talk to a person" retrieves
        # something, but nothing an agent should send (see SUGGESTION_SHARE).
        answer = finding.answer
        share = SUGGESTION_SHARE if finding.intent.name in QUESTION_INTENTS else 1.0
        if answer is None or finding.intent.name in UNSUGGESTED_INTENTS or finding.score < share * threshold:
            return None
        return SuggestedReply(answer.text, answer.passage.lang, (source_of(answer.passage),))


def source_of(passage: Passage) -> Source:
    return Source(passage.source, passage.title, passage.url)
