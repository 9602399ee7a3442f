"""The assistant's own words, read from one YAML file per language in ``assistant/locales/``.

Each ``<lang>.yaml`` holds what the assistant says in that language that does not come from
the knowledge base (``phrases``), the names of languages as written in it (``languages``),
per intent the exemplar messages and keyword patterns the triage detects it by
(``intents``), and the messages that are only good manners (``courtesies``). A language is supported when its file exists. Text for a language without a
file is English; a supported file that lacks a phrase is an error, which
tests/assistant/test_locales.py catches before it ships, rather than English mid-conversation.

A phrase said with a number ("within about {minutes} minutes") is a mapping of CLDR plural
categories to texts instead of one text, and is said with ``plural_phrase``: the language's
plural rules, from babel's CLDR data, choose the form (Arabic 10 دقائق but 11 دقيقة).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import LocaleError

LOCALES_DIR = Path(__file__).parent
DEFAULT_LANGUAGE = "en"

# CLDR's plural categories. A phrase said with a number maps those its language's rules give
# to texts (English one and other, Arabic all six, Japanese only other); `other` is required.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# The sections whose texts may be such a mapping.
_PLURAL_SECTIONS = frozenset({"phrases"})

# libyaml's parser, where installed, reads the files several times faster than PyYAML's own.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def base_language(code: str) -> str:
    """``"pt-BR"``, ``"zh_Hans"`` or ``"EN"`` -> ``"pt"``, ``"zh"``, ``"en"``."""
    return code.strip().replace("_", "-").split("-", 1)[0].lower()


@cache
def read_locales(directory: Path) -> dict[str, dict]:
    """Language code -> the parsed ``<code>.yaml``, for every such file in ``directory``."""
    return {path.stem: _read(path) for path in sorted(directory.glob("*.yaml"))}


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        raise LocaleError(f"{path} is not readable YAML; fix it: {exc}") from exc
    if not isinstance(data, dict):
        raise LocaleError(f"{path} must be a mapping of sections (such as `phrases:`), not {type(data).__name__}")
    return data


def checked_value(path: Path, where: str, value: Any, kind: type, plurals: bool = False) -> Any:
    """``value`` if it is a mapping of names to non-empty texts (``kind`` dict) or a list of them (list).

    With ``plurals``, a name may map to plural forms instead of one text: a mapping of CLDR plural
    categories to non-empty texts, ``other`` among them.
    """
    if not isinstance(value, kind):
        shape = "a mapping of names to texts" if kind is dict else "a list of texts"
        raise LocaleError(f"{path}: `{where}` must be {shape}")
    pairs = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, text in pairs:
        if kind is dict and not isinstance(key, str):
            # The usual cause: YAML reads an unquoted no, yes, on or off as true or false.
            raise LocaleError(f"{path}: key {key!r} under `{where}` must be text; quote it, as in 'no':")
        if plurals and isinstance(text, dict):
            _check_plural_forms(path, f"{where}.{key}", text)
        elif not isinstance(text, str) or not text.strip():
            raise LocaleError(f"{path}: `{where}.{key}` must be a non-empty text")
    return value


def _check_plural_forms(path: Path, where: str, forms: dict) -> None:
    unknown = [category for category in forms if category not in PLURAL_CATEGORIES]
    if unknown:
        raise LocaleError(f"{path}: `{where}` has {unknown!r}, which are no plural categories: use {', '.join(PLURAL_CATEGORIES)}")
    if "other" not in forms:
        raise LocaleError(f"{path}: `{where}` needs an `other:` form, the one said when no other category applies")
    for category, text in forms.items():
        if not isinstance(text, str) or not text.strip():
            raise LocaleError(f"{path}: `{where}.{category}` must be a non-empty text")


@cache
def section(directory: Path, lang: str, name: str, kind: type = dict) -> Any:
    """Section ``name`` of ``<lang>.yaml`` in ``directory``, checked to be texts of that ``kind``."""
    found = read_locales(directory)[lang].get(name)
    return checked_value(directory / f"{lang}.yaml", name, found, kind, plurals=name in _PLURAL_SECTIONS)


def served_language(lang: str, directory: Path = LOCALES_DIR) -> str:
    """``lang``'s base code if ``directory`` has a file for it, else English."""
    code = base_language(lang)
    return code if code in read_locales(directory) else DEFAULT_LANGUAGE


@cache
def supported_languages() -> tuple[str, ...]:
    """Every language with a file, in the order en.yaml names them, then any others by code.

    A fixed order keeps the exemplars, and so the batches their embeddings are computed in,
    the same from run to run: the triage decides byte for byte the same.
    """
    order = list(section(LOCALES_DIR, DEFAULT_LANGUAGE, "languages"))
    rank = {code: i for i, code in enumerate(order)}
    return tuple(sorted(read_locales(LOCALES_DIR), key=lambda code: (rank.get(code, len(order)), code)))


def follow_up_openers(lang: str) -> tuple[str, ...]:
    """How a short message in ``lang`` opens when it continues the previous question ("and", "und")."""
    return tuple(section(LOCALES_DIR, served_language(lang), "follow_up", list))


def search_for(intent: str, lang: str) -> str | None:
    """What the KB is searched for, with the message, when ``intent`` has its own page; None if it has none."""
    return section(LOCALES_DIR, served_language(lang), "searches").get(intent)


class Courtesy(str, Enum):
    """A message that is only good manners (see `courtesies:` in the locale files)."""

    THANKS = "thanks"
    OKAY = "okay"
    GREETING = "greeting"


# Around a courtesy: spaces, punctuation and symbols (emoji included), in any script.
_AROUND = "PSZ"


