"""Text split into sentences (abbreviations kept whole) and joined back, per language."""

from __future__ import annotations

import re
from functools import cache

import yaml

from assistant import DATA_DIR

LIST_NUMBER = re.compile(r"\s*(?:[-*•]\s*)?\d{1,3}\.")
LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s")
# Ends of sentences in Latin, CJK and Arabic script. Lines (list items) are split first.
_BOUNDARY = re.compile(r"(?<=[.!?؟…])\s+|(?<=[。！？])\s*")


_DOT = "\x00"  # stands in for the periods of an abbreviation while a text is split


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _abbreviations(lang: str) -> re.Pattern[str]:
    """The abbreviations of ``lang`` (of every language when unknown) as one pattern; spaces optional."""
    table = yaml.load((DATA_DIR / "abbreviations.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    words = table.get(lang) or [w for ws in table.values() for w in ws]
    alternatives = sorted((r"\s?".join(map(re.escape, w.split())) for w in set(words)), key=len, reverse=True)
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(alternatives)})", re.IGNORECASE)


def split_sentences(text: str, lang: str = "") -> list[str]:
    """The sentences and list items of ``text``, in ``lang``.

    A list item is one piece however many sentences it holds: split, the second sentence of
    "1. If you have an account, go to Account > Orders. If you ordered as a guest, ..." broke the
    list, and the item's first sentence was lost when the list was given whole. A period ends no
    sentence inside an abbreviation ("EE. UU.", "z. B."), a number ("4.95"), after a list number
    ("1.") or before a lower-case word."""
    masked = _abbreviations(lang).sub(lambda m: m.group().replace(".", _DOT), text)
    pieces = []
    for line in masked.splitlines():
        if LIST_ITEM.match(line):
            pieces.append(line)
            continue
        start = 0
        for end in _BOUNDARY.finditer(line):
            before, after = line[: end.start()], line[end.end() :]
            if before.endswith(".") and (after[:1].islower() or LIST_NUMBER.fullmatch(before)):
                continue
            pieces.append(line[start : end.start()])
            start = end.end()
        pieces.append(line[start:])
    return [p.strip().replace(_DOT, ".") for p in pieces if p.strip()]


def join_sentences(sentences: list[str], lang: str) -> str:
    if any(LIST_ITEM.match(s) for s in sentences):
        return "\n".join(sentences)
    return ("" if lang in ("zh", "ja") else " ").join(sentences)
