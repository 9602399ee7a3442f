"""The message understood: masked, its language, its entities, and the question it asks on its own.

A short message after an answer ("and to Canada?") continues the question before it; the
standalone query holds both, so the rest of the turn searches for what was meant.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from assistant.config import CoreSettings
from assistant.knowledge.embeddings import Embedder
from assistant.knowledge.lexical import cjk_chars
from assistant.locales import follow_up_openers
from assistant.model.conversation import Conversation, Role, StoreContext, Turn
from assistant.understand.entities import (
    Entities,
    extract_entities,
    mask_cards,
    without_details,
)
from assistant.understand.intents import Intent, IntentClassifier
from assistant.understand.language import Detection, detect_message_language

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

    @property
    def query(self) -> str:
        """The standalone question searched for (always set on the customer's turn)."""
        return self.turn.query or self.turn.text

    @property
    def lang(self) -> str:
        return self.detection.lang


def understand(conversation: Conversation, message: str, context: StoreContext, embedder: Embedder, settings: CoreSettings) -> Question:
    # The core's entry: card numbers are masked here, before anything keeps or logs the text.
    text = mask_cards(message.strip())
    said = extract_entities(text)
    bare = without_details(text, said)
    # An email or an order number says nothing of the language: "anna@example.com" after a
    # German question stays German.
    detection = detect_message_language(
        bare, locale=conversation.locale or settings.pin_locale, hint=conversation.locale_hint, previous=conversation.language,
        default=settings.default_lang,
    )
    query, follow_up = standalone_query(conversation, text, detection.lang)
    # The length, not the text: logs outlive an erase, and masking only catches what it knows.
    log.info("turn %s [%s]: %d characters", conversation.id, detection.lang, len(text))
    vector = embedder.embed_query(query)
    entities = Entities()
    for turn in conversation.customer_turns():
        entities = entities.merge(extract_entities(turn.text))
    return Question(
        conversation=conversation, context=context, turn=Turn(Role.CUSTOMER, text, lang=detection.lang, query=query),
        detection=detection, vector=vector, focus=embedder.embed_query(text) if follow_up else vector,
        entities=entities.merge(said), is_follow_up=follow_up, said=said, bare=bare,
    )


def intent_of(question: Question, intents: IntentClassifier, embedder: Embedder) -> Intent:
    """The message's intent, read without the emails and numbers it gives (one more embedding
    when it has some)."""
    text, bare = question.turn.text, question.bare
    if bare == text or not bare:
        return intents.classify(text, question.focus)
    return intents.classify(bare, embedder.embed_query(bare))


def standalone_query(conversation: Conversation, text: str, lang: str) -> tuple[str, bool]:
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
