"""Answers that state the fact asked about: whole sentences, no echoed FAQ question, and for a
question naming a country, a payment method or a carrier, the fact for that one, with the real
embedder over the sample KB."""

import pytest

from assistant.find.answer import extract_answer
from assistant.find.sentences import split_sentences
from assistant.understand.gazetteer import named


def answer(bot, question, lang):
    """The answer as the assistant extracts it from the three best documents."""
    vector = bot.embedder.embed_query(question)
    retrieval = bot.retriever.retrieve(question, lang, vector=vector)
    documents = [bot.retriever.document(p) for p in retrieval.passages[:3]]
    return extract_answer(question, vector, retrieval.passages[0], bot.embedder, documents)


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("es", "El envío estándar a la Zona 2 (EE. UU. y Canadá) tarda 6-10 días hábiles. El envío exprés tarda 3-5 días hábiles.",
         "El envío estándar a la Zona 2 (EE. UU. y Canadá) tarda 6-10 días hábiles."),
        ("es", "Aceptamos monedas locales, p. ej. MXN y BRL. Los precios incluyen impuestos.", "Aceptamos monedas locales, p. ej. MXN y BRL."),
        ("de", "Lokale Zahlungsmethoden, z. B. Klarna, sind verfügbar. Die Zahlung wird sofort belastet.",
         "Lokale Zahlungsmethoden, z. B. Klarna, sind verfügbar."),
        ("en", "Local methods, e.g. Klarna, are available. Standard shipping costs EUR 4.95.", "Local methods, e.g. Klarna, are available."),
        ("fr", "Les frais sont affichés, p. ex. pour la Suisse. M. Dupont a payé en CHF.", "Les frais sont affichés, p. ex. pour la Suisse."),
        ("it", "Accettiamo metodi locali, ad es. Satispay. Il pagamento è immediato.", "Accettiamo metodi locali, ad es. Satispay."),
        ("en", "To return an item:\n1. Print the label.\n2. Drop the parcel off.", "To return an item:"),
        ("ja", "通常配送は4～8営業日です。速達配送は2～4営業日です。", "通常配送は4～8営業日です。"),
        ("ar", "هل يمكنني الدفع عبر PayPal؟ نعم، يمكنك ذلك.", "هل يمكنني الدفع عبر PayPal؟"),
    ],
)
def test_sentences_end_where_the_sentence_ends(lang, text, first):
    sentences = split_sentences(text, lang)
    assert sentences[0] == first
    assert "".join(sentences).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_a_list_item_of_two_sentences_is_one_piece():
    text = "Start a return in a few steps:\n1. Go to Account > Orders. Guests go to /returns.\n2. Print the label."
    assert split_sentences(text, "en") == ["Start a return in a few steps:", "1. Go to Account > Orders. Guests go to /returns.", "2. Print the label."]


@pytest.mark.parametrize(
    ("question", "entities"),
    [
        ("Do you ship to the US? Can you tell us the price?", ["US"]),
        ("¿Envían a EE. UU. y a México?", ["US", "MX"]),
        ("Livrez-vous en Allemagne ?", ["DE"]),
        ("Versand nach Festlandchina und Norwegen", ["CN", "NO"]),  # YAML reads a bare NO as false
        ("Quanto custa o frete para o Japão?", ["JP"]),
        ("Spedite negli Stati Uniti con DHL Express?", ["US", "dhl-express"]),
        ("寄到美国要多久？可以用支付宝吗？", ["US", "alipay"]),
        ("ラテンアメリカへの送料", ["latin-america"]),
        ("일본으로 배송하는 결제 수단", ["JP"]),  # 수단 "means" is not Sudan
        ("كم يستغرق الشحن إلى الإمارات واليابان؟", ["AE", "JP"]),
        ("Is there an ideal way to pay in Chile?", ["CL"]),  # iDEAL only as written
    ],
)
def test_entities_are_named_in_any_language(question, entities):
    assert list(named(question)) == entities


@pytest.mark.parametrize(
    ("lang", "question", "source", "facts", "wrong"),
    [
        # The three: Japan is Zone 3, Canada Zone 2, Mexico Zone 4 ("all other countries, including Latin America").
        ("ja", "日本までの配送日数と送料は？", "shipping.ja.md", ["4～8", "9.95", "日本"], ["2～5", "6～10"]),
        ("en", "How long does shipping to Canada take?", "shipping.md", ["6-10"], ["2-5", "4-8"]),
        ("es", "¿Cuánto tarda el envío a México?", "shipping.es.md", ["8-15"], ["6-10", "2-5"]),
        # Russia is named nowhere: a catch-all ("all other countries") holds it, not "Zone 1 (Europe)".
        ("en", "How much does shipping to Russia cost?", "shipping.md", ["EUR 19.95"], ["EUR 4.95", "EUR 9.95"]),
        ("en", "Do I pay import duties on orders to Peru?", "customs-duties.md", ["DAP"], ["you pay nothing on delivery"]),
        ("en", "Do I pay import duties on orders to Germany?", "customs-duties.md", ["DDP"], ["DAP"]),
        ("ar", "هل يمكنني الدفع عبر Pix في البرازيل؟", "payments.ar.md", ["Pix"], []),
    ],
)
def test_a_named_entity_gets_its_own_fact(bot, lang, question, source, facts, wrong):
    found = answer(bot, question, lang)
    assert found.passage.source == source
    assert all(fact in found.text for fact in facts), found.text
    assert not any(other in found.text for other in wrong), found.text
    assert found.sentences <= 3 and found.entity_coverage == 1.0


@pytest.mark.parametrize(
    ("question", "coverage"),
    [
        ("Can I pay with Bizum?", 0.0),
        ("Do you ship with FedEx?", 0.0),
        ("Can I pay with Bizum or Klarna?", 0.5),
        ("Can I pay with Klarna in Sweden?", 1.0),
        ("How do I return an item?", None),
    ],
)
def test_coverage_says_whether_the_kb_speaks_of_what_is_named(bot, question, coverage):
    assert answer(bot, question, "en").entity_coverage == coverage


def test_an_faq_answer_does_not_repeat_its_question(bot):
    found = answer(bot, "¿Hay descuento para estudiantes?", "es")
    assert found.passage.source == "faq-es.jsonl"
    assert "10 %" in found.text and "¿" not in found.text
