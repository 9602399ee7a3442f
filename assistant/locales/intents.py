"""Per intent, the exemplar messages and keyword patterns of every language (the `intents:` section of each locale file)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from assistant.errors import LocaleError
from assistant.locales import (
    LOCALES_DIR,
    checked_pattern,
    checked_value,
    read_locales,
    supported_languages,
)


@cache
def _intents(lang: str, directory: Path = LOCALES_DIR) -> dict[str, dict[str, list[str]]]:
    """Intent -> its ``exemplars`` and (optional) ``keywords`` in ``lang``, checked."""
    path = directory / f"{lang}.yaml"
    intents = read_locales(directory)[lang].get("intents")
    if not isinstance(intents, dict):
        raise LocaleError(f"{path}: `intents` must be a mapping of intent names to `exemplars:` and `keywords:`")
    return {intent: _intent(path, intent, entry) for intent, entry in intents.items()}


def _intent(path: Path, intent: str, entry: object) -> dict[str, list[str]]:
    where = f"intents.{intent}"
    if not isinstance(entry, dict) or not set(entry) <= {"exemplars", "keywords"}:
        raise LocaleError(f"{path}: `{where}` may hold `exemplars:` and `keywords:`, nothing else")
    checked = {"exemplars": checked_value(path, f"{where}.exemplars", entry.get("exemplars"), list)}
    if "keywords" in entry:
        checked["keywords"] = [checked_pattern(path, where, p) for p in checked_value(path, f"{where}.keywords", entry["keywords"], list)]
    return checked




@cache
def intent_exemplars() -> dict[str, list[str]]:
    """Intent -> its exemplar messages in every language, language after language.

    Shared between callers: read it, don't change it.
    """
    exemplars: dict[str, list[str]] = {}
    for lang in supported_languages():
        for intent, entry in _intents(lang).items():
            exemplars.setdefault(intent, []).extend(entry["exemplars"])
    return exemplars


@cache
def intent_keywords() -> dict[str, dict[str, list[str]]]:
    """Intent -> language -> regular expressions (to compile with re.IGNORECASE) that signal it.

    Only intents with keywords in some language appear. Shared: read it, don't change it.
    """
    keywords: dict[str, dict[str, list[str]]] = {}
    for lang in supported_languages():
        for intent, entry in _intents(lang).items():
            if entry.get("keywords"):
                keywords.setdefault(intent, {})[lang] = entry["keywords"]
    return keywords
