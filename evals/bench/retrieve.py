"""Retrieval benchmark on the ingested KB (run `triage ingest kb` first): building the retriever,
as a server does at start and on each KB reload, and one retrieval, the query already embedded.

    python -m evals.bench.retrieve [--repeat 20]

Prints numbers and fails nothing. Measured on 2 cores, sample KB (1,182 chunks): Chroma's
approximate query 4.93 ms a retrieval; the exact search in memory that replaced it 0.24 ms, with
the retriever built in 0.18 s (was 0.155 s) holding 2.4 MB more.
"""

from __future__ import annotations

import argparse
import time

from api.settings import Settings
from assistant.knowledge.embeddings import load_embedder
from assistant.knowledge.index import open_index
from assistant.knowledge.retrieval import Retriever

QUESTIONS = [
    ("How do returns work?", "en"), ("Which payment methods can I use in Japan?", "en"), ("Who pays customs duties?", "en"),
    ("Wo bleibt mein Paket?", "de"), ("我的包裹到哪了？", "zh"), ("¿Venden remos de kayak?", "es"),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    settings = Settings()
    embedder = load_embedder(settings.embedder, settings.threads)
    index = open_index(settings, embedder)
    started = time.perf_counter()
    retriever = Retriever(index)
    built = time.perf_counter() - started
    print(f"retriever built in {built:.3f} s: {len(retriever.chunks)} chunks, vectors {retriever.vector_bytes / 1e6:.1f} MB")
    asked = [(q, lang, embedder.embed_query(q)) for q, lang in QUESTIONS] * args.repeat
    retriever.retrieve(*asked[0][:2], vector=asked[0][2])  # warm-up
    started = time.perf_counter()
    for question, lang, vector in asked:
        retriever.retrieve(question, lang, vector=vector)
    print(f"retrieve: {(time.perf_counter() - started) / len(asked) * 1000:.2f} ms a question ({len(asked)} questions)")


if __name__ == "__main__":
    main()
