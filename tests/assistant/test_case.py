"""The case an agent reads first: who, what they want in one line, why a person, what they were told.

The one-line request and the summary are pure functions of the case (no model); the suggested
reply and the LLM's request line go through the assistant over the sample KB, with the chat
model faked (langchain-core's fake chat model) as the one outer boundary.
"""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.compose.generation import RequestWriter
from assistant.knowledge.index import open_index
from assistant.model.case import (
    AnsweredTurn,
    Case,
    CaseMessage,
    RequestSource,
    request_line,
)
from assistant.model.conversation import Conversation, Rating, Role, Source, StoreContext, Turn
from assistant.model.reasons import HandoffReason
from assistant.reply import Assistant
from assistant.understand.entities import Entities, extract_entities
from tests.utils.turn import ask

ANA = StoreContext(customer_ref="cust-7", customer_name="Ana López", order_id="NP-20431", order_value=80.0, currency="EUR", tier="gold")


def entities_of(*texts: str) -> Entities:
    found = Entities()
    for text in texts:
        found = found.merge(extract_entities(text))
    return found


@pytest.mark.parametrize(
    ("words", "intent", "expected"),
    [
        (["Mi pedido NP-20431 llegó roto y quiero hablar con una persona"], "human_request",
         "Wants a person · order NP-20431: “Mi pedido NP-20431 llegó roto y quiero hablar con una persona”"),
        (["I was charged $49.90 twice for order #4471203, I'm filing a chargeback"], "dispute",
         "Payment dispute · order 4471203 · USD 49.90: “I was charged $49.90 twice for order #4471203, I'm filing a chargeback”"),
        (["Das ist eine Frechheit, Bestellung NP-55120 ist drei Wochen zu spät"], "complaint",
         "Complaint · order NP-55120: “Das ist eine Frechheit, Bestellung NP-55120 ist drei Wochen zu spät”"),
        (["注文NP-55120の配送先住所を変更したいです"], "kb_question", "Question · order NP-55120: “注文NP-55120の配送先住所を変更したいです”"),
        # A bare request for a person: the message before it says what the matter is.
        (["¿Puedo cambiar la dirección de entrega del pedido NP-55120?", "un agente, por favor"], "human_request",
         "Wants a person · order NP-55120: “¿Puedo cambiar la dirección de entrega del pedido NP-55120?”"),
        (["où est mon colis ?"], "order_status", "Where is my order: “où est mon colis ?”"),
    ],
)
def test_the_request_line_says_what_the_customer_wants_in_their_words(words, intent, expected):
    assert request_line(words, intent, entities_of(*words)) == expected


def test_the_request_line_names_the_signed_order_when_the_customer_names_none_and_stays_one_line():
    long = "My parcel is three weeks late and\nnobody answers my emails. " + "I have written again and again. " * 8
    line = request_line([long], "complaint", Entities(), order_id="NP-10003")
    assert line.startswith("Complaint · order NP-10003: “My parcel is three weeks late and nobody answers my emails.")
    assert "\n" not in line and line.endswith("…”") and len(line) < 170


def case(context: StoreContext = ANA, answered=(), reasons=(HandoffReason.HUMAN_REQUEST,), **fields) -> Case:
    messages = fields.pop("messages", ("¿Cuándo llega mi reembolso?", "Quiero hablar con una persona, por favor"))
    return Case(
        conversation_id="c-1", channel="web", lang="es", lang_confidence=0.99, context=context, reasons=tuple(reasons),
        confidence=0.4, intent="human_request", sentiment="neutral", entities=entities_of(*messages),
        messages=tuple(CaseMessage(m) for m in messages), answered=tuple(answered), **fields,
    )


def test_the_summary_reads_who_what_why_and_the_order_before_the_machine_details():
    summary = case(reasons=(HandoffReason.HUMAN_REQUEST, HandoffReason.HIGH_VALUE)).summary.splitlines()
    assert summary[0] == "Ana López (cust-7) · gold tier · Spanish"
    assert summary[1] == "Wants: Wants a person · order NP-20431: “¿Cuándo llega mi reembolso?”"
    assert summary[2] == "Why a person: asked for a person; a high-value order or amount"
    assert summary[3] == "Order: NP-20431 · EUR 80.00"
    assert summary[-1].startswith("Triage: human_request + high_value · intent human_request")


def test_a_case_without_a_signed_name_is_anonymous_and_a_ref_alone_names_it():
    assert case(StoreContext()).who == "Anonymous customer · Spanish"
    assert case(StoreContext(customer_ref="cust-9", tier="silver")).who == "cust-9 · silver tier · Spanish"


