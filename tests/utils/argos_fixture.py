"""Builds tiny, real Argos Translate packages offline, so translation is tested on the real code path.

A package is what argostranslate installs from its index: a zip of one folder holding
metadata.json, a SentencePiece model, a CTranslate2 model in ``model/`` and, here, a MiniSBD
sentence splitter in ``minisbd/``. The SentencePiece model is trained on the lines below, the
translation model is a randomly initialised two-layer Marian converted by CTranslate2's own
converter, and the splitter is an ONNX lookup table that ends a sentence at ``.``, ``!`` and
``?``. Translations are gibberish, but deterministic: the plumbing is what is tested.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
import zlib
from pathlib import Path

CORPUS = """\
Where is my order? I ordered the tent last week.
My parcel has not arrived yet.
How much are the customs duties for Canada?
I would like to return the hiking boots.
Can I pay with a credit card or PayPal?
The jacket is too small, can I exchange it?
Please send me the tracking number.
Thank you for your help!
¿Dónde está mi pedido? Lo pedí la semana pasada.
Mi paquete todavía no ha llegado.
¿Cuánto cuestan los aranceles de aduana?
Quiero devolver las botas de montaña.
¿Puedo pagar con tarjeta de crédito?
La chaqueta es demasiado pequeña.
Por favor, envíenme el número de seguimiento.
¡Gracias por su ayuda!
Où est ma commande ? Je l'ai commandée la semaine dernière.
Mon colis n'est pas encore arrivé.
Combien coûtent les droits de douane ?
Je voudrais retourner les chaussures de randonnée.
Puis-je payer par carte de crédit ?
La veste est trop petite, puis-je l'échanger ?
Merci de m'envoyer le numéro de suivi.
Merci pour votre aide !
Wo ist meine Bestellung? Ich habe das Zelt letzte Woche bestellt.
Mein Paket ist noch nicht angekommen.
Wie hoch sind die Zollgebühren?
Ich möchte die Wanderschuhe zurückgeben.
Kann ich mit Kreditkarte bezahlen?
Die Jacke ist zu klein.
Bitte senden Sie mir die Sendungsnummer.
Vielen Dank für Ihre Hilfe!
"""

NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German"}


def build_argos_package(folder: Path, source: str, target: str, *, sentence_splitter: bool = True) -> Path:
    """Write ``translate-SOURCE_TARGET-1_0.argosmodel`` into ``folder`` and return its path.

    Without ``sentence_splitter`` the package has no ``minisbd/`` folder, like the packages
    for which argostranslate would download a splitter."""
    name = f"translate-{source}_{target}-1_0"
    with tempfile.TemporaryDirectory() as work:
        package = Path(work) / name
        package.mkdir()
        _train_sentencepiece(Path(work), package / "sentencepiece.model")
        _convert_random_marian(Path(work) / "hf", package, seed=zlib.crc32(name.encode()))
        if sentence_splitter:
            (package / "minisbd").mkdir()
            _write_splitter(package / "minisbd" / f"{source}.onnx", source)
        metadata = {
            "package_version": "1.0",
            "argos_version": "1.11.0",
            "from_code": source,
            "from_name": NAMES.get(source, source),
            "to_code": target,
            "to_name": NAMES.get(target, target),
            "type": "translate",
            "links": [],
        }
        (package / "metadata.json").write_text(json.dumps(metadata, indent=2))
        (package / "README.md").write_text(f"Test fixture: random weights, {source} to {target}.\n")
        out = Path(folder) / f"{name}.argosmodel"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(package.rglob("*")):
                if file.is_file():
                    archive.write(file, file.relative_to(work))
    return out


def _train_sentencepiece(work: Path, model: Path) -> None:
    import sentencepiece as spm

    corpus = work / "corpus.txt"
    corpus.write_text(CORPUS, encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(model.with_suffix("")), vocab_size=120,
        hard_vocab_limit=False, num_threads=1, minloglevel=2,
    )  # fmt: skip


def _convert_random_marian(hf: Path, package: Path, seed: int) -> None:
    """A random Marian model saved as Transformers would, then converted by CTranslate2."""
    import ctranslate2
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    hf.mkdir()
    spm_model = str(package / "sentencepiece.model")
    processor = spm.SentencePieceProcessor(model_file=spm_model)
    vocab = {processor.id_to_piece(i): i for i in range(processor.get_piece_size())}
    vocab["<pad>"] = len(vocab)  # Marian's pad comes last; the converter drops it again
    (hf / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    MarianTokenizer(source_spm=spm_model, target_spm=spm_model, vocab=str(hf / "vocab.json")).save_pretrained(hf)

    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(vocab), d_model=32, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=512, pad_token_id=vocab["<pad>"], decoder_start_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"], forced_eos_token_id=vocab["</s>"],
    )  # fmt: skip
    MarianMTModel(config).eval().save_pretrained(hf)
    ctranslate2.converters.TransformersConverter(str(hf)).convert(str(package / "model"))


def _write_splitter(path: Path, lang: str) -> None:
    """A MiniSBD model: per character, logits over MiniSBD's five labels, looked up in a table.

    Label 1 ends a token, label 2 ends a token and a sentence; every character ends a token,
    and ``.``, ``!`` and ``?`` end a sentence."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    units = ["<PAD>", "<UNK>", ".", "!", "?"]
    table = np.zeros((len(units), 5), dtype=np.float32)
    table[:2, 1] = 1.0
    table[2:, 2] = 1.0
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "units"], ["logits"], axis=0)],
        "sentence-splitter",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "chars", "features"]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", 5])],
        initializer=[numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_id2unit": units, "_unit2id": {unit: i for i, unit in enumerate(units)}}  # fmt: skip
    helper.set_model_props(model, {
        "lang_code": lang,
        "config": json.dumps({"feat_funcs": [], "max_seqlen": 1000, "batch_size": 1}),
        "vocab": json.dumps(vocab),
        "lexicon": "null",
    })  # fmt: skip
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
