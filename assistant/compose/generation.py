"""Optional generative answers and translation through a chat model (LangChain's interface).

The model writes from the retrieved passages only and must cite them as [1], [2]. Our guard,
not the model, has the last word: an answer that cites nothing, cites a passage that was not
retrieved, or says the KB does not hold the answer is rejected, and the reply falls back to
the extractive answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.config import CoreSettings
from assistant.errors import ConfigError
from assistant.knowledge.retrieval import Passage
from assistant.locales import language_name

log = logging.getLogger("triage.generation")

NOT_IN_KB = "NOT_IN_KB"
_CITATION = re.compile(r"\[(\d+)\]")

SYSTEM_PROMPT = """You are the customer-service assistant of an online store.
Answer the customer's question using ONLY the numbered passages from the store's help pages.
- Reply in {language}, in two or three sentences.
- After every statement, cite the passage it comes from as [1], [2], ...
- Never add facts, numbers or promises that are not in the passages.
- If the passages do not answer the question, reply exactly: {not_in_kb}"""


@dataclass(frozen=True)
class GeneratedAnswer:
    text: str
    cited: list[Passage]


def chat_model(settings: CoreSettings) -> Any | None:
    """The configured chat model, or None when no LLM is configured (the default)."""
    if not settings.llm_provider:
        return None
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
    try:
        if settings.llm_provider in ("openai", "llamacpp"):
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url, api_key=key, temperature=0)
        if settings.llm_provider == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url, temperature=0)
    except ImportError as exc:
        raise ConfigError(f"TRIAGE_LLM_PROVIDER={settings.llm_provider} needs `pip install -e '.[llm]'` ({exc}).") from exc
    raise ConfigError(f"Unknown TRIAGE_LLM_PROVIDER {settings.llm_provider!r}: use openai, llamacpp or ollama.")


class GroundedGenerator:
    def __init__(self, model: Any) -> None:
        self.model = model

    def answer(self, question: str, lang: str, passages: list[Passage]) -> GeneratedAnswer | None:
        """A cited answer from ``passages``, or None when the guard rejects what the model wrote."""
        from langchain_core.messages import HumanMessage, SystemMessage

        numbered = "\n\n".join(f"[{i}] {p.title} > {p.headings}\n{p.text}" for i, p in enumerate(passages, 1))
        system = SYSTEM_PROMPT.format(language=language_name(lang, "en"), not_in_kb=NOT_IN_KB)
        try:
            reply = self.model.invoke([SystemMessage(system), HumanMessage(f"{numbered}\n\nQuestion: {question}")])
        except Exception as exc:  # an outside service: any failure means "use the extractive answer"
            log.warning("chat model failed: %s", exc)
            return None
        return guard(str(reply.content), passages)


def guard(text: str, passages: list[Passage]) -> GeneratedAnswer | None:
    """Accept ``text`` only if it cites retrieved passages and nothing else."""
    cited = [int(n) for n in _CITATION.findall(text)]
    if NOT_IN_KB in text or not cited or any(not 1 <= n <= len(passages) for n in cited):
        log.info("generated answer rejected (%d characters, citations %s)", len(text), cited)  # it may quote the customer
        return None
    clean = re.sub(r"\s*\[\d+\]", "", text).strip()
    return GeneratedAnswer(clean, [passages[n - 1] for n in dict.fromkeys(cited)])


class LLMTranslator:
    """Translation by the chat model, for pairs no argos package covers."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def can_translate(self, source: str, target: str) -> bool:
        return True

    def translate(self, text: str, source: str, target: str) -> str:
        from langchain_core.messages import HumanMessage, SystemMessage

        if source == target:
            return text
        system = (
            f"Translate the user's text from {language_name(source, 'en')} to {language_name(target, 'en')}. "
            "Keep numbers, names, URLs and e-mail addresses exactly. Reply with the translation only."
        )
        return str(self.model.invoke([SystemMessage(system), HumanMessage(text)]).content).strip()


REQUEST_PROMPT = """You write for the agents of an online store's customer service.
In ONE line of at most 15 words, in English, say what the customer wants: the action or answer
they ask for, naming any order number or amount they give. Reply with that line only."""
# A longer "line" is not one: the case falls back to the line built from the customer's words.
REQUEST_CHARS = 160


class RequestWriter:
    """The case's one-line request ("Change the delivery address of order NP-55120"), written by
    the chat model from the customer's messages."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def line(self, messages: Sequence[str]) -> str | None:
        """The line, or None when the model fails or writes something that is not one line."""
        from langchain_core.messages import HumanMessage, SystemMessage

        try:
            reply = self.model.invoke([SystemMessage(REQUEST_PROMPT), HumanMessage("\n".join(messages))])
        except Exception as exc:  # an outside service: any failure means "use the built line"
            log.warning("chat model failed on a case's request line: %s", exc)
            return None
        text = str(reply.content).strip()
        return text if text and "\n" not in text and len(text) <= REQUEST_CHARS else None
