"""When the store's team works (TRIAGE_BUSINESS_HOURS, TRIAGE_TIMEZONE, TRIAGE_HOLIDAYS).

"Mon-Fri 08:00-20:00; Sat 09:00-17:00" reads as a week of opening windows in the store's time
zone; a holiday has none. Unset hours mean a team that is always there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.errors import ConfigError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The next opening is looked for this far ahead: further than any holiday season.
HORIZON_DAYS = 60
_PART = re.compile(r"^\s*(?P<days>[A-Za-z ,\-]+?)\s+(?P<windows>\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}(?:\s*,\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})*)\s*$")


@dataclass(frozen=True)
class BusinessHours:
    windows: tuple[tuple[tuple[time, time], ...], ...]  # per weekday (Monday first), opening windows
    zone: ZoneInfo
    holidays: frozenset[date] = frozenset()

    @classmethod
    def parse(cls, spec: str, zone: str = "UTC", holidays: frozenset[date] = frozenset()) -> BusinessHours:
        """ConfigError names the part of ``spec`` that cannot be read."""
        week: list[list[tuple[time, time]]] = [[] for _ in DAYS]
        for part in filter(str.strip, spec.split(";")):
            found = _PART.match(part)
            if not found:
                raise ConfigError(f"TRIAGE_BUSINESS_HOURS: cannot read {part.strip()!r}; write it as 'Mon-Fri 08:00-20:00; Sat 09:00-17:00'")
            spans = [_window(w, part) for w in found["windows"].split(",")]
            for day in _days(found["days"], part):
                week[day].extend(spans)
        return cls(tuple(tuple(sorted(day)) for day in week), time_zone(zone), holidays)

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(self.zone)
        return any(start <= local.time() < end for start, end in self._on(local.date()))

    def next_opening(self, now: datetime) -> datetime | None:
        """When the team is next there after ``now`` (aware, in the store's zone); None when the
        hours name no day at all."""
        local = now.astimezone(self.zone)
        for ahead in range(HORIZON_DAYS):
            day = local.date() + timedelta(days=ahead)
            for start, _ in self._on(day):
                opening = datetime.combine(day, start, tzinfo=self.zone)
                if opening > local:
                    return opening
        return None

    def open_seconds(self, start: datetime, end: datetime) -> float:
        """How much of ``start`` to ``end`` (aware) falls in the opening hours: a case's SLA clock
        runs only while the team is there, so Monday's first case is not overdue from the weekend."""
        first, last = start.astimezone(self.zone), end.astimezone(self.zone)
        total, day = 0.0, first.date()
        while day <= last.date():
            for opens, closes in self._on(day):
                low = max(first, datetime.combine(day, opens, tzinfo=self.zone))
                high = min(last, datetime.combine(day, closes, tzinfo=self.zone))
                # In UTC: the same zone's two times subtract as wall clocks, wrong across a DST change.
                total += max(0.0, (high.astimezone(UTC) - low.astimezone(UTC)).total_seconds())
            day += timedelta(days=1)
        return total

    def _on(self, day: date) -> tuple[tuple[time, time], ...]:
        return () if day in self.holidays else self.windows[day.weekday()]


def time_zone(name: str) -> ZoneInfo:
    if zone := known_zone(name):
        return zone
    raise ConfigError(f"{name!r} is not a time zone; use an IANA name such as Europe/Amsterdam")


def known_zone(name: str | None) -> ZoneInfo | None:
    """The time zone ``name`` (IANA), or None when it is empty or unknown here (a browser's may be)."""
    try:
        return ZoneInfo(name.strip()) if name and name.strip() else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _days(text: str, part: str) -> list[int]:
    days: list[int] = []
    for piece in filter(str.strip, text.split(",")):
        ends = [p.strip().lower()[:3] for p in piece.split("-")]
        if any(e not in DAYS for e in ends) or len(ends) > 2:
            raise ConfigError(f"TRIAGE_BUSINESS_HOURS: {piece.strip()!r} in {part.strip()!r} is not a day or a range of days (Mon-Fri)")
        first, last = DAYS.index(ends[0]), DAYS.index(ends[-1])
        days.extend((first + i) % 7 for i in range((last - first) % 7 + 1))
    return days


def _window(text: str, part: str) -> tuple[time, time]:
    start, end = (t.strip() for t in text.split("-"))
    try:
        opens, closes = time.fromisoformat(start.zfill(5)), _end(end)
    except ValueError:
        raise ConfigError(f"TRIAGE_BUSINESS_HOURS: {text.strip()!r} in {part.strip()!r} is not a time range (08:00-20:00)") from None
    if closes <= opens:
        raise ConfigError(f"TRIAGE_BUSINESS_HOURS: {text.strip()!r} closes before it opens; split a night shift at midnight")
    return opens, closes


def _end(text: str) -> time:
    # "24:00" closes at midnight.
    return time.max if text == "24:00" else time.fromisoformat(text.zfill(5))
