"""Which language a text is in.

lingua, restricted to the languages we serve, measured 0.99 on short chat text against
langdetect's 0.92 (and 0.48 on Chinese), at a twentieth of the time; so it is the detector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# The languages the store serves (the embedder covers all of them but the last few).
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "es", "fr", "de", "pt", "it", "nl", "pl", "ru", "tr",
    "zh", "ja", "ko", "ar", "th", "sv", "da", "fi", "he", "uk",
)  # fmt: skip


@dataclass(frozen=True)
class Detection:
    lang: str
    confidence: float


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every ISO 639-1 code the detector knows, to tell `guide.fr.md` from `guide.v2.md`."""
    from lingua import Language

    return frozenset(language.iso_code_639_1.name.lower() for language in Language.all())


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in SUPPORTED_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str, default: str = "en") -> Detection:
    """The most likely language of ``text`` and the detector's confidence in it."""
    text = text.strip()
    if not text:
        return Detection(default, 0.0)
    values = _detector().compute_language_confidence_values(text[:2000])
    if not values:
        return Detection(default, 0.0)
    best = values[0]
    return Detection(best.language.iso_code_639_1.name.lower(), float(best.value))
