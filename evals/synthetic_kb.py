"""A generated knowledge base of any size, for benchmarks and crash tests.

The documents read like store policy pages (front matter, headings, a few paragraphs),
with enough variety that no two chunks are the same.
"""

from __future__ import annotations

import random
from pathlib import Path

_TOPICS = ["shipping", "returns", "payments", "warranty", "account", "orders", "privacy", "customs"]
_NOUNS = ["parcel", "refund", "voucher", "invoice", "jacket", "tent", "backpack", "carrier", "label", "order"]
_VERBS = ["arrives", "is processed", "is inspected", "ships", "is refunded", "is confirmed", "is updated"]
_WHEN = ["within 3 business days", "after inspection", "before 14:00 CET", "on the next working day", "within 30 days"]
_LANGS = ["en", "es", "fr", "de"]


def _sentence(rng: random.Random, n: int) -> str:
    return (
        f"Each {rng.choice(_NOUNS)} for item {n}-{rng.randint(1000, 9999)} {rng.choice(_VERBS)} "
        f"{rng.choice(_WHEN)} in zone {rng.randint(1, 4)}."
    )


def write_synthetic_kb(folder: Path, n_docs: int, sections: int = 3, seed: int = 7) -> list[Path]:
    """Write ``n_docs`` Markdown files of ``sections`` sections each (about one chunk each)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in range(n_docs):
        topic = _TOPICS[d % len(_TOPICS)]
        body = [
            "---",
            f"title: {topic.capitalize()} policy {d}",
            f"category: {topic}",
            f"lang: {_LANGS[d % len(_LANGS)]}",
            "---",
            f"# {topic.capitalize()} policy {d}",
        ]
        for s in range(sections):
            body.append(f"\n## Rule {s} of policy {d}\n")
            body.append(" ".join(_sentence(rng, d * 100 + s * 10 + k) for k in range(4)))
        path = folder / topic / f"policy-{d:05d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
