"""Each worker follows the knowledge base: after `triage ingest`, it reads the KB again, no restart.

Every TRIAGE_KB_RELOAD_SECONDS the worker asks the index for its generation (one metadata read,
see `KnowledgeIndex.mark_generation`). When ingest has moved it, a new `Assistant` is built on a
thread, off the event loop and the request path (`Assistant.reloaded`: chunks, BM25, title
vectors and threshold; the models are shared), then swapped in as `app.state.assistant`, one
reference. A route reads that attribute once per request, so a turn under way finishes on the
assistant it started with, and a turn costs nothing more than it did. Each worker does this on its
own; with `chroma run` (TRIAGE_CHROMA_URL) they all converge within a tick and a rebuild.
"""

from __future__ import annotations

import asyncio
import logging
import time

from fastapi import FastAPI

log = logging.getLogger("triage.kb")


async def follow_kb(app: FastAPI, every: float) -> None:
    """Check the KB every ``every`` seconds and swap in an assistant over it when it changed;
    runs until cancelled (at shutdown). A failed check or rebuild is logged and tried again."""
    while True:
        await asyncio.sleep(every)
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
        log.info("knowledge base read again in %.2fs: generation %s, %d chunks", time.perf_counter() - started,
                 fresh.kb_generation, len(fresh.retriever.chunks))  # fmt: skip
