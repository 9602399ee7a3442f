"""Ingest benchmark: first ingest of generated documents, then a re-run with nothing changed.

    python -m evals.bench.ingest [--docs 2000] [--sections 3]

Prints numbers and fails nothing. Targets on 2 cores with use-m3: at least 300 chunks/s
(embedding plus write) and a no-change re-run of 2,000 documents in at most 3 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from api.settings import Settings
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import open_index
from evals.synthetic_kb import write_synthetic_kb
from ingest.sync import discover, ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--sections", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kb = Path(tmp) / "kb"
        write_synthetic_kb(kb, args.docs, args.sections)
        settings = Settings(data_dir=Path(tmp) / "data", kb_dir=kb)
        started = time.perf_counter()
        embedder = load_embedder(settings.embedder, settings.threads)
        embedder.embed_documents(["warm-up"])  # model loading is timed apart from ingest
        print(f"model load: {time.perf_counter() - started:.2f} s")
        print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
              f"embedder {settings.embedder}, {settings.threads} threads, batch {settings.embed_batch}")
        for label in ("first ingest", "no-change re-run"):
            started = time.perf_counter()
            index = open_index(settings, embedder)
            files, failures, scopes = discover([kb], kb)
            report = ingest(files, index, prune_scopes=scopes, failures=failures, batch_size=settings.embed_batch)
            seconds = time.perf_counter() - started
            rate = report.chunks.embedded / seconds if report.chunks.embedded else 0.0
            print(f"{label}: {report.files.seen} documents, {report.chunks.embedded} chunks embedded, "
                  f"{report.chunks.total} in collection, {seconds:.2f} s, {rate:.0f} chunks/s")


if __name__ == "__main__":
    main()
