"""An `Assistant` built from settings: the index, models, translators, LLM and order desk."""

from __future__ import annotations

from assistant.compose.generation import (
    GroundedGenerator,
    LLMTranslator,
    RequestWriter,
    chat_model,
)
from assistant.compose.translation import ArgosTranslator
from assistant.config import AssistantSettings
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.orders import open_orders
from assistant.orders.desk import OrderDesk
from assistant.reply import Assistant


def build_assistant(settings: AssistantSettings, collection: str | None = None, threads: int | None = None) -> Assistant:
    """An assistant over the configured index; ``threads`` overrides the embedder's BLAS threads."""
    threads = threads or settings.threads
    index = open_index(settings, load_embedder(settings.embedder, threads), collection)
    translator = ArgosTranslator(settings.argos_dir) if settings.argos_dir.exists() else None
    model = chat_model(settings)
    source = open_orders(settings)
    return Assistant(
        settings, index, translator,
        generator=GroundedGenerator(model) if model else None,
        llm_translator=LLMTranslator(model) if model else None,
        scorer=open_scorer(settings, index.name, threads),
        orders=OrderDesk(source, settings) if source else None,
        request_writer=RequestWriter(model) if model else None,
    )
