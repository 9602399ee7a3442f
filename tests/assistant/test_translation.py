"""Argos Translate end to end, on tiny real packages built offline, with the network cut off."""

from __future__ import annotations

import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.compose.translation import ArgosTranslator
from assistant.errors import TranslationError
from tests.utils.argos_fixture import build_argos_package

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "¿Dónde está mi pedido"
TWO_SENTENCES = "¿Dónde está mi pedido? Lo pedí la semana pasada."


@pytest.fixture(scope="module")
def no_network():
    """Any attempt to download (a model, a sentence splitter) fails the test instead of hanging."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", refuse)
        patch.setattr(socket.socket, "connect", refuse)
        yield


@pytest.fixture(scope="module")
def built(tmp_path_factory, no_network) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("argos-packages")
    return {
        "es-en": build_argos_package(folder, "es", "en"),
        "en-fr": build_argos_package(folder, "en", "fr"),
        "fr-de": build_argos_package(folder, "fr", "de", sentence_splitter=False),
    }


@pytest.fixture(scope="module")
def translator(tmp_path_factory, built) -> ArgosTranslator:
    translator = ArgosTranslator(tmp_path_factory.mktemp("data") / "argos")
    assert translator.install(built["es-en"]) == [("es", "en")]
    assert translator.install(built["en-fr"]) == [("en", "fr")]
    return translator


def _ctranslate2(package: Path, sentences: list[str]) -> str:
    """What the package's CTranslate2 model makes of ``sentences``, with argostranslate's default options."""
    import ctranslate2
    import sentencepiece

    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    model = ctranslate2.Translator(str(package / "model"), device="cpu", compute_type="auto")
    batch = [tokenizer.encode(sentence, out_type=str) for sentence in sentences]
    results = model.translate_batch(
        batch, beam_size=4, num_hypotheses=1, length_penalty=0.2, replace_unknowns=True,
        max_batch_size=32, batch_type="tokens",
    )  # fmt: skip
    tokens = [token for result in results for token in result.hypotheses[0]]
    text = tokenizer.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
    return text[1:] if text.startswith(" ") else text


def test_install_lists_the_pairs(translator):
    assert {("en", "fr"), ("es", "en")} <= set(translator.pairs())
    assert {"translate-en_fr-1_0", "translate-es_en-1_0"} <= {p.name for p in translator.packages_dir.iterdir()}


def test_direct_pair_runs_the_packaged_model(translator):
    import argostranslate.translate

    first = translator.translate(QUESTION, "es", "en")
    assert first and first != QUESTION
    assert translator.translate(QUESTION, "es", "en") == first
    assert first == argostranslate.translate.translate(QUESTION, "es", "en")
    assert first == _ctranslate2(translator.packages_dir / "translate-es_en-1_0", [QUESTION])


def test_text_is_split_into_sentences_by_the_packaged_splitter(translator):
    package = translator.packages_dir / "translate-es_en-1_0"
    sentences = ["¿Dónde está mi pedido?", "Lo pedí la semana pasada."]
    translated = translator.translate(TWO_SENTENCES, "es", "en")
    assert translated == _ctranslate2(package, sentences)
    assert translated != _ctranslate2(package, [TWO_SENTENCES])
    assert not any(translator.splitters_dir.glob("*.onnx"))  # nothing was downloaded into the cache


def test_pivot_goes_through_english(translator):
    import argostranslate.translate

    assert translator.can_translate("es", "fr")
    assert not translator.can_translate("fr", "es") and not translator.can_translate("es", "de")
    through_english = translator.translate(translator.translate(QUESTION, "es", "en"), "en", "fr")
    assert translator.translate(QUESTION, "es", "fr") == through_english
    english = argostranslate.translate.translate(QUESTION, "es", "en")
    assert through_english == argostranslate.translate.translate(english, "en", "fr")


def test_same_language_and_blank_text_are_returned_unchanged(translator):
    assert translator.can_translate("de", "de")
    assert translator.translate("Hallo!", "de", "de") == "Hallo!"
    assert translator.translate("  \n", "es", "en") == "  \n"


def test_a_pair_that_is_not_installed_is_refused(translator):
    with pytest.raises(TranslationError, match=r"no translation from fr to es is installed .*es->en.*install an Argos package"):
        translator.translate("Bonjour", "fr", "es")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x8fnot a zip at all" * 64, r"not a valid Argos Translate package \(an \.argosmodel file is a zip archive\)"),
        ({"a/readme.txt": "x", "b/readme.txt": "y"}, "one folder with a metadata.json"),
        ({"metadata.json": '{"from_code": "es", "to_code": "en"}'}, "one folder with a metadata.json"),
        ({"p/metadata.json": "{not json"}, "metadata.json cannot be read"),
        ({"p/metadata.json": '{"from_code": "es"}'}, "does not name from_code and to_code"),
        ({"p/metadata.json": '{"from_code": "es", "to_code": "en"}', "p/sentencepiece.model": ""}, "no CTranslate2 model"),
    ],
)
def test_an_invalid_package_is_refused_and_nothing_is_installed(translator, tmp_path, content, message):
    before = translator.pairs()
    path = tmp_path / "x.argosmodel"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in content.items():
                archive.writestr(name, text)
    with pytest.raises(TranslationError, match=message):
        translator.install(path)
    assert translator.pairs() == before
    assert {p.name for p in translator.packages_dir.iterdir()} == {f"translate-{a}_{b}-1_0" for a, b in before}


def test_a_missing_file_is_refused(translator, tmp_path):
    with pytest.raises(TranslationError, match=r"does not exist: give the path of a downloaded \.argosmodel"):
        translator.install(tmp_path / "missing.argosmodel")


def test_a_package_whose_splitter_would_be_downloaded_is_refused(translator, built):
    assert translator.install(built["fr-de"]) == [("fr", "de")]
    with pytest.raises(TranslationError, match=r"no sentence splitter.*copy MiniSBD's fr\.onnx into"):
        translator.translate("Où est ma commande ?", "fr", "de")


def test_a_second_directory_in_the_same_process_is_refused(translator, tmp_path):
    with pytest.raises(TranslationError, match="one Argos directory per process"):
        ArgosTranslator(tmp_path / "other").pairs()


def test_importing_the_module_loads_neither_argostranslate_nor_torch():
    code = "import assistant.compose.translation, sys; print('argostranslate' in sys.modules, 'torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["False", "False"]


@pytest.fixture(scope="module")
def translating_bot(tmp_path_factory, use_m3, translator):
    """Over a KB whose warranty page is English only (the sample KB now has every translation).
    The threshold is lowered so that the answer, not a handoff, shows the translation path."""
    from api.settings import Settings
    from assistant.knowledge.index import open_index
    from assistant.reply import Assistant
    from ingest.sync import discover, ingest
    from tests.utils.paths import KB

    kb = tmp_path_factory.mktemp("english-kb")
    (kb / "warranty.md").write_text((KB / "warranty.md").read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("english-data"), kb_dir=kb, answer_threshold=0.5)
    files, failures, scopes = discover([kb], kb)
    ingest(files, open_index(settings, use_m3), prune_scopes=scopes)
    return Assistant(settings, open_index(settings, use_m3), translator)


def test_reply_is_machine_translated_when_the_kb_has_no_translation(translating_bot, translator):
    from assistant.locales import phrase
    from assistant.model.conversation import Conversation

    reply = translating_bot.reply(Conversation(), "Combien de temps dure la garantie d'une tente ?")
    assert reply.handoff is None and reply.lang == "fr" and reply.machine_translated
    assert reply.sources[0].source == "warranty.md"
    assert reply.text.endswith(phrase("machine_translated", "fr"))
    assert not reply.text.startswith(phrase("other_language", "fr", language="anglais"))


def test_case_carries_the_customers_words_in_the_agents_language(translating_bot, translator):
    from assistant.model.conversation import Conversation

    text = "Quiero hablar con una persona, por favor"
    reply = translating_bot.reply(Conversation(), text)
    message = reply.handoff.case.messages[0]
    assert message.text == text
    assert message.translated == translator.translate(text, "es", "en")