def courtesy(text: str, lang: str) -> tuple[Courtesy, str] | None:
    """What ``text`` is, when it is only a thanks, an okay or a greeting, and the language it is
    that in: ``lang``'s own patterns first, then every other language's ("danke" is too short for
    the detector to name German)."""
    core = _trimmed(text)
    for code in dict.fromkeys([served_language(lang), *supported_languages()]):
        for kind, patterns in _courtesies(code).items():
            if any(p.fullmatch(core) for p in patterns):
                return kind, code
    return None


def _trimmed(text: str) -> str:
    chars = list(" ".join(text.split()).lower())
    while chars and unicodedata.category(chars[-1])[0] in _AROUND:
        chars.pop()
    start = next((i for i, c in enumerate(chars) if unicodedata.category(c)[0] not in _AROUND), len(chars))
    return "".join(chars[start:])


@cache
def _courtesies(lang: str) -> dict[Courtesy, list[re.Pattern[str]]]:
    path, found = LOCALES_DIR / f"{lang}.yaml", read_locales(LOCALES_DIR)[lang].get("courtesies")
    if not isinstance(found, dict) or not set(found) <= {c.value for c in Courtesy}:
        raise LocaleError(f"{path}: `courtesies` must map `thanks`, `okay` and `greeting` to lists of patterns")
    return {
        Courtesy(kind): [re.compile(checked_pattern(path, f"courtesies.{kind}", p), re.IGNORECASE) for p in checked_value(path, f"courtesies.{kind}", patterns, list)]
        for kind, patterns in found.items()
    }


def phrase(key: str, lang: str, **values: object) -> str:
    """Phrase ``key`` in ``lang`` (English if ``lang`` has no file), formatted with ``values``.

    Raises LocaleError when the file lacks the phrase or the phrase has plural forms (say it with
    ``plural_phrase``), and KeyError (from ``str.format``) for a placeholder left without a value:
    "handoff" needs ``wait`` even when it is "".
    """
    code = served_language(lang)
    text = _phrase(code, key)
    if isinstance(text, dict):
        raise LocaleError(f"phrase `{key}` has plural forms: say it with plural_phrase({key!r}, lang, count, ...)")
    return text.format(**values)


def plural_phrase(key: str, lang: str, count: int, **values: object) -> str:
    """Phrase ``key`` in ``lang`` in the plural form ``count`` takes there, formatted with ``values``.

    The form is the one for the CLDR category of ``count`` in the language's plural rules
    (Arabic: 2 -> two, 10 -> few, 11 -> many), or ``other`` when the phrase has none for it.
    ``count`` only chooses the form: pass the number among ``values`` too (``minutes=count``).
    """
    code = served_language(lang)
    forms = _phrase(code, key)
    if isinstance(forms, str):
        return forms.format(**values)
    return forms.get(plural_category(count, code), forms["other"]).format(**values)


def plural_category(count: int, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (zero, one, two, few, many or other)."""
    return _plural_rule(base_language(lang))(count)


@cache
def _plural_rule(code: str) -> Callable[[int], str]:
    locale = _cldr_locale(code, fallback=None)
    # a language CLDR does not know: its `other` form
    return locale.plural_form if locale else (lambda count: "other")


@cache
def _cldr_locale(code: str, fallback: str | None = DEFAULT_LANGUAGE):
    """babel's CLDR locale for ``code``, else ``fallback``'s (None: no locale)."""
    # babel is imported on the first phrase said with a number or a date, not at start-up:
    # `import babel.core` alone takes about 6 ms (python -X importtime), nearly half again this
    # module's 13 ms with yaml.
    from babel.core import Locale, UnknownLocaleError

    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(fallback) if fallback else None


def _phrase(code: str, key: str) -> str | dict[str, str]:
    text = section(LOCALES_DIR, code, "phrases").get(key)
    if text is None:
        raise LocaleError(f"{LOCALES_DIR / f'{code}.yaml'} has no phrase `{key}`: add it under `phrases:`")
    return text


def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` written in ``in_lang``.

    Falls back to the English name when ``in_lang`` has no file, and to ``code`` itself when
    the language is named in no file.
    """
    wanted = base_language(code)
    names = section(LOCALES_DIR, served_language(in_lang), "languages")
    return names.get(wanted) or section(LOCALES_DIR, DEFAULT_LANGUAGE, "languages").get(wanted) or code


def format_date(day: date, lang: str) -> str:
    """``day`` as written in ``lang`` (CLDR's long form: "27. November 2026", "2026年11月27日")."""
    from babel.dates import format_date as cldr_date

    return cldr_date(day, format="long", locale=_cldr_locale(base_language(lang)))


def format_moment(moment: datetime, lang: str) -> tuple[str, str]:
    """``moment``'s day and time as written in ``lang``: ("Monday, November 30, 2026", "8:00 AM")."""
    from babel.dates import format_date as cldr_date
    from babel.dates import format_time as cldr_time

    locale = _cldr_locale(base_language(lang))
    return cldr_date(moment, format="full", locale=locale), cldr_time(moment, format="short", locale=locale)


def zone_name(zone: tzinfo, lang: str) -> str:
    """A time zone as a customer reads it in ``lang``: "Netherlands Time", "オランダ時間"."""
    from babel.dates import get_timezone_location

    return get_timezone_location(zone, locale=_cldr_locale(base_language(lang)))


def checked_pattern(path: Path, where: str, pattern: str) -> str:
    """``pattern`` if it compiles, so that a typo names its file rather than failing the triage."""
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise LocaleError(f"{path}: a keyword of `{where}` is no valid regular expression ({exc}): {pattern}") from exc
    return pattern
