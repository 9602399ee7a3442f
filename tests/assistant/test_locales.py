"""The locale files: every language says everything, and the triage data keeps its promises.

A phrase missing in one language would raise mid-conversation, a lost placeholder would drop the
wait time or a language name from a reply, and a keyword that matches an ordinary question
would hand that customer to a person for nothing.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from assistant import locales
from assistant.errors import LocaleError
from assistant.locales import (
    LOCALES_DIR,
    language_name,
    phrase,
    plural_category,
    plural_phrase,
    section,
    supported_languages,
)
from assistant.locales import intents as locale_intents
from assistant.locales.intents import intent_exemplars, intent_keywords

LANGUAGES = supported_languages()
OTHERS = [lang for lang in LANGUAGES if lang != "en"]
MIN_EXEMPLARS = 8
KB_QUESTION = "kb_question"
EVALS = Path(__file__).resolve().parents[2] / "evals"
# Every number a plural phrase is plausibly said with: a wait of 0 to 1000 minutes or hours.
COUNTS = range(1001)


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_file_is_a_supported_language_and_english_comes_first():
    assert set(LANGUAGES) == {path.stem for path in LOCALES_DIR.glob("*.yaml")}
    assert LANGUAGES[0] == "en" and len(LANGUAGES) >= 10


def plural_keys() -> list[str]:
    """The phrases said with a number: a mapping of plural categories to texts in en.yaml."""
    return [key for key, text in section(LOCALES_DIR, "en", "phrases").items() if isinstance(text, dict)]


@pytest.mark.parametrize("lang", OTHERS)
def test_every_phrase_exists_with_the_same_placeholders(lang):
    english, translated = section(LOCALES_DIR, "en", "phrases"), section(LOCALES_DIR, lang, "phrases")
    assert set(translated) == set(english), f"{lang}.yaml: add {set(english) - set(translated)}, drop {set(translated) - set(english)}"
    plural = set(plural_keys())
    # A plural phrase is compared by its `other` form; the forms for one number may leave the
    # number out (Arabic دقيقتين, "two minutes") but add no placeholder.
    assert all(isinstance(translated[key], dict) for key in plural), f"{lang}.yaml: give {sorted(plural)} plural forms"
    differing = {
        key for key in english
        if placeholders(_other(translated[key])) != placeholders(_other(english[key]))
        or (key in plural and any(not placeholders(text) <= placeholders(english[key]["other"]) for text in translated[key].values()))
    }
    assert not differing, f"{lang}.yaml: placeholders differ from en.yaml in {sorted(differing)}"


def _other(text: str | dict[str, str]) -> str:
    return text["other"] if isinstance(text, dict) else text


def test_the_order_status_phrases_are_in_english():
    # The parity test above then holds every other language to them, placeholders included.
    english = section(LOCALES_DIR, "en", "phrases")
    orders = {key: placeholders(text) for key, text in english.items() if key.startswith("order_")}
    assert len(orders) == 18
    assert orders["order_ask_email"] == orders["order_title"] == {"order"} and orders["order_ask_both"] == set()
    assert orders["order_carrier"] == {"carrier", "tracking"} and orders["order_tracking_link"] == {"url"}
    assert orders["order_shipped_on"] == orders["order_expected"] == {"date"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_plural_phrase_has_the_forms_its_language_needs(lang):
    assert {"wait", "wait_hours"} <= set(plural_keys())
    needed = {plural_category(n, lang) for n in COUNTS}
    defined = locales._plural_rule(lang).tags | {"other"}
    for key in plural_keys():
        forms = section(LOCALES_DIR, lang, "phrases")[key]
        assert needed <= set(forms), f"{lang}.yaml: `{key}` needs forms for {sorted(needed - set(forms))}"
        assert set(forms) <= defined, f"{lang}.yaml: `{key}` has forms {sorted(set(forms) - defined)} the language's plural rules never choose"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_is_named_in_every_file(lang):
    names = section(LOCALES_DIR, lang, "languages")
    assert set(LANGUAGES) <= set(names), f"{lang}.yaml: name {set(LANGUAGES) - set(names)} under `languages:`"
    other = next(code for code in LANGUAGES if code != lang)
    assert language_name(other, lang) == names[other] != other


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_intent_has_enough_exemplars(lang):
    intents = locale_intents._intents(lang)
    assert set(intents) == set(intent_exemplars()), f"{lang}.yaml: intents differ from the other languages"
    few = {intent: len(entry["exemplars"]) for intent, entry in intents.items() if len(entry["exemplars"]) < MIN_EXEMPLARS}
    assert not few, f"{lang}.yaml: fewer than {MIN_EXEMPLARS} exemplars in {few}"


def keyword_hits(intent: str, texts: list[str]) -> list[tuple[str, str]]:
    """(pattern, text) for every keyword of ``intent``, in any language, that matches one of ``texts``."""
    patterns = [p for by_lang in intent_keywords()[intent].values() for p in by_lang]
    return [(p, text) for p in patterns for text in texts if re.search(p, text, re.IGNORECASE)]


@pytest.mark.parametrize("intent", list(intent_keywords()))
def test_no_keyword_matches_an_ordinary_question(intent):
    # A keyword hit hands off on its own: it must never fire on a question the knowledge base answers.
    assert not keyword_hits(intent, intent_exemplars()[KB_QUESTION])


@pytest.mark.parametrize("intent", list(intent_keywords()))
def test_no_keyword_matches_another_intents_exemplar(intent):
    others = [text for name, texts in intent_exemplars().items() if name not in (intent, KB_QUESTION) for text in texts]
    assert not keyword_hits(intent, others)


def dev_traps() -> list[str]:
    """The eval's look-alike questions (PayPal, refunds, chargeback policy, ...) of the dev splits."""
    intents = [json.loads(line) for line in (EVALS / "cases" / "intents.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    benchmarks = [json.loads(line) for path in sorted(EVALS.glob("benchmarks/*/dev.jsonl")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [c for c in intents if "split:dev" in c.get("tags", [])] + benchmarks
    return [c["text"] for c in dev if "trap" in c.get("tags", []) and c.get("reason") == "kb"]


@pytest.mark.parametrize("intent", list(intent_keywords()))
def test_no_keyword_matches_a_trap(intent):
    # The kb_question exemplars are one set of ordinary questions; the eval's traps are another,
    # written apart from them. Only the dev split is read here, so the test split stays unseen.
    assert len(dev_traps()) >= 40
    assert not keyword_hits(intent, dev_traps())


def test_every_keyword_intent_has_keywords_in_every_language():
    assert {"human_request", "complaint", "dispute"} <= set(intent_keywords())
    for intent, by_lang in intent_keywords().items():
        assert list(by_lang) == list(LANGUAGES), intent


def test_exemplars_are_read_language_after_language():
    # The embedding detector relies on a stable order; English first, then the order en.yaml names them.
    first = locale_intents._intents("en")[KB_QUESTION]["exemplars"]
    last = locale_intents._intents(LANGUAGES[-1])[KB_QUESTION]["exemplars"]
    exemplars = intent_exemplars()[KB_QUESTION]
    assert exemplars[: len(first)] == first and exemplars[-len(last) :] == last


def test_phrases_are_filled_and_fall_back_to_english_only_without_a_file():
    assert plural_phrase("wait", "de-AT", 15, minutes=15) == " in etwa 15 Minuten"
    assert phrase("greeting", "nl") == phrase("greeting", "en")
    assert language_name("en", "de") == "Englisch" and language_name("fr", "nl") == "French"
    assert language_name("sw", "es") == "sw"


@pytest.mark.parametrize(
    ("lang", "count", "said"),
    [
        ("ar", 10, " خلال 10 دقائق تقريبًا"),  # 3 to 10: the plural
        ("ar", 11, " خلال 11 دقيقة تقريبًا"),  # 11 to 99: the singular (accusative)
        ("ar", 3, " خلال 3 دقائق تقريبًا"),
        ("ar", 1, " خلال دقيقة واحدة تقريبًا"),
        ("ar", 2, " خلال دقيقتين تقريبًا"),  # the dual
        ("ar", 100, " خلال 100 دقيقة تقريبًا"),
        ("ar", 103, " خلال 103 دقائق تقريبًا"),
        ("en", 1, " within about 1 minute"),
        ("en", 10, " within about 10 minutes"),
        ("fr", 0, " sous 0 minute environ"),  # French counts 0 and 1 as singular
        ("fr", 1, " sous 1 minute environ"),
        ("fr", 2, " sous 2 minutes environ"),
        ("de-AT", 1, " in etwa 1 Minute"),
        ("ja", 1, "約1分以内に"),
        ("nl", 1, " within about 1 minute"),  # no file: English
    ],
)
def test_a_wait_is_said_in_the_form_its_number_takes(lang, count, said):
    assert plural_phrase("wait", lang, count, minutes=count) == said


def test_hours_take_plural_forms_too():
    assert plural_phrase("wait_hours", "en", 1, hours=1) == " within about 1 hour"
    assert plural_phrase("wait_hours", "ar", 5, hours=5) == " خلال 5 ساعات تقريبًا"
    assert plural_phrase("wait_hours", "ar", 24, hours=24) == " خلال 24 ساعة تقريبًا"


def test_a_plural_phrase_asked_for_without_a_number_names_the_way_to_say_it():
    with pytest.raises(LocaleError, match=r"`wait` has plural forms: say it with plural_phrase"):
        phrase("wait", "en", minutes=10)


def test_a_plain_phrase_said_with_a_number_is_that_phrase():
    assert plural_phrase("order_title", "de", 3, order="A-3") == "Bestellung A-3"


def test_a_language_cldr_does_not_know_takes_the_other_form():
    assert plural_category(1, "xx") == "other" and plural_category(1, "en") == "one"


def test_a_missing_phrase_names_the_file_and_the_key():
    with pytest.raises(LocaleError, match=r"es\.yaml has no phrase `farewell`"):
        phrase("farewell", "es")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("phrases: [unclosed\n", r"xx\.yaml is not readable YAML"),
        ("- just\n- a list\n", r"xx\.yaml must be a mapping of sections"),
        ("phrases: [Hallo]\n", r"xx\.yaml: `phrases` must be a mapping of names to texts"),
        ("phrases:\n  greeting: [1, 2]\n", r"xx\.yaml: `phrases\.greeting` must be a non-empty text"),
        ("phrases:\n  greeting: ''\n", r"`phrases\.greeting` must be a non-empty text"),
        ("phrases:\n  no: Nein\n", r"xx\.yaml: key False under `phrases` must be text; quote it"),
        ("phrases:\n  wait:\n    one: a minute\n", r"xx\.yaml: `phrases\.wait` needs an `other:` form"),
        ("phrases:\n  wait:\n    other: minutes\n    plural: minutes\n", r"xx\.yaml: `phrases\.wait` has \['plural'\], which are no plural categories"),
        ("phrases:\n  wait:\n    one: ''\n    other: minutes\n", r"xx\.yaml: `phrases\.wait\.one` must be a non-empty text"),
        ("phrases:\n  wait:\n    other: [minutes]\n", r"xx\.yaml: `phrases\.wait\.other` must be a non-empty text"),
    ],
)
def test_a_malformed_file_names_the_file_and_the_section(tmp_path, text, message):
    (tmp_path / "xx.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LocaleError, match=message):
        section(tmp_path, "xx", "phrases")


def test_plural_forms_are_for_phrases_only(tmp_path):
    (tmp_path / "xx.yaml").write_text("phrases:\n  wait:\n    other: minutes\nlanguages:\n  en:\n    other: English\n", encoding="utf-8")
    assert section(tmp_path, "xx", "phrases") == {"wait": {"other": "minutes"}}
    with pytest.raises(LocaleError, match=r"`languages\.en` must be a non-empty text"):
        section(tmp_path, "xx", "languages")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("intents:\n  complaint:\n    exemplars: [terrible]\n    keywords: ['(unclosed']\n",
         r"xx\.yaml: a keyword of `intents\.complaint` is no valid regular expression"),
        ("intents:\n  complaint:\n    keywords: [awful]\n", r"xx\.yaml: `intents\.complaint\.exemplars` must be a list"),
        ("intents:\n  complaint:\n    exemplars: [terrible, 3]\n", r"xx\.yaml: `intents\.complaint\.exemplars\.1` must be a non-empty"),
        ("intents:\n  complaint:\n    examples: [awful]\n", r"xx\.yaml: `intents\.complaint` may hold `exemplars:` and `keywords:`"),
    ],
)
def test_a_malformed_intent_names_the_file_and_the_intent(tmp_path, text, message):
    (tmp_path / "xx.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LocaleError, match=message):
        locale_intents._intents("xx", tmp_path)
