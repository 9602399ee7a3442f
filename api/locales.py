"""The chat widget's own words, read from one YAML file per language in ``api/locales/``.

Each ``<lang>.yaml`` holds the widget's labels (``strings``) and quick-reply chips
(``chips``). The greeting and the "helpful" and "sources" labels are the assistant's own
phrases, taken from assistant/locales so that the widget and the replies never word them
differently. A language without a file gets English; tests/api/test_locales.py checks that
every file has every string.
"""

from __future__ import annotations

from pathlib import Path

from assistant.locales import base_language, phrase, section, served_language

LOCALES_DIR = Path(__file__).with_name("locales")

# The assistant's phrases that the widget shows as labels too.
SHARED_PHRASES = ("greeting", "helpful", "sources")

# Languages written right to left. Wider than the locale files: a conversation detected as
# Hebrew still gets English labels, but laid out right to left around the Hebrew messages.
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})


def widget_strings(lang: str) -> dict[str, str]:
    """Every widget label in ``lang`` (English if it has no file).

    Returned unformatted: the widget fills ``{seconds}``, ``{name}``, ``{n}``, ``{max}`` and ``{mb}``.
    """
    code = served_language(lang, LOCALES_DIR)
    return {**section(LOCALES_DIR, code, "strings"), **{key: phrase(key, code) for key in SHARED_PHRASES}}


def quick_replies(lang: str) -> list[str]:
    """The quick-reply chips in ``lang`` (English if it has no file), as a fresh list."""
    return list(section(LOCALES_DIR, served_language(lang, LOCALES_DIR), "chips", list))


def text_direction(lang: str) -> str:
    """``"rtl"`` for a language written right to left (``"ar-EG"`` too), else ``"ltr"``."""
    return "rtl" if base_language(lang) in RTL_LANGUAGES else "ltr"
