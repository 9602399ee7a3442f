"""The entities a question names, and the sentences of a document that state facts about them.

A question that names a country, a region, a payment method, a carrier or a currency asks for
the fact about *that* one: "How long does shipping to Japan take?" is answered by the Zone 3
time, not by the nearest-sounding Zone 1 sentence. The names are found by assistant/understand/gazetteer.py.

In a document, a sentence mentions an entity directly, through a region holding it ("Latin
America" for Mexico, the strongest when the sentence enumerates places, as a membership list
does), or through a catch-all ("all other countries"). The sentences of the strongest kind are
the anchors; a group label that an anchor shares with its section heading ("Zone 3" in "Zone 3
covers China, Japan, ..." under "Zone 3: Asia-Pacific") and that recurs elsewhere leads to the
facts stated for the group ("Standard shipping to Zone 3 takes 4-8 business days"): one level
of indirection. Which of these candidates answer the question is for the caller to rank.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.understand.gazetteer import ANYWHERE, gazetteer, holds, mentions

# A sentence naming this many places is a list of them, such as a zone's membership.
ENUMERATION = 3
# How a line speaks of an entity, most direct first: by name; through a region holding it, in a
# list of places; through a catch-all in such a list; a region or catch-all in passing; a region
# the entity holds (the question names "Europe", the line "Germany").
DIRECT, LISTED_REGION, LISTED_ANYWHERE, REGION, ANYWHERE_TIER, FALLBACK = 6, 5, 4, 3, 2, 1
_HEADING_PARTS = re.compile(r"\s*(?:[:：()（）/|、]|\s[-–—]\s)\s*")
# "Zone 3", "ゾーン3", "区域 3", "3구역", "المنطقة 3": a group's name as headings number them.
_NUMBERED = re.compile(r"[^\W\d_]+ ?\d{1,3}(?!\d)|(?<!\d)\d{1,3} ?[^\W\d_]+")


@dataclass(frozen=True)
class Line:
    """A sentence (or list item) of a document, with the section it stands in."""

    text: str
    heading: str  # its section's own (last) heading
    section: str  # its section's heading path: the lines of one section share it
    lead: int | None = None  # a list item's lead-in line ("Zone 1 covers:"), by index


@dataclass(frozen=True)
class Candidate:
    """A line that states something about a named entity."""

    entities: int  # how many of the named entities it is about
    anchors: tuple[int, ...]  # lines to show with it: the group's members, when it names only the group


@dataclass(frozen=True)
class Facts:
    coverage: float | None  # share of the named entities the document speaks of; None when none is named
    candidates: dict[int, Candidate]  # line index -> candidate, for the lines about named entities


def facts(entities: Sequence[str], lines: Sequence[Line]) -> Facts:
    """The lines of a document (``lines``, in order) that state facts about ``entities``."""
    if not entities:
        return Facts(None, {})
    found: dict[int, dict[str, tuple[int, ...]]] = {}  # line -> entity -> anchors it needs
    covered = 0
    for entity in entities:
        tiers = [_tier(entity, line, lines) for line in lines]
        if max(tiers, default=(0, 0))[0] == 0:
            continue
        covered += 1
        anchors, labels = _anchors(entity, tiers, lines)
        for i in anchors:
            found.setdefault(i, {})[entity] = ()
        others = _all_labels(tuple(lines)) - set(labels)
        for label, sources in labels.items():
            for i, line in enumerate(lines):
                if _about_group(line, label, others):
                    found.setdefault(i, {}).setdefault(entity, sources)
    candidates = {
        i: Candidate(len(about), tuple(sorted({a for anchors in about.values() for a in anchors})))
        for i, about in found.items()
    }
    return Facts(covered / len(entities), candidates)


def _anchors(entity: str, tiers: list[tuple[int, int]], lines: Sequence[Line]) -> tuple[list[int], dict[str, tuple[int, ...]]]:
    """The lines that speak of ``entity`` most directly, and the group labels they lead to.

    Every line naming it is an anchor. Failing those, a group's definition ("Zone 4 covers all
    other countries, including Latin America") outranks any passing mention of a region
    ("Zone 3 (Asia-Pacific)" for Thailand, "Zone 1 (Europe)" for Russia), then the tier."""
    tied = [i for i, t in enumerate(tiers) if t[0]]
    own = {i: _own_labels(i, lines, entity) for i in tied}
    if any(tiers[i][0] == DIRECT for i in tied):
        anchors = [i for i in tied if tiers[i][0] == DIRECT]
        sources = [i for i in anchors if own[i]] or anchors
    else:
        best = max(tied, key=lambda i: (bool(own[i]), tiers[i]))
        anchors = sources = [i for i in tied if (bool(own[i]), tiers[i]) == (bool(own[best]), tiers[best])]
    labels: dict[str, list[int]] = {}
    for i in sources:
        for label in own[i] or _numbered_label(i, lines):
            labels.setdefault(label, []).append(i)
    return anchors, {label: tuple(given) for label, given in labels.items()}


def _tier(entity: str, line: Line, lines: Sequence[Line]) -> tuple[int, int]:
    """How directly ``line`` speaks of ``entity``, and (negated) the size of the region it goes by.

    A line's heading counts for naming the entity itself ("### Japan"), not for a region: "Zone 1:
    Europe" heads a line listing the EU countries, not Russia. A list item is read with its lead-in."""
    text = mentions(line.text) | (mentions(lines[line.lead].text) if line.lead is not None else frozenset())
    if entity in text or entity in mentions(line.heading):
        return DIRECT, 0
    gaz = gazetteer()
    regions = text & gaz.groups.get(entity, frozenset())
    if not regions:
        return (FALLBACK, 0) if any(entity in gaz.groups.get(e, ()) for e in text) else (0, 0)
    listed = _places(line, lines) >= ENUMERATION
    if regions == {ANYWHERE}:
        return (LISTED_ANYWHERE if listed else ANYWHERE_TIER), -gaz.sizes[ANYWHERE]
    return (LISTED_REGION if listed else REGION), -min(gaz.sizes.get(r, 0) for r in regions - {ANYWHERE})


