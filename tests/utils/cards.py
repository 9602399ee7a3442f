"""The card-number corpus of tests/data/cards.txt, and a search for its numbers in stored bytes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent.parent / "data" / "cards.txt"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_MARKED = re.compile(r"\[\[(.+?)\]\]")
# What may sit between a stored number's digits: removed before searching, so "4111-1111…" is
# found as "41111111…" too.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d.\uff0e/\uff0f_\u00b7\u200b-\u200d\u2060\ufeff]")
_RUN = re.compile(rf"\d+(?:{_SEPARATORS.pattern}{{1,3}}\d+)*")


@dataclass(frozen=True)
class CardCase:
    where: str  # message, csat, agent or file
    text: str  # as sent
    cards: tuple[str, ...]  # the card numbers in it, as written


def corpus() -> list[CardCase]:
    cases = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, marked = line.split("\t")
            marked = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), marked)
            cases.append(CardCase(where, _MARKED.sub(r"\1", marked), tuple(_MARKED.findall(marked))))
    return cases


def ascii_digits(text: str) -> str:
    """Only the digits of ``text``, each as 0-9 (fullwidth ４ and Arabic ٤ included)."""
    return "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())


def digit_runs(raw: str) -> set[str]:
    """The numbers in stored text, each as its bare digits: JSON escapes undone, every script's
    digits as 0-9, a number's groups joined across the separators it could be written with.

    Whole runs, not one string of all digits: searching every digit of a database file glued
    together found a test card by chance now and then (a float such as 0.5500000000000004 in a
    JSON column holds 5500000000000004)."""
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    return {_SEPARATORS.sub("", run) for run in _RUN.findall(text)}


def leaked(cards: list[str], raw: str) -> list[str]:
    """The card numbers of ``cards`` found in ``raw``, as written or as a number of the same digits."""
    runs = digit_runs(raw)
    return [card for card in cards if card in raw or ascii_digits(card) in runs]
