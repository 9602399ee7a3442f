"""The optional LLM mode. The chat model is the one outer boundary faked here (langchain-core's
fake chat model); retrieval, the guard and the fallback are real."""

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.compose.generation import (
    GroundedGenerator,
    LLMTranslator,
    chat_model,
    guard,
)
from assistant.errors import ConfigError
from assistant.knowledge.index import open_index
from assistant.knowledge.retrieval import Passage
from assistant.model.conversation import Conversation
from assistant.reply import Assistant

QUESTION = "我可以用支付宝付款吗？"


def passage(n: int) -> Passage:
    return Passage(f"id{n}", f"text {n}", f"doc{n}.md", f"Doc {n}", "", "en", f"doc{n}", 0, None, 0.5, 0.5)


def generating_bot(kb_settings, use_m3, *responses):
    model = FakeListChatModel(responses=list(responses))
    return Assistant(kb_settings, open_index(kb_settings, use_m3), generator=GroundedGenerator(model))


def test_guard_accepts_only_answers_that_cite_retrieved_passages():
    passages = [passage(1), passage(2)]
    accepted = guard("Pay with Alipay [2]. Also cards [1][2].", passages)
    assert accepted.text == "Pay with Alipay. Also cards." and [p.source for p in accepted.cited] == ["doc2.md", "doc1.md"]
    assert guard("Pay with Alipay.", passages) is None
    assert guard("Pay with Alipay [3].", passages) is None
    assert guard("NOT_IN_KB", passages) is None


def test_generated_answer_is_used_with_its_citations(kb_settings, use_m3):
    bot = generating_bot(kb_settings, use_m3, "中国的顾客可以使用支付宝付款。[1]")
    reply = bot.reply(Conversation(), QUESTION)
    assert reply.handoff is None
    assert reply.text == "中国的顾客可以使用支付宝付款。"
    assert [s.source for s in reply.sources] == ["payments.zh.md"]


@pytest.mark.parametrize("written", ["支付宝可以。", "支付宝可以。[9]", "NOT_IN_KB"])
def test_rejected_generation_falls_back_to_the_extractive_answer(kb_settings, use_m3, written):
    extractive = Assistant(kb_settings, open_index(kb_settings, use_m3)).reply(Conversation(), QUESTION)
    reply = generating_bot(kb_settings, use_m3, written).reply(Conversation(), QUESTION)
    assert reply.text == extractive.text and reply.sources == extractive.sources


def test_llm_translator_prompts_the_model():
    model = FakeListChatModel(responses=["Where is my order?"])
    assert LLMTranslator(model).translate("¿Dónde está mi pedido?", "es", "en") == "Where is my order?"


def test_no_llm_unless_configured(kb_settings):
    assert chat_model(kb_settings) is None
    with pytest.raises(ConfigError, match="Unknown TRIAGE_LLM_PROVIDER"):
        chat_model(kb_settings.model_copy(update={"llm_provider": "gpt9"}))


def test_provider_without_its_package_says_what_to_install(kb_settings):
    pytest.importorskip("langchain_core")
    try:
        import langchain_openai  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match=r"pip install -e '\.\[llm\]'"):
            chat_model(kb_settings.model_copy(update={"llm_provider": "openai"}))
    else:
        assert chat_model(kb_settings.model_copy(update={"llm_provider": "openai", "llm_base_url": "http://127.0.0.1:9/v1"}))
