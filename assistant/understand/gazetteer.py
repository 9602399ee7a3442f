"""The entities a text names: countries, regions, currencies, payment methods and carriers.

The names come from assistant/data/: places.yaml (country and currency names in the ten
languages we serve, generated from CLDR) and entities.yaml (everyday aliases, regions and
what they hold, payment methods, carriers and catch-all phrases, by hand). A name is found
in any language, as a whole word where the script has words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml

from assistant import DATA_DIR

ANYWHERE = "anywhere"  # the entity of the catch-all phrases: it holds every place
# Prefixes Arabic writes onto a name: و and, ف so, ب in, ل to, ك as ("واليابان", "بالصين").
_ARABIC_PREFIXES = "وفبلك"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _script(char: str) -> str:
    """"kana" (katakana), "cjk" (Han, hiragana), "hangul", "arabic", "word" (other letters and digits) or "other"."""
    code = ord(char)
    if not char.isalnum():  # punctuation of any script: "؟", "・", "、"
        return "other"
    if 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return "kana" if 0x30A0 <= code <= 0x30FF else "cjk"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
        return "hangul"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    return "word"


@lru_cache(maxsize=50_000)
def _lower(text: str) -> str:
    """Lower case, one character for one (``str.lower`` turns "İ" into two), so offsets hold."""
    text = unicodedata.normalize("NFC", text)
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class Gazetteer:
    forms: dict[str, frozenset[str]]  # lower-cased name -> the entities it names
    exact: dict[str, frozenset[str]]  # lower-cased name -> the only spellings it is matched in
    by_start: dict[str, tuple[str, ...]]  # a name's first two characters (or its only one) -> names, longest first
    groups: dict[str, frozenset[str]]  # entity -> every region or group holding it, transitively
    places: frozenset[str]  # countries and regions: what a catch-all phrase covers
    sizes: dict[str, int]  # region or group -> how many entities it holds (the smaller, the more specific)

    def find(self, text: str) -> dict[str, str]:
        """The entities named in ``text`` -> the words first naming them, in order; the longest name wins."""
        original, low = unicodedata.normalize("NFC", text), _lower(text)
        found: dict[str, str] = {}
        i = 0
        while i < len(low):
            form, end = self._match(original, low, i)
            for entity in sorted(self.forms.get(form, ())):
                found.setdefault(entity, original[i:end])
            i = end
        return found

    def _match(self, original: str, low: str, i: int) -> tuple[str, int]:
        """The longest name starting at ``i`` and where it ends; ("", i + 1) when none does."""
        for form in (*self.by_start.get(low[i : i + 2], ()), *self.by_start.get(low[i], ())):
            spelled = original[i : i + len(form)]
            if not low.startswith(form, i) or spelled not in self.exact.get(form, {spelled}):
                continue
            end = _ends(low, i, i + len(form))
            if end is not None and _starts(low, i):
                return form, end
        return "", i + 1


def _starts(low: str, i: int) -> bool:
    """A name may start at ``i``: not inside a word (Korean and kana words included), with
    Arabic's one-letter prefixes allowed; Chinese and Japanese characters need no boundary."""
    kind = _script(low[i])
    if i == 0 or kind in ("cjk", "other"):
        return True
    if kind == "arabic":
        j = i
        while j > 0 and i - j < 2 and low[j - 1] in _ARABIC_PREFIXES:
            j -= 1
        return j == 0 or _script(low[j - 1]) != "arabic"
    return _script(low[i - 1]) != kind


def _ends(low: str, start: int, end: int) -> int | None:
    """Where a name ending at ``end`` ends, allowing a Latin plural "s"; None inside a word."""
    kind = _script(low[end - 1])
    if end == len(low) or kind in ("cjk", "hangul", "other"):
        return end
    if _script(low[end]) != kind:
        return end
    if kind == "word" and low[end] == "s" and end - start >= 4 and (end + 1 == len(low) or _script(low[end + 1]) != "word"):
        return end + 1
    return None


@cache
def gazetteer() -> Gazetteer:
    """The names of places.yaml and entities.yaml, read once."""
    places = _read("places.yaml")
    data = _read("entities.yaml")
    names: dict[str, set[str]] = {}
    for section in ("countries", "currencies"):
        for code, by_lang in places[section].items():
            for value in by_lang.values():
                names.setdefault(code, set()).update([value] if isinstance(value, str) else value)
    for code, aliases in data["aliases"].items():
        names.setdefault(code, set()).update(aliases)
    members: dict[str, list[str]] = {}
    for section in ("regions", "payment_methods", "carriers"):
        for entity, entry in data[section].items():
            names.setdefault(entity, set()).update(entry["names"])
            members[entity] = entry.get("members", [])
    names[ANYWHERE] = set(data["catch_all"])
    place_ids = set(places["countries"]) | set(data["regions"])
    return _build(names, members, place_ids, set(data["exact"]), set(data["excluded"]))


def _build(names: dict[str, set[str]], members: dict[str, list[str]], places: set[str], exact: set[str], excluded: set[str]) -> Gazetteer:
    forms: dict[str, set[str]] = {}
    for entity, values in names.items():
        for value in values - excluded:
            forms.setdefault(_lower(str(value)), set()).add(entity)
    exact |= {str(v) for values in names.values() for v in values if len(str(v)) <= 4 and str(v).isascii() and str(v).isupper()}
    spellings: dict[str, set[str]] = {}
    for value in exact:
        spellings.setdefault(_lower(value), set()).add(value)
    by_start: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_start.setdefault(form[:2], []).append(form)
    groups: dict[str, set[str]] = {}
    for group in members:
        for entity in _members(group, members):
            groups.setdefault(entity, set()).add(group)
    for place in places:
        groups.setdefault(place, set()).add(ANYWHERE)
    sizes = {group: len(_members(group, members)) for group in members} | {ANYWHERE: len(places)}
    return Gazetteer(
        forms={f: frozenset(e) for f, e in forms.items()}, exact={f: frozenset(s) for f, s in spellings.items()},
        by_start={k: tuple(v) for k, v in by_start.items()}, groups={e: frozenset(g) for e, g in groups.items()},
        places=frozenset(places), sizes=sizes,
    )


def _members(group: str, members: dict[str, list[str]]) -> set[str]:
    """Every entity ``group`` holds, through its member groups too."""
    out: set[str] = set()
    for member in members.get(group, []):
        out |= {member} | _members(member, members)
    return out


def _read(name: str) -> dict:
    return yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=_LOADER)


@lru_cache(maxsize=20_000)
def mentions(text: str) -> frozenset[str]:
    """The entities ``text`` names; KB sentences recur from question to question, so it is cached."""
    return frozenset(gazetteer().find(text))


def named(question: str) -> dict[str, str]:
    """The entities a question asks about -> the words naming them, leaving out the catch-all ("anywhere else?")."""
    return {e: words for e, words in gazetteer().find(question).items() if e != ANYWHERE}


def holds(text: str, label: str) -> bool:
    """Whether ``text`` holds ``label``, ignoring case, not as part of a longer Latin word or number."""
    low, target = _lower(text), _lower(label)
    start = low.find(target)
    while start >= 0:
        end = start + len(target)
        before = start == 0 or _script(low[start - 1]) != "word" or _script(target[0]) != "word"
        after = end == len(low) or _script(low[end]) != "word" or _script(target[-1]) != "word"
        if before and after:
            return True
        start = low.find(target, start + 1)
    return False
