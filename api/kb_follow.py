"""Each worker follows the knowledge base: after `triage ingest`, it reads the KB again, no restart;
and the learned answers, when an agent on another worker changed them.

Every TRIAGE_KB_RELOAD_SECONDS the worker asks the index for its generation (one metadata read,
see `KnowledgeIndex.mark_generation`). When ingest has moved it, a new `Assistant` is built on a
thread, off the event loop and the request path (`Assistant.reloaded`: chunks, BM25, title
vectors and threshold; the models are shared), then swapped in as `app.state.assistant`, one
reference. A route reads that attribute once per request, so a turn under way finishes on the
assistant it started with, and a turn costs nothing more than it did. Each worker does this on its
own, and they all converge within a tick and a rebuild: over `chroma run` (TRIAGE_CHROMA_URL) by
the generation mark, in the embedded store by the store ingest published (`assistant.kb_store`).
The replaced assistant lets go of its store a while later, when no turn can still be on it.
"""

from __future__ import annotations

import asyncio
import logging
import time

from fastapi import FastAPI
from sqlalchemy.orm import Session

from api import labels, learned
from assistant.reply import Assistant

log = logging.getLogger("triage.kb")


# Seconds a replaced assistant is kept before it lets go of its store: a turn takes well under
# one (p95 49 ms in-process), a slow translation a few.
RETIRE_AFTER = 60.0


async def follow_kb(app: FastAPI, every: float) -> None:
    """Check the KB every ``every`` seconds and swap in an assistant over it when it changed;
    runs until cancelled (at shutdown). A failed check or rebuild is logged and tried again."""
    retired: list[tuple[float, Assistant]] = []
    while True:
        await asyncio.sleep(every)
        retired = _close_retired(retired)
        try:
            await asyncio.to_thread(_learned_changed, app)
        except Exception as exc:  # the database away: the assistant keeps what it learned so far
            log.warning("could not read the learned answers (%s: %s); trying in %ss", type(exc).__name__, exc, every)
        current = app.state.assistant
        try:
            if not await asyncio.to_thread(current.kb_changed):
                continue
            started = time.perf_counter()
            fresh = await asyncio.to_thread(current.reloaded)
        except Exception as exc:  # the index unreachable, or dropped and being rebuilt: keep serving
            log.warning("could not read the knowledge base again (%s: %s); trying in %ss", type(exc).__name__, exc, every)
            continue
        app.state.assistant = fresh
        retired.append((time.monotonic(), current))
        log.info("knowledge base read again in %.2fs: generation %s, %d chunks", time.perf_counter() - started,
                 fresh.kb_generation, len(fresh.retriever.chunks))  # fmt: skip


def _close_retired(retired: list[tuple[float, Assistant]]) -> list[tuple[float, Assistant]]:
    """Close the replaced assistants old enough that no turn is on them; the others, still kept."""
    now = time.monotonic()
    for since, old in retired:
        if now - since >= RETIRE_AFTER:
            old.close()
    return [(since, old) for since, old in retired if now - since < RETIRE_AFTER]


def refresh_learned(app: FastAPI, session: Session) -> None:
    """Hand the assistant the learned answers in service now and the store's labels (at start, and after a change)."""
    app.state.learned_version = _version(session)
    app.state.assistant.learn(learned.active_answers(session), labels.labels(session))


def _learned_changed(app: FastAPI) -> None:
    """Another worker confirmed, edited or paused a learned answer, or labelled one: learn the new set."""
    with app.state.sessions() as session:
        if _version(session) != app.state.learned_version:
            refresh_learned(app, session)


def _version(session: Session) -> tuple:
    return learned.version(session), labels.version(session)
