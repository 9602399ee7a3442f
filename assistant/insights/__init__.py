"""The store owner's figures over a set of conversations, in total, per day and per language.

Every figure belongs to a conversation, and a conversation to the day (UTC) it started and the
language it was held in, so the days and the languages each add up to the total. The caller
(api/insights.py) reads the facts of each conversation from its database; this module only counts.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from assistant.errors import DateRangeError
from assistant.model.reasons import HandoffReason

UNKNOWN_LANG = "und"  # BCP 47's "undetermined": a conversation too short to tell its language
CSAT_SCORES = (1, 2, 3, 4, 5)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ConversationFacts:
    """What one conversation contributes to the figures."""

    day: date
    lang: str
    answered: bool  # the assistant gave at least one answer with sources (a KB or order answer)
    handoff_reasons: frozenset[HandoffReason]  # over all its cases; empty: never handed off
    weighed_turns: int  # assistant turns that weighed an answer (they carry a confidence)
    asked_back: int  # of those, the ones that asked which topic was meant
    thumbs_up: int
    thumbs_down: int
    csat: tuple[int, ...] = ()
    waits: tuple[float, ...] = ()  # seconds from each case opening to its first claim
    handling: tuple[float, ...] = ()  # seconds from each case's first claim to its resolution

    @property
    def resolved_by_assistant(self) -> bool:
        return self.answered and not self.handoff_reasons and self.thumbs_down == 0


@dataclass(frozen=True)
class Figures:
    conversations: int
    resolved: int
    handoffs: int
    by_reason: dict[str, int]
    weighed_turns: int
    clarifications: int
    csat: tuple[int, ...] = field(repr=False)
    thumbs_up: int
    thumbs_down: int
    waits: tuple[float, ...] = field(repr=False)
    handling: tuple[float, ...] = field(repr=False)

    @classmethod
    def of(cls, facts: Sequence[ConversationFacts]) -> Figures:
        return cls(
            conversations=len(facts),
            resolved=sum(f.resolved_by_assistant for f in facts),
            handoffs=sum(bool(f.handoff_reasons) for f in facts),
            by_reason={r.value: sum(r in f.handoff_reasons for f in facts) for r in HandoffReason},
            weighed_turns=sum(f.weighed_turns for f in facts), clarifications=sum(f.asked_back for f in facts),
            csat=tuple(s for f in facts for s in f.csat),
            thumbs_up=sum(f.thumbs_up for f in facts), thumbs_down=sum(f.thumbs_down for f in facts),
            waits=tuple(w for f in facts for w in f.waits), handling=tuple(h for f in facts for h in f.handling),
        )  # fmt: skip

    def to_dict(self) -> dict:
        n = self.conversations
        return {
            "conversations": n,
            "resolved": self.resolved, "resolution_rate": _rate(self.resolved, n),
            "handoffs": self.handoffs, "handoff_rate": _rate(self.handoffs, n),
            "handoffs_by_reason": {r: {"count": c, "rate": _rate(c, n)} for r, c in self.by_reason.items()},
            "assistant_turns": self.weighed_turns, "clarifications": self.clarifications,
            "clarification_rate": _rate(self.clarifications, self.weighed_turns),
            "csat": {
                "count": len(self.csat), "mean": round(statistics.fmean(self.csat), 2) if self.csat else None,
                "distribution": {str(s): self.csat.count(s) for s in CSAT_SCORES},
            },
            "thumbs": {"up": self.thumbs_up, "down": self.thumbs_down},
            "median_wait_seconds": _median(self.waits), "waits": len(self.waits),
            "median_handling_seconds": _median(self.handling), "handled": len(self.handling),
        }  # fmt: skip


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _median(values: tuple[float, ...]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def report(facts: Iterable[ConversationFacts], start: date, end: date) -> dict:
    """The figures from ``start`` to ``end`` (inclusive): in total, for every day (days without
    conversations too, so charts keep their scale) and for every language, most conversations first."""
    facts = list(facts)
    by_day, by_lang = defaultdict(list), defaultdict(list)
    for f in facts:
        by_day[f.day].append(f)
        by_lang[f.lang].append(f)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    langs = sorted(by_lang, key=lambda lang: (-len(by_lang[lang]), lang))
    return {
        "from": start.isoformat(), "to": end.isoformat(),
        "total": Figures.of(facts).to_dict(),
        "by_day": [{"day": d.isoformat(), **Figures.of(by_day[d]).to_dict()} for d in days],
        "by_language": [{"lang": lang, **Figures.of(by_lang[lang]).to_dict()} for lang in langs],
    }  # fmt: skip


DEFAULT_DAYS = 30
MAX_DAYS = 366


def date_range(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """``start`` and ``end`` (YYYY-MM-DD, inclusive; either may be left out): by default the last
    DEFAULT_DAYS days up to ``today``. Malformed, backwards or longer than MAX_DAYS: DateRangeError."""
    last = _day(end, "to") if end else today
    first = _day(start, "from") if start else last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise DateRangeError(f"from ({first}) is after to ({last}).")
    if (last - first).days + 1 > MAX_DAYS:
        raise DateRangeError(f"A range covers at most {MAX_DAYS} days.")
    return first, last


def _day(text: str, name: str) -> date:
    # fromisoformat alone also takes 20261128 and 2026-W48; the owner's scripts should send one form.
    if not _ISO_DAY.fullmatch(text):
        raise DateRangeError(f"{name} must be a date as YYYY-MM-DD, not {text[:20]!r}.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DateRangeError(f"{name} is not a calendar date: {text[:20]!r}.") from None
