"""The KB changes under a running assistant: read again, it answers what was added and no longer
cites what was removed; the assistant built before keeps answering meanwhile."""

from __future__ import annotations

import time

from assistant.knowledge.index import open_index
from assistant.knowledge.scoring import open_scorer
from assistant.model.conversation import Conversation
from assistant.reply import Assistant
from ingest.finish import finish
from ingest.sync import discover, ingest
from tests.utils.kb_change import (
    RENTAL_PAGE,
    RENTAL_QUESTION,
    WARRANTY_QUESTION,
    add_rentals,
    small_kb,
)


def sync(settings, embedder) -> None:
    """What `triage ingest` does: sync the folder (pruning what is gone), then finish."""
    index = open_index(settings, embedder)
    files, failures, scopes = discover([settings.kb_dir], settings.kb_dir)
    report = ingest(files, index, prune_scopes=scopes, failures=failures)
    assert report.failures == []
    finish(settings, index, changed=bool(report.chunks.embedded or report.chunks.deleted))


def sources(bot: Assistant, question: str) -> list[str]:
    return [s.source for s in bot.reply(Conversation(), question).sources]


def test_a_reloaded_assistant_answers_from_the_changed_kb(embedded_settings, use_m3):
    settings = embedded_settings
    small_kb(settings.kb_dir)
    sync(settings, use_m3)
    index = open_index(settings, use_m3)
    bot = Assistant(settings, index, scorer=open_scorer(settings, index.name, 2))
    bot.warm()
    before = bot.reply(Conversation(), RENTAL_QUESTION)
    assert before.handoff is not None or RENTAL_PAGE not in [s.source for s in before.sources]
    assert "warranty.md" in sources(bot, WARRANTY_QUESTION)
    assert not bot.kb_changed()

    add_rentals(settings.kb_dir)
    (settings.kb_dir / "warranty.md").unlink()
    sync(settings, use_m3)
    assert bot.kb_changed()
    # The assistant read before the change goes on answering: turns under way finish on it.
    assert bot.reply(Conversation(), WARRANTY_QUESTION).reply.text

    started = time.perf_counter()
    fresh = bot.reloaded()
    print(f"reloaded in {time.perf_counter() - started:.3f}s ({len(fresh.retriever.chunks)} chunks)")
    assert not fresh.kb_changed() and fresh.kb_generation != bot.kb_generation
    after = fresh.reply(Conversation(), RENTAL_QUESTION)
    assert after.handoff is None, after.handoff and after.handoff.reasons
    assert [s.source for s in after.sources] == [RENTAL_PAGE]
    assert "25 EUR per day" in after.text
    assert "warranty.md" not in sources(fresh, WARRANTY_QUESTION)
    assert fresh.embedder is bot.embedder and fresh.scorer.embedder is bot.scorer.embedder and fresh.intents is bot.intents  # no model loaded again


def test_an_ingest_that_changes_nothing_is_no_change(embedded_settings, use_m3):
    small_kb(embedded_settings.kb_dir)
    sync(embedded_settings, use_m3)
    index = open_index(embedded_settings, use_m3)
    bot = Assistant(embedded_settings, index, scorer=open_scorer(embedded_settings, index.name, 2))
    sync(embedded_settings, use_m3)
    assert bot.kb_generation and not bot.kb_changed()
