"""Noticing that the files under the KB folders changed, for `triage ingest --watch`.

Polling modification times and sizes: no dependency, the same on every platform and on network
folders, and a KB of a few thousand files is listed in milliseconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

# Each file under the folders as its (modification time in ns, size).
Snapshot = dict[str, tuple[int, int]]


def snapshot(paths: Sequence[Path]) -> Snapshot:
    """Every file under ``paths`` (hidden ones skipped, as `discover` does) with its mtime and size."""
    found: Snapshot = {}
    for given in paths:
        for path in given.rglob("*") if given.is_dir() else [given]:
            if any(part.startswith(".") for part in path.relative_to(given).parts):
                continue
            try:
                stat = path.stat()
            except OSError:  # gone between the listing and the stat, or a missing path
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def changes(paths: Sequence[Path], interval: float, since: Snapshot, sleep: Callable[[float], None] = time.sleep) -> Iterator[Snapshot]:
    """Yield the files under ``paths`` each time they differ from ``since``, then from the last
    yield (a file added, edited or removed), once they have stayed as they are for ``interval``
    seconds: an editor's several writes, or a folder being copied in, make one change. Take
    ``since`` before the ingest it follows, so that nothing written during that ingest is missed.
    Polls every ``interval`` seconds; never ends by itself."""
    seen = since
    while True:
        sleep(interval)
        now = snapshot(paths)
        if now == seen:
            continue
        while True:  # until it settles
            sleep(interval)
            later = snapshot(paths)
            if later == now:
                break
            now = later
        seen = now
        yield now