def test_what_the_customer_was_told_carries_their_thumbs():
    told = [
        AnsweredTurn("¿Aceptan PayPal?", "Sí, aceptamos PayPal.", (Source("payments.es.md", "Pagos"),), Rating.UP),
        AnsweredTurn("¿Cuándo llega mi reembolso?", "Los reembolsos tardan 5 días.", (Source("returns.es.md", "Devoluciones"),), Rating.DOWN),
        AnsweredTurn("¿Envían a Canarias?", "Sí, enviamos a Canarias.", (Source("shipping.es.md", "Envíos"),)),
    ]
    data = case(answered=told).to_dict()
    assert [a["rating"] for a in data["answered"]] == ["up", "down", None]
    assert "Told (👍 helpful): “Sí, aceptamos PayPal.” (payments.es.md)" in data["summary"]
    assert "Told (👎 not helpful): “Los reembolsos tardan 5 días.” (returns.es.md)" in data["summary"]
    assert "Told (no rating): “Sí, enviamos a Canarias.” (shipping.es.md)" in data["summary"]
    assert "Already answered" not in data["summary"]


def test_a_thumbs_down_marks_the_answer_it_was_given_on():
    answer = Turn(Role.ASSISTANT, "Sí.", sources=(Source("payments.es.md", "Pagos"),))
    conversation = Conversation(turns=(Turn(Role.CUSTOMER, "¿Aceptan PayPal?"), answer)).rated(Rating.DOWN)
    assert conversation.turns[-1].rating is Rating.DOWN and conversation.last_feedback is Rating.DOWN


def test_the_case_dict_holds_the_structured_fields_for_the_inbox():
    data = case().to_dict()
    assert data["who"] == {
        "name": "Ana López", "ref": "cust-7", "tier": "gold", "lang": "es", "language": "Spanish",
        "text": "Ana López (cust-7) · gold tier · Spanish",
    }  # fmt: skip
    assert data["why"] == [{"reason": "human_request", "text": "asked for a person"}]
    assert data["request_source"] == "words" and data["request_line"].startswith("Wants a person")
    assert "generated_request" not in data


def test_a_generated_request_line_is_marked_as_generated():
    data = case(generated_request="Wants to know when the PayPal refund for NP-20431 arrives").to_dict()
    assert data["request_source"] == RequestSource.GENERATED.value
    assert "Wants (generated): Wants to know when the PayPal refund for NP-20431 arrives" in data["summary"]


# Through the assistant, over the sample KB.


def test_an_angry_late_parcel_gets_no_suggested_reply(bot):
    """Issue 12: the reply box was pre-filled with a KB passage that answered nothing asked."""
    reply, _ = ask(bot, "my parcel is three weeks late")
    assert reply.handoff.reasons == (HandoffReason.COMPLAINT,)
    assert reply.handoff.case.suggested_reply is None


def test_a_question_nearly_answered_gets_its_answer_suggested(bot):
    reply, _ = ask(bot, "todavía no he recibido mi reembolso de PayPal")
    suggested = reply.handoff.case.suggested_reply
    assert reply.handoff.reasons == (HandoffReason.LOW_CONFIDENCE,)
    assert suggested.sources[0].source == "returns.es.md" and "PayPal" in suggested.text


def test_a_request_for_a_person_with_a_question_the_kb_answers_gets_that_answer_suggested(bot):
    reply, _ = ask(bot, "Can I pay with Klarna in Germany? I want to talk to a person")
    suggested = reply.handoff.case.suggested_reply
    assert reply.handoff.reasons == (HandoffReason.HUMAN_REQUEST,)
    assert suggested.sources[0].source == "payments.md" and "Klarna" in suggested.text


def test_a_thumbed_down_answer_reaches_the_case_marked(bot):
    answered, conversation = ask(bot, "When do I get my PayPal refund?", customer_name="Ana López")
    assert answered.handoff is None
    handed, _ = ask(bot, "That doesn't help, I want to talk to a person", conversation.rated(Rating.DOWN))
    data = handed.handoff.case.to_dict()
    assert data["answered"][0]["rating"] == "down" and data["answered"][0]["sources"][0]["source"] == "returns.md"
    assert data["who"]["name"] == "Ana López" and "Told (👎 not helpful)" in data["summary"]


def writing_bot(kb_settings, use_m3, *responses) -> Assistant:
    model = FakeListChatModel(responses=list(responses))
    return Assistant(kb_settings, open_index(kb_settings, use_m3), request_writer=RequestWriter(model))


def test_with_the_llm_the_request_line_is_generated_and_marked(kb_settings, use_m3):
    bot = writing_bot(kb_settings, use_m3, "Wants to change the delivery address of order NP-55120")
    reply, _ = ask(bot, "Quiero cambiar la dirección de entrega del pedido NP-55120, pásame con un agente")
    data = reply.handoff.case.to_dict()
    assert data["request_line"] == "Wants to change the delivery address of order NP-55120"
    assert data["request_source"] == "generated" and "Wants (generated): " in data["summary"]


def test_a_generated_line_that_is_no_line_falls_back_to_the_customers_words(kb_settings, use_m3):
    bot = writing_bot(kb_settings, use_m3, "Sure! Here is a summary:\n- the customer wants a new address")
    reply, _ = ask(bot, "Quiero cambiar la dirección de entrega del pedido NP-55120, pásame con un agente")
    data = reply.handoff.case.to_dict()
    assert data["request_source"] == "words" and data["request_line"].startswith("Wants a person · order NP-55120: “Quiero")
