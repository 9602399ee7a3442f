"""Each worker follows the knowledge base: after `triage ingest`, it reads the KB again, no restart.

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
