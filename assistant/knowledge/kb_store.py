"""The embedded Chroma store in generations, so that `triage ingest` can change the KB under
running servers.

Chroma's embedded store belongs to one process: a server worker reading it while an ingest in
another process writes it answers from a stale in-memory vector index, and fails on the chunks
the ingest removed (measured before this module: "Error finding id" on 82 of 98 turns). So an
ingest never writes the store servers read. It copies the live store, writes the copy, and
publishes it by pointing ``CURRENT`` at it (one atomic rename); servers see the pointer move and
open the new store, and the old one stays as it was for the turns still reading it.

    data/chroma/CURRENT            names the live store, e.g. "store-20261128T001502123456"
    data/chroma/store-…/           a published store: never written again
    data/chroma/.copying-…/        the copy being made (one cut short is removed by the next ingest)
    data/chroma/.staging-…/        an ingest under way (one interrupted is where the next goes on)
    data/chroma/chroma.sqlite3 …   a store from before generations: live until the first publish

With `chroma run` (TRIAGE_CHROMA_URL) the server owns consistency, and ingest writes to it directly.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.config import CoreSettings
from assistant.errors import IndexUnavailableError
from assistant.knowledge.store import POINTER, STORE, chroma_client, live_store

STAGING, COPYING, LOCK = ".staging-", ".copying-", ".ingest.lock"
# Published stores kept besides the live one: a worker still on the previous store (it looks
# every TRIAGE_KB_RELOAD_SECONDS) keeps reading it while a quick second ingest publishes.
KEEP_PREVIOUS = 2


@contextlib.contextmanager
def writing(settings: CoreSettings) -> Iterator[Any]:
    """A Chroma client to write the KB with. Embedded, it writes a copy of the live store, which
    is published when the block ends. An error drops the copy; an interrupted ingest (Ctrl-C, or
    killed) leaves it for the next, which goes on from it rather than embed it all again. A
    second ingest meanwhile is refused. With TRIAGE_CHROMA_URL, the server's own client."""
    if settings.chroma_url:
        yield chroma_client(settings)
        return
    root = settings.chroma_path
    root.mkdir(parents=True, exist_ok=True)
    with _exclusive(root):
        staging = _sweep(root) or _copy_live(root)
        client = chroma_client(settings, staging)
        try:
            yield client
        except Exception:
            client.close()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            client.close()  # the last handle on the copy: Chroma writes it out and lets go (twice is a no-op)
        _publish(root, staging, root / f"{STORE}{_stamp()}")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")


def _copy_live(root: Path) -> Path:
    """A copy of the live store to write; named as staging only once complete, so that a copy cut
    short is never taken for one to go on from."""
    copying = root / f"{COPYING}{_stamp()}"
    _copy_store(live_store(root), copying)
    return copying.rename(root / f"{STAGING}{copying.name.removeprefix(COPYING)}")


@contextlib.contextmanager
def _exclusive(root: Path) -> Iterator[None]:
    with open(root / LOCK, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexUnavailableError(
                f"Another `triage ingest` is writing the knowledge base in {root}; wait for it to finish and run this one again."
            ) from None
        yield  # the lock goes with the file, also when the process dies


def _copy_store(source: Path, target: Path) -> None:
    """Copy a store: the SQLite file through SQLite's backup (a consistent snapshot even while a
    server has it open), the vector segment folders as files (written only before publishing)."""
    target.mkdir()
    for entry in source.iterdir():
        if _is_generation_entry(entry.name) or entry.name.endswith(("-wal", "-shm", "-journal")):
            continue
        if entry.name == "chroma.sqlite3":
            with contextlib.closing(sqlite3.connect(entry)) as src, contextlib.closing(sqlite3.connect(target / entry.name)) as dst:
                src.backup(dst)
        elif entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)


def _publish(root: Path, staging: Path, store: Path) -> None:
    staging.rename(store)
    pointer = root / f"{POINTER}.tmp"
    pointer.write_text(store.name)
    with open(pointer) as handle:
        os.fsync(handle.fileno())
    os.replace(pointer, root / POINTER)  # the one step servers see
    _prune(root)


def _sweep(root: Path) -> Path | None:
    """Clear what an interrupted ingest left, and return its copy to go on from, if any: a copy
    cut short is removed, and so is a store renamed but never published (newer than the live one,
    which no server has read)."""
    live = live_store(root)
    for entry in root.iterdir():
        unpublished = entry.name.startswith(STORE) and (live == root or entry.name > live.name)
        if entry.name.startswith(COPYING) or unpublished:
            shutil.rmtree(entry, ignore_errors=True)
    # Only one ingest writes at a time and each starts here, so a copy left is of the live store.
    left = sorted(p for p in root.iterdir() if p.name.startswith(STAGING))
    for older in left[:-1]:
        shutil.rmtree(older, ignore_errors=True)
    return left[-1] if left else None


def _prune(root: Path) -> None:
    """Keep the live store and the KEEP_PREVIOUS before it; a store from before generations goes
    once two generations have replaced it."""
    stores = sorted(p for p in root.iterdir() if p.name.startswith(STORE) and p.is_dir())
    for old in stores[: -(KEEP_PREVIOUS + 1)]:
        shutil.rmtree(old, ignore_errors=True)
    if len(stores) >= 2:
        for entry in root.iterdir():
            if not _is_generation_entry(entry.name) and entry.name != LOCK:
                shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


def _is_generation_entry(name: str) -> bool:
    return name.startswith((STORE, STAGING, COPYING, POINTER, LOCK))
