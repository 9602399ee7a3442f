"""Learned answers in the turn: a question the team answered once is answered again, in other
words and other languages, and only from what the team confirmed."""

from dataclasses import replace

import pytest

from assistant.knowledge.index import open_index
from assistant.knowledge.learned import AnswerKind, LearnedAnswer, LearnedQuestion, LearnedStatus, taught
from assistant.knowledge.scoring import open_scorer
from assistant.model.conversation import Conversation
from assistant.reply import Assistant
from assistant.understand.entities import mask_personal

HYGIENE = LearnedAnswer(
    "hygiene", AnswerKind.SECTION, (LearnedQuestion("¿Puedo devolver unos calcetines si ya abrí el paquete?", "es"),), "es",
    source="returns.md", headings="Non-returnable items",
)
PADDLES = LearnedAnswer(
    "paddles", AnswerKind.TEXT, (LearnedQuestion("Do you sell carbon fibre kayak paddles?", "en"),), "en",
    text="We don't sell paddles; we stock kayaks and their spray decks only.",
)


@pytest.fixture
def learner(kb_settings, use_m3) -> Assistant:
    """An assistant of its own: learning changes it."""
    index = open_index(kb_settings, use_m3)
    return Assistant(kb_settings, index, scorer=open_scorer(kb_settings, index.name, 2))


def test_a_section_the_team_confirmed_answers_a_paraphrase_in_the_customers_language(learner):
    # Confirmed for a Spanish case on the English page: shown from the page's Spanish translation.
    asked = "Abrí el paquete de calcetines, ¿todavía puedo devolverlos?"
    learner.learn([HYGIENE])
    result = learner.reply(Conversation(), asked)
    assert result.handoff is None and result.clarify is None
    assert result.reply.learned == "hygiene"
    assert result.sources[0].source == "returns.es.md"  # the section in the customer's language
    assert "calcetines" in result.text


def test_an_agents_text_answers_in_its_language_and_nowhere_else(learner):
    learner.learn([PADDLES])
    english = learner.reply(Conversation(), "do you have kayak paddles made of carbon fiber?")
    assert english.text == PADDLES.text and english.reply.learned == "paddles"
    assert english.sources[0].source == "learned/paddles"
    # No translator into German: the English text is not sent, the turn goes on as before.
    german = learner.reply(Conversation(), "Verkauft ihr Kajakpaddel aus Carbon?")
    assert german.reply.learned is None


def test_a_translation_of_a_learned_question_is_not_answered_from_it(learner):
    # USE-m3 puts a question's translation at 0.65-0.75 from it; across languages that close a
    # match answered 8 of 27 wrongly on the GitHub dev split, so alone it takes what a paraphrase
    # takes. (The search found the general return conditions here, not this section: no second witness.)
    learner.learn([HYGIENE])
    assert learner.reply(Conversation(), "I opened a pack of socks, can I still send them back?").reply.learned is None


def test_nothing_learned_and_nothing_paused_is_used(learner):
    asked = "do you have kayak paddles made of carbon fiber?"
    before = learner.reply(Conversation(), asked)
    learner.learn([replace(PADDLES, status=LearnedStatus.PAUSED)])
    paused = learner.reply(Conversation(), asked)
    assert before.reply.learned is None and paused.reply.learned is None
    assert paused.text == before.text


def test_a_question_far_from_every_learned_one_is_not_answered_from_them(learner):
    learner.learn([PADDLES, HYGIENE])
    result = learner.reply(Conversation(), "How long does shipping to Japan take?")
    assert result.reply.learned not in ("paddles", "hygiene")


def test_a_new_paraphrase_joins_the_answer_that_says_the_same():
    again = replace(HYGIENE, id="other", questions=(LearnedQuestion("Kann ich geöffnete Socken zurückgeben?", "de"),))
    answers = taught(taught([], HYGIENE), again)
    assert len(answers) == 1
    assert [q.lang for q in answers[0].questions] == ["es", "de"]
    assert len(taught(answers, PADDLES)) == 2


def test_learned_questions_keep_what_is_asked_and_nothing_personal():
    text = "Hi, I'm Ana López, order NP-20431, ana.lopez@example.com, card 4111 1111 1111 1111, tel +34 612 345 678: can I return socks?"
    masked = mask_personal(text, ["Ana López"])
    for secret in ("Ana", "López", "NP-20431", "ana.lopez@example.com", "4111 1111 1111 1111", "612 345 678"):
        assert secret not in masked
    assert "can I return socks?" in masked