def _places(line: Line, lines: Sequence[Line]) -> int:
    """How many places ``line`` names, counting a list item's whole list."""
    places = gazetteer().places | {ANYWHERE}
    if line.lead is None:
        return len(mentions(line.text) & places)
    return len({e for other in lines if other.lead == line.lead for e in mentions(other.text)} & places)


def _own_labels(i: int, lines: Sequence[Line], entity: str) -> list[str]:
    """The group labels line ``i`` shares with its heading and that recur outside its section.

    Only a heading in parts names a group ("Zone 3: Asia-Pacific", "... (DDP)"): a plain one
    ("Carriers") names a topic, which recurs everywhere and would lead to any fact."""
    parts = _HEADING_PARTS.split(lines[i].heading)
    text = _with_lead(i, lines)
    own = [p for p in parts if len(parts) > 1 and len(p) > 1 and entity not in mentions(p) and holds(text, p)]
    return [label for label in own if _recurs(label, i, lines)]


def _numbered_label(i: int, lines: Sequence[Line]) -> list[str]:
    """The one numbered group name ("Zone 3") some heading uses that line ``i`` holds, if it recurs."""
    text = _with_lead(i, lines)
    held = {m.group() for line in lines for m in _NUMBERED.finditer(line.heading) if holds(text, m.group())}
    return [label for label in held if _recurs(label, i, lines)] if len(held) == 1 else []


@lru_cache(maxsize=256)
def _all_labels(lines: tuple[Line, ...]) -> frozenset[str]:
    """Every group label of a document: "Zone 1" to "Zone 4", "DDP" and "DAP"."""
    return frozenset(label for i in range(len(lines)) for label in _own_labels(i, lines, ""))


def _about_group(line: Line, label: str, others: frozenset[str] | set[str]) -> bool:
    """Whether ``line`` states a fact about the group ``label``: its text names the group, or
    else its heading does, and neither names only another group ("DDP and DAP explained")."""
    if holds(line.text, label):
        return True
    if any(holds(line.text, other) for other in others):
        return False
    return holds(line.heading, label) and not any(holds(line.heading, other) for other in others)


def _with_lead(i: int, lines: Sequence[Line]) -> str:
    lead = lines[i].lead
    return lines[i].text if lead is None else f"{lines[lead].text} {lines[i].text}"


def _recurs(label: str, i: int, lines: Sequence[Line]) -> bool:
    return any(o.section != lines[i].section and (holds(o.text, label) or holds(o.heading, label)) for o in lines)
